import { z } from "zod";
import { type MoodLabel, moodLabels, type MoodPick } from "./mood.ts";

const picks = [
  "scale_1",
  "scale_2",
  "scale_3",
  "scale_4",
  "scale_5",
  "feel_sad",
  "feel_anxious",
  "feel_angry",
  "feel_tired",
  "feel_lonely",
  "feel_grateful",
  "feel_calm",
] as const satisfies readonly MoodPick[];

export const moodPicks: readonly MoodPick[] = picks;

/**
 * Callback data of the diary's buttons (under 64 bytes): `d:w:<pick|->` opens writing mode,
 * `d:l:<offset>` a page of entries, `d:o:<entry>` one entry, `d:x:<entry>` asks to delete it and
 * `d:xy:<entry>` deletes it, `d:e` exports everything, `d:m` shows the mood summary, `d:r`
 * offers reminder times and `d:r:<minute|off>` sets one (or switches it off), `d:ai` explains
 * AI analysis and `d:ai:on|off` switches it, `d:fm` explains "use my diary to find people" and
 * `d:fm:on|off` switches it. Under the answer to an entry, `d:c:<entry>:<1-5>` corrects its
 * mood to a step of the scale and `d:cl:<entry>:<label>` takes a feeling off it.
 */
export type DiaryCallback =
  | { action: "write"; pick: MoodPick | null }
  | { action: "list"; offset: number }
  | { action: "open"; entryId: string }
  | { action: "delete_ask"; entryId: string }
  | { action: "delete"; entryId: string }
  | { action: "export" }
  | { action: "mood" }
  | { action: "ai_menu" }
  | { action: "ai"; on: boolean }
  | { action: "matching_menu" }
  | { action: "matching"; on: boolean }
  | { action: "reminder_menu" }
  | { action: "reminder"; minute: number | null }
  | { action: "correct"; entryId: string; step: 1 | 2 | 3 | 4 | 5 }
  | { action: "drop_label"; entryId: string; label: MoodLabel };

const schema = z.union([
  z.tuple([z.literal("d"), z.literal("w"), z.enum([...picks, "-"])]).transform((p) => ({
    action: "write" as const,
    pick: p[2] === "-" ? null : p[2],
  })),
  z.tuple([z.literal("d"), z.literal("l"), z.string().regex(/^\d{1,5}$/).transform(Number)])
    .transform((p) => ({ action: "list" as const, offset: p[2] })),
  z.tuple([z.literal("d"), z.literal("o"), z.uuid()]).transform((p) => ({
    action: "open" as const,
    entryId: p[2],
  })),
  z.tuple([z.literal("d"), z.literal("x"), z.uuid()]).transform((p) => ({
    action: "delete_ask" as const,
    entryId: p[2],
  })),
  z.tuple([z.literal("d"), z.literal("xy"), z.uuid()]).transform((p) => ({
    action: "delete" as const,
    entryId: p[2],
  })),
  z.tuple([z.literal("d"), z.literal("e")]).transform(() => ({ action: "export" as const })),
  z.tuple([z.literal("d"), z.literal("m")]).transform(() => ({ action: "mood" as const })),
  z.tuple([z.literal("d"), z.literal("ai")]).transform(() => ({ action: "ai_menu" as const })),
  z.tuple([z.literal("d"), z.literal("ai"), z.enum(["on", "off"])]).transform((p) => ({
    action: "ai" as const,
    on: p[2] === "on",
  })),
  z.tuple([z.literal("d"), z.literal("fm")]).transform(() => ({
    action: "matching_menu" as const,
  })),
  z.tuple([z.literal("d"), z.literal("fm"), z.enum(["on", "off"])]).transform((p) => ({
    action: "matching" as const,
    on: p[2] === "on",
  })),
  z.tuple([z.literal("d"), z.literal("r")]).transform(() => ({
    action: "reminder_menu" as const,
  })),
  z.tuple([z.literal("d"), z.literal("r"), z.string().regex(/^(off|\d{1,4})$/)]).transform((p) => ({
    action: "reminder" as const,
    minute: p[2] === "off" ? null : Number(p[2]),
  })),
  z.tuple([z.literal("d"), z.literal("c"), z.uuid(), z.enum(["1", "2", "3", "4", "5"])])
    .transform((p) => ({
      action: "correct" as const,
      entryId: p[2],
      step: Number(p[3]) as 1 | 2 | 3 | 4 | 5,
    })),
  z.tuple([
    z.literal("d"),
    z.literal("cl"),
    z.uuid(),
    z.enum(moodLabels as [MoodLabel, ...MoodLabel[]]),
  ]).transform((p) => ({ action: "drop_label" as const, entryId: p[2], label: p[3] })),
]);

/** Parses callback data; `null` for anything forged, truncated or from an older format. */
export function parseDiaryCallback(data: string | undefined): DiaryCallback | null {
  if (data === undefined || data.length > 64) return null;
  const parsed = schema.safeParse(data.split(":"));
  return parsed.success ? parsed.data : null;
}

export const diaryCallbackData = {
  write: (pick: MoodPick | null): string => `d:w:${pick ?? "-"}`,
  list: (offset: number): string => `d:l:${offset}`,
  open: (entryId: string): string => `d:o:${entryId}`,
  deleteAsk: (entryId: string): string => `d:x:${entryId}`,
  delete: (entryId: string): string => `d:xy:${entryId}`,
  export: (): string => "d:e",
  mood: (): string => "d:m",
  aiMenu: (): string => "d:ai",
  ai: (on: boolean): string => `d:ai:${on ? "on" : "off"}`,
  matchingMenu: (): string => "d:fm",
  matching: (on: boolean): string => `d:fm:${on ? "on" : "off"}`,
  reminderMenu: (): string => "d:r",
  reminder: (minute: number | null): string => `d:r:${minute ?? "off"}`,
  correct: (entryId: string, step: number): string => `d:c:${entryId}:${step}`,
  dropLabel: (entryId: string, label: MoodLabel): string => `d:cl:${entryId}:${label}`,
};
