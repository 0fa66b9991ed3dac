import assert from "node:assert/strict";
import { loadI18n } from "../../shared/bot/texts.ts";
import type { Embedder } from "../../shared/embedding/embedder.ts";
import { translatorFor } from "../../shared/notifications/translate.ts";
import { onboardUser } from "../chat/fixtures.ts";
import { personState, startMiniAppApi } from "./mini_app_fixture.ts";

const t = translatorFor(await loadI18n());

Deno.test("GET/PATCH /profile and GET /topics: the bot's checks, its reasons, all or nothing", async (t2) => {
  const embedded: string[] = [];
  const embedder: Embedder = {
    model: "test-embedder",
    dimensions: 384,
    embed: (text: string) => {
      embedded.push(text);
      return Promise.resolve(Array.from({ length: 384 }, (_, i) => (i === 0 ? 1 : 0)));
    },
  } as unknown as Embedder;
  const { db, request, close } = await startMiniAppApi({ embedder });
  try {
    const anna = await onboardUser(db, 910_001, { topics: 3 });

    await t2.step("GET /profile: the card, the time zones in Russian, the limits", async () => {
      const res = await request(anna.id, "GET", "/profile");
      assert.equal(res.status, 200);
      assert.equal(res.body.profile.pseudonym, anna.pseudonym);
      assert.equal(res.body.profile.topics.length, 3);
      assert.equal(
        res.body.profile.topics.filter((x: { important: boolean }) => x.important).length,
        1,
      );
      assert.deepEqual(res.body.timezones.find((z: { code: string }) => z.code === "msk"), {
        code: "msk",
        name: "Москва",
        utc_offset_minutes: 180,
      });
      assert.deepEqual(res.body.limits, {
        bio_max: 160,
        topics_min: 2,
        topics_max: 10,
        important_max: 3,
      });
      assert.equal(res.headers.get("cache-control"), "private, no-store");
    });

    await t2.step("GET /topics: the catalogue by group with the selection marked", async () => {
      const res = await request(anna.id, "GET", "/topics");
      assert.equal(res.status, 200);
      assert.equal(res.body.count, 3);
      assert.equal(res.body.important_count, 1);
      const first = res.body.groups[0];
      assert.deepEqual([first.slug, first.title], ["experience", "Жизненный опыт"]);
      const all = res.body.groups.flatMap((g: { topics: unknown[] }) => g.topics);
      assert.ok(all.length > 20);
      assert.equal(all.filter((x: { selected: boolean }) => x.selected).length, 3);
    });

    await t2.step(
      "PATCH: every field at once, checked and saved; the embedding follows",
      async () => {
        const res = await request(anna.id, "PATCH", "/profile", {
          bio: "  Переехала в новый город, учусь жить заново.  ",
          purpose: "friendship",
          available_hours: [20, 21, 7, 20],
          timezone: "Екатеринбург",
          topics: ["relocation", "career_change", "new_parenthood"],
          important: ["relocation", "new_parenthood"],
        });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        const p = res.body.profile;
        assert.equal(p.bio, "Переехала в новый город, учусь жить заново.");
        assert.equal(p.purpose, "friendship");
        assert.deepEqual(p.available_hours, [7, 20, 21]);
        assert.deepEqual([p.timezone, p.utc_offset_minutes, p.country], [
          "Asia/Yekaterinburg",
          300,
          "RU",
        ]);
        assert.deepEqual(
          p.topics.map((x: { slug: string; important: boolean }) => [x.slug, x.important]),
          [["relocation", true], ["career_change", false], ["new_parenthood", true]],
        );
        assert.equal(res.body.crisis, false);
        assert.match(embedded.at(-1)!, /Переезд в другой город.*Переехала в новый город/);
        const [events] = await db.query<{ n: number }>(
          `select count(*)::int as n from public.domain_events
          where user_id = $1 and event = 'profile.updated' and data ->> 'source' = 'api'`,
          [anna.userId],
        );
        assert.equal(events!.n, 5);
      },
    );

    await t2.step(
      "a typed offset as the bot takes it; important kept for topics that stay",
      async () => {
        const res = await request(anna.id, "PATCH", "/profile", {
          timezone: "UTC+5:30",
          topics: ["relocation", "career_change"],
        });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.deepEqual([res.body.profile.timezone, res.body.profile.utc_offset_minutes], [
          "UTC+5:30",
          330,
        ]);
        assert.deepEqual(
          res.body.profile.topics.filter((x: { important: boolean }) => x.important)
            .map((x: { slug: string }) => x.slug),
          ["relocation"],
        );
        const cleared = await request(anna.id, "PATCH", "/profile", { bio: null });
        assert.equal(cleared.body.profile.bio, null);
      },
    );

    await t2.step(
      "bad input is refused with the bot's own reason and changes nothing",
      async () => {
        const before = await personState(db, anna.id);
        const cases: Array<[unknown, number, string, string]> = [
          [
            { bio: "Звоните: +7 916 123-45-67", purpose: "advice" },
            422,
            "bio_refused",
            t("profile-bio-phone"),
          ],
          [{ bio: "пишите на anna@example.com" }, 422, "bio_refused", t("profile-bio-email")],
          [{ bio: "Все вы тупые уроды" }, 422, "bio_refused", t("profile-bio-abusive")],
          [
            { bio: "я".repeat(161) },
            422,
            "bio_refused",
            t("profile-bio-too-long", { max: 160, length: 161 }),
          ],
          [
            { timezone: "Марс", purpose: "advice" },
            422,
            "timezone_refused",
            t("profile-timezone-format"),
          ],
          [{ timezone: "+15" }, 422, "timezone_refused", t("profile-timezone-format")],
          [
            { topics: ["relocation"], important: ["relocation"] },
            422,
            "topics_refused",
            t("profile-topics-too-few", { min: 2 }),
          ],
          [
            {
              topics: [
                "relocation",
                "emigration",
                "divorce",
                "breakup",
                "bereavement",
                "pet_loss",
                "job_loss",
                "career_change",
                "new_parenthood",
                "relative_illness",
                "chronic_illness",
              ],
              important: ["relocation"],
            },
            422,
            "topics_refused",
            t("profile-topics-too-many", { max: 10 }),
          ],
          [
            { topics: ["relocation", "divorce"], important: [] },
            422,
            "topics_refused",
            t("profile-important-none"),
          ],
          [
            {
              topics: ["relocation", "divorce", "breakup", "emigration"],
              important: ["relocation", "divorce", "breakup", "emigration"],
            },
            422,
            "topics_refused",
            t("profile-important-too-many", { max: 3 }),
          ],
          [
            { topics: ["relocation", "no_such_topic"], important: ["relocation"] },
            422,
            "topics_refused",
            t("api-error-topics-refused", { min: 2, max: 10, important: 3 }),
          ],
          [
            { topics: ["relocation", "divorce"], important: ["breakup"] },
            422,
            "topics_refused",
            t("api-error-topics-refused", { min: 2, max: 10, important: 3 }),
          ],
          [
            { available_hours: [] },
            422,
            "availability_refused",
            t("api-error-availability-refused"),
          ],
          [{ available_hours: [24] }, 400, "invalid_input", ""],
          [{ purpose: "money" }, 400, "invalid_input", ""],
          [{ nickname: "x" }, 400, "invalid_input", ""],
          [{}, 400, "invalid_input", ""],
          ["{not json", 400, "invalid_json", ""],
        ];
        for (const [body, status, code, message] of cases) {
          const res = await request(anna.id, "PATCH", "/profile", body);
          const what = JSON.stringify(body);
          assert.equal(res.status, status, what);
          assert.equal(res.body.error.code, code, what);
          if (message) assert.equal(res.body.error.message, message, what);
          else assert.match(res.body.error.message, /^[А-Я]/u, what);
        }
        assert.equal(await personState(db, anna.id), before);
      },
    );

    await t2.step("a bio that sounds like a crisis is kept, and the client is told", async () => {
      const res = await request(anna.id, "PATCH", "/profile", {
        bio: "Иногда мне не хочется жить, ищу тех, кто понимает",
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.crisis, true);
    });

    await t2.step(
      "without initData 401; unknown 404 not_registered; mid-onboarding 409",
      async () => {
        for (
          const [method, path] of [["GET", "/profile"], ["PATCH", "/profile"], ["GET", "/topics"]]
        ) {
          const body = method === "PATCH" ? { purpose: "advice" } : undefined;
          const anonymous = await request(null, method!, path!, body);
          assert.equal(anonymous.status, 401);
          assert.match(anonymous.body.error.message, /заново из Telegram/);
          const stranger = await request(910_099, method!, path!, body);
          assert.deepEqual([stranger.status, stranger.body.error.code], [404, "not_registered"]);
        }
        await db.query(
          `insert into public.users (tg_id, rules_accepted_at, onboarding_step) values ($1, now(), 'topics')`,
          [910_002],
        );
        const before = await personState(db, 910_002);
        const early = await request(910_002, "PATCH", "/profile", { purpose: "advice" });
        assert.deepEqual([early.status, early.body.error.code], [409, "profile_incomplete"]);
        assert.equal(await personState(db, 910_002), before);
      },
    );
  } finally {
    await close();
  }
});
