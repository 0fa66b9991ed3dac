import {
  createRoute,
  OpenAPIHono,
  type RouteConfig,
  type RouteHandler,
  z,
} from "@hono/zod-openapi";
import type { Context, Handler, MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Db } from "../db/db.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { Clock } from "../platform/clock.ts";
import type { RateLimiter } from "../platform/rate_limiter.ts";
import type { Translate } from "../notifications/translate.ts";
import { validateInitData } from "../matching/init_data.ts";
import { checkSignal, SignalBody } from "./signals.ts";
import { type TurnConfig, turnCredentials } from "./turn.ts";
import { type CallWaker, createCallWaker } from "./waker.ts";

export interface CallApiDeps {
  db: Db;
  /** Signs Mini App initData. */
  botToken: string;
  clock: Clock;
  /** The operator's TURN server; absent: every call route but the state says video is off. */
  turn?: TurnConfig;
  /** Every /calls request per Telegram user (signalling is chatty: 600 a minute by default). */
  signalLimiter: RateLimiter;
  /** Starting a call search, counted like /find in the bot. */
  searchLimiter: RateLimiter;
  /** The Russian texts of the error messages. */
  texts: () => Promise<Translate>;
  /** Wakes long polls in this process; one is made when not given. */
  waker?: CallWaker;
  /** Called after a request that may have queued Telegram notices (a dispatcher kick). */
  afterWrite?: () => void;
  /** Counts refusals in `api_ratelimited_total{by}`. */
  metrics?: Metrics;
  /** How often a long poll re-reads the database when not woken (ms). */
  pollMs?: number;
  /** Posts the moderators' card of a report filed from a call (when a group is set). */
  onReport?: (matchId: string, reporterTgId: number) => Promise<void>;
}

type CallEnv = { Variables: { tgId: number } };

/** A handler that may answer any Response (SQL outcomes map to statuses at run time). */
type LooseHandler<R extends RouteConfig> = RouteHandler<R, CallEnv> extends
  Handler<infer E, infer P, infer I, infer _> ? Handler<E, P, I, Promise<Response> | Response>
  : never;

/** `app.openapi(route, handler)`: the route's schemas validate and document the request. */
function on<R extends RouteConfig>(
  app: OpenAPIHono<CallEnv>,
  route: R,
  handler: LooseHandler<R>,
): void {
  app.openapi(route, handler as unknown as RouteHandler<R, CallEnv>);
}

/** The machine codes of /calls errors; each has a Russian text `calls-error-<code>`. */
export type CallErrorCode =
  | "unauthorized"
  | "not_registered"
  | "rate_limited"
  | "video_not_configured"
  | "invalid_input"
  | "non_relay_candidate"
  | "invalid_signal"
  | "not_found"
  | "forbidden"
  | "not_open"
  | "too_many"
  | "profile_incomplete"
  | "restricted"
  | "text_only"
  | "already_in_chat"
  | "already_in_call"
  | "proposal_pending"
  | "not_searching"
  | "already_ended"
  | "expired"
  | "already_answered"
  | "invalid_reason"
  | "invalid_preference";

const ErrorSchema = z.object({
  error: z.object({
    code: z.string().openapi({ example: "forbidden" }),
    message: z.string().openapi({ description: "Russian text the client shows as is" }),
  }),
}).openapi("CallError");

const errorContent = { "application/json": { schema: ErrorSchema } };
const error = (description: string) => ({ description, content: errorContent });
const ok = (description: string) => ({
  description,
  content: { "application/json": { schema: z.looseObject({ status: z.string() }) } },
});
const commonErrors = {
  401: error("initData missing, forged or expired (`unauthorized`)"),
  404: error("Not a person the bot knows (`not_registered`), or no such call (`not_found`)"),
  429: error("Too many requests (`rate_limited`); see the Retry-After header"),
  503: error("No TURN server is configured (`video_not_configured`)"),
} as const;
const participantErrors = {
  ...commonErrors,
  403: error("The call is someone else's (`forbidden`)"),
} as const;

const IdParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" } }),
});
const json = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

/** SQL outcomes and the HTTP status each one answers with. */
const statuses: Record<string, ContentfulStatusCode> = {
  ok: 200,
  queued: 202,
  proposed: 200,
  cancelled: 200,
  ended: 200,
  reported: 200,
  waiting_for_partner: 200,
  chat_started: 200,
  declined: 200,
  already_searching: 200,
  saved: 200,
  already_rated: 200,
  not_found: 404,
  not_registered: 404,
  forbidden: 403,
  restricted: 403,
  not_open: 409,
  too_many: 429,
  profile_incomplete: 409,
  text_only: 409,
  already_in_chat: 409,
  already_in_call: 409,
  proposal_pending: 409,
  not_searching: 409,
  already_ended: 409,
  expired: 409,
  already_answered: 409,
  invalid_reason: 400,
  invalid_preference: 400,
  invalid_signal: 400,
};

/**
 * The video room's API (the Mini App, `Authorization: tma <initData>`), under `/calls`:
 * `GET /calls/state`, `PATCH /calls/preference`, `POST|DELETE /calls/search`, `GET /calls/{id}`,
 * `POST /calls/{id}/answer`, `GET /calls/{id}/turn`, `POST /calls/{id}/rate`, `POST /calls/{id}/signal`,
 * `GET /calls/{id}/signal?after=&wait=` (a long poll), `POST /calls/{id}/heartbeat`,
 * `POST /calls/{id}/next|end|report`. Only the call's two participants reach a call (a third
 * person gets 403); only relay ICE candidates are accepted (anything else: 400, never stored).
 * The routes check initData and their own rate limits themselves (signalling is far chattier
 * than the other routes), so the API's root mounts them as they are.
 */
