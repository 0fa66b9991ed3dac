/**
 * Abuse and crisis in what others will read of a profile, from outside: a rude pseudonym or an
 * abusive bio is refused with the reason, a pseudonym that is a crisis statement is refused
 * kindly with the crisis lines and never stored, so no one else ever sees it.
 */
import assert from "node:assert/strict";
import { startTestBot } from "../support/harness.ts";
import { user } from "../support/updates.ts";
import { lastMessage, press, say, userRow } from "./helpers.ts";

Deno.test("a rude pseudonym or an abusive bio is refused and says why", async (t) => {
  const app = await startTestBot();
  const vlad = user(4101, "Влад");
  try {
    await say(app, vlad, "/start");
    await press(app, vlad, "pr:rules");
    await say(app, vlad, "1988");

    for (const pseudonym of ["Тупая Овца", "Хуйло", "Ч у р к а"]) {
      await t.step(`pseudonym «${pseudonym}» is refused`, async () => {
        await say(app, vlad, pseudonym);
        assert.match(lastMessage(app, vlad.id)!.text, /грубое или оскорбительное слово/);
        const row = await userRow(app, vlad.id);
        assert.equal(row?.pseudonym, null);
        assert.equal(row?.awaiting_input, "pseudonym");
      });
    }

    await t.step("a harmless one that only looks close is taken", async () => {
      await say(app, vlad, "Мудрый Филин");
      assert.equal((await userRow(app, vlad.id))?.pseudonym, "Мудрый Филин");
    });

    await press(app, vlad, "pr:tz:msk");
    await press(app, vlad, "pr:tg:experience");
    await press(app, vlad, "pr:tt:relocation");
    await press(app, vlad, "pr:tt:burnout");
    await press(app, vlad, "pr:td");
    await press(app, vlad, "pr:ti:burnout");
    await press(app, vlad, "pr:tk");

    await t.step("a bio with a slur and a call for violence is refused", async () => {
      await say(app, vlad, "Ненавижу хохлов, всех бы перестрелял");
      assert.match(lastMessage(app, vlad.id)!.text, /оскорбление, угроза/);
      const row = await userRow(app, vlad.id);
      assert.equal(row?.bio, null);
      assert.equal(row?.onboarding_step, "bio");
    });

    await t.step("venting about someone else is a bio like any other", async () => {
      await say(app, vlad, "Бывший начальник был мудаком, теперь учусь жить заново");
      assert.match((await userRow(app, vlad.id))!.bio!, /^Бывший начальник/);
    });
  } finally {
    await app.close();
  }
});

Deno.test("a crisis pseudonym is refused kindly with the crisis lines and never stored", async (t) => {
  const app = await startTestBot();
  const lena = user(4201, "Лена");
  try {
    await say(app, lena, "/start");
    await press(app, lena, "pr:rules");
    await say(app, lena, "1995");

    await t.step(
      "the pseudonym is not stored; a kind refusal and the crisis lines come",
      async () => {
        app.telegram.clear();
        await say(app, lena, "Хочу умереть");
        const texts = app.telegram.textsTo(lena.id);
        assert.match(texts[0]!, /Такой псевдоним я не сохраню/);
        assert.match(texts[0]!, /вы не одни/i);
        assert.ok(texts.some((text) => /112/.test(text)), "the crisis lines");
        assert.doesNotMatch(texts.join("\n"), /слишком|оскорбительн/);
        const row = await userRow(app, lena.id);
        assert.equal(row?.pseudonym, null);
        assert.equal(row?.awaiting_input, "pseudonym");
        const flags = await app.db.query<{ source: string }>(
          `select f.source from public.safety_flags f
           join public.users u on u.id = f.user_id where u.tg_id = $1`,
          [lena.id],
        );
        assert.deepEqual(flags.map((f) => f.source), ["onboarding"]);
      },
    );

    await t.step("a second try within the hour still gets the lines", async () => {
      app.telegram.clear();
      await say(app, lena, "Не хочу жить");
      const texts = app.telegram.textsTo(lena.id);
      assert.match(texts[0]!, /Такой псевдоним я не сохраню/);
      assert.ok(texts.some((text) => /112/.test(text)));
      assert.equal((await userRow(app, lena.id))?.pseudonym, null);
    });

    await t.step("then a neutral pseudonym is taken as usual", async () => {
      await say(app, lena, "Тихая Гавань");
      const row = await userRow(app, lena.id);
      assert.equal(row?.pseudonym, "Тихая Гавань");
      assert.equal(row?.onboarding_step, "timezone");
    });

    await t.step("no name anyone sees ever held the crisis words", async () => {
      const rows = await app.db.query<{ n: number }>(
        "select count(*)::int as n from public.users where pseudonym ilike '%умереть%' " +
          "or pseudonym ilike '%жить%'",
      );
      assert.equal(rows[0]!.n, 0);
    });
  } finally {
    await app.close();
  }
});
