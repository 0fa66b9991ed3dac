import assert from "node:assert/strict";
import { createHintService } from "../../shared/coach/hint_service.ts";
import { createMemoryContextStore } from "../../shared/coach/context_store.ts";
import { createRuleCoach } from "../../shared/coach/rule_coach.ts";
import { loadI18n } from "../../shared/bot/texts.ts";
import { translatorFor } from "../../shared/notifications/translate.ts";
import { createPrometheusMetrics } from "../../shared/metrics/prometheus.ts";
import { silentLogger } from "../../shared/platform/logger.ts";
import { ManualClock } from "../../shared/platform/clock.ts";
import { createTestDb } from "../support/test_db.ts";
import { startTestBot, type TestBot } from "../support/harness.ts";
import { callbackUpdate, textUpdate } from "../support/updates.ts";
import { buttonsOf, startChat } from "../chat/fixtures.ts";

/** A bot whose coach runs in every chat (rollout 100 %), with the rule-based coach. */
async function startCoachedBot(
  store = createMemoryContextStore({ lines: 8, ttlSeconds: 600, clock: new ManualClock() }),
): Promise<TestBot> {
  const rules = createRuleCoach(translatorFor(await loadI18n()));
  return await startTestBot((db) => ({
    coach: createHintService({
      db,
      coach: rules,
      fallback: rules,
      metrics: createPrometheusMetrics(),
      logger: silentLogger,
      rolloutPercent: 100,
      store,
    }),
  }));
}

function markupOf(h: TestBot, method: string, chatId: number) {
  return h.telegram.callsOf(method, chatId).at(-1)?.payload.reply_markup;
}

