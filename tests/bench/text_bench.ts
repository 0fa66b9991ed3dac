/**
 * Text checks on the longest message Telegram allows (4096 characters): `normalizeText`,
 * `maskPii` and `detectCrisis`, on ordinary Russian text and on hostile text (zero-width characters, NUL, bidi
 * overrides, look-alikes, emoji, 100 entities), per message.
 */
import type { MessageEntity } from "grammy/types";
import { normalizeText } from "../../shared/safety/normalize.ts";
import { maskPii } from "../../shared/safety/pii.ts";
import { detectCrisis } from "../../shared/safety/crisis.ts";
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
      );
    }
    return Promise.resolve(rows);
  },
};
