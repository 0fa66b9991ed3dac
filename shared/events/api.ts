import type { Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import type { Db } from "../db/db.ts";
import type { MiniAppEnv } from "../matching/api.ts";
import { parseJsonBody } from "../api/body.ts";
import { detectPii } from "../safety/pii.ts";
import { normalizeText } from "../safety/normalize.ts";
import { detectThemes } from "../diary/themes.ts";

/**
 * The paths the event routes live under. The mounting app puts its initData check on each
 * (`app.use(path, authenticate)`) before `registerEventRoutes`; without it they answer 401.
 */
export const eventApiPaths = ["/events", "/events/*"] as const;

const eventId = z.uuid();

/** POST /events: an announcement, checked like /newevent's answers. */
const announcement = z.object({
  title: z.string().transform((s) => normalizeText(s).text.trim())
    .pipe(
      z.string().min(3, "title must be 3-100 characters").max(
        100,
        "title must be 3-100 characters",
      ),
    ),
  description: z.string().default("").transform((s) => normalizeText(s).text.trim())
    .pipe(z.string().max(1000, "description must be at most 1000 characters")),
  startsAt: z.iso.datetime({ offset: true }),
}).strict();

/** SQL outcome -> HTTP status: successes 200 (202 for the waiting list), refusals 4xx. */
const statusOf: Record<string, ContentfulStatusCode> = {
  ok: 200,
  registered: 200,
  waiting: 202,
  confirmed: 200,
  cancelled: 200,
  already: 409,
  not_registered: 409,
  too_early: 409,
  closed: 409,
  not_for_you: 403,
  not_found: 404,
  pending: 201,
  invalid: 422,
  too_many_pending: 409,
  profile_incomplete: 409,
  restricted: 403,
};

/**
 * Events for the Mini App, with the bot's rules: `GET /events` (upcoming, own age pool, with
 * counts and the caller's status, never who registered), `GET /events/recommended` (the same,
 * recommended first with a reason; recorded as shown), `GET /events/:id`, `POST /events` (an
 * announcement, pending until a moderator approves it), `POST /events/:id/register`,
 * `DELETE /events/:id/register`, `POST /events/:id/confirm`. A malformed id is a 400 that
 * changes nothing; an unknown event a 404.
 */
export function registerEventRoutes(app: Hono<MiniAppEnv>, db: Db): void {
  for (const path of eventApiPaths) {
    app.use(path, async (c, next) => {
      // Fails closed if the mounting app forgot its initData check for this path.
      if (typeof c.get("tgId") !== "number") {
        throw new HTTPException(401, { message: "invalid or missing Mini App initData" });
      }
      c.header("cache-control", "private, no-store");
      await next();
    });
  }

  app.get("/events", async (c) => {
    const limit = z.coerce.number().int().min(1).max(50).default(10)
      .safeParse(c.req.query("limit") ?? undefined);
    if (!limit.success) throw new HTTPException(400, { message: "limit must be 1-50" });
    return reply(
      await db.call<{ status: string }>("upcoming_events", {
        p_tg_id: c.get("tgId"),
        p_limit: limit.data,
      }),
    );
  });

  app.get("/events/recommended", async (c) => {
    const limit = z.coerce.number().int().min(1).max(20).default(5)
      .safeParse(c.req.query("limit") ?? undefined);
    if (!limit.success) throw new HTTPException(400, { message: "limit must be 1-20" });
    return reply(
      await db.call<{ status: string }>("recommended_events", {
        p_tg_id: c.get("tgId"),
        p_limit: limit.data,
      }),
    );
  });

  app.post("/events", async (c) => {
    const body = await parseJsonBody(c, announcement);
    // Events are public: no phones, e-mails, links or usernames in their text.
    if (detectPii(`${body.title}\n${body.description}`)[0]) {
      throw new HTTPException(422, { message: "title and description must not hold contacts" });
    }
    const topics = detectThemes(`${body.title}. ${body.description}`).map((t) => t.slug);
    return reply(
      await db.call<{ status: string }>("announce_event", {
        p_tg_id: c.get("tgId"),
        p_title: body.title,
        p_description: body.description,
        p_starts_at: body.startsAt,
        p_topic_slugs: topics,
      }),
    );
  });

  app.get("/events/:id", async (c) =>
    reply(
      await db.call<{ status: string }>("event_details", {
        p_tg_id: c.get("tgId"),
        p_event_id: idOf(c),
      }),
    ));

  const action = (fn: string) => async (c: Context<MiniAppEnv>) =>
    reply(await db.call<{ status: string }>(fn, { p_tg_id: c.get("tgId"), p_event_id: idOf(c) }));
  app.post("/events/:id/register", async (c) => {
    const id = idOf(c);
    const result = await db.call<{ status: string }>("register_for_event", {
      p_tg_id: c.get("tgId"),
      p_event_id: id,
    });
    if (result.status === "registered" || result.status === "waiting") {
      await db.call("mark_event_recommendation_taken", { p_tg_id: c.get("tgId"), p_event_id: id });
    }
    return reply(result);
  });
  app.delete("/events/:id/register", action("cancel_event_registration"));
  app.post("/events/:id/confirm", action("confirm_event_participation"));
}

function idOf(c: Context): string {
  const parsed = eventId.safeParse(c.req.param("id"));
  if (!parsed.success) throw new HTTPException(400, { message: "event id must be a UUID" });
  return parsed.data;
}

function reply(result: { status: string }): Response {
  const status = statusOf[result.status];
  if (status === undefined) throw new HTTPException(500, { message: "unexpected result" });
  if (status >= 400) {
    return Response.json({ error: { message: result.status } }, {
      status,
      headers: { "cache-control": "private, no-store" },
    });
  }
  return Response.json(result, { status, headers: { "cache-control": "private, no-store" } });
}
