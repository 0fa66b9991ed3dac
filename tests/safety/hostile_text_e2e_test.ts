/**
 * Hostile text from outside, through the webhook and the API: NUL and every other control
 * character, zero-width splits of contacts, right-to-left overrides, look-alike letters and
 * 4096-character messages. Always a 200 (webhook) or a 4xx (API), a clear Russian answer, and
 * nothing stored that should not be.
 */
import assert from "node:assert/strict";
import { createApiApp } from "../../shared/api/create_api_app.ts";
import { buildMiniAppApi } from "../../shared/api/build_mini_app_api.ts";
import { signInitData } from "../../shared/matching/init_data.ts";
import { createPrometheusMetrics } from "../../shared/metrics/prometheus.ts";
import { ManualClock } from "../../shared/platform/clock.ts";
import { createMemoryRateLimiter } from "../../shared/platform/rate_limiter.ts";
import { onboardUser, startChat } from "../chat/fixtures.ts";
import { startTestBot, type TestBot } from "../support/harness.ts";
import { createTestDb } from "../support/test_db.ts";
import { textUpdate, user } from "../support/updates.ts";
import { lastMessage, press, say, userRow } from "../profile/helpers.ts";

const ZWSP = "\u200b";
const WORD_JOINER = "\u2060";
const RLO = "\u202e";
const PDF = "\u202c";
// Every C0 control but the line breaks and tab (\t, \n, \r), DEL and the C1 controls.
const CONTROLS = [
  ...Array.from({ length: 32 }, (_, i) => i).filter((i) => i !== 9 && i !== 10 && i !== 13),
  ...Array.from({ length: 33 }, (_, i) => 0x7f + i),
].map((cp) => String.fromCharCode(cp)).join("");
const INVISIBLE = new RegExp(
  String
    .raw`[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]`,
);

async function failedUpdates(h: TestBot): Promise<number> {
  const [row] = await h.db.query<{ n: number }>(
    "select count(*)::int as n from public.failed_updates",
  );
  return row!.n;
}

/** Posts like Telegram and insists on a 200, as Telegram would otherwise send it again. */
async function post(h: TestBot, update: ReturnType<typeof textUpdate>): Promise<void> {
  const response = await h.post(update);
  assert.equal(response.status, 200);
  await response.body?.cancel();
}

Deno.test("hostile text in onboarding is cleaned or refused, never stored raw", async (t) => {
  const h = await startTestBot();
  const vera = user(750_001, "Вера");
  try {
    await say(h, vera, "/start");
    await press(h, vera, "pr:rules");
    await say(h, vera, "1992");

    await t.step("contacts split by invisible characters are refused as a pseudonym", async () => {
      const attempts = [
        ["+7" + ZWSP + "912" + ZWSP + "345" + WORD_JOINER + "67" + ZWSP + "89", /телефон/],
        ["@iv" + WORD_JOINER + "an" + ZWSP + "_real", /@username/],
        ["ivan" + ZWSP + "@mail" + ZWSP + ".ru", /почт/],
        ["t" + ZWSP + ".me/" + ZWSP + "ivan", /ссылк/],
      ] as const;
      let caught = 0;
      for (const [text, answer] of attempts) {
        await post(h, textUpdate(vera, text));
        if (answer.test(lastMessage(h, vera.id)!.text)) caught++;
        assert.equal((await userRow(h, vera.id))?.pseudonym, null);
      }
      assert.equal(caught, attempts.length, `${caught} of ${attempts.length} caught`);
    });

    await t.step("look-alike letters do not hide a username", async () => {
      // Cyrillic а, е, о, р, і in an otherwise Latin handle.
      await post(h, textUpdate(vera, "@іvаn_реtrоv"));
      assert.match(lastMessage(h, vera.id)!.text, /@username/);
      assert.equal((await userRow(h, vera.id))?.pseudonym, null);
    });

    await t.step("NUL and control characters are dropped from what is kept", async () => {
      await post(h, textUpdate(vera, "Ти\u0000хая" + CONTROLS.slice(0, 5) + " Гавань"));
      assert.equal((await userRow(h, vera.id))?.pseudonym, "Тихая Гавань");
      await press(h, vera, "pr:tz:msk");
      await press(h, vera, "pr:tg:experience");
      await press(h, vera, "pr:tt:relocation");
      await press(h, vera, "pr:tt:burnout");
      await press(h, vera, "pr:td");
      await press(h, vera, "pr:ti:burnout");
      await press(h, vera, "pr:tk");
      await post(
        h,
        textUpdate(vera, `Люблю\u0000 книги${CONTROLS} и ${RLO}йач${PDF}${ZWSP} по вечерам`),
      );
      const bio = (await userRow(h, vera.id))?.bio ?? "";
      assert.equal(bio, "Люблю книги и чай по вечерам");
      assert.doesNotMatch(bio, INVISIBLE);
      assert.equal(await failedUpdates(h), 0);
    });
  } finally {
    await h.close();
  }
});

