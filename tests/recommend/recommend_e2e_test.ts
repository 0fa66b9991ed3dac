import assert from "node:assert/strict";
import { startTestBot, type TestBot } from "../support/harness.ts";
import type { Update } from "grammy/types";
import { callbackUpdate, textUpdate } from "../support/updates.ts";
import {
  buttonsOf,
  lastWithButton,
  type OnboardedUser,
  onboardUser,
  proposalMatchId,
} from "../chat/fixtures.ts";
import { registerRecommendationMetrics } from "../../shared/recommend/recommend_metrics.ts";

/** Writes diary entries through the bot: /diary, «Просто написать», the texts, /done. */
async function writeDiary(h: TestBot, user: OnboardedUser, texts: string[]): Promise<void> {
  await h.post(textUpdate(user, "/diary"));
  await h.post(callbackUpdate(user, "d:w:-"));
  for (const text of texts) await h.post(textUpdate(user, text));
  await h.post(textUpdate(user, "/done"));
}

/** A tap on a button of a message the bot sent, carrying that message as Telegram does. */
function tapOn(
  user: OnboardedUser,
  message: { text: string; reply_markup?: unknown },
  data: string,
): Update {
  const update = callbackUpdate(user, data) as unknown as {
    callback_query: { message: Record<string, unknown> };
  };
  update.callback_query.message.text = message.text;
  update.callback_query.message.reply_markup = message.reply_markup;
  return update as unknown as Update;
}

/** The text of the last callback answer. */
function lastAnswer(h: TestBot): string | undefined {
  const call = h.telegram.callsOf("answerCallbackQuery").at(-1);
  return call?.payload.text as string | undefined;
}

type Button = { text: string; callback_data: string };

async function count(h: TestBot, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await h.db.query<{ n: number }>(
    `select count(*)::int as n from (${sql}) q`,
    params,
  );
  return row!.n;
}

const EXAM_NIGHTS = [
  "Опять не могу уснуть перед экзаменом, всю ночь ворочаюсь и думаю о сессии.",
  "Бессонница третью ночь подряд, утром экзамен по матанализу, тревожно.",
  "Сдала зачёт, но снова полночи не спала — сессия выматывает.",
];

