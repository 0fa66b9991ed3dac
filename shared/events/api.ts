import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Db } from "../db/db.ts";
import { fail } from "../api/errors.ts";
import {
  answer,
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
import {
  announcementTopics,
  checkEventText,
  EVENT_DESCRIPTION_MAX,
  EVENT_TITLE_MAX,
  EVENT_TITLE_MIN,
} from "./announcement.ts";

const tags = ["Events"];

/** POST /events: an announcement; its texts are checked like /newevent's answers. */
const Announcement = z.object({
  title: z.string().max(4096),
  description: z.string().max(4096).default(""),
  startsAt: z.iso.datetime({ offset: true }),
}).strict().openapi("EventAnnouncement");

const EventCard = z.looseObject({
  event_id: z.uuid(),
  title: z.string(),
  description: z.string(),
  starts_at: z.string(),
  round_minutes: z.number().int(),
  pause_minutes: z.number().int(),
  rounds: z.number().int().nullable().openapi({ description: "null: until everyone met" }),
  capacity: z.number().int(),
  link: z.string().nullable(),
  state: z.enum(["not_started", "reg_confirm", "ready", "running", "finished", "cancelled"]),
  topics: z.array(z.string()),
  registered: z.number().int().openapi({ description: "places taken (registered or confirmed)" }),
  my_status: z.enum(["registered", "waiting", "confirmed", "released", "cancelled"]).nullable(),
  utc_offset_minutes: z.number().int().nullable(),
}).openapi("EventCard");
const EventList = z.looseObject({
  status: z.literal("ok"),
  events: z.array(EventCard),
}).openapi("EventList");
const EventOutcome = z.looseObject({
  status: z.string(),
  confirm_now: z.boolean().optional(),
  card: EventCard.optional(),
}).openapi("EventOutcome");

const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) });
const RecommendedQuery = z.object({ limit: z.coerce.number().int().min(1).max(20).default(5) });

const invalid = { 400: error("`invalid_input`") };
const listRoute = createRoute({
  method: "get",
  path: "/events",
  tags,
  summary: "Upcoming events of the caller's age pool, soonest first",
  request: { query: ListQuery },
  responses: { 200: json(EventList, "The events"), ...invalid, ...personErrors },
});
const recommendedRoute = createRoute({
  method: "get",
  path: "/events/recommended",
  tags,
  summary: "Upcoming events, recommended first, each with its reason (recorded as shown)",
  request: { query: RecommendedQuery },
  responses: { 200: json(EventList, "The events"), ...invalid, ...personErrors },
});
const announceRoute = createRoute({
  method: "post",
  path: "/events",
  tags,
  summary: "Announce an event (pending until a moderator approves it), as /newevent",
  request: { body: jsonBody(Announcement) },
  responses: {
    201: json(EventOutcome, "`pending`: sent to the moderators"),
    400: error("`invalid_input`"),
    403: error("`restricted`"),
    409: error("`profile_incomplete` or `too_many_pending`"),
    422: error(
      "`title_refused` or `description_refused` (the bot's reason as `message`), " +
        "`invalid`, `past`, `too_soon` or `too_far`",
    ),
    ...personErrors,
  },
});
const MyEvents = z.object({
  status: z.literal("ok"),
  registrations: z.array(EventCard.extend({
    registered_at: z.string(),
    confirmed_at: z.string().nullable(),
    schedule: z.array(z.object({
      round: z.number().int(),
      starts_at: z.string(),
      ends_at: z.string(),
      bye: z.boolean().openapi({ description: "a round without a partner" }),
    })).openapi({ description: "The person's rounds once the schedule is built; else []" }),
  })),
  announced: z.array(EventCard.extend({ moderation: z.enum(["pending", "approved", "rejected"]) })),
}).openapi("MyEvents");

const mineRoute = createRoute({
  method: "get",
  path: "/events/mine",
  tags,
  summary: "The person's registrations (with their schedule once ready) and announcements",
  responses: { 200: json(MyEvents, "Events not over yet"), ...personErrors },
});

