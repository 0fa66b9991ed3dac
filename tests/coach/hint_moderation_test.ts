/**
 * With an OpenAI key the model's hints also go to the moderation endpoint before anyone sees
 * them (the local stand-in's `/v1/moderations`, flagging what the test's rules say): flagged
 * hints are dropped, an endpoint that fails or is slow drops them all (the rule coach answers),
 * and the rule coach's own hints are never sent.
 */
import assert from "node:assert/strict";
import type { Hint } from "../../shared/coach/coach.ts";
import { createOpenAiHintModerator } from "../../shared/coach/hint_guard.ts";
import { ruleCoachName } from "../../shared/coach/rule_coach.ts";
import { createLlmGate } from "../../shared/llm/gate.ts";
import { startFakeOpenAi } from "../support/fake_openai.ts";
import {
  API_KEY,
  counter,
  MODERATION_MODEL,
  okOutcome,
  OPENAI_NAME,
  reply,
  startHintRig,
} from "./hint_rig.ts";

const SAFE: Hint = { type: "empathy", text: "Похоже, тебе сейчас очень обидно и одиноко." };
const QUESTION: Hint = { type: "question", text: "Что сейчас помогает тебе держаться?" };
/** Passes the offline guard; the stand-in's moderation flags it in these tests. */
const FLAGGED: Hint = { type: "rephrase", text: "Понимаю, как хочется выпустить пар сегодня." };

/** The moderation requests the stand-in got, as their inputs. */
function moderationInputs(requests: Array<{ body: Record<string, unknown> }>): unknown[] {
  return requests.filter((r) => r.body.model === MODERATION_MODEL).map((r) => r.body.input);
}

Deno.test("with a moderation endpoint, the model's hints are checked there before they are shown", async (t) => {
  const rig = await startHintRig({ moderation: true });
  try {
    await t.step("hints nobody flags are shown, after one request with all of them", async () => {
      rig.fake.chatReply = reply(SAFE, QUESTION);
      const outcome = okOutcome(await rig.service.hintsFor(rig.anna.id, { source: "bot" }));
      assert.equal(outcome.coach, OPENAI_NAME);
      assert.deepEqual(outcome.hints.map((h) => h.text), [SAFE.text, QUESTION.text]);
      assert.deepEqual(moderationInputs(rig.fake.requests), [[SAFE.text, QUESTION.text]]);
    });

    await t.step("a flagged hint is not shown; the others are", async () => {
      rig.fake.requests.length = 0;
      rig.fake.moderationRules = [{ pattern: /выпустить пар/u, categories: ["violence"] }];
      rig.fake.chatReply = reply(FLAGGED, SAFE);
      const outcome = okOutcome(await rig.service.hintsFor(rig.anna.id, { source: "bot" }));
      assert.equal(outcome.coach, OPENAI_NAME);
      assert.deepEqual(outcome.hints.map((h) => h.text), [SAFE.text]);
      assert.deepEqual(moderationInputs(rig.fake.requests), [[FLAGGED.text, SAFE.text]]);
    });

    await t.step("flagged in any category: only flagged hints means the rule coach's", async () => {
      for (const category of ["self-harm/instructions", "illicit", "harassment"] as const) {
        rig.fake.moderationRules = [{ pattern: /выпустить пар/u, categories: [category] }];
        rig.fake.chatReply = reply(FLAGGED);
        const outcome = okOutcome(await rig.service.hintsFor(rig.anna.id, { source: "bot" }));
        assert.equal(outcome.coach, ruleCoachName, category);
        assert.ok(outcome.hints.length > 0 && outcome.hints.every((h) => h.text !== FLAGGED.text));
      }
    });

    await t.step("an endpoint that is slow shows no model hint (fails closed)", async () => {
      rig.fake.moderationRules = [];
      rig.fake.moderationDelayMs = 1500;
      rig.fake.chatReply = reply(SAFE);
      const outcome = okOutcome(await rig.service.hintsFor(rig.anna.id, { source: "bot" }));
      rig.fake.moderationDelayMs = undefined;
      assert.equal(outcome.coach, ruleCoachName);
      assert.ok(outcome.hints.every((h) => h.text !== SAFE.text));
    });

    await t.step("an endpoint that fails shows no model hint either", async () => {
      rig.fake.chatReply = () => {
        // The chat answer is on its way: the next request, the moderation, fails.
        rig.fake.failNext = 500;
        return JSON.stringify({ hints: [SAFE] });
      };
      const outcome = okOutcome(await rig.service.hintsFor(rig.anna.id, { source: "bot" }));
      assert.equal(outcome.coach, ruleCoachName);
      assert.equal(
        await counter(rig.metrics, 'coach_moderation_failures_total{coach="openai"}'),
        2,
      );
    });

    await t.step("the rule coach's hints are not sent for moderation", async () => {
      rig.fake.requests.length = 0;
      rig.fake.failNext = 500;
      rig.fake.chatReply = reply(SAFE);
      const outcome = okOutcome(await rig.service.hintsFor(rig.anna.id, { source: "bot" }));
      assert.equal(outcome.coach, ruleCoachName);
      assert.deepEqual(moderationInputs(rig.fake.requests), []);
    });

    await t.step("a hint the offline guard refuses never reaches the endpoint", async () => {
      rig.fake.requests.length = 0;
      rig.fake.chatReply = reply({ type: "empathy", text: "Отомсти ему, он это заслужил." }, SAFE);
      const outcome = okOutcome(await rig.service.hintsFor(rig.anna.id, { source: "bot" }));
      assert.deepEqual(outcome.hints.map((h) => h.text), [SAFE.text]);
      assert.deepEqual(moderationInputs(rig.fake.requests), [[SAFE.text]]);
    });
  } finally {
    await rig.close();
  }
});

Deno.test("without a moderation endpoint nothing goes to /v1/moderations", async () => {
  const rig = await startHintRig();
  try {
    rig.fake.chatReply = reply(SAFE);
    const outcome = okOutcome(await rig.service.hintsFor(rig.anna.id, { source: "bot" }));
    assert.equal(outcome.coach, OPENAI_NAME);
    assert.deepEqual(moderationInputs(rig.fake.requests), []);
  } finally {
    await rig.close();
  }
});

Deno.test("createOpenAiHintModerator() flags by any category and throws when it cannot tell", async () => {
  const fake = startFakeOpenAi({ apiKey: API_KEY });
  try {
    const moderator = createOpenAiHintModerator({
      gate: createLlmGate({ apiKey: API_KEY, baseUrl: fake.baseUrl }),
      model: MODERATION_MODEL,
      timeoutMs: 500,
    });
    fake.moderationRules = [{ pattern: /пар/u, categories: ["violence/graphic"] }];
    assert.deepEqual(await moderator.flagged([FLAGGED.text, SAFE.text]), [true, false]);
    assert.deepEqual(await moderator.flagged([]), []);
    assert.equal(fake.requests.length, 1, "nothing to check, nothing sent");
    fake.failNext = 503;
    await assert.rejects(moderator.flagged([SAFE.text]));
  } finally {
    await fake.close();
  }
});
