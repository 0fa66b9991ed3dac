import type { Db } from "../db/db.ts";
import type { MoodAnalyzer, MoodPick } from "./mood.ts";

/** Analyses an entry and stores the figures; the aggregates follow in SQL. */
export async function analyseEntry(
  deps: { db: Db; analyzer: MoodAnalyzer },
  entry: { id: string; text: string; pick: MoodPick | null },
): Promise<void> {
  const mood = await deps.analyzer.analyze({ text: entry.text, pick: entry.pick });
  await deps.db.call("record_mood_analysis", {
    p_entry_id: entry.id,
    p_valence: mood.valence,
    p_arousal: mood.arousal,
    p_labels: mood.labels,
    p_analyzer: mood.analyzer,
    p_version: mood.version,
  });
}
