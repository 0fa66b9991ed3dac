import type { Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import type { Db } from "../db/db.ts";
import type { MiniAppEnv } from "../matching/api.ts";
import { parseJsonBody } from "../api/body.ts";
import {
  announcementTopics,
  checkEventText,
  EVENT_DESCRIPTION_MAX,
  EVENT_TITLE_MAX,
  EVENT_TITLE_MIN,
} from "./announcement.ts";

/**
 * The paths the event routes live under. The mounting app puts its initData check on each
 * (`app.use(path, authenticate)`) before `registerEventRoutes`; without it they answer 401.
 */
export const eventApiPaths = ["/events", "/events/*"] as const;

const eventId = z.uuid();

/** POST /events: an announcement; its texts are checked like /newevent's answers. */
const announcement = z.object({
  title: z.string(),
  description: z.string().default(""),
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
  // An announcement's start outside the window (event_start_refusal): why, as the bot says it.
  past: 422,
  too_soon: 422,
  too_far: 422,
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
    // Events are public: readable, within bounds, no phones, e-mails, links or usernames.
    const title = checkEventText(body.title, EVENT_TITLE_MAX, EVENT_TITLE_MIN);
    if (!title.ok) throw new HTTPException(422, { message: `title: ${title.reason}` });
    const description = body.description === ""
      ? { ok: true as const, value: "" }
      : checkEventText(body.description, EVENT_DESCRIPTION_MAX);
    if (!description.ok) {
      throw new HTTPException(422, { message: `description: ${description.reason}` });
    }
    return reply(
      await db.call<{ status: string }>("announce_event", {
        p_tg_id: c.get("tgId"),
        p_title: title.value,
        p_description: description.value,
        p_starts_at: body.startsAt,
        p_topic_slugs: announcementTopics(title.value, description.value),
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
