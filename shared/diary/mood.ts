/**
 * The mood analysis port. Adapters: the offline Russian lexicon analyser (the default) and an
 * OpenAI-compatible one (only for people who opted in to AI analysis, on anonymised text).
 */

/** Emotion labels an entry can carry (stored as these slugs; shown in Russian from the .ftl). */
export type MoodLabel =
  | "joy"
  | "sadness"
  | "anxiety"
  | "anger"
  | "loneliness"
  | "tiredness"
  | "gratitude"
  | "calm"
  | "hope"
  | "shame";

export const moodLabels: readonly MoodLabel[] = [
  "joy",
  "sadness",
  "anxiety",
  "anger",
  "loneliness",
  "tiredness",
  "gratitude",
  "calm",
  "hope",
  "shame",
];

/**
 * What the person picked before writing (optional): a 5-step scale from very bad to very good,
 * or a feeling. Codes are stored; the emoji and Russian names live in the .ftl.
 */
export type MoodPick =
  | "scale_1"
  | "scale_2"
  | "scale_3"
  | "scale_4"
  | "scale_5"
  | "feel_sad"
  | "feel_anxious"
  | "feel_angry"
  | "feel_tired"
  | "feel_lonely"
  | "feel_grateful"
  | "feel_calm";

export interface MoodInput {
  text: string;
  /** The person's own pick, weighted in: they know how they feel better than any lexicon. */
  pick?: MoodPick | null;
}

export interface MoodAnalysis {
  /** -1 (very negative) .. 1 (very positive). */
  valence: number;
  /** 0 (calm, low energy) .. 1 (agitated, high energy). */
  arousal: number;
  /** Labels found, strongest first, each with a score 0..1. */
  labels: Array<{ label: MoodLabel; score: number }>;
  /** Which analyser and which version produced this (kept with the entry to re-analyse). */
  analyzer: string;
  version: string;
}

export interface MoodAnalyzer {
  readonly name: string;
  readonly version: string;
  analyze(input: MoodInput, signal?: AbortSignal): Promise<MoodAnalysis>;
}
