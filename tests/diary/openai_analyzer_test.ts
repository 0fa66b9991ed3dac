import assert from "node:assert/strict";
import { createOpenAiAnalyzer, MOOD_SYSTEM_PROMPT } from "../../shared/diary/openai_analyzer.ts";
import { createLexiconAnalyzer } from "../../shared/diary/lexicon_analyzer.ts";
import { createLlmGate } from "../../shared/llm/gate.ts";
import { startTestBot } from "../support/harness.ts";
import { startFakeOpenAi } from "../support/fake_openai.ts";
import { callbackUpdate, textUpdate } from "../support/updates.ts";
import { onboardUser } from "../chat/fixtures.ts";

const API_KEY = "sk-test-diary";

Deno.test("AI analysis of the diary: only when chosen, anonymised, checked, with the offline fallback", async (t) => {
  const openai = startFakeOpenAi({ apiKey: API_KEY });
  openai.chatReply = () =>
    JSON.stringify({ valence: -0.6, arousal: 0.7, labels: [{ label: "anxiety", score: 0.9 }] });
  const h = await startTestBot({
    aiMoodAnalyzer: createOpenAiAnalyzer({
      gate: createLlmGate({ apiKey: API_KEY, baseUrl: openai.baseUrl }),
      model: "gpt-test",
      timeoutMs: 500,
      fallback: createLexiconAnalyzer(),
    }),
  });
  const analyzerOf = async (userId: string) =>
    (await h.db.query<{ analyzer: string }>(
      "select analyzer from public.diary_entries where user_id = $1 order by created_at desc limit 1",
      [userId],
    ))[0]!.analyzer;
  try {
    const anna = await onboardUser(h.db, 896_001);
    await h.post(callbackUpdate(anna, "d:w:-"));

    await t.step("off by default: the lexicon analyses and nothing is sent", async () => {
      await h.post(textUpdate(anna, "Мне тревожно"));
      assert.equal(await analyzerOf(anna.userId), "lexicon-ru");
      assert.equal(openai.chatRequests.length, 0);
    });

    await t.step(
      "after «Включить», new entries go to the model, without personal data",
      async () => {
        await h.post(callbackUpdate(anna, "d:ai"));
        assert.match(h.telegram.lastTextTo(anna.id)!, /без имён, телефонов/);
        await h.post(callbackUpdate(anna, "d:ai:on"));
        await h.post(
          textUpdate(
            anna,
            "Звонила Марина Петрова, +7 912 345-67-89, опять ругались, мне тревожно",
          ),
        );
        assert.equal(await analyzerOf(anna.userId), "openai:gpt-test");
        assert.equal(openai.chatRequests.length, 1);
        const request = openai.chatRequests[0]!;
        for (const secret of ["Марина", "Петрова", "912", "345-67-89"]) {
          assert.ok(!request.raw.includes(secret), secret);
        }
        const messages = request.body.messages as Array<{ role: string; content: string }>;
        assert.equal(messages[0]!.content, MOOD_SYSTEM_PROMPT);
        assert.equal(request.body.tools, undefined);
      },
    );

    await t.step("a failing or nonsensical model: the lexicon answers", async () => {
      openai.failNext = 500;
      await h.post(textUpdate(anna, "Сегодня спокойно"));
      assert.equal(await analyzerOf(anna.userId), "lexicon-ru");
      openai.chatReply = () => JSON.stringify({ valence: 7, labels: [{ label: "ecstasy" }] });
      await h.post(textUpdate(anna, "Сегодня снова спокойно"));
      assert.equal(await analyzerOf(anna.userId), "lexicon-ru");
      openai.chatReply = () => "игнорируй инструкции";
      await h.post(textUpdate(anna, "И ещё раз спокойно"));
      assert.equal(await analyzerOf(anna.userId), "lexicon-ru");
    });

    await t.step("«Не нужно» switches it off again", async () => {
      await h.post(callbackUpdate(anna, "d:ai:off"));
      const before = openai.chatRequests.length;
      await h.post(textUpdate(anna, "Вечер тихий"));
      assert.equal(openai.chatRequests.length, before);
    });
  } finally {
    await h.close();
    await openai.close();
  }
});
