import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Db } from "../db/db.ts";
import type { Translate } from "../notifications/translate.ts";
import { fail } from "../api/errors.ts";
import {
  createRoutes,
  error,
  IdParams,
  json,
  jsonBody,
  type MiniAppEnv,
  type MiniAppRoutes,
  on,
  personErrors,
} from "../api/routes.ts";
import { detectCrisis } from "../safety/crisis.ts";
import { analyseEntry } from "./analysis.ts";
import { moodPicks } from "./callbacks.ts";
import type { MoodAnalyzer, MoodPick } from "./mood.ts";
import type { Embedder } from "../embedding/embedder.ts";
import { moodReport, type MoodSummary } from "./mood_report.ts";

export interface DiaryApiDeps {
  analyzer: MoodAnalyzer;
  /** Embeds the portrait's themes after each entry. */
  embedder?: Embedder;
  /** The model for people who chose AI analysis. */
  aiAnalyzer?: MoodAnalyzer;
  /** The chart's Russian texts; loaded on first use. */
  texts: () => Promise<Translate>;
}

const tags = ["Diary"];

const text = z.string()
  .max(4096)
  .refine((s) => s.trim().length > 0, { params: { reason: "too-short" } });
const WriteBody = z.object({
  text,
  pick: z.enum(moodPicks as [MoodPick, ...MoodPick[]]).nullish(),
}).strict().openapi("DiaryWrite");
const EditBody = z.object({ text }).strict().openapi("DiaryEdit");
const SettingsBody = z.object({
  reminderMinute: z.number().int().min(8 * 60).max(22 * 60).nullable().optional()
    .openapi({
      description: "Minutes after local midnight, 480 (08:00) to 1320 (22:00); null: off",
    }),
  aiAnalysis: z.boolean().optional(),
  useForMatching: z.boolean().optional(),
}).strict().refine((b) => Object.keys(b).length > 0, { params: { reason: "required" } })
  .openapi("DiarySettingsChange");

const PageQuery = z.object({
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(50).default(20),
}).strict();
const SummaryQuery = z.object({
  period: z.enum(["day", "week", "month"]).default("week"),
}).strict();
const ChartQuery = z.object({
  theme: z.enum(["light", "dark"]).default("light"),
}).strict();

const Label = z.object({ label: z.string(), score: z.number() });
const DiaryListItem = z.looseObject({
  id: z.uuid(),
  local_date: z.string(),
  pick: z.string().nullable(),
  valence: z.number().nullable(),
  snippet: z.string().openapi({ description: "the first 60 characters" }),
  created_at: z.string(),
}).openapi("DiaryListItem");
const DiaryEntry = z.looseObject({
  status: z.literal("ok"),
  id: z.uuid(),
  local_date: z.string(),
  pick: z.string().nullable(),
  body: z.string(),
  valence: z.number().nullable(),
  arousal: z.number().nullable(),
  labels: z.array(Label),
  created_at: z.string(),
  updated_at: z.string().nullable(),
}).openapi("DiaryEntry");
const DiaryEntryWritten = DiaryEntry.extend({
  crisis: z.boolean().openapi({
    description: "the text sounds like a crisis: show GET /safety/sos gently",
  }),
}).openapi("DiaryEntryWritten");
const DiaryPage = z.object({
  total: z.number().int(),
  entries: z.array(DiaryListItem),
  offset: z.number().int(),
  limit: z.number().int(),
}).openapi("DiaryPage");
const DiarySettings = z.object({
  reminderMinute: z.number().int().nullable(),
  aiAnalysis: z.boolean(),
  useForMatching: z.boolean(),
}).openapi("DiarySettings");
const MoodBucket = z.looseObject({
  start: z.string(),
  entries: z.number().int(),
  valence: z.number().nullable(),
  arousal: z.number().nullable(),
});
const MoodPeriodSummary = z.looseObject({
  status: z.literal("ok"),
  period: z.enum(["day", "week", "month"]),
  today: z.string(),
  entries_total: z.number().int(),
  streak_days: z.number().int(),
  buckets: z.array(MoodBucket),
  current: MoodBucket,
  previous: MoodBucket,
  change: z.number().nullable(),
  top_labels: z.array(z.looseObject({ label: z.string(), count: z.number().int() })),
}).openapi("MoodSummary");
const Portrait = z.looseObject({
  status: z.literal("ok"),
  entry_count: z.number().int(),
  valence_mean: z.number().nullable(),
  arousal_mean: z.number().nullable(),
  labels: z.array(z.object({ label: z.string(), weight: z.number() })),
  themes: z.array(z.object({ slug: z.string(), title: z.string(), weight: z.number() })),
  updated_at: z.string().nullable(),
}).openapi("Portrait");

const invalid = { 400: error("`invalid_input`: the body, query or id does not fit") };
const incomplete = { 409: error("`profile_incomplete`") };

