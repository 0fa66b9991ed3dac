import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import type { Db } from "../db/db.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { Clock } from "../platform/clock.ts";
import type { RateLimiter } from "../platform/rate_limiter.ts";
import type {
  CancelSearchResult,
  FindPartnerResult,
  MatchStatusResult,
  RespondResult,
} from "./contract.ts";
import { validateInitData } from "./init_data.ts";
import { parseJsonBody } from "../api/body.ts";
import { withLlmPrivacy } from "../llm/gate.ts";
import { peopleOf } from "../llm/people.ts";
import { requireKnownPerson } from "../api/known_person.ts";
import { registerTipRoutes, type TipApiDeps } from "../payments/api.ts";
import type { HintOutcome, HintService } from "../coach/hint_service.ts";
import { type DiaryApiDeps, diaryApiPaths, registerDiaryRoutes } from "../diary/api.ts";
import { recommendApiPaths, registerRecommendRoutes } from "../recommend/api.ts";
import { eventApiPaths, registerEventRoutes } from "../events/api.ts";
import { matchApiOpenApi } from "./openapi.ts";

export interface MatchApiDeps {
  db: Db;
  botToken: string;
  /** Per Telegram user. */
  rateLimiter: RateLimiter;
  /** Per client address (the first `x-forwarded-for` entry), checked before initData. */
  ipRateLimiter?: RateLimiter;
  /** Counts refusals in `api_ratelimited_total{by}`. */
  metrics?: Metrics;
  clock: Clock;
  /** Called after a request that may have queued Telegram notices (e.g. a dispatcher kick). */
  afterWrite?: () => void;
  /** `POST /tips/create` (an invoice link for the Mini App); absent without a Bot API client. */
  tips?: TipApiDeps;
  /** `POST /ai/hint`: the coach with the bot's rules; absent when the coach is off. */
  coach?: HintService;
  /** `/diary`, `/mood` and `/portrait` for the Mini App. */
  diary?: DiaryApiDeps;
}

const hintBody = z.object({ draft: z.string().trim().min(1).max(4096).optional() }).strict();
const hintStatus: Record<HintOutcome["status"], ContentfulStatusCode> = {
  ok: 200,
  not_registered: 404,
  no_chat: 409,
  not_in_rollout: 404,
  not_opted_in: 403,
  // The Mini App shows GET /safety/sos instead.
  crisis: 409,
};

/** Every Mini App route knows the Telegram user its initData names. */
export type MiniAppEnv = { Variables: { tgId: number } };

const confirmBody = z.object({ match_id: z.uuid(), accept: z.boolean() }).strict();

/** Outcomes that are not a success get an HTTP error status; their `message` is the status. */
const findStatus: Record<FindPartnerResult["status"], ContentfulStatusCode> = {
  queued: 202,
  proposed: 200,
  already_searching: 200,
  profile_incomplete: 409,
  already_in_chat: 409,
  proposal_pending: 409,
  restricted: 403,
};
const cancelStatus: Record<CancelSearchResult["status"], ContentfulStatusCode> = {
  cancelled: 200,
  not_searching: 409,
};
const confirmStatus: Record<RespondResult["status"], ContentfulStatusCode> = {
  waiting_for_partner: 200,
  chat_started: 200,
  declined: 200,
  not_found: 404,
  expired: 409,
  already_answered: 409,
};

/**
 * The Mini App's matching API, mounted by the API app with `{ path: "/", app }`:
 * `POST /match/find`, `POST /match/cancel`, `POST /match/confirm`, `GET /match/status`,
 * `GET /safety/sos`, `GET /safety/restriction`, and when configured the diary, mood and portrait
 * routes (shared/diary/api.ts), recommendations (shared/recommend/api.ts) and tips (all need
 * `Authorization: tma <initData>`), plus `GET /openapi.json`. Errors are thrown as HTTPException
 * and rendered as `{ error: { message } }` by the API app.
 */
