/**
 * Two opted-in users in an active chat on a test database, with the OpenAI coach (answering
 * from the local stand-in, tests/support/fake_openai.ts) first and the rule coach after it; with
 * `moderation`, the model's hints also go to the stand-in's `/v1/moderations`. For the tests of
 * what the hint service shows.
 */
import assert from "node:assert/strict";
import { loadI18n } from "../../shared/bot/texts.ts";
import type { Hint } from "../../shared/coach/coach.ts";
import { createMemoryContextStore } from "../../shared/coach/context_store.ts";
import { createOpenAiHintModerator } from "../../shared/coach/hint_guard.ts";
import { createHintService, type HintOutcome } from "../../shared/coach/hint_service.ts";
import { createOpenAiCoach } from "../../shared/coach/openai_coach.ts";
import { createRuleCoach } from "../../shared/coach/rule_coach.ts";
import { createLlmGate } from "../../shared/llm/gate.ts";
import type { Metrics } from "../../shared/metrics/metrics.ts";
import { createPrometheusMetrics } from "../../shared/metrics/prometheus.ts";
import { translatorFor } from "../../shared/notifications/translate.ts";
import { systemClock } from "../../shared/platform/clock.ts";
import { silentLogger } from "../../shared/platform/logger.ts";
import { type OnboardedUser, onboardUser } from "../chat/fixtures.ts";
import { type FakeOpenAi, startFakeOpenAi } from "../support/fake_openai.ts";
import { createTestDb, type TestDb } from "../support/test_db.ts";

export const API_KEY = "sk-test-hints";
export const MODEL = "gpt-4o-mini";
export const MODERATION_MODEL = "omni-moderation-latest";
export const OPENAI_NAME = `openai:${MODEL}`;

export interface HintRig {
  db: TestDb;
  fake: FakeOpenAi;
  metrics: Metrics;
  service: ReturnType<typeof createHintService>;
  anna: OnboardedUser;
  boris: OnboardedUser;
  close(): Promise<void>;
}

const ruleCoach = createRuleCoach(translatorFor(await loadI18n()));

export async function startHintRig(options: { moderation?: boolean } = {}): Promise<HintRig> {
  const db = await createTestDb();
  const fake = startFakeOpenAi({ apiKey: API_KEY });
  try {
    const anna = await onboardUser(db, 830_001, { pseudonym: "Тихий Лис" });
    const boris = await onboardUser(db, 830_002, { pseudonym: "Серая Сова" });
    await db.call("find_partner", { p_tg_id: anna.id });
    const found = await db.call<{ status: string; match_id: string }>("find_partner", {
      p_tg_id: boris.id,
    });
    assert.equal(found.status, "proposed");
    for (const user of [anna, boris]) {
      await db.call("respond_to_proposal", {
        p_tg_id: user.id,
        p_match_id: found.match_id,
        p_accept: true,
      });
      await db.call("set_coach_opt_in", { p_tg_id: user.id, p_on: true });
    }
    const gate = createLlmGate({ apiKey: API_KEY, baseUrl: fake.baseUrl });
    const metrics = createPrometheusMetrics();
    const service = createHintService({
      db,
      coach: createOpenAiCoach({ gate, model: MODEL, timeoutMs: 2000 }),
      fallback: ruleCoach,
      store: createMemoryContextStore({ lines: 8, ttlSeconds: 900, clock: systemClock }),
      metrics,
      logger: silentLogger,
      rolloutPercent: 100,
      moderator: options.moderation
        ? createOpenAiHintModerator({ gate, model: MODERATION_MODEL, timeoutMs: 500 })
        : undefined,
    });
    // A short chat about a break-up, so the rule coach has something to answer.
    await service.remember(boris.id, "Он ушёл к другой, и мне так обидно и одиноко.");
    await service.remember(anna.id, "Не переживай, всё наладится.");
    const close = async () => {
      await fake.close();
      await db.close();
    };
    return { db, fake, metrics, service, anna, boris, close };
  } catch (error) {
    await fake.close();
    await db.close();
    throw error;
  }
}

/** The stand-in's assistant answers these hints as JSON. */
export function reply(...hints: Hint[]): () => string {
  return () => JSON.stringify({ hints });
}

export function okOutcome(outcome: HintOutcome) {
  assert.equal(outcome.status, "ok", `status ${outcome.status}`);
  return outcome as Extract<HintOutcome, { status: "ok" }>;
}

/** The value of a counter in the Prometheus text, 0 when it was never counted. */
export async function counter(metrics: Metrics, sample: string): Promise<number> {
  const line = (await metrics.render()).split("\n").find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : 0;
}