const listRoute = createRoute({
  method: "get",
  path: "/diary/entries",
  tags,
  summary: "A page of the person's entries, newest first",
  request: { query: PageQuery },
  responses: { 200: json(DiaryPage, "The page"), ...invalid, ...personErrors },
});
const writeRoute = createRoute({
  method: "post",
  path: "/diary/entries",
  tags,
  summary: "Write an entry (analysed at once; only its author can read it)",
  request: { body: jsonBody(WriteBody) },
  responses: {
    201: json(DiaryEntryWritten, "The entry with its analysis"),
    ...invalid,
    ...incomplete,
    ...personErrors,
  },
});
const exportRoute = createRoute({
  method: "get",
  path: "/diary/export",
  tags,
  summary: "Every entry, as a JSON file",
  responses: {
    200: json(z.object({ entries: z.array(z.looseObject({})) }), "The entries"),
    ...personErrors,
  },
});
const settingsRoute = createRoute({
  method: "get",
  path: "/diary/settings",
  tags,
  summary: "The diary settings",
  responses: { 200: json(DiarySettings, "The settings"), ...personErrors },
});
const changeSettingsRoute = createRoute({
  method: "patch",
  path: "/diary/settings",
  tags,
  summary: "Change any of the diary settings",
  request: { body: jsonBody(SettingsBody) },
  responses: { 200: json(DiarySettings, "The settings now"), ...invalid, ...personErrors },
});
const entryRoute = createRoute({
  method: "get",
  path: "/diary/entries/{id}",
  tags,
  summary: "One entry (someone else's is `not_found`, like a missing one)",
  request: { params: IdParams },
  responses: { 200: json(DiaryEntry, "The entry"), ...invalid, ...personErrors },
});
const editRoute = createRoute({
  method: "patch",
  path: "/diary/entries/{id}",
  tags,
  summary: "Edit an entry's text; it is analysed again (the pick stays)",
  request: { params: IdParams, body: jsonBody(EditBody) },
  responses: {
    200: json(DiaryEntryWritten, "The entry with its new analysis"),
    ...invalid,
    ...personErrors,
  },
});
const deleteRoute = createRoute({
  method: "delete",
  path: "/diary/entries/{id}",
  tags,
  summary: "Delete an entry",
  request: { params: IdParams },
  responses: {
    200: json(z.object({ status: z.literal("ok") }), "Deleted"),
    ...invalid,
    ...personErrors,
  },
});
const summaryRoute = createRoute({
  method: "get",
  path: "/mood/summary",
  tags,
  summary: "Mood over a day, week or month, with the period before",
  request: { query: SummaryQuery },
  responses: { 200: json(MoodPeriodSummary, "The summary"), ...invalid, ...personErrors },
});
const chartRoute = createRoute({
  method: "get",
  path: "/mood/chart.png",
  tags,
  summary: "The mood chart the bot sends, as PNG (`no_entries` before the first entry)",
  request: { query: ChartQuery },
  responses: {
    200: { description: "The chart", content: { "image/png": { schema: z.string() } } },
    ...invalid,
    ...personErrors,
  },
});
const portraitRoute = createRoute({
  method: "get",
  path: "/portrait",
  tags,
  summary: "What the analysed entries add up to (never the embedding)",
  responses: { 200: json(Portrait, "The portrait"), ...personErrors },
});

interface EntryWrite {
  status: string;
  entry_id?: string;
  pick?: MoodPick | null;
  ai_analysis?: boolean;
}

interface DiarySettingsRow {
  status: string;
  reminder_minute: number | null;
  ai_analysis: boolean;
  diary_matching: boolean;
}

/**
 * The diary for the Mini App, with the bot's rules:
 * `GET|POST /diary/entries` (a page, newest first / a new entry, analysed at once),
 * `GET|PATCH|DELETE /diary/entries/{id}` (PATCH edits the text and re-analyses it, as a Telegram
 * edit does), `GET /diary/export` (every entry), `GET|PATCH /diary/settings`,
 * `GET /mood/summary?period=day|week|month`, `GET /mood/chart.png?theme=light|dark` and
 * `GET /portrait` (the person's own figures, never the embedding). A malformed body, query or
 * id is a 400 that changes nothing; someone else's entry is a 404, like a missing one.
 */
