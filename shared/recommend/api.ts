import { createRoute, z } from "@hono/zod-openapi";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Db } from "../db/db.ts";
import {
  answer,
  createRoutes,
  error,
  IdParams,
  json,
  type MiniAppRoutes,
  on,
  personErrors,
} from "../api/routes.ts";
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

const tags = ["Recommendations"];

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(10).default(3),
}).strict();

const SimilarPeople = z.looseObject({
  status: z.literal("ok"),
  people: z.array(z.looseObject({
    id: z.uuid().openapi({ description: "the card's id" }),
    pseudonym: z.string(),
    shared_topics: z.array(z.string()),
    closeness: z.enum(["very_close", "close", "similar"]),
  })),
}).openapi("SimilarPeople");
const Proposed = z.looseObject({ status: z.literal("proposed"), match_id: z.uuid() });
const TopicSuggestions = z.looseObject({
  status: z.literal("ok"),
  topics: z.array(z.looseObject({
    id: z.uuid().openapi({ description: "the suggestion's id" }),
    topic_id: z.number().int(),
    slug: z.string(),
    title: z.string(),
  })),
}).openapi("TopicSuggestions");
const TopicAdded = z.looseObject({
  status: z.literal("added"),
  topic_id: z.number().int(),
  title: z.string(),
});

const refusals = {
  400: error("`invalid_input`"),
  403: error("`restricted`"),
  409: error(
    "`profile_incomplete`, `diary_matching_off`, `no_portrait`, `already_in_chat`, " +
      "`proposal_pending`, `stale`, `already_taken`, `unavailable`, `topics_full` or " +
      "`already_chosen`",
  ),
};

const similarRoute = createRoute({
  method: "get",
  path: "/similar",
  tags,
  summary: "People whose diary portrait is close (each card recorded as shown)",
  request: { query: ListQuery },
  responses: {
    200: json(SimilarPeople, "The cards, nearest first (possibly none)"),
    ...refusals,
    ...personErrors,
  },
});
const proposeRoute = createRoute({
  method: "post",
  path: "/similar/{id}/propose",
  tags,
  summary: "An ordinary proposal to the card's person: both get the card and must accept",
  request: { params: IdParams },
  responses: { 200: json(Proposed, "`proposed`: both get the card"), ...refusals, ...personErrors },
});
const topicsRoute = createRoute({
  method: "get",
  path: "/recommendations/topics",
  tags,
  summary: "Topics the diary is about but the profile lacks (recorded as shown)",
  request: { query: ListQuery },
  responses: {
    200: json(TopicSuggestions, "The suggestions, strongest first (possibly none)"),
    ...refusals,
    ...personErrors,
  },
});
const takeTopicRoute = createRoute({
  method: "post",
  path: "/recommendations/topics/{id}",
  tags,
  summary: "Add a recommended topic to the profile",
  request: { params: IdParams },
  responses: { 200: json(TopicAdded, "`added`"), ...refusals, ...personErrors },
});

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
 * Recommendations for the Mini App, with the bot's rules: `GET /similar?limit=` (person cards;
 * each one is recorded as shown), `POST /similar/{id}/propose` (an ordinary proposal to the
 * card's person: both get the proposal card and must accept), `GET /recommendations/topics`
 * (topics to add, recorded as shown) and `POST /recommendations/topics/{id}` (adds one). A
 * malformed id or query is a 400 that changes nothing; someone else's or an unknown card is a
 * 404.
 */
export function recommendRoutes(db: Db, deps: RecommendApiDeps = {}): MiniAppRoutes {
  const routes = createRoutes();

  on(routes, similarRoute, async (c) => {
    const result = await db.call<SimilarPeopleResult>("similar_people", {
      p_tg_id: c.get("tgId"),
      p_limit: c.req.valid("query").limit,
    });
    return answer(result, { ok: 200, ...refusalStatus });
  });

  on(routes, proposeRoute, async (c) => {
    const result = await db.call<TakePersonResult>("take_person_recommendation", {
      p_tg_id: c.get("tgId"),
      p_rec_id: c.req.valid("param").id,
    });
    if (result.status === "proposed") deps.afterWrite?.();
    return answer(result, takePersonStatus);
  });

  on(routes, topicsRoute, async (c) => {
    const result = await db.call<TopicSuggestionsResult>("topic_recommendations", {
      p_tg_id: c.get("tgId"),
      p_limit: c.req.valid("query").limit,
    });
    return answer(result, topicsStatus);
  });

  on(routes, takeTopicRoute, async (c) => {
    const result = await db.call<TakeTopicResult>("take_topic_recommendation", {
      p_tg_id: c.get("tgId"),
      p_rec_id: c.req.valid("param").id,
    });
    return answer(result, takeTopicStatus);
  });

  return routes;
}
