/**
 * Escalating sanctions, from outside: repeated abuse in chats earns a warning, then a mute,
 * then a temporary ban, then a ban. Each mute or ban ends the chat; the partner is told only that
 * it ended. A restricted user cannot search (bot or Mini App), is told so politely, can still
 * /delete, and deleting does not undo a ban.
 */
import assert from "node:assert/strict";
import type { TestBot } from "../support/harness.ts";
import { startTestBot } from "../support/harness.ts";
import { callbackUpdate, textUpdate } from "../support/updates.ts";
import { loadI18n } from "../../shared/bot/texts.ts";
import { translatorFor } from "../../shared/notifications/translate.ts";
import { sanctionNotice } from "../../shared/safety/sanctions.ts";
import { buttonsOf, type OnboardedUser, onboardUser, proposalMatchId } from "../chat/fixtures.ts";

/** Both search and accept: an active chat between two onboarded users. */
async function pairUp(h: TestBot, a: OnboardedUser, b: OnboardedUser): Promise<string> {
  await h.post(textUpdate(a, "/find"));
  await h.post(textUpdate(b, "/find"));
  const matchId = proposalMatchId(h.telegram, a.id);
  await h.post(callbackUpdate(a, `m:y:${matchId}`));
  await h.post(callbackUpdate(b, `m:y:${matchId}`));
  const [match] = await h.db.query<{ state: string }>(
    "select state from public.matches where id = $1",
    [matchId],
  );
  assert.equal(match?.state, "active");
  return matchId;
}

/** Ends the sanction in force now, as if its time had passed. */
async function letSanctionRunOut(h: TestBot, userId: string): Promise<void> {
  await h.db.query(
    `update public.sanctions set ends_at = now() - interval '1 second'
      where user_id = $1 and ends_at > now()`,
    [userId],
  );
}

const messagesTo = (h: TestBot, chatId: number) =>
  h.telegram.calls
    .filter((c) =>
      ["sendMessage", "copyMessage", "editMessageText"].includes(c.method) &&
      Number(c.payload.chat_id) === chatId
    )
    .map((c) => String(c.payload.text ?? ""));

Deno.test("repeated abuse: warning, mute, temporary ban, ban", async (t) => {
  const h = await startTestBot();
  try {
    const anna = await onboardUser(h.db, 790_001, { pseudonym: "Сова" });
    const boris = await onboardUser(h.db, 790_002, { pseudonym: "Ёж" });
    const carol = await onboardUser(h.db, 790_003, { pseudonym: "Лиса" });
    const dima = await onboardUser(h.db, 790_004, { pseudonym: "Барсук" });
    const matchWithBoris = await pairUp(h, anna, boris);

    await t.step("one insult is refused, with no sanction yet", async () => {
      h.telegram.clear();
      await h.post(textUpdate(anna, "ты дура"));
      assert.deepEqual(messagesTo(h, boris.id), []);
      assert.equal(messagesTo(h, anna.id).length, 1);
      assert.match(messagesTo(h, anna.id)[0]!, /не передал/);
    });

    await t.step("a second one brings a warning; the chat goes on", async () => {
      h.telegram.clear();
      await h.post(textUpdate(anna, "ну ты и урод"));
      const toAnna = messagesTo(h, anna.id);
      assert.equal(toAnna.length, 2, "the refusal, then the warning");
      assert.match(toAnna[1]!, /Предупреждение/);
      assert.deepEqual(messagesTo(h, boris.id), []);
      await h.post(textUpdate(anna, "Прости, я погорячилась."));
      assert.equal(messagesTo(h, boris.id).length, 1, "a kind message still goes through");
    });

    await t.step("two more: a mute; the chat ends and the partner is not told why", async () => {
      h.telegram.clear();
      await h.post(textUpdate(anna, "я тебя найду"));
      await h.post(textUpdate(anna, "тупая овца"));
      const toAnna = messagesTo(h, anna.id);
      assert.match(toAnna.at(-1)!, /закрыт на 30 минут/);
      const toBoris = messagesTo(h, boris.id);
      assert.equal(toBoris.length, 1);
      assert.match(toBoris[0]!, /чат завершён/);
      assert.doesNotMatch(toBoris[0]!, /груб|оскорб|наруш|огранич|бан/i);
      const [match] = await h.db.query<{ state: string; end_reason: string }>(
        "select state, end_reason from public.matches where id = $1",
        [matchWithBoris],
      );
      assert.deepEqual({ ...match }, { state: "ended", end_reason: "sanction" });
    });

    await t.step(
      "while muted: /find is refused with the time left, nothing is queued",
      async () => {
        h.telegram.clear();
        await h.post(textUpdate(anna, "/find"));
        assert.match(messagesTo(h, anna.id)[0]!, /снова станут доступны через \d+ минут/);
        const [queued] = await h.db.query<{ n: number }>(
          "select count(*)::int as n from public.match_queue where user_id = $1",
          [anna.userId],
        );
        assert.equal(queued?.n, 0);
        await h.post(textUpdate(anna, "привет?"));
        assert.deepEqual(messagesTo(h, boris.id), [], "nothing reaches the old partner");
      },
    );

    await t.step("after the mute: abuse again earns a temporary ban of 7 days", async () => {
      await letSanctionRunOut(h, anna.userId);
      await pairUp(h, anna, carol);
      h.telegram.clear();
      await h.post(textUpdate(anna, "ты дура"));
      await h.post(textUpdate(anna, "заткнись, идиотка"));
      assert.match(messagesTo(h, anna.id).at(-1)!, /закрыт на 7 дней/);
      assert.match(messagesTo(h, carol.id)[0]!, /чат завершён/);
    });

    await t.step("after that: a ban, told once, and /find refused politely", async () => {
      await letSanctionRunOut(h, anna.userId);
      await pairUp(h, anna, dima);
      h.telegram.clear();
      await h.post(textUpdate(anna, "ты дура"));
      await h.post(textUpdate(anna, "ты урод"));
      const banNotices = messagesTo(h, anna.id).filter((text) => /серьёзного нарушения/.test(text));
      assert.equal(banNotices.length, 1);
      assert.match(messagesTo(h, dima.id)[0]!, /чат завершён/);
      h.telegram.clear();
      await h.post(textUpdate(anna, "/find"));
      await h.post(textUpdate(anna, "/next"));
      for (const text of messagesTo(h, anna.id)) assert.match(text, /закрыты/);
      assert.equal(messagesTo(h, anna.id).filter((x) => /серьёзного/.test(x)).length, 0);
    });

    await t.step("every step is in the audit log, with no text", async () => {
      const events = await h.db.query<{ event: string; data: Record<string, unknown> }>(
        `select event, data from public.domain_events
          where user_id = $1 and event in ('user.sanctioned', 'safety.toxic_refused')
          order by id`,
        [anna.userId],
      );
      const kinds = events.filter((e) => e.event === "user.sanctioned").map((e) => e.data.kind);
      assert.deepEqual(kinds, ["warning", "mute", "temp_ban", "ban"]);
      assert.equal(events.filter((e) => e.event === "safety.toxic_refused").length, 8);
      const dump = JSON.stringify(
        await h.db.query("select * from public.toxicity_strikes where user_id = $1", [anna.userId]),
      ) + JSON.stringify(events);
      assert.doesNotMatch(dump, /дура|урод|найду|овца|идиот/);
    });

    await t.step("a banned user can still /delete, and starting over keeps the ban", async () => {
      h.telegram.clear();
      await h.post(textUpdate(anna, "/delete"));
      const confirm = h.telegram.calls.filter((c) => Number(c.payload.chat_id) === anna.id)
        .map((c) => buttonsOf(c.payload)).flat()[0]!;
      await h.post(callbackUpdate(anna, confirm));
      assert.match(messagesTo(h, anna.id).at(-1)!, /данные удалены/);
      const [gone] = await h.db.query<{ n: number }>(
        "select count(*)::int as n from public.users where tg_id = $1",
        [anna.id],
      );
      assert.equal(gone?.n, 0);

      const again = await onboardUser(h.db, anna.id, { pseudonym: "Новая" });
      h.telegram.clear();
      await h.post(textUpdate(again, "/find"));
      assert.match(messagesTo(h, anna.id)[0]!, /Поиск и чаты для вас закрыты/);
    });
  } finally {
    await h.close();
  }
});