export function createMatchApi(deps: MatchApiDeps): Hono<MiniAppEnv> {
  if (!/^\d+:[A-Za-z0-9_-]+$/.test(deps.botToken)) throw new TypeError("botToken looks wrong");
  const app = new Hono<MiniAppEnv>();

  app.get("/openapi.json", (c) => c.json(matchApiOpenApi));

  const refuse = (c: Context, by: "ip" | "user", retryAfterSeconds: number): never => {
    deps.metrics?.inc("api_ratelimited_total", { by });
    // Set on the context so the API app's JSON error response carries it.
    c.header("retry-after", String(retryAfterSeconds));
    throw new HTTPException(429, { message: "too many requests" });
  };

  // Every Mini App route needs a signed initData and is counted per address and per user.
  const authenticate = async (c: Context<MiniAppEnv>, next: () => Promise<void>) => {
    const address = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (address && deps.ipRateLimiter) {
      const byAddress = await deps.ipRateLimiter.limit(`ip:${address}`);
      if (!byAddress.allowed) refuse(c, "ip", byAddress.retryAfterSeconds);
    }
    const header = c.req.header("authorization") ?? "";
    const initData = header.startsWith("tma ") ? header.slice(4).trim() : "";
    const user = initData
      ? await validateInitData(initData, deps.botToken, deps.clock.now())
      : null;
    if (!user) throw new HTTPException(401, { message: "invalid or missing Mini App initData" });
    const decision = await deps.rateLimiter.limit(`match:${user.id}`);
    if (!decision.allowed) refuse(c, "user", decision.retryAfterSeconds);
    c.set("tgId", user.id);
    // Model calls made for this request know the caller's and their chat's pseudonyms.
    await withLlmPrivacy({ people: () => peopleOf(deps.db, { id: user.id }) }, next);
  };
  // Routes about one's own data also need a person the bot knows: one rule for everyone the
  // bot never met or /delete erased (404 not_registered), whatever the route would answer.
  const person = [authenticate, requireKnownPerson(deps.db)] as const;
  app.use("/match/*", ...person);
  // Not /safety/*: the crisis lines are for anyone, and a ban outlives /delete.
  app.use("/safety/*", authenticate);
  if (deps.coach) {
    const coach = deps.coach;
    app.use("/ai/*", ...person);
    // Hints for the caller's active chat (and their draft), under the bot's rules.
    app.post("/ai/hint", async (c) => {
      const body = await parseJsonBody(c, hintBody);
      const outcome = await coach.hintsFor(c.get("tgId"), { draft: body.draft, source: "api" });
      if (outcome.status !== "ok") {
        throw new HTTPException(hintStatus[outcome.status], { message: outcome.status });
      }
      return c.json({ status: "ok", coach: outcome.coach, hints: outcome.hints }, 200);
    });
  }
  if (deps.diary) {
    for (const path of diaryApiPaths) app.use(path, ...person);
    registerDiaryRoutes(app, deps.db, deps.diary);
  }
  // /similar and /recommendations: people whose diary is close, topics to add.
  for (const path of recommendApiPaths) app.use(path, ...person);
  registerRecommendRoutes(app, deps.db, { afterWrite: deps.afterWrite });
  // /events: the list, registration and confirmation.
  for (const path of eventApiPaths) app.use(path, ...person);
  registerEventRoutes(app, deps.db);
  if (deps.tips) {
    app.use("/tips/*", ...person);
    registerTipRoutes(app, deps.db, deps.tips);
  }

  app.post("/match/find", async (c) => {
    const result = await deps.db.call<FindPartnerResult>("find_partner", {
      p_tg_id: c.get("tgId"),
    });
    deps.afterWrite?.();
    return reply(result, findStatus[result.status]);
  });

  app.post("/match/cancel", async (c) => {
    const result = await deps.db.call<CancelSearchResult>("cancel_search", {
      p_tg_id: c.get("tgId"),
    });
    return reply(result, cancelStatus[result.status]);
  });

  app.post("/match/confirm", async (c) => {
    const body = await parseJsonBody(c, confirmBody);
    const result = await deps.db.call<RespondResult>("respond_to_proposal", {
      p_tg_id: c.get("tgId"),
      p_match_id: body.match_id,
      p_accept: body.accept,
    });
    deps.afterWrite?.();
    return reply(result, confirmStatus[result.status]);
  });

  // The crisis lines for the user's country (what /sos shows in the bot).
  app.get("/safety/sos", async (c) => {
    return c.json(await deps.db.call("sos_card", { p_tg_id: c.get("tgId") }), 200);
  });

  // A mute or ban in force ({ status: "restricted", kind, ends_at }) or { status: "none" }.
  app.get("/safety/restriction", async (c) => {
    return c.json(await deps.db.call("restriction_of", { p_tg_id: c.get("tgId") }), 200);
  });

  app.get("/match/status", async (c) => {
    const result = await deps.db.call<MatchStatusResult>("match_status", {
      p_tg_id: c.get("tgId"),
    });
    return c.json(result, 200);
  });

  return app;
}

/** A success answers the SQL result; anything else is an error named by its status. */
function reply(result: { status: string }, status: ContentfulStatusCode | undefined): Response {
  if (status === undefined) throw new HTTPException(500, { message: "unexpected result" });
  if (status >= 400 && result.status === "restricted") {
    // The Mini App shows until when; kind and end are not secrets to the person themselves.
    const { kind, ends_at } = result as { kind?: string; ends_at?: string | null };
    return Response.json({ error: { message: "restricted" }, kind, ends_at }, { status });
  }
  if (status >= 400) throw new HTTPException(status, { message: result.status });
  return Response.json(result, { status });
}
