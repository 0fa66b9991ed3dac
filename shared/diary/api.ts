import type { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import type { Db } from "../db/db.ts";
import type { Translate } from "../notifications/translate.ts";
import { parseJsonBody } from "../api/body.ts";
import type { MiniAppEnv } from "../matching/api.ts";
import { analyseEntry } from "./analysis.ts";
import { moodPicks } from "./callbacks.ts";
import type { MoodAnalyzer } from "./mood.ts";
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

const writeBody = z.object({
  text: z.string().min(1).max(4096),
  pick: z.enum(moodPicks as [string, ...string[]]).nullish(),
}).strict();
const pageQuery = z.object({ offset: z.coerce.number().int().min(0).max(100_000).default(0) });
const entryId = z.uuid();

/**
 * The diary for the Mini App, with the bot's rules: `GET /diary?offset=`, `POST /diary`
 * `{ text, pick? }`, `GET /diary/export`, `GET /diary/:id`, `DELETE /diary/:id`, `GET /mood`
 * (the summary as JSON) and `GET /mood/chart?theme=light|dark` (the PNG).
 */
export function registerDiaryRoutes(app: Hono<MiniAppEnv>, db: Db, deps: DiaryApiDeps): void {
  app.get("/diary", async (c) => {
    const query = pageQuery.safeParse(c.req.query());
    if (!query.success) throw new HTTPException(422, { message: "invalid offset" });
    return c.json(
      await db.call("diary_page", {
        p_tg_id: c.get("tgId"),
        p_offset: query.data.offset,
        p_limit: 20,
      }),
      200,
    );
  });

  app.post("/diary", async (c) => {
    const body = await parseJsonBody(c, writeBody);
    const result = await db.call<{ status: string; entry_id?: string; ai_analysis?: boolean }>(
      "write_diary_entry",
      {
        p_tg_id: c.get("tgId"),
        p_body: body.text,
        p_pick: body.pick ?? null,
      },
    );
    if (result.status === "not_registered") {
      throw new HTTPException(404, { message: result.status });
    }
    if (result.status !== "ok") throw new HTTPException(422, { message: result.status });
    await analyseEntry(
      { db, analyzer: deps.analyzer, aiAnalyzer: deps.aiAnalyzer, embedder: deps.embedder },
      {
        id: result.entry_id!,
        text: body.text,
        pick: (body.pick ?? null) as never,
        aiAnalysis: result.ai_analysis,
      },
    );
    return c.json(
      await db.call("diary_entry", {
        p_tg_id: c.get("tgId"),
        p_entry_id: result.entry_id,
      }),
      201,
    );
  });

  app.get("/diary/export", async (c) => {
    const entries = await db.call<unknown[]>("diary_export", { p_tg_id: c.get("tgId") });
    c.header("content-disposition", 'attachment; filename="diary.json"');
    return c.json({ entries: entries ?? [] }, 200);
  });

  app.get("/diary/:id", async (c) => {
    const id = entryId.safeParse(c.req.param("id"));
    if (!id.success) throw new HTTPException(404, { message: "not_found" });
    const entry = await db.call<{ status: string }>("diary_entry", {
      p_tg_id: c.get("tgId"),
      p_entry_id: id.data,
    });
    if (entry.status !== "ok") throw new HTTPException(404, { message: "not_found" });
    return c.json(entry, 200);
  });

  app.delete("/diary/:id", async (c) => {
    const id = entryId.safeParse(c.req.param("id"));
    if (!id.success) throw new HTTPException(404, { message: "not_found" });
    const result = await db.call<{ status: string }>("delete_diary_entry", {
      p_tg_id: c.get("tgId"),
      p_entry_id: id.data,
    });
    if (result.status !== "ok") throw new HTTPException(404, { message: "not_found" });
    return c.json(result, 200);
  });

  app.get("/mood", async (c) => {
    const summary = await db.call<MoodSummary>("mood_summary", { p_tg_id: c.get("tgId") });
    if (summary.status !== "ok") throw new HTTPException(404, { message: summary.status });
    return c.json(summary, 200);
  });

  app.get("/mood/chart", async (c) => {
    const theme = c.req.query("theme") === "dark" ? "dark" : "light";
    const summary = await db.call<MoodSummary>("mood_summary", { p_tg_id: c.get("tgId") });
    if (summary.status !== "ok") throw new HTTPException(404, { message: summary.status });
    const report = await moodReport(await deps.texts(), summary, theme);
    if (!report.png) throw new HTTPException(404, { message: "no_entries" });
    return c.body(report.png as Uint8Array<ArrayBuffer>, 200, { "content-type": "image/png" });
  });
}