const eventRoute = createRoute({
  method: "get",
  path: "/events/{id}",
  tags,
  summary: "One event (approved ones of the caller's age pool, or the caller's own)",
  request: { params: IdParams },
  responses: { 200: json(EventOutcome, "The event"), ...invalid, ...personErrors },
});
const registerRoute = createRoute({
  method: "post",
  path: "/events/{id}/register",
  tags,
  summary: "Register (a place, or the waiting list when full)",
  request: { params: IdParams },
  responses: {
    200: json(EventOutcome, "`registered`"),
    202: json(EventOutcome, "`waiting`: on the waiting list"),
    ...invalid,
    403: error("`not_for_you` or `restricted`"),
    409: error("`already`, `closed` or `profile_incomplete`"),
    ...personErrors,
  },
});
const cancelRoute = createRoute({
  method: "delete",
  path: "/events/{id}/register",
  tags,
  summary: "Cancel a registration (the first on the waiting list moves up)",
  request: { params: IdParams },
  responses: {
    200: json(EventOutcome, "`cancelled`"),
    ...invalid,
    409: error("`event_not_registered` or `closed`"),
    ...personErrors,
  },
});
const confirmRoute = createRoute({
  method: "post",
  path: "/events/{id}/confirm",
  tags,
  summary: "Confirm participation (from 24 h until 3 h before the start)",
  request: { params: IdParams },
  responses: {
    200: json(EventOutcome, "`confirmed`"),
    ...invalid,
    409: error("`event_not_registered`, `too_early`, `closed` or `already`"),
    ...personErrors,
  },
});

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
/** Not registered for the event is not the person unknown to the bot. */
const rename = { not_registered: "event_not_registered" } as const;

/**
 * Events for the Mini App, with the bot's rules: `GET /events` (upcoming, own age pool, with
 * counts and the caller's status, never who registered), `GET /events/recommended` (the same,
 * recommended first with a reason; recorded as shown), `GET /events/{id}`, `POST /events` (an
 * announcement, pending until a moderator approves it), `GET /events/mine` (registrations with
 * the schedule once ready, and one's announcements), `POST /events/{id}/register`,
 * `DELETE /events/{id}/register`, `POST /events/{id}/confirm`. A malformed id is a 400 that
 * changes nothing; an unknown event a 404.
 */
export function eventRoutes(db: Db): MiniAppRoutes {
  const routes = createRoutes();
  const reply = (result: { status: string }) => answer(result, statusOf, rename);

  on(routes, listRoute, async (c) =>
    reply(
      await db.call<{ status: string }>("upcoming_events", {
        p_tg_id: c.get("tgId"),
        p_limit: c.req.valid("query").limit,
      }),
    ));

  on(routes, recommendedRoute, async (c) =>
    reply(
      await db.call<{ status: string }>("recommended_events", {
        p_tg_id: c.get("tgId"),
        p_limit: c.req.valid("query").limit,
      }),
    ));

  on(routes, announceRoute, async (c) => {
    const body = c.req.valid("json");
    // Events are public: readable, within bounds, no phones, e-mails, links or usernames.
    const title = checkEventText(body.title, EVENT_TITLE_MAX, EVENT_TITLE_MIN);
    if (!title.ok) {
      fail(422, "title_refused", {
        key: `newevent-refused-${title.reason}`,
        params: { max: EVENT_TITLE_MAX },
        detail: { field: "title", reason: title.reason },
      });
    }
    const description = body.description === ""
      ? { ok: true as const, value: "" }
      : checkEventText(body.description, EVENT_DESCRIPTION_MAX);
    if (!description.ok) {
      fail(422, "description_refused", {
        key: `newevent-refused-${description.reason}`,
        params: { max: EVENT_DESCRIPTION_MAX },
        detail: { field: "description", reason: description.reason },
      });
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

  // Before /events/{id}: "mine" is no id.
  on(
    routes,
    mineRoute,
    async (c) => reply(await db.call<{ status: string }>("my_events", { p_tg_id: c.get("tgId") })),
  );

  on(routes, eventRoute, async (c) =>
    reply(
      await db.call<{ status: string }>("event_details", {
        p_tg_id: c.get("tgId"),
        p_event_id: c.req.valid("param").id,
      }),
    ));

  on(routes, registerRoute, async (c) => {
    const { id } = c.req.valid("param");
    const result = await db.call<{ status: string }>("register_for_event", {
      p_tg_id: c.get("tgId"),
      p_event_id: id,
    });
    if (result.status === "registered" || result.status === "waiting") {
      await db.call("mark_event_recommendation_taken", { p_tg_id: c.get("tgId"), p_event_id: id });
    }
    return reply(result);
  });

  const action = (fn: string) => async (c: Context<MiniAppEnv>, id: string) =>
    reply(await db.call<{ status: string }>(fn, { p_tg_id: c.get("tgId"), p_event_id: id }));
  const cancel = action("cancel_event_registration");
  const confirm = action("confirm_event_participation");
  on(routes, cancelRoute, (c) => cancel(c, c.req.valid("param").id));
  on(routes, confirmRoute, (c) => confirm(c, c.req.valid("param").id));

  return routes;
}
