/**
 * Text checks on the longest message Telegram allows (4096 characters): `normalizeText`,
 * `maskPii`, `detectCrisis`, the coach's `anonymizeForLlm` and the diary's mood and theme
 * analysis, on ordinary Russian text and on hostile text (zero-width characters, NUL, bidi
 * overrides, look-alikes, emoji, 100 entities), per message.
 */
import type { MessageEntity } from "grammy/types";
import { normalizeText } from "../../shared/safety/normalize.ts";
import { maskPii } from "../../shared/safety/pii.ts";
import { detectCrisis } from "../../shared/safety/crisis.ts";
import { assessAbuse } from "../../shared/safety/toxicity.ts";
import { CRISIS_CONSTRUCTIONS, HARD_NEGATIVES, HARMLESS } from "../safety/crisis_corpus.ts";
import { anonymizeForLlm } from "../../shared/coach/anonymize.ts";
import { loadNameMorphology } from "../../shared/llm/names.ts";
import { HARMLESS as PLAIN_CHAT, PII } from "../coach/pii_corpus.ts";
import { analyzeMood } from "../../shared/diary/lexicon_analyzer.ts";
import { detectThemes } from "../../shared/diary/themes.ts";
import type { BenchModule, BenchRow } from "./table.ts";

const RUNS = 200;

function perMessage(fn: () => unknown): { p50: number; p99: number } {
  for (let k = 0; k < 20; k++) fn(); // warm-up
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(RUNS * 0.5)]!, p99: times[Math.floor(RUNS * 0.99)]! };
}

/**
 * The safety detectors on many different messages, each measured once: sentences from the
 * tuning corpora with random one-letter typos, so most words are new to the detectors' caches.
 * `warmUp` messages (made the same way, with other typos) run first and are not counted: 20 is a
 * fresh isolate whose JIT is still compiling the detectors (a cold start: the first few hundred
 * messages after a deploy), 1,000 a bot that has been running for a while.
 */
function distinctMessages(
  count: number,
  length: number,
  warmUp: number,
): { p50: number; p95: number; max: number } {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pool = [...CRISIS_CONSTRUCTIONS, ...HARD_NEGATIVES, ...HARMLESS];
  const letters = "абвгдежзиклмнопрстуфхцчшщыэюя";
  const typo = (word: string) => {
    if (word.length < 4 || random() > 0.3) return word;
    const at = Math.floor(random() * word.length);
    return word.slice(0, at) + letters[Math.floor(random() * letters.length)] + word.slice(at + 1);
  };
  const times: number[] = [];
  for (let k = -warmUp; k < count; k++) {
    let text = "";
    while (text.length < length) {
      const sentence = pool[Math.floor(random() * pool.length)]!;
      text += sentence.split(" ").map(typo).join(" ") + ". ";
    }
    text = text.slice(0, length);
    const started = performance.now();
    detectCrisis(text);
    assessAbuse(text);
    if (k >= 0) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    p50: times[Math.floor(count * 0.5)]!,
    p95: times[Math.floor(count * 0.95)]!,
    max: times.at(-1)!,
  };
}

export const textBench: BenchModule = {
  name: "text",
  async run() {
    // The anonymiser reads names with the dictionary, as the LLM gate loads it.
    await loadNameMorphology();
    const russian = "Привет! Как прошёл день? Я сегодня опять не спал до 5 утра… ".repeat(70)
      .slice(0, 4096);
    const hostile = Array.from(
      { length: 4096 },
      (_, k) => ["8", "\u200b", "ﬁ", "\u0000", "@", "а", "\u202e", "😀"][k % 8],
    ).join("").slice(0, 4096);
    const entities: MessageEntity[] = Array.from({ length: 100 }, (_, k) => ({
      type: "bold",
      offset: k * 40,
      length: 20,
    }));
    const rows: BenchRow[] = [];
    for (const [name, text] of [["Russian", russian], ["hostile", hostile]] as const) {
      const normalize = perMessage(() => normalizeText(text, entities));
      const mask = perMessage(() => maskPii(text, "[скрыто]", entities));
      const crisis = perMessage(() => detectCrisis(text));
      const anonymize = perMessage(() => anonymizeForLlm(text, { maxLength: 4096 }));
      const mood = perMessage(() => analyzeMood({ text }));
      const themes = perMessage(() => detectThemes(text));
      rows.push(
        {
          metric: `normalizeText, 4096 chars ${name}, 100 entities`,
          value: `p50 ${normalize.p50.toFixed(2)} ms, p99 ${normalize.p99.toFixed(2)} ms`,
        },
        {
          metric: `maskPii (normalise + detect + mask), 4096 chars ${name}`,
          value: `p50 ${mask.p50.toFixed(2)} ms, p99 ${mask.p99.toFixed(2)} ms`,
        },
        {
          metric: `detectCrisis, 4096 chars ${name}`,
          value: `p50 ${crisis.p50.toFixed(2)} ms, p99 ${crisis.p99.toFixed(2)} ms`,
        },
        {
          metric: `anonymizeForLlm (coach, AI analysis), 4096 chars ${name}`,
          value: `p50 ${anonymize.p50.toFixed(2)} ms, p99 ${anonymize.p99.toFixed(2)} ms`,
        },
        {
          metric: `diary mood analysis (lexicon), 4096 chars ${name}`,
          value: `p50 ${mood.p50.toFixed(2)} ms, p99 ${mood.p99.toFixed(2)} ms`,
        },
        {
          metric: `diary themes, 4096 chars ${name}`,
          value: `p50 ${themes.p50.toFixed(2)} ms, p99 ${themes.p99.toFixed(2)} ms`,
        },
      );
    }
    // Cold first: the JIT warms up only once per process.
    for (const [warmUp, when] of [[20, "cold isolate"], [1000, "running bot"]] as const) {
      const detection = distinctMessages(300, 1000, warmUp);
      rows.push({
        metric: `detectCrisis + assessAbuse (rules + model), 300 distinct 1000-char messages ` +
          `(typos, most words new to the caches), ${when}: after ${warmUp} others`,
        value: `p50 ${detection.p50.toFixed(2)} ms, p95 ${detection.p95.toFixed(2)} ms, max ${
          detection.max.toFixed(2)
        } ms`,
      });
    }
    // Chat with personal data in it, every word different: names, numbers, addresses.
    const varied = [...PII.map((sample) => sample.text), ...PLAIN_CHAT].join(" ").slice(0, 4096);
    const anonymizeVaried = perMessage(() => anonymizeForLlm(varied, { maxLength: 4096 }));
    rows.push({
      metric: "anonymizeForLlm, 4096 chars of the PII and harmless corpora",
      value: `p50 ${anonymizeVaried.p50.toFixed(2)} ms, p99 ${anonymizeVaried.p99.toFixed(2)} ms`,
    });
    return rows;
  },
};
