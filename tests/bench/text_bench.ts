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
import { anonymizeForLlm } from "../../shared/coach/anonymize.ts";
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

export const textBench: BenchModule = {
  name: "text",
  run() {
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
    return Promise.resolve(rows);
  },
};