Deno.test("the coach: a one-time explanation, opt-in, a hint only the reader sees, «Вставить»", async (t) => {
  const h = await startCoachedBot();
  try {
    const { anna, boris } = await startChat(h, [860_001, 860_002]);

    await t.step(
      "the first message Boris receives is followed by the explanation, once",
      async () => {
        h.telegram.clear();
        await h.post(textUpdate(anna, "Мне сейчас очень одиноко после переезда"));
        const texts = h.telegram.textsTo(boris.id);
        assert.equal(texts.length, 1);
        assert.match(texts[0]!, /ИИ-помощника/);
        assert.match(texts[0]!, /собеседник о них не узнаёт/);
        assert.deepEqual(buttonsOf(h.telegram.callsOf("sendMessage", boris.id)[0]!.payload), [
          "k:on",
          "k:off",
        ]);
        await h.post(textUpdate(anna, "Никого тут не знаю"));
        assert.equal(h.telegram.textsTo(boris.id).length, 1, "asked once only");
        assert.equal(h.telegram.textsTo(anna.id).length, 0, "Anna is not told anything");
      },
    );

    await t.step("after opting in, the copies Boris receives carry «💡 Подсказка»", async () => {
      await h.post(callbackUpdate(boris, "k:on"));
      assert.match(h.telegram.lastTextTo(boris.id)!, /Подсказки включены/);
      h.telegram.clear();
      await h.post(textUpdate(anna, "Вечерами особенно тоскливо и одиноко"));
      const markup = markupOf(h, "copyMessage", boris.id);
      assert.deepEqual(
        markup.inline_keyboard[0].map((b: { callback_data: string }) => b.callback_data),
        ["k:h"],
      );
      assert.equal(h.telegram.callsOf("copyMessage", boris.id)[0]!.payload.protect_content, true);
    });

    let firstHint = "";
    await t.step("the button gives 1-3 hints to Boris alone, each with «Вставить»", async () => {
      await h.post(textUpdate(boris, "Не переживай, всё будет хорошо"));
      h.telegram.clear();
      await h.post(callbackUpdate(boris, "k:h"));
      const answer = h.telegram.callsOf("answerCallbackQuery").at(-1)!;
      assert.match(answer.payload.text, /Думаю/);
      const hintMessage = h.telegram.callsOf("sendMessage", boris.id).at(-1)!;
      assert.match(hintMessage.payload.text, /видите только вы/);
      const buttons = hintMessage.payload.reply_markup.inline_keyboard.flat();
      assert.ok(buttons.length >= 1 && buttons.length <= 3);
      firstHint = buttons[0].switch_inline_query_current_chat;
      assert.ok(firstHint.length > 0 && firstHint.length <= 240);
      assert.ok(!/переживай/i.test(firstHint), "the rephrase replaces the dismissive phrase");
      assert.equal(h.telegram.callsOf("sendMessage", anna.id).length, 0, "Anna sees nothing");
      const rows = await h.db.query<{ hint_type: string; accepted_at: Date | null }>(
        "select hint_type, accepted_at from public.ai_hints",
      );
      assert.equal(rows.length, buttons.length);
      assert.ok(rows.every((row) => row.accepted_at === null));
    });

    await t.step(
      "sending the inserted hint relays it without the «@bot» prefix and counts it",
      async () => {
        h.telegram.clear();
        await h.post(textUpdate(boris, `@${h.telegram.botInfo.username} ${firstHint}`));
        const relayed = h.telegram.callsOf("sendMessage", anna.id).at(-1)!;
        assert.equal(relayed.payload.text, firstHint);
        const [row] = await h.db.query<{ n: number }>(
          "select count(*)::int as n from public.ai_hints where accepted_at is not null",
        );
        assert.equal(row!.n, 1);
      },
    );

    await t.step("a crisis flag on the chat turns hints into the SOS guidance", async () => {
      await h.db.query("update public.matches set coach_suppressed = true where state = 'active'");
      h.telegram.clear();
      await h.post(callbackUpdate(boris, "k:h"));
      const text = h.telegram.lastTextTo(boris.id)!;
      assert.match(text, /позаботиться о безопасности/);
      assert.match(text, /112/);
    });

    await t.step("/coach switches hints off", async () => {
      await h.post(textUpdate(boris, "/coach"));
      await h.post(callbackUpdate(boris, "k:off"));
      assert.match(h.telegram.lastTextTo(boris.id)!, /Подсказки выключены/);
      h.telegram.clear();
      await h.post(textUpdate(anna, "ещё тут?"));
      assert.equal(markupOf(h, "copyMessage", boris.id), undefined);
    });
  } finally {
    await h.close();
  }
});

Deno.test("the coach's context of a chat goes when the chat ends", async () => {
  const store = createMemoryContextStore({ lines: 8, ttlSeconds: 600, clock: new ManualClock() });
  const h = await startCoachedBot(store);
  try {
    const { anna, boris, matchId } = await startChat(h, [862_001, 862_002]);
    await h.post(callbackUpdate(boris, "k:on"));
    await h.post(textUpdate(anna, "Привет, меня зовут Анна Петрова, мой номер +7 912 345-67-89"));
    const [line] = await store.recent(matchId);
    assert.ok(line, "an opted-in chat keeps its lines");
    assert.ok(!/Анна|Петрова|912/.test(line.text), "anonymised before it is kept");
    await h.post(callbackUpdate(anna, "c:end:y"));
    assert.deepEqual(await store.recent(matchId), []);
  } finally {
    await h.close();
  }
});

Deno.test("the coach stays out of chats outside the rollout and of people who did not opt in", async () => {
  const db = await createTestDb();
  try {
    const rules = createRuleCoach(translatorFor(await loadI18n()));
    const service = createHintService({
      db,
      coach: rules,
      fallback: rules,
      metrics: createPrometheusMetrics(),
      logger: silentLogger,
      rolloutPercent: 0,
      store: createMemoryContextStore({ lines: 8, ttlSeconds: 600, clock: new ManualClock() }),
    });
    assert.equal((await service.hintsFor(861_001, { source: "bot" })).status, "not_registered");
  } finally {
    await db.close();
  }
});
