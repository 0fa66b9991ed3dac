import type { Db } from "../db/db.ts";
import type { Embedder } from "../embedding/embedder.ts";
import type { MoodAnalyzer, MoodLabel, MoodPick } from "./mood.ts";
import { detectThemes } from "./themes.ts";

export interface AnalysisDeps {
  db: Db;
  /** The offline analyser: everyone's entries, unless they chose AI analysis. */
  analyzer: MoodAnalyzer;
  /** The model, for people who turned AI analysis on; absent when none is configured. */
  aiAnalyzer?: MoodAnalyzer;
  /** Embeds the portrait's themes; the portrait keeps no vector without it. */
  embedder?: Embedder;
}

/** An entry's mood as stored: the analysis, or the person's correction of it. */
export interface EntryMood {
  valence: number;
  labels: Array<{ label: MoodLabel; score: number }>;
  /** The person corrected it (a later analysis keeps their valence and labels). */
  corrected: boolean;
}

/**
 * Analyses an entry (mood and themes; the model only for someone who chose AI analysis) and
 * stores the figures: the aggregates and the portrait
 * follow in SQL, from the `mood.analyzed` event. Then the portrait's themes are embedded.
 * Answers the entry's mood as stored (null if the entry is gone).
 */
export async function analyseEntry(
  deps: AnalysisDeps,
  entry: { id: string; text: string; pick: MoodPick | null; aiAnalysis?: boolean },
): Promise<EntryMood | null> {
  const analyzer = entry.aiAnalysis && deps.aiAnalyzer ? deps.aiAnalyzer : deps.analyzer;
  const mood = await analyzer.analyze({ text: entry.text, pick: entry.pick });
  const stored = await deps.db.call<{ status: string } & Partial<EntryMood>>(
    "record_mood_analysis",
    {
      p_entry_id: entry.id,
      p_valence: mood.valence,
      p_arousal: mood.arousal,
      p_labels: mood.labels,
      p_analyzer: mood.analyzer,
      p_version: mood.version,
      p_themes: detectThemes(entry.text),
    },
  );
  if (stored.status !== "ok") return null;
  if (deps.embedder) await embedPortrait({ db: deps.db, embedder: deps.embedder }, entry.id);
  return {
    valence: Number(stored.valence),
    labels: stored.labels ?? [],
    corrected: stored.corrected === true,
  };
}

/**
 * The portrait's vector: its themes' catalogue names, each repeated by weight (1-3 times), so a
 * portrait compares with profile embeddings made of the same words. No entry text goes in.
 */
export async function embedPortrait(
  deps: { db: Db; embedder: Embedder },
  entryId: string,
): Promise<void> {
  const portrait = await deps.db.call<{
    status: string;
    themes?: Array<{ name: string; weight: number }>;
    embedded_themes?: Array<{ name: string; weight: number }> | null;
  }>("portrait_of_entry", { p_entry_id: entryId });
  if (portrait.status !== "ok" || !portrait.themes || portrait.themes.length === 0) return;
  // Most entries leave the themes as they were: no new embedding (an API call with OpenAI).
  if (JSON.stringify(portrait.themes) === JSON.stringify(portrait.embedded_themes)) return;
  const text = portrait.themes
    .flatMap((theme) =>
      Array(Math.max(1, Math.min(3, Math.round(theme.weight * 3)))).fill(theme.name)
    )
    .join(", ");
  const vector = await deps.embedder.embed(text);
  await deps.db.call("save_portrait_embedding", {
    p_entry_id: entryId,
    p_embedding: `[${vector.join(",")}]`,
    p_model: deps.embedder.model,
    p_themes: portrait.themes,
  });
}
