import type { Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import type { Db } from "../db/db.ts";
import type { Translate } from "../notifications/translate.ts";
import { parseJsonBody } from "../api/body.ts";
import type { MiniAppEnv } from "../matching/api.ts";
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

/**
 * The paths the diary routes live under. The app that mounts them must put its initData check
 * on each (`app.use(path, authenticate)`) before calling `registerDiaryRoutes`; a route reached
 * without it answers 401.
 */
export const diaryApiPaths = ["/diary/*", "/mood/*", "/portrait"] as const;

const text = z.string()
  .max(4096, "text must be at most 4096 characters")
  .refine((s) => s.trim().length > 0, "text must not be empty");
const writeBody = z.object({
  text,
  pick: z.enum(moodPicks as [MoodPick, ...MoodPick[]]).nullish(),
}).strict();
const editBody = z.object({ text }).strict();
const settingsBody = z.object({
  reminderMinute: z.number().int()
    .min(8 * 60, "reminderMinute must be between 480 (08:00) and 1320 (22:00)")
    .max(22 * 60, "reminderMinute must be between 480 (08:00) and 1320 (22:00)")
    .nullable()
    .optional(),
  aiAnalysis: z.boolean().optional(),
  useForMatching: z.boolean().optional(),
}).strict().refine((b) => Object.keys(b).length > 0, "nothing to change");

const pageQuery = z.object({
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(50).default(20),
}).strict();
const summaryQuery = z.object({
  period: z.enum(["day", "week", "month"], "period must be day, week or month").default("week"),
}).strict();
const chartQuery = z.object({
  theme: z.enum(["light", "dark"], "theme must be light or dark").default("light"),
}).strict();
const entryId = z.uuid();

interface EntryWrite {
  status: string;
  entry_id?: string;
  pick?: MoodPick | null;
  ai_analysis?: boolean;
}

interface DiarySettings {
  status: string;
  reminder_minute: number | null;
  ai_analysis: boolean;
  diary_matching: boolean;
}

/**
 * The diary for the Mini App, with the bot's rules (mount under `diaryApiPaths`):
 * `GET|POST /diary/entries` (a page, newest first / a new entry, analysed at once),
 * `GET|PATCH|DELETE /diary/entries/:id` (PATCH edits the text and re-analyses it, as a Telegram
 * edit does), `GET /diary/export` (every entry), `GET|PATCH /diary/settings`,
 * `GET /mood/summary?period=day|week|month`, `GET /mood/chart.png?theme=light|dark` and
 * `GET /portrait` (the person's own figures, never the embedding). A malformed body, query or
 * id is a 400 that changes nothing; someone else's entry is a 404, like a missing one. Someone
 * the bot does not know gets 404 not_registered everywhere (the mounting app's
 * `requireKnownPerson`, shared/api/known_person.ts), also where an empty list would do.
 */
export function registerDiaryRoutes(app: Hono<MiniAppEnv>, db: Db, deps: DiaryApiDeps): void {
  for (const path of diaryApiPaths) {
    app.use(path, async (c, next) => {
      // Fails closed if the mounting app forgot its initData check for this path.
      if (typeof c.get("tgId") !== "number") {
        throw new HTTPException(401, { message: "invalid or missing Mini App initData" });
      }
      // A diary is private: no shared cache keeps a copy.
      c.header("cache-control", "private, no-store");
      await next();
    });
  }

  const analyse = (entry: { id: string; text: string; pick: MoodPick | null; ai?: boolean }) =>
    analyseEntry(
      { db, analyzer: deps.analyzer, aiAnalyzer: deps.aiAnalyzer, embedder: deps.embedder },
      { id: entry.id, text: entry.text, pick: entry.pick, aiAnalysis: entry.ai },
    );
  const readEntry = (c: Context<MiniAppEnv>, id: string) =>
    db.call<{ status: string }>("diary_entry", { p_tg_id: c.get("tgId"), p_entry_id: id });

  app.get("/diary/entries", async (c) => {
    const { offset, limit } = parseQuery(c, pageQuery);
    const page = await db.call<{ total: number; entries: unknown[] }>("diary_page", {
      p_tg_id: c.get("tgId"),
      p_offset: offset,
      p_limit: limit,
    });
    return c.json({ ...page, offset, limit }, 200);
  });

  app.post("/diary/entries", async (c) => {
    const body = await parseBody(c, writeBody);
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

  app.get("/diary/export", async (c) => {
    const entries = await db.call<unknown[]>("diary_export", { p_tg_id: c.get("tgId") });
    c.header("content-disposition", 'attachment; filename="diary.json"');
    return c.json({ entries: entries ?? [] }, 200);
  });

  app.get("/diary/settings", async (c) => {
    const settings = await db.call<DiarySettings>("diary_settings", { p_tg_id: c.get("tgId") });
    failUnlessOk(settings.status);
    return c.json(settingsJson(settings), 200);
  });

  app.patch("/diary/settings", async (c) => {
    const body = await parseBody(c, settingsBody);
    const settings = await db.call<DiarySettings>("set_diary_settings", {
      p_tg_id: c.get("tgId"),
      p_set_reminder: body.reminderMinute !== undefined,
      p_reminder_minute: body.reminderMinute ?? null,
      p_ai_analysis: body.aiAnalysis ?? null,
      p_diary_matching: body.useForMatching ?? null,
    });
    failUnlessOk(settings.status);
    return c.json(settingsJson(settings), 200);
  });

  app.get("/diary/entries/:id", async (c) => {
    const entry = await readEntry(c, parseId(c.req.param("id")));
    failUnlessOk(entry.status);
    return c.json(entry, 200);
  });

  app.patch("/diary/entries/:id", async (c) => {
    const id = parseId(c.req.param("id"));
    const body = await parseBody(c, editBody);
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

  app.delete("/diary/entries/:id", async (c) => {
    const result = await db.call<{ status: string }>("delete_diary_entry", {
      p_tg_id: c.get("tgId"),
      p_entry_id: parseId(c.req.param("id")),
    });
    failUnlessOk(result.status);
    return c.json(result, 200);
  });

  app.get("/mood/summary", async (c) => {
    const { period } = parseQuery(c, summaryQuery);
    const summary = await db.call<{ status: string }>("mood_period_summary", {
      p_tg_id: c.get("tgId"),
      p_period: period,
    });
    failUnlessOk(summary.status);
    return c.json(summary, 200);
  });

  app.get("/mood/chart.png", async (c) => {
    const { theme } = parseQuery(c, chartQuery);
    const summary = await db.call<MoodSummary>("mood_summary", { p_tg_id: c.get("tgId") });
    failUnlessOk(summary.status);
    const report = await moodReport(await deps.texts(), summary, theme);
    if (!report.png) throw new HTTPException(404, { message: "no_entries" });
    return c.body(report.png as Uint8Array<ArrayBuffer>, 200, { "content-type": "image/png" });
  });

  app.get("/portrait", async (c) => {
    const portrait = await db.call<{ status: string }>("diary_portrait", {
      p_tg_id: c.get("tgId"),
    });
    failUnlessOk(portrait.status);
    return c.json(portrait, 200);
  });
}

/** A SQL outcome other than ok as an HTTP error: what the person asked about is not theirs (or
 * the bot does not know them; `requireKnownPerson` answers that first) → 404, a half-filled
 * profile → 409 as on the other routes, input the SQL refused → 400. */
function failUnlessOk(status: string): void {
  if (status === "ok") return;
  if (status === "not_found" || status === "not_registered") {
    throw new HTTPException(404, { message: status });
  }
  if (status === "profile_incomplete") throw new HTTPException(409, { message: status });
  if (status === "invalid_body" || status === "invalid_time" || status === "invalid_period") {
    throw new HTTPException(400, { message: status });
  }
  throw new HTTPException(500, { message: "unexpected result" });
}

function settingsJson(settings: DiarySettings) {
  return {
    reminderMinute: settings.reminder_minute,
    aiAnalysis: settings.ai_analysis,
    useForMatching: settings.diary_matching,
  };
}

/** The JSON body checked against `schema` (the API's shared parser), as a 400 when it is not. */
async function parseBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  try {
    return await parseJsonBody(c, schema);
  } catch (error) {
    if (error instanceof HTTPException && error.status === 422) {
      throw new HTTPException(400, { message: error.message });
    }
    throw error;
  }
}

function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.output<T> {
  const parsed = schema.safeParse(c.req.query());
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new HTTPException(400, {
    message: `invalid query: ${issue?.path.join(".") || "query"}: ${issue?.message ?? ""}`,
  });
}

function parseId(id: string): string {
  const parsed = entryId.safeParse(id);
  if (!parsed.success) throw new HTTPException(400, { message: "entry id must be a UUID" });
  return parsed.data;
}