Deno.test("/similar: a card, a tap, the ordinary proposal for both", async (t) => {
  const h = await startTestBot();
  try {
    const anna = await onboardUser(h.db, 930_001, { pseudonym: "Сова", firstName: "Анна" });
    const boris = await onboardUser(h.db, 930_002, { pseudonym: "Ёж", firstName: "Борис" });
    const vera = await onboardUser(h.db, 930_003, { pseudonym: "Лиса", firstName: "Вера" });

    await t.step(
      "without the switch, /similar explains it and offers to switch it on",
      async () => {
        await h.post(textUpdate(anna, "/similar"));
        const offer = lastWithButton(h.telegram, anna.id, "r:on")!;
        assert.match(offer.text, /разрешение/);
        assert.match(offer.text, /Тексты записей никто не увидит/);
        assert.equal(await count(h, "select 1 from public.recommendations"), 0);
      },
    );

    await t.step("switched on without a diary: nothing to compare with yet", async () => {
      await h.post(callbackUpdate(anna, "r:on"));
      assert.match(h.telegram.lastTextTo(anna.id)!, /не с чем сравнивать/);
      const [row] = await h.db.query<{ diary_matching: boolean }>(
        "select diary_matching from public.users where id = $1",
        [anna.userId],
      );
      assert.equal(row!.diary_matching, true);
    });

    await t.step("three people write about the same nights; two of them opt in", async () => {
      await writeDiary(h, anna, EXAM_NIGHTS);
      await writeDiary(h, boris, EXAM_NIGHTS.map((text) => text.replace("Сдала", "Сдал")));
      await writeDiary(h, vera, EXAM_NIGHTS);
      await h.post(textUpdate(boris, "/similar"));
      await h.post(callbackUpdate(boris, "r:on"));
      const portraits = await count(
        h,
        "select 1 from public.user_portraits where embedding is not null",
      );
      assert.equal(portraits, 3);
    });

    let cardId = "";
    let suggestions!: { text: string; reply_markup: { inline_keyboard: Button[][] } };
    await t.step(
      "the card shows Boris (never Vera), topics both chose, never the diary",
      async () => {
        h.telegram.clear();
        await h.post(textUpdate(anna, "/similar"));
        const texts = h.telegram.textsTo(anna.id);
        const card = lastWithButton(h.telegram, anna.id, "r:p:")!;
        assert.match(card.text, /Ёж/);
        assert.match(card.text, /Дневники очень похожи по темам/);
        // onboardUser gives everyone the same first three catalogue topics.
        assert.match(card.text, /Общее в анкетах: Переезд в другой город/);
        assert.ok(texts.every((text) => !/Лиса/.test(text)), "Vera did not opt in");
        assert.ok(!/Бессонница|Учёба|экзамен/i.test(card.text), "the diary stays private");
        cardId = buttonsOf(card)[0]!.slice("r:p:".length);
        assert.match(cardId, /^[0-9a-f-]{36}$/);
      },
    );

    await t.step("topics the diary is about are suggested for the profile", () => {
      suggestions = lastWithButton(h.telegram, anna.id, "r:t:") as typeof suggestions;
      assert.match(suggestions.text, /Добавить\?/);
      const labels = suggestions.reply_markup.inline_keyboard.flat().map((b) => b.text);
      assert.ok(labels.includes("➕ Бессонница"), labels.join(", "));
      assert.ok(suggestions.reply_markup.inline_keyboard.every((row) => row.length === 1));
    });

    await t.step("a card older than a day is stale: nothing happens", async () => {
      await h.db.query(
        "update public.recommendations set shown_at = shown_at - interval '25 hours' where id = $1",
        [cardId],
      );
      await h.post(callbackUpdate(anna, `r:p:${cardId}`));
      assert.match(lastAnswer(h)!, /устарела/);
      assert.equal(await count(h, "select 1 from public.matches"), 0);
      h.telegram.clear();
      await h.post(textUpdate(anna, "/similar"));
      cardId = buttonsOf(lastWithButton(h.telegram, anna.id, "r:p:")!)[0]!.slice("r:p:".length);
    });

    await t.step(
      "a tap: both get the ordinary proposal card; both accept, the chat starts",
      async () => {
        h.telegram.clear();
        await h.post(callbackUpdate(anna, `r:p:${cardId}`));
        assert.match(h.telegram.lastTextTo(anna.id)!, /Предложение отправлено/);
        const matchId = proposalMatchId(h.telegram, anna.id);
        assert.equal(proposalMatchId(h.telegram, boris.id), matchId);
        const card = lastWithButton(h.telegram, boris.id, "m:y:")!;
        assert.match(card.text, /Сова/);
        assert.ok(
          !/Бессонница|Учёба/.test(card.text),
          "the proposal card names chosen topics only",
        );
        await h.post(callbackUpdate(anna, `m:y:${matchId}`));
        await h.post(callbackUpdate(boris, `m:y:${matchId}`));
        const [match] = await h.db.query<{ state: string }>(
          "select state from public.matches where id = $1",
          [matchId],
        );
        assert.equal(match!.state, "active");
      },
    );

    await t.step(
      "a second tap, a forged card, garbage: a polite answer, nothing changes",
      async () => {
        const matches = () => count(h, "select 1 from public.matches");
        const before = await matches();
        await h.post(callbackUpdate(anna, `r:p:${cardId}`));
        assert.match(lastAnswer(h)!, /уже предложили/);
        await h.post(callbackUpdate(anna, `r:p:${crypto.randomUUID()}`));
        assert.match(lastAnswer(h)!, /кнопка устарела/);
        await h.post(callbackUpdate(anna, "r:p:not-a-card"));
        assert.match(lastAnswer(h)!, /кнопка устарела/);
        await h.post(callbackUpdate(vera, `r:p:${cardId}`));
        assert.match(lastAnswer(h)!, /кнопка устарела/);
        assert.equal(await matches(), before);
      },
    );

    await t.step("/similar in a chat waits for the chat to end and is not relayed", async () => {
      h.telegram.clear();
      await h.post(textUpdate(anna, "/similar"));
      assert.match(h.telegram.lastTextTo(anna.id)!, /подборка подождёт/);
      assert.deepEqual(h.telegram.textsTo(boris.id), []);
    });

    await t.step("a suggested topic is added on a tap and counted as taken", async () => {
      const insomnia = suggestions.reply_markup.inline_keyboard.flat()
        .find((b) => b.text === "➕ Бессонница")!.callback_data;
      await h.post(tapOn(anna, suggestions, insomnia));
      assert.match(lastAnswer(h)!, /«Бессонница» добавлена в анкету/);
      const [edited] = h.telegram.callsOf("editMessageReplyMarkup", anna.id).slice(-1);
      const left = (edited!.payload.reply_markup as { inline_keyboard: Button[][] })
        .inline_keyboard.flat().map((b) => b.text);
      assert.ok(!left.includes("➕ Бессонница") && left.length > 0, "the other suggestions stay");
      const chosen = await count(
        h,
        `select 1 from public.user_topics ut join public.topics t on t.id = ut.topic_id
          where ut.user_id = $1 and t.slug = 'insomnia'`,
        [anna.userId],
      );
      assert.equal(chosen, 1);
      await h.post(callbackUpdate(anna, insomnia));
      assert.match(lastAnswer(h)!, /уже добавили/);
      assert.equal(chosen, 1);

      registerRecommendationMetrics(h.deps.metrics, h.db);
      const metrics = await h.deps.metrics.render();
      for (const kind of ["person", "topic"]) {
        const shown = await count(h, "select 1 from public.recommendations where kind = $1", [
          kind,
        ]);
        const taken = await count(
          h,
          "select 1 from public.recommendations where kind = $1 and taken_at is not null",
          [kind],
        );
        assert.equal(taken, 1);
        assert.ok(shown > 1);
        assert.match(metrics, new RegExp(`recommendations_shown\\{kind="${kind}"\\} ${shown}\n`));
        assert.match(metrics, new RegExp(`recommendations_taken\\{kind="${kind}"\\} 1\n`));
      }
    });

    await t.step("/delete removes the person's cards, shown and seen", async () => {
      const rows = () =>
        count(
          h,
          "select 1 from public.recommendations where $1 in (user_id, target_user_id)",
          [boris.userId],
        );
      assert.ok(await rows() > 0);
      h.telegram.clear();
      await h.post(textUpdate(boris, "/delete"));
      const confirm = h.telegram.calls.filter((c) => Number(c.payload.chat_id) === boris.id)
        .map((c) => buttonsOf(c.payload)).flat()[0]!;
      await h.post(callbackUpdate(boris, confirm));
      assert.equal(await count(h, "select 1 from public.users where id = $1", [boris.userId]), 0);
      assert.equal(await rows(), 0);
    });
  } finally {
    await h.close();
  }
});
