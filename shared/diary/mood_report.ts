import type { Translate } from "../notifications/translate.ts";
import { type MoodChartData, renderMoodChart } from "./mood_chart.ts";

/** What mood_summary() answers (supabase/migrations/20261123002000_create_diary.sql). */
export interface MoodSummary {
  status: "ok" | "not_registered";
  today: string;
  entries_total: number;
  streak_days: number;
  days: Array<{ date: string; entries: number; valence: number | string | null }>;
  weeks: Array<{ start: string; entries: number; valence: number | string | null }>;
  top_labels: Array<{ label: string; count: number; share: number | string }>;
}

export interface MoodReport {
  text: string;
  /** The chart, when there is something to draw and the renderer worked. */
  png?: Uint8Array;
}

/**
 * /mood in words (entries, streak, the average mood, this week against the last, the most
 * frequent feelings) and as a chart (valence by day for 30 days, week bars, top labels).
 */
export async function moodReport(
  t: Translate,
  summary: MoodSummary,
  theme: "light" | "dark" = "light",
): Promise<MoodReport> {
  const days = summary.days.map((d) => ({
    date: d.date,
    valence: d.valence === null ? null : Number(d.valence),
    entries: d.entries,
  }));
  const analysed = days.filter((d) => d.valence !== null);
  const entries = days.reduce((sum, d) => sum + d.entries, 0);
  if (entries === 0) return { text: t("mood-empty") };
  const mean = analysed.reduce((sum, d) => sum + d.valence! * d.entries, 0) /
    Math.max(1, analysed.reduce((sum, d) => sum + d.entries, 0));
  const lines = [
    t("mood-summary", {
      entries,
      streak: summary.streak_days,
      mood: t(moodWordKey(mean)),
    }),
  ];
  const [lastWeek, thisWeek] = summary.weeks.slice(-2);
  if (lastWeek?.valence != null && thisWeek?.valence != null) {
    const change = Number(thisWeek.valence) - Number(lastWeek.valence);
    lines.push(
      t(
        change > 0.1 ? "mood-trend-better" : change < -0.1 ? "mood-trend-worse" : "mood-trend-same",
      ),
    );
  }
  const labels = summary.top_labels.map((l) => t(`diary-label-${l.label}`));
  if (labels.length > 0) lines.push(t("mood-top-labels", { labels: labels.join(", ") }));
  const text = lines.join("\n");

  const chart: MoodChartData = {
    title: t("mood-chart-title"),
    days: days.map((d) => ({ date: d.date, valence: d.valence })),
    weeks: summary.weeks.map((w) => ({
      label: weekLabel(t, w.start),
      valence: w.valence === null ? null : Number(w.valence),
      entries: w.entries,
    })),
    topLabels: summary.top_labels.map((l) => ({
      label: t(`diary-label-${l.label}`),
      share: Number(l.share),
    })),
    captions: {
      days: t("mood-chart-days"),
      weeks: t("mood-chart-weeks"),
      labels: t("mood-chart-labels"),
      noData: t("mood-chart-no-data"),
    },
  };
  try {
    return { text, png: await renderMoodChart(chart, { theme }) };
  } catch {
    // Words alone are still an answer.
    return { text };
  }
}

/** "2026-11-16" -> "16–22 нояб." (the ISO week from Monday to Sunday). */
export function weekLabel(t: Translate, monday: string): string {
  const start = new Date(`${monday}T00:00:00Z`);
  const end = new Date(start.getTime() + 6 * 86_400_000);
  const month = (date: Date) => t(`mood-month-${date.getUTCMonth() + 1}`);
  // A week across two months names both: «26 окт.–1 нояб.».
  if (start.getUTCMonth() !== end.getUTCMonth()) {
    return t("mood-week-label-two-months", {
      from: start.getUTCDate(),
      fromMonth: month(start),
      to: end.getUTCDate(),
      month: month(end),
    });
  }
  return t("mood-week-label", {
    from: start.getUTCDate(),
    to: end.getUTCDate(),
    month: month(end),
  });
}

/** Valence in words (the .ftl key). */
export function moodWordKey(valence: number): string {
  if (valence <= -0.5) return "diary-mood-very-bad";
  if (valence <= -0.15) return "diary-mood-bad";
  if (valence < 0.15) return "diary-mood-neutral";
  if (valence < 0.5) return "diary-mood-good";
  return "diary-mood-very-good";
}