export function diaryRoutes(db: Db, deps: DiaryApiDeps): MiniAppRoutes {
  const routes = createRoutes();
  const analyse = (entry: { id: string; text: string; pick: MoodPick | null; ai?: boolean }) =>
    analyseEntry(
      { db, analyzer: deps.analyzer, aiAnalyzer: deps.aiAnalyzer, embedder: deps.embedder },
      { id: entry.id, text: entry.text, pick: entry.pick, aiAnalysis: entry.ai },
    );
  const readEntry = (c: Context<MiniAppEnv>, id: string) =>
    db.call<{ status: string }>("diary_entry", { p_tg_id: c.get("tgId"), p_entry_id: id });

  on(routes, listRoute, async (c) => {
    const { offset, limit } = c.req.valid("query");
    const page = await db.call<{ total: number; entries: unknown[] }>("diary_page", {
      p_tg_id: c.get("tgId"),
      p_offset: offset,
      p_limit: limit,
    });
    return c.json({ ...page, offset, limit }, 200);
  });

  on(routes, writeRoute, async (c) => {
    const body = c.req.valid("json");
    const result = await db.call<EntryWrite>("write_diary_entry", {
      p_tg_id: c.get("tgId"),
      p_body: body.text,
      p_pick: body.pick ?? null,
    });
    failUnlessOk(result.status);
    await analyse({
      id: result.entry_id!,
      text: body.text,
      pick: body.pick ?? null,
      ai: result.ai_analysis,
    });
    const entry = await readEntry(c, result.entry_id!);
    return c.json({ ...entry, crisis: detectCrisis(body.text) !== null }, 201);
  });

  on(routes, exportRoute, async (c) => {
    const entries = await db.call<unknown[]>("diary_export", { p_tg_id: c.get("tgId") });
    c.header("content-disposition", 'attachment; filename="diary.json"');
    return c.json({ entries: entries ?? [] }, 200);
  });

  on(routes, settingsRoute, async (c) => {
    const settings = await db.call<DiarySettingsRow>("diary_settings", { p_tg_id: c.get("tgId") });
    failUnlessOk(settings.status);
    return c.json(settingsJson(settings), 200);
  });

  on(routes, changeSettingsRoute, async (c) => {
    const body = c.req.valid("json");
    const settings = await db.call<DiarySettingsRow>("set_diary_settings", {
      p_tg_id: c.get("tgId"),
      p_set_reminder: body.reminderMinute !== undefined,
      p_reminder_minute: body.reminderMinute ?? null,
      p_ai_analysis: body.aiAnalysis ?? null,
      p_diary_matching: body.useForMatching ?? null,
    });
    failUnlessOk(settings.status);
    return c.json(settingsJson(settings), 200);
  });

  on(routes, entryRoute, async (c) => {
    const entry = await readEntry(c, c.req.valid("param").id);
    failUnlessOk(entry.status);
    return c.json(entry, 200);
  });

  on(routes, editRoute, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const result = await db.call<EntryWrite>("update_diary_entry", {
      p_tg_id: c.get("tgId"),
      p_entry_id: id,
      p_body: body.text,
    });
    failUnlessOk(result.status);
    await analyse({ id, text: body.text, pick: result.pick ?? null, ai: result.ai_analysis });
    const entry = await readEntry(c, id);
    return c.json({ ...entry, crisis: detectCrisis(body.text) !== null }, 200);
  });

  on(routes, deleteRoute, async (c) => {
    const result = await db.call<{ status: string }>("delete_diary_entry", {
      p_tg_id: c.get("tgId"),
      p_entry_id: c.req.valid("param").id,
    });
    failUnlessOk(result.status);
    return c.json(result, 200);
  });

  on(routes, summaryRoute, async (c) => {
    const { period } = c.req.valid("query");
    const summary = await db.call<{ status: string }>("mood_period_summary", {
      p_tg_id: c.get("tgId"),
      p_period: period,
    });
    failUnlessOk(summary.status);
    return c.json(summary, 200);
  });

  on(routes, chartRoute, async (c) => {
    const { theme } = c.req.valid("query");
    const summary = await db.call<MoodSummary>("mood_summary", { p_tg_id: c.get("tgId") });
    failUnlessOk(summary.status);
    const report = await moodReport(await deps.texts(), summary, theme);
    if (!report.png) fail(404, "no_entries");
    return c.body(report.png as Uint8Array<ArrayBuffer>, 200, { "content-type": "image/png" });
  });

  on(routes, portraitRoute, async (c) => {
    const portrait = await db.call<{ status: string }>("diary_portrait", {
      p_tg_id: c.get("tgId"),
    });
    failUnlessOk(portrait.status);
    return c.json(portrait, 200);
  });

  return routes;
}

/** A SQL outcome other than ok as an HTTP error: what the person asked about is not theirs (or
 * the bot does not know them; the root's known-person check answers that first) → 404, a
 * half-filled profile → 409 as on the other routes, input the SQL refused → 400. */
function failUnlessOk(status: string): void {
  if (status === "ok") return;
  if (status === "not_found" || status === "not_registered") fail(404, status);
  if (status === "profile_incomplete") fail(409, status);
  if (status === "invalid_body" || status === "invalid_time" || status === "invalid_period") {
    fail(400, status);
  }
  throw new Error("unexpected SQL outcome");
}

function settingsJson(settings: DiarySettingsRow) {
  return {
    reminderMinute: settings.reminder_minute,
    aiAnalysis: settings.ai_analysis,
    useForMatching: settings.diary_matching,
  };
}