export function callRoutes(deps: CallApiDeps): OpenAPIHono<CallEnv> {
  if (!/^\d+:[A-Za-z0-9_-]+$/.test(deps.botToken)) throw new TypeError("botToken looks wrong");
  const waker = deps.waker ?? createCallWaker();
  const pollMs = deps.pollMs ?? 400;
  const app = new OpenAPIHono<CallEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return refuse(c, 400, "invalid_input");
    },
  });

  const refuse = async (
    c: Context,
    status: ContentfulStatusCode,
    code: CallErrorCode,
    extra: Record<string, unknown> = {},
  ): Promise<Response> => {
    const t = await deps.texts();
    const message = t(`calls-error-${code.replaceAll("_", "-")}`, textVars(extra));
    return c.json({ error: { code, message }, ...extra }, status);
  };

  /** A SQL outcome as the response: the result itself, or its status as the error code. */
  const answer = (c: Context, result: { status: string } & Record<string, unknown>) => {
    const status = statuses[result.status];
    if (status === undefined) throw new Error("unexpected SQL outcome");
    if (status < 400) return c.json(result, status);
    const extra: Record<string, unknown> = {};
    if (result.status === "restricted") {
      extra.kind = result.kind;
      extra.ends_at = result.ends_at ?? null;
    }
    return refuse(c, status, result.status as CallErrorCode, extra);
  };

  const limited = async (c: Context, limiter: RateLimiter, key: string) => {
    const decision = await limiter.limit(key);
    if (decision.allowed) return null;
    deps.metrics?.inc("api_ratelimited_total", { by: "user" });
    c.header("retry-after", String(decision.retryAfterSeconds));
    return refuse(c, 429, "rate_limited", { retry_after: decision.retryAfterSeconds });
  };

  const authenticate: MiddlewareHandler<CallEnv> = async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const initData = header.startsWith("tma ") ? header.slice(4).trim() : "";
    const user = initData
      ? await validateInitData(initData, deps.botToken, deps.clock.now())
      : null;
    if (!user) return refuse(c, 401, "unauthorized");
    const refused = await limited(c, deps.signalLimiter, `calls:${user.id}`);
    if (refused) return refused;
    const person = await deps.db.call<{ status: string }>("known_person", { p_tg_id: user.id });
    if (person.status !== "ok") return refuse(c, 404, "not_registered");
    c.set("tgId", user.id);
    c.header("cache-control", "private, no-store");
    await next();
  };
  app.use("/calls/*", authenticate);
  app.use("/calls/*", async (c, next) => {
    // The state tells the client whether video is configured; everything else needs TURN.
    if (!deps.turn && c.req.path.slice(c.req.path.indexOf("/calls/")) !== "/calls/state") {
      return refuse(c, 503, "video_not_configured");
    }
    await next();
  });

  on(
    app,
    createRoute({
      method: "get",
      path: "/calls/state",
      summary: "The room's state: preference, search, open call or proposal, the last call",
      responses: { 200: ok("`status`: idle, searching, proposed, in_call, …"), ...commonErrors },
    }),
    async (c) => {
      const state = await deps.db.call<{ status: string }>("call_state", {
        p_tg_id: c.get("tgId"),
      });
      if (state.status === "not_registered") return refuse(c, 404, "not_registered");
      return c.json({ ...state, video_configured: Boolean(deps.turn) }, 200);
    },
  );

  on(
    app,
    createRoute({
      method: "patch",
      path: "/calls/preference",
      summary: "Video or text only (text only never enters a call search)",
      request: {
        body: json(z.object({ preference: z.enum(["video", "text_only"]) }).strict()),
      },
      responses: { 200: ok("Saved"), 400: error("invalid_input"), ...commonErrors },
    }),
    async (c) => {
      const { preference } = c.req.valid("json");
      return answer(
        c,
        await deps.db.call("set_call_preference", {
          p_tg_id: c.get("tgId"),
          p_preference: preference,
        }),
      );
    },
  );

  on(
    app,
    createRoute({
      method: "post",
      path: "/calls/search",
      summary: "«Начать созвон»: search for a call with the same matching as /find",
      responses: {
        200: ok("`proposed` (a partner was found) or `already_searching`"),
        202: ok("`queued`"),
        403: error("`restricted` (with `kind` and `ends_at`)"),
        409: error("profile_incomplete, text_only, already_in_chat, already_in_call, …"),
        ...commonErrors,
      },
    }),
    async (c) => {
      const tgId = c.get("tgId");
      const refused = await limited(c, deps.searchLimiter, `call-search:${tgId}`);
      if (refused) return refused;
      const result = await deps.db.call<{ status: string }>("find_call", { p_tg_id: tgId });
      deps.afterWrite?.();
      return answer(c, result);
    },
  );

  on(
    app,
    createRoute({
      method: "delete",
      path: "/calls/search",
      summary: "Stop searching for a call",
      responses: { 200: ok("`cancelled`"), 409: error("not_searching"), ...commonErrors },
    }),
    async (c) => answer(c, await deps.db.call("cancel_call_search", { p_tg_id: c.get("tgId") })),
  );

  on(
    app,
    createRoute({
      method: "get",
      path: "/calls/{id}",
      summary: "One call, for one of its two participants",
      request: { params: IdParams },
      responses: { 200: ok("`call`"), ...participantErrors },
    }),
    async (c) =>
      answer(
        c,
        await deps.db.call("call_details", {
          p_tg_id: c.get("tgId"),
          p_call_id: c.req.valid("param").id,
        }),
      ),
  );

  on(
    app,
    createRoute({
      method: "post",
      path: "/calls/{id}/answer",
      summary: "The consent card: accept or skip a proposed call",
      request: { params: IdParams, body: json(z.object({ accept: z.boolean() }).strict()) },
      responses: {
        200: ok("waiting_for_partner, chat_started (the call opens) or declined"),
        409: error("expired, already_answered"),
        ...participantErrors,
      },
    }),
    async (c) => {
      const tgId = c.get("tgId");
      const id = c.req.valid("param").id;
      const details = await deps.db.call<{ status: string; call?: { match_id: string } }>(
        "call_details",
        { p_tg_id: tgId, p_call_id: id },
      );
      if (details.status !== "ok" || !details.call) return answer(c, details);
      const result = await deps.db.call<{ status: string }>("respond_to_proposal", {
        p_tg_id: tgId,
        p_match_id: details.call.match_id,
        p_accept: c.req.valid("json").accept,
      });
      deps.afterWrite?.();
      waker.wake(id);
      return answer(c, result);
    },
  );

  on(
    app,
    createRoute({
      method: "get",
      path: "/calls/{id}/turn",
      summary: "Short-lived TURN credentials for this call (the only ICE server to use)",
      request: { params: IdParams },
      responses: {
        200: ok("`ice_servers` for RTCPeerConnection, `ice_transport_policy: relay`"),
        409: error("The call is not connecting or live (`not_open`)"),
        ...participantErrors,
      },
    }),
    async (c) => {
      const details = await deps.db.call<{ status: string; call?: { state: string } }>(
        "call_details",
        { p_tg_id: c.get("tgId"), p_call_id: c.req.valid("param").id },
      );
      if (details.status !== "ok" || !details.call) return answer(c, details);
      if (!["connecting", "live"].includes(details.call.state)) {
        return refuse(c, 409, "not_open");
      }
      const credentials = await turnCredentials(deps.turn!, deps.clock.now());
      return c.json({
        status: "ok",
        ice_transport_policy: "relay",
        ice_servers: [{
          urls: credentials.urls,
          username: credentials.username,
          credential: credentials.credential,
        }],
        expires_at: credentials.expires_at,
      }, 200);
    },
  );

  on(
    app,
    createRoute({
      method: "post",
      path: "/calls/{id}/signal",
      summary: "An SDP offer/answer, one relay ICE candidate, or an ICE restart request",
      request: { params: IdParams, body: json(SignalBody) },
      responses: {
        200: ok("Stored for the partner (`id`)"),
        400: error("non_relay_candidate, invalid_signal, invalid_input: nothing stored"),
        409: error("The call is not connecting or live (`not_open`)"),
        ...participantErrors,
      },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const checked = checkSignal(c.req.valid("json"));
      if ("refused" in checked) return refuse(c, 400, checked.refused);
      const result = await deps.db.call<{ status: string }>("post_call_signal", {
        p_tg_id: c.get("tgId"),
        p_call_id: id,
        p_kind: checked.kind,
        p_body: checked.body,
      });
      if (result.status === "ok") waker.wake(id);
      return answer(c, result);
    },
  );

  on(
    app,
    createRoute({
      method: "get",
      path: "/calls/{id}/signal",
      summary: "The partner's signals after `after`; waits up to `wait` seconds for one",
      request: {
        params: IdParams,
        query: z.object({
          after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
          wait: z.coerce.number().int().min(0).max(25).default(20),
        }),
      },
      responses: {
        200: ok("`state`, `end_reason` and `signals` [{ id, kind, body }]"),
        400: error("invalid_input"),
        ...participantErrors,
      },
    }),
    async (c) => {
      const tgId = c.get("tgId");
      const id = c.req.valid("param").id;
      const { after, wait } = c.req.valid("query");
      const deadline = Date.now() + wait * 1000;
      const aborted = c.req.raw.signal;
      while (true) {
        const result = await deps.db.call<{ status: string; state?: string; signals?: unknown[] }>(
          "call_signals_after",
          { p_tg_id: tgId, p_call_id: id, p_after: after },
        );
        const left = deadline - Date.now();
        if (
          result.status !== "ok" || (result.signals?.length ?? 0) > 0 ||
          result.state === "ended" || left <= 0 || aborted.aborted
        ) {
          return answer(c, result);
        }
        await waker.wait(id, Math.min(pollMs, left), aborted);
      }
    },
  );

  on(
    app,
    createRoute({
      method: "post",
      path: "/calls/{id}/heartbeat",
      summary: "In the room (every 3 s); `connected` once media flows. 15 s without: ended",
      request: {
        params: IdParams,
        body: json(z.object({ connected: z.boolean().default(false) }).strict()),
      },
      responses: {
        200: ok("`call` (its state: ended when the partner vanished)"),
        ...participantErrors,
      },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const result = await deps.db.call<{ status: string; call?: { state: string } }>(
        "heartbeat_call",
        { p_tg_id: c.get("tgId"), p_call_id: id, p_connected: c.req.valid("json").connected },
      );
      if (result.call?.state === "ended") {
        deps.afterWrite?.();
        waker.wake(id);
      }
      return answer(c, result);
    },
  );

  for (const reason of ["next", "end"] as const) {
    on(
      app,
      createRoute({
        method: "post",
        path: `/calls/{id}/${reason}`,
        summary: reason === "next"
          ? "«Следующий»: end the call and search for another (the partner is told)"
          : "«Завершить»: end the call (the partner is told; both are asked for a rating)",
        request: { params: IdParams },
        responses: {
          200: ok(reason === "next" ? "`ended` with the new `search`" : "`ended`"),
          409: error("already_ended"),
          ...participantErrors,
        },
      }),
      async (c) => {
        const id = c.req.valid("param").id;
        const result = await deps.db.call<{ status: string }>("end_call", {
          p_tg_id: c.get("tgId"),
          p_call_id: id,
          p_reason: reason,
        });
        deps.afterWrite?.();
        waker.wake(id);
        return answer(c, result);
      },
    );
  }

  on(
    app,
    createRoute({
      method: "post",
      path: "/calls/{id}/rate",
      summary: "After the call: rate the partner 1–5 (as after a text chat)",
      request: {
        params: IdParams,
        body: json(z.object({ score: z.number().int().min(1).max(5) }).strict()),
      },
      responses: { 200: ok("`saved` or `already_rated`"), ...participantErrors },
    }),
    async (c) => {
      const tgId = c.get("tgId");
      const details = await deps.db.call<{ status: string; call?: { match_id: string } }>(
        "call_details",
        { p_tg_id: tgId, p_call_id: c.req.valid("param").id },
      );
      if (details.status !== "ok" || !details.call) return answer(c, details);
      return answer(
        c,
        await deps.db.call("rate_chat", {
          p_tg_id: tgId,
          p_match_id: details.call.match_id,
          p_score: c.req.valid("json").score,
        }),
      );
    },
  );

  on(
    app,
    createRoute({
      method: "post",
      path: "/calls/{id}/report",
      summary: "«Пожаловаться»: ends the call at once, blocks the partner, files the report",
      request: {
        params: IdParams,
        body: json(
          z.object({ reason: z.enum(["spam", "abuse", "inappropriate", "minor", "other"]) })
            .strict(),
        ),
      },
      responses: { 200: ok("`reported`"), ...participantErrors },
    }),
    async (c) => {
      const tgId = c.get("tgId");
      const id = c.req.valid("param").id;
      const result = await deps.db.call<{ status: string; match_id?: string }>("report_call", {
        p_tg_id: tgId,
        p_call_id: id,
        p_reason: c.req.valid("json").reason,
      });
      deps.afterWrite?.();
      waker.wake(id);
      if (result.status === "reported" && result.match_id && deps.onReport) {
        await deps.onReport(result.match_id, tgId).catch(() => {});
      }
      return answer(c, result);
    },
  );

  return app;
}

/** Variables of an error text: a restriction's end as "YYYY-MM-DD HH:MM" (UTC) or "none". */
function textVars(extra: Record<string, unknown>): Record<string, string | number> {
  const vars: Record<string, string | number> = {};
  if (typeof extra.retry_after === "number") vars.seconds = extra.retry_after;
  if ("ends_at" in extra) {
    const date = typeof extra.ends_at === "string" ? new Date(extra.ends_at) : null;
    vars.until = date && !Number.isNaN(date.getTime())
      ? date.toISOString().slice(0, 16).replace("T", " ")
      : "none";
  }
  return vars;
}