Deno.test("hostile text in a chat: what is relayed is what was checked", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris } = await startChat(h, [751_001, 751_002]);
    const relayedToBoris = () => {
      const call = h.telegram.calls.filter((c) =>
        (c.method === "sendMessage" || c.method === "copyMessage") &&
        Number(c.payload.chat_id) === boris.id && !c.failed
      ).at(-1);
      return call!;
    };

    await t.step("a phone split by zero-width spaces is masked", async () => {
      h.telegram.clear();
      await post(h, textUpdate(anna, `Звони 8${ZWSP}912${ZWSP}345${WORD_JOINER}67${ZWSP}89`));
      const sent = relayedToBoris();
      assert.equal(sent.method, "sendMessage");
      assert.match(sent.payload.text, /\[скрыто\]/);
      assert.doesNotMatch(sent.payload.text.replace(/\D/g, ""), /912/);
      assert.doesNotMatch(sent.payload.text, INVISIBLE);
    });

    await t.step("a right-to-left override cannot turn a phone around", async () => {
      h.telegram.clear();
      // A reader sees "+7 912 345-67-89".
      await post(h, textUpdate(anna, `пиши ${RLO}98-76-543 219 7+${PDF}`));
      const sent = relayedToBoris();
      assert.match(sent.payload.text, /\[скрыто\]/);
      assert.doesNotMatch(sent.payload.text, /\u202e/);
    });

    await t.step("look-alike letters in a link are caught", async () => {
      h.telegram.clear();
      await post(h, textUpdate(anna, "мой канал t.mе/ivan_petrov (там всё)"));
      const sent = relayedToBoris();
      assert.doesNotMatch(sent.payload.text, /ivan_petrov/);
      assert.match(h.telegram.lastTextTo(anna.id)!, /скрыл/);
    });

    await t.step("control characters are taken out of a relayed text", async () => {
      h.telegram.clear();
      await post(h, textUpdate(anna, `Привет\u0000${CONTROLS}, как ты?`));
      const sent = relayedToBoris();
      assert.equal(sent.payload.text, "Привет, как ты?");
    });

    await t.step(
      "a 4096-character message arrives whole; one with invisibles, cleaned",
      async () => {
        h.telegram.clear();
        const long = "Длинное письмо. ".repeat(256); // 4096 characters
        await post(h, textUpdate(anna, long));
        assert.equal(relayedToBoris().method, "copyMessage", "unchanged text is copied as is");
        h.telegram.clear();
        const padded = (ZWSP + "а").repeat(2048);
        await post(h, textUpdate(anna, padded));
        const sent = relayedToBoris();
        assert.equal(sent.payload.text, "а".repeat(2048));
      },
    );

    await t.step(
      "text that grows past Telegram's limit when normalised is sent back politely",
      async () => {
        h.telegram.clear();
        // "ﬁ" becomes "fi": 4096 characters would become 8192.
        await post(h, textUpdate(anna, "ﬁ".repeat(4096)));
        assert.equal(relayedToBoris(), undefined, "nothing half-done reaches the partner");
        assert.match(h.telegram.lastTextTo(anna.id)!, /слишком длинное/);
      },
    );

    await t.step("nothing failed and no text stayed behind", async () => {
      assert.equal(await failedUpdates(h), 0);
      const [row] = await h.db.query<{ n: number }>(
        "select count(*)::int as n from public.outbox where kind = 'relay'",
      );
      assert.equal(row!.n, 0);
      const [inbox] = await h.db.query<{ n: number }>(
        "select count(*)::int as n from public.update_inbox",
      );
      assert.equal(inbox!.n, 0);
    });
  } finally {
    await h.close();
  }
});

Deno.test("hostile bodies to the Mini App API get a 4xx, never a 500", async () => {
  const db = await createTestDb();
  const token = "123456:TEST-token-for-the-mini-app-api";
  const clock = new ManualClock(new Date());
  const app = createApiApp({ db, metrics: createPrometheusMetrics() }, [{
    path: "/",
    app: buildMiniAppApi({
      db,
      botToken: token,
      clock,
      rateLimiter: createMemoryRateLimiter({ limit: 1000, windowSeconds: 60, clock }),
    }),
  }]);
  try {
    const anna = await onboardUser(db, 752_001);
    const initData = await signInitData({
      auth_date: String(Math.floor(clock.now().getTime() / 1000)),
      user: JSON.stringify({ id: anna.id, first_name: "Ан\u0000на" }),
    }, token);
    const bodies = [
      JSON.stringify({ match_id: "5b0a3f4e-7d2c-4b1a-9e8f-0123456789ab\u0000" }),
      JSON.stringify({ match_id: `${RLO}5b0a3f4e-7d2c-4b1a-9e8f-0123456789ab`, accept: true }),
      JSON.stringify({ match_id: "x".repeat(4096), accept: "\u0000" }),
      `{"match_id": "\ud800", "accept": true}`,
      "\u0000".repeat(1000),
    ];
    for (const body of bodies) {
      const res = await app.request("/api/match/confirm", {
        method: "POST",
        headers: { authorization: `tma ${initData}`, "content-type": "application/json" },
        body,
      });
      assert.ok(res.status >= 400 && res.status < 500, `answered ${res.status}`);
      const answer = await res.json();
      assert.equal(typeof answer.error?.message, "string");
    }
    // initData with a NUL slipped in is simply not valid.
    const res = await app.request("/api/match/status", {
      method: "GET",
      headers: { authorization: `tma ${initData}&extra=%00` },
    });
    assert.equal(res.status, 401);
    await res.body?.cancel();
  } finally {
    await db.close();
  }
});