Deno.test("warnings expire: after 30 days the ladder starts again from a warning", async () => {
  const h = await startTestBot();
  try {
    const anna = await onboardUser(h.db, 791_001);
    const boris = await onboardUser(h.db, 791_002);
    await pairUp(h, anna, boris);
    await h.post(textUpdate(anna, "ты дура"));
    await h.post(textUpdate(anna, "ты дура"));
    await h.db.query(
      `update public.sanctions set created_at = now() - interval '31 days' where user_id = $1`,
      [anna.userId],
    );
    await h.db.query(
      `update public.toxicity_strikes set created_at = now() - interval '31 days'
        where user_id = $1`,
      [anna.userId],
    );
    h.telegram.clear();
    await h.post(textUpdate(anna, "ты дура"));
    await h.post(textUpdate(anna, "ты дура"));
    assert.match(messagesTo(h, anna.id).at(-1)!, /Предупреждение/);
    const kinds = await h.db.query<{ kind: string }>(
      "select kind from public.sanctions where user_id = $1 order by id",
      [anna.userId],
    );
    assert.deepEqual(kinds.map((k) => k.kind), ["warning", "warning"]);
  } finally {
    await h.close();
  }
});

Deno.test("sanctionNotice() follows the decision's reason", async () => {
  const t = translatorFor(await loadI18n());
  const mute = (reason?: "toxicity" | "report" | "moderator") =>
    sanctionNotice(t, { kind: "mute", reason, minutes: 90 });
  assert.match(mute("toxicity"), /грубых сообщений.*на 90 минут/s);
  assert.match(mute("report"), /жалобу на вас.*на 90 минут/s);
  assert.match(mute("moderator"), /Модератор закрыл.*на 90 минут/s);
  assert.match(mute(), /Модератор закрыл/, "an unknown reason blames nobody's messages");
  for (const reason of ["report", "moderator"] as const) {
    assert.doesNotMatch(mute(reason), /грубых/);
    assert.doesNotMatch(sanctionNotice(t, { kind: "warning", reason }), /грубыми|не передал/);
  }
  assert.match(sanctionNotice(t, { kind: "warning", reason: "toxicity" }), /не передал/);
});
