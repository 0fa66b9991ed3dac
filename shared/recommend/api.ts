import type { Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import type { Db } from "../db/db.ts";
import type { MiniAppEnv } from "../matching/api.ts";
import type {
  SimilarPeopleResult,
  TakePersonResult,
  TakeTopicResult,
  TopicSuggestionsResult,
} from "./contract.ts";

export interface RecommendApiDeps {
  /** Called after a proposal was made: its cards wait in the outbox (e.g. a dispatcher kick). */
  afterWrite?: () => void;
}

/**
 * The paths the recommendation routes live under. The app that mounts them must put its
 * initData check on each (`app.use(path, authenticate)`) before calling
 * `registerRecommendRoutes`; a route reached without it answers 401.
 */
export const recommendApiPaths = ["/similar/*", "/recommendations/*"] as const;

const listQuery = z.object({
  limit: z.coerce.number().int().min(1, "limit must be 1-10").max(10, "limit must be 1-10")
    .default(3),
}).strict();
const cardId = z.uuid();

/** The outcomes that are not a success; each becomes an HTTP error named by its status. */
const refusalStatus = {
  profile_incomplete: 409,
  diary_matching_off: 409,
  no_portrait: 409,
  already_in_chat: 409,
  proposal_pending: 409,
  restricted: 403,
} as const;
const takePersonStatus: Record<TakePersonResult["status"], ContentfulStatusCode> = {
  ...refusalStatus,
  proposed: 200,
  not_found: 404,
  stale: 409,
  already_taken: 409,
  unavailable: 409,
};
const topicsStatus: Record<TopicSuggestionsResult["status"], ContentfulStatusCode> = {
  ok: 200,
  profile_incomplete: 409,
  diary_matching_off: 409,
  no_portrait: 409,
  topics_full: 409,
};
const takeTopicStatus: Record<TakeTopicResult["status"], ContentfulStatusCode> = {
  added: 200,
  already_chosen: 409,
  not_found: 404,
  stale: 409,
  already_taken: 409,
  profile_incomplete: 409,
  diary_matching_off: 409,
  topics_full: 409,
};

/**
 * Recommendations for the Mini App, with the bot's rules (mount under `recommendApiPaths`):
 * `GET /similar?limit=` (person cards; each one is recorded as shown),
 * `POST /similar/:id/propose` (an ordinary proposal to the card's person: both get the
 * proposal card and must accept), `GET /recommendations/topics?limit=` (topics to add, recorded
 * as shown) and `POST /recommendations/topics/:id` (adds one). A malformed id or query is a 400
 * that changes nothing; someone else's or an unknown card is a 404.
 */
export function registerRecommendRoutes(
  app: Hono<MiniAppEnv>,
  db: Db,
  deps: RecommendApiDeps = {},
): void {
  for (const path of recommendApiPaths) {
    app.use(path, async (c, next) => {
      // Fails closed if the mounting app forgot its initData check for this path.
      if (typeof c.get("tgId") !== "number") {
        throw new HTTPException(401, { message: "invalid or missing Mini App initData" });
      }
      // Personal answers: no shared cache keeps a copy.
      c.header("cache-control", "private, no-store");
      await next();
    });
  }

  app.get("/similar", async (c) => {
    const { limit } = parseQuery(c, listQuery);
    const result = await db.call<SimilarPeopleResult>("similar_people", {
      p_tg_id: c.get("tgId"),
      p_limit: limit,
    });
    return reply(result, result.status === "ok" ? 200 : refusalStatus[result.status]);
  });

  app.post("/similar/:id/propose", async (c) => {
    const result = await db.call<TakePersonResult>("take_person_recommendation", {
      p_tg_id: c.get("tgId"),
      p_rec_id: parseId(c.req.param("id")),
    });
    if (result.status === "proposed") deps.afterWrite?.();
    return reply(result, takePersonStatus[result.status]);
  });

  app.get("/recommendations/topics", async (c) => {
    const { limit } = parseQuery(c, listQuery);
    const result = await db.call<TopicSuggestionsResult>("topic_recommendations", {
      p_tg_id: c.get("tgId"),
      p_limit: limit,
    });
    return reply(result, topicsStatus[result.status]);
  });

  app.post("/recommendations/topics/:id", async (c) => {
    const result = await db.call<TakeTopicResult>("take_topic_recommendation", {
      p_tg_id: c.get("tgId"),
      p_rec_id: parseId(c.req.param("id")),
    });
    return reply(result, takeTopicStatus[result.status]);
  });
}

/** A success answers the SQL result; anything else is an error named by its status. */
function reply(result: { status: string }, status: ContentfulStatusCode | undefined): Response {
  if (status === undefined) throw new HTTPException(500, { message: "unexpected result" });
  if (status >= 400 && result.status === "restricted") {
    // The Mini App shows until when; kind and end are not secrets to the person themselves.
    const { kind, ends_at } = result as { kind?: string; ends_at?: string | null };
    return Response.json({ error: { message: "restricted" }, kind, ends_at }, {
      status,
      headers: { "cache-control": "private, no-store" },
    });
  }
  if (status >= 400) throw new HTTPException(status, { message: result.status });
  return Response.json(result, { status, headers: { "cache-control": "private, no-store" } });
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
  const parsed = cardId.safeParse(id);
  if (!parsed.success) throw new HTTPException(400, { message: "card id must be a UUID" });
  return parsed.data;
}
