import type { Metrics } from "../metrics/metrics.ts";
import type { CrisisHit } from "./crisis.ts";
import type { ToxicityCategory } from "./toxicity.ts";
import type { TextModerator, TextVerdict } from "./text_moderator.ts";
import { llmFailureKind, type LlmGate } from "../llm/gate.ts";

export interface OpenAiModeratorOptions {
  /** The only way to a model (shared/llm/gate.ts): it anonymises what the request carries. */
  gate: LlmGate;
  model: string;
  /** The relay waits for the answer: past this the offline verdict stands alone. */
  timeoutMs: number;
  /** The word lists, always asked first; their hits are never overruled. */
  offline: TextModerator;
  metrics?: Metrics;
}

/**
 * The offline lists plus OpenAI's moderation endpoint (`POST /v1/moderations`, free, also
 * served by several compatible providers): the LLM fills in what the lists miss (phrasings
 * they do not know, other languages), never removes a hit. Any failure or a slow answer leaves
 * the offline verdict, counted in `moderation_llm_failures_total`. The text goes through the
 * LLM gate, which anonymises it fully (names, addresses, cards and every long number, not only
 * the contacts the relay masks).
 */
export function createOpenAiModerator(options: OpenAiModeratorOptions): TextModerator {
  // One try: a retry would only make the relay wait longer for a second opinion.
  const client = options.gate.client({ timeoutMs: options.timeoutMs, maxRetries: 0 });
  return {
    name: `offline-lists+${options.model}`,
    async check(text) {
      const offline = await options.offline.check(text);
      if (!/[\p{L}\p{N}]/u.test(text)) return offline;
      try {
        await options.gate.ready();
        const response = await client.moderations.create({ model: options.model, input: text });
        const categories = response.results?.[0]?.categories as
          | Record<string, boolean>
          | undefined;
        if (!categories) throw new TypeError("no moderation result");
        return merge(offline, fromCategories(categories));
      } catch (error) {
        options.metrics?.inc("moderation_llm_failures_total", { reason: llmFailureKind(error) });
        return offline;
      }
    },
  };
}

/** OpenAI's categories in our terms. Self-harm intent or instructions are the urgent ones. */
export function fromCategories(c: Record<string, boolean>): TextVerdict {
  const crisis: CrisisHit | null = c["self-harm/intent"] || c["self-harm/instructions"]
    ? { label: "suicide", severity: "high" }
    : c["self-harm"]
    ? { label: "self_harm", severity: "medium" }
    : null;
  const toxicity: ToxicityCategory | null = c["sexual/minors"] || c["sexual"]
    ? "sexual"
    : c["hate"] || c["hate/threatening"]
    ? "hate"
    : c["harassment/threatening"]
    ? "threat"
    : c["harassment"]
    ? "insult"
    : null;
  return { crisis, toxicity };
}

function merge(offline: TextVerdict, llm: TextVerdict): TextVerdict {
  const toxicity = offline.toxicity ?? llm.toxicity;
  const crisis = offline.crisis ?? llm.crisis;
  return {
    crisis,
    toxicity,
    hurtful: !toxicity && offline.hurtful === true,
    ...(crisis === null && offline.crisisLeaning ? { crisisLeaning: true } : {}),
  };
}
