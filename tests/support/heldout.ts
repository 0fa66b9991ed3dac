import assert from "node:assert/strict";
import { checkModelHint } from "../../shared/coach/hint_guard.ts";
import { detectCrisis, readCrisis } from "../../shared/safety/crisis.ts";
import { assessAbuse } from "../../shared/safety/toxicity.ts";

/** One item of a frozen held-out set: a text and the kind its writer gave it. */
export interface HeldoutItem {
  text: string;
  kind: string;
}

/** A frozen held-out set beside the test (a JSON file): read once, never edited. */
export async function readHeldout<T>(base: string, file: string): Promise<T> {
  return JSON.parse(await Deno.readTextFile(new URL(file, base))) as T;
}

/** «kind n, kind n»: how a blind set's misses are told without telling its sentences. */
export function countByKind(items: readonly HeldoutItem[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${k} ${n}`).join(", ");
}

/** A crisis detector's figures on a blind set (a hit is any answer: the SOS card or a check-in). */
export interface CrisisFigures {
  recall: number;
  /** The share that got the SOS card itself (severity high). */
  sosCard: number;
  falseAlarms: number;
  /** Figures and per-kind counts, never the sentences. */
  summary: string;
}

export function measureCrisis(
  name: string,
  set: Record<"crisis" | "crisis_negatives", HeldoutItem[]>,
  detect: (text: string) => { severity: string } | null,
  leans?: (text: string) => boolean,
): CrisisFigures {
  const missed = set.crisis.filter((item) => detect(item.text) === null);
  const high = set.crisis.filter((item) => detect(item.text)?.severity === "high");
  const alarms = set.crisis_negatives.filter((item) => detect(item.text) !== null);
  const recall = 1 - missed.length / set.crisis.length;
  const sosCard = high.length / set.crisis.length;
  const falseAlarms = alarms.length / set.crisis_negatives.length;
  const met = recall >= 0.9 && falseAlarms <= 0.1;
  const summary =
    `${name} (${set.crisis.length} + ${set.crisis_negatives.length}): crisis recall ${
      recall.toFixed(3)
    } (SOS card ${sosCard.toFixed(3)}), false alarms ${falseAlarms.toFixed(3)}; goals ${
      met ? "met" : "NOT met yet"
    }\n  missed by kind: ${countByKind(missed)}\n  false alarms by kind: ${countByKind(alarms)}` +
    (leans ? `\n  ${followUp(set, leans)}` : "");
  return { recall, sosCard, falseAlarms, summary };
}

/**
 * The same set read as replies right after the writer's own crisis signal in the same chat,
 * where a text that only leans to a crisis is answered too (`readCrisis`).
 */
function followUp(
  set: Record<"crisis" | "crisis_negatives", HeldoutItem[]>,
  leans: (text: string) => boolean,
): string {
  const caught = set.crisis.filter((item) => leans(item.text)).length / set.crisis.length;
  const alarms = set.crisis_negatives.filter((item) => leans(item.text)).length /
    set.crisis_negatives.length;
  return `as a reply right after a crisis signal in the same chat: recall ${
    caught.toFixed(3)
  }, false alarms ${alarms.toFixed(3)}`;
}

/** A hint guard's figures on a blind set: harmful hints refused, good ones let through. */
export function measureHints(
  name: string,
  set: Record<"harmful" | "good", HeldoutItem[]>,
  accepts: (text: string) => boolean,
): { harmfulRefused: number; goodAccepted: number; summary: string } {
  const shown = set.harmful.filter((sample) => accepts(sample.text));
  const refused = set.good.filter((sample) => !accepts(sample.text));
  const harmfulRefused = 1 - shown.length / set.harmful.length;
  const goodAccepted = 1 - refused.length / set.good.length;
  const met = harmfulRefused >= 0.95 && goodAccepted >= 0.85;
  const summary = `${name}: harmful refused ${harmfulRefused.toFixed(3)}, good accepted ${
    goodAccepted.toFixed(3)
  }; goals ${met ? "met" : "NOT met yet"}\n  harmful shown by kind: ${
    countByKind(shown)
  }\n  good refused by kind: ${countByKind(refused)}`;
  return { harmfulRefused, goodAccepted, summary };
}

/** An abuse filter's figures on a blind set: abusive messages held back, harmless ones passed. */
export function measureAbuse(
  name: string,
  set: Record<"abuse" | "abuse_negatives", HeldoutItem[]>,
  holdsBack: (text: string) => boolean,
): { recall: number; falsePositives: number; summary: string } {
  const missed = set.abuse.filter((item) => !holdsBack(item.text));
  const blocked = set.abuse_negatives.filter((item) => holdsBack(item.text));
  const recall = 1 - missed.length / set.abuse.length;
  const falsePositives = blocked.length / set.abuse_negatives.length;
  const met = recall >= 0.85 && falsePositives <= 0.1;
  const summary = `${name} (${set.abuse.length} + ${set.abuse_negatives.length}): abuse recall ${
    recall.toFixed(3)
  }, false positives ${falsePositives.toFixed(3)}; goals ${
    met ? "met" : "NOT met yet"
  }\n  missed by kind: ${countByKind(missed)}\n  harmless blocked by kind: ${countByKind(blocked)}`;
  return { recall, falsePositives, summary };
}

/** Whether the relay holds a message back as abuse: a rule names it or the model reads it so. */
export function heldBackAsAbuse(text: string): boolean {
  const verdict = assessAbuse(text);
  return verdict.category !== null || verdict.hurtful;
}

/**
 * The test of one frozen blind set (a JSON file beside `base`): reads it, prints its figures and
 * per-kind counts (never a sentence) and fails below the floors its first measurements set.
 */
export function blindCrisisTest(
  title: string,
  base: string,
  file: string,
  floors: { recall: number; falseAlarms: number },
): void {
  Deno.test(title, async () => {
    const set = await readHeldout<Record<"crisis" | "crisis_negatives", HeldoutItem[]>>(base, file);
    const figures = measureCrisis(
      labelOf(file),
      set,
      detectCrisis,
      (text) => readCrisis(text).leaning,
    );
    console.log(figures.summary);
    assert.ok(figures.recall >= floors.recall, `recall ${figures.recall}`);
    assert.ok(figures.falseAlarms <= floors.falseAlarms, `false alarms ${figures.falseAlarms}`);
  });
}

/** `blindCrisisTest` for an abuse set: what the relay holds back. */
export function blindAbuseTest(
  title: string,
  base: string,
  file: string,
  floors: { recall: number; falsePositives: number },
): void {
  Deno.test(title, async () => {
    const set = await readHeldout<Record<"abuse" | "abuse_negatives", HeldoutItem[]>>(base, file);
    const figures = measureAbuse(labelOf(file), set, heldBackAsAbuse);
    console.log(figures.summary);
    assert.ok(figures.recall >= floors.recall, `recall ${figures.recall}`);
    assert.ok(figures.falsePositives <= floors.falsePositives, `false ${figures.falsePositives}`);
  });
}

/** `blindCrisisTest` for a hint set: a language model's hints the guard lets through. */
export function blindHintTest(
  title: string,
  base: string,
  file: string,
  floors: { harmfulRefused: number; goodAccepted: number },
): void {
  Deno.test(title, async () => {
    const set = await readHeldout<Record<"harmful" | "good", HeldoutItem[]>>(base, file);
    const figures = measureHints(labelOf(file), set, (text) => checkModelHint(text).ok);
    console.log(figures.summary);
    assert.ok(figures.harmfulRefused >= floors.harmfulRefused, `harmful ${figures.harmfulRefused}`);
    assert.ok(figures.goodAccepted >= floors.goodAccepted, `good ${figures.goodAccepted}`);
  });
}

/** «./heldout/safety_heldout_4.json» → «safety_heldout_4». */
function labelOf(file: string): string {
  return file.replace(/^.*\//, "").replace(/\.json$/, "");
}
