import { createRoute, z } from "@hono/zod-openapi";
import type { Db } from "../db/db.ts";
import {
  answer,
  createRoutes,
  error,
  json,
  jsonBody,
  type MiniAppRoutes,
  on,
  personErrors,
} from "../api/routes.ts";
import type {
  CancelSearchResult,
  FindPartnerResult,
  MatchStatusResult,
  RespondResult,
} from "./contract.ts";

export interface MatchRoutesDeps {
  db: Db;
  /** Called after a request that may have queued Telegram notices (e.g. a dispatcher kick). */
  afterWrite?: () => void;
}

const tags = ["Matching"];

const FindResult = z.looseObject({
  status: z.enum(["queued", "proposed", "already_searching"]),
  match_id: z.uuid().optional(),
  arm: z.string().optional(),
  waiting_seconds: z.number().optional(),
  expires_at: z.string().optional(),
}).openapi("FindResult");
const CancelResult = z.object({ status: z.literal("cancelled") });
const ConfirmResult = z.looseObject({
  status: z.enum(["waiting_for_partner", "chat_started", "declined"]),
});
const MatchStatus = z.looseObject({
  status: z.enum(["idle", "searching", "proposed", "waiting_for_partner", "in_chat"]),
  match_id: z.uuid().optional(),
  waiting_seconds: z.number().optional(),
  expires_at: z.string().optional(),
}).openapi("MatchStatus");

const findRoute = createRoute({
  method: "post",
  path: "/match/find",
  tags,
  summary: "Start a search (or get a proposal at once)",
  responses: {
    200: json(FindResult, "`proposed` (with the partner's card) or `already_searching`"),
    202: json(FindResult, "`queued`: searching"),
    403: error("`restricted`: muted or banned, with `kind` and `ends_at`"),
    409: error("`profile_incomplete`, `already_in_chat` or `proposal_pending`"),
    ...personErrors,
  },
});

const cancelRoute = createRoute({
  method: "post",
  path: "/match/cancel",
  tags,
  summary: "Stop searching",
  responses: {
    200: json(CancelResult, "`cancelled`"),
    409: error("`not_searching`"),
    ...personErrors,
  },
});

const ConfirmBody = z.object({
  match_id: z.uuid(),
  accept: z.boolean(),
}).strict().openapi("MatchConfirm");

const confirmRoute = createRoute({
  method: "post",
  path: "/match/confirm",
  tags,
  summary: "Accept or skip a proposal",
  request: { body: jsonBody(ConfirmBody) },
  responses: {
    200: json(ConfirmResult, "`waiting_for_partner`, `chat_started` or `declined`"),
    400: error("`invalid_input`"),
    409: error("`expired` or `already_answered`"),
    ...personErrors,
  },
});

const statusRoute = createRoute({
  method: "get",
  path: "/match/status",
  tags,
  summary: "The person's state: idle, searching, a proposal, in a chat",
  responses: { 200: json(MatchStatus, "The state"), ...personErrors },
});

/** Outcomes that are not a success fail with their status as the code. */
const findStatus: Record<FindPartnerResult["status"], 200 | 202 | 403 | 409> = {
  queued: 202,
  proposed: 200,
  already_searching: 200,
  profile_incomplete: 409,
  already_in_chat: 409,
  proposal_pending: 409,
  restricted: 403,
};
const cancelStatus: Record<CancelSearchResult["status"], 200 | 409> = {
  cancelled: 200,
  not_searching: 409,
};
const confirmStatus: Record<RespondResult["status"], 200 | 404 | 409> = {
  waiting_for_partner: 200,
  chat_started: 200,
  declined: 200,
  not_found: 404,
  expired: 409,
  already_answered: 409,
};

/**
 * Matching for the Mini App, with the bot's rules: `POST /match/find`, `POST /match/cancel`,
 * `POST /match/confirm`, `GET /match/status`. Mounted by the API's root (shared/api/), which
 * checks initData and the person first.
 */
export function matchRoutes(deps: MatchRoutesDeps): MiniAppRoutes {
  const routes = createRoutes();

  on(routes, findRoute, async (c) => {
    const result = await deps.db.call<FindPartnerResult>("find_partner", {
      p_tg_id: c.get("tgId"),
    });
    deps.afterWrite?.();
    return answer(result, findStatus);
  });

  on(routes, cancelRoute, async (c) => {
    const result = await deps.db.call<CancelSearchResult>("cancel_search", {
      p_tg_id: c.get("tgId"),
    });
    return answer(result, cancelStatus);
  });

  on(routes, confirmRoute, async (c) => {
    const body = c.req.valid("json");
    const result = await deps.db.call<RespondResult>("respond_to_proposal", {
      p_tg_id: c.get("tgId"),
      p_match_id: body.match_id,
      p_accept: body.accept,
    });
    deps.afterWrite?.();
    return answer(result, confirmStatus);
  });

  on(routes, statusRoute, async (c) => {
    const result = await deps.db.call<MatchStatusResult>("match_status", {
      p_tg_id: c.get("tgId"),
    });
    return answer(result, { [result.status]: 200 });
  });

  return routes;
}
