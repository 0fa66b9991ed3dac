import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import type { Db } from "../db/db.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { Clock } from "../platform/clock.ts";
import type { RateLimiter } from "../platform/rate_limiter.ts";
import { validateInitData } from "../matching/init_data.ts";
import { withLlmPrivacy } from "../llm/gate.ts";
import { peopleOf } from "../llm/people.ts";
import type { HintService } from "../coach/hint_service.ts";
import type { Embedder } from "../embedding/embedder.ts";
import type { TextModerator } from "../safety/text_moderator.ts";
import { matchRoutes } from "../matching/api.ts";
import { safetyRoutes } from "../safety/api.ts";
import { coachRoutes } from "../coach/api.ts";
import { type DiaryApiDeps, diaryRoutes } from "../diary/api.ts";
import { recommendRoutes } from "../recommend/api.ts";
import { eventRoutes } from "../events/api.ts";
import { type TipApiDeps, tipRoutes } from "../payments/api.ts";
import { accountRoutes, profileRoutes } from "../profile/api.ts";
import { type Translate, translatorFor } from "../notifications/translate.ts";
import type { Logger } from "../platform/logger.ts";
import { loadI18n } from "../bot/texts.ts";
import { fail } from "./errors.ts";
import { requireKnownPerson } from "./known_person.ts";
import { referencePage } from "./reference_page.ts";
import type { Guard, MiniAppEnv, MiniAppRoutes } from "./routes.ts";

export interface MiniAppApiDeps {
  db: Db;
  botToken: string;
  /** Per Telegram user. */
  rateLimiter: RateLimiter;
  /** Per client address (the first `x-forwarded-for` entry), checked before initData. */
  ipRateLimiter?: RateLimiter;
  /** Counts refusals in `api_ratelimited_total{by}` and erasures. */
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
  /** Recomputes the profile embedding after PATCH /profile, as the bot does. */
  embedder?: Embedder;
  /** The bot's moderator for a bio (an LLM when configured); the offline lists otherwise. */
  moderator?: TextModerator;
  /** The Russian texts the routes need (a bio's PII mask, the cities); read on first use. */
  texts?: () => Promise<Translate>;
  logger?: Logger;
  /** The video room's routes (shared/calls/), built with their own per-user limits. */
  calls?: MiniAppRoutes;
}

/**
 * The Mini App's HTTP API, the one place its routes are put together (as create_bot.ts puts
 * the bot together from feature Composers): each feature exports an `OpenAPIHono<MiniAppEnv>`
 * of `createRoute` routes; this root mounts them below `/`, each path behind the shared
 * middleware its guard names (initData, rate limits, a person the bot knows), and serves the
 * OpenAPI document generated from the same schemas at `GET /openapi.json` with a reference
 * page at `GET /docs`. A feature never mounts another's routes. Mount the result with
 * `createApiApp(deps, [{ path: "/", app }])`, which renders errors.
 */
export function buildMiniAppApi(deps: MiniAppApiDeps): OpenAPIHono<MiniAppEnv> {
  if (!/^\d+:[A-Za-z0-9_-]+$/.test(deps.botToken)) throw new TypeError("botToken looks wrong");
  const app = new OpenAPIHono<MiniAppEnv>();
  const known = requireKnownPerson(deps.db);
  const guards: Record<Guard, MiddlewareHandler<MiniAppEnv>> = {
    caller: guarded(authenticate(deps, true)),
    person: guarded(authenticate(deps, true), known),
    person_own_limits: guarded(authenticate(deps, false), known),
  };
  const mount = (routes: MiniAppRoutes, guard: Guard) => {
    // The guard goes on exactly the paths the feature declares, before its handlers run.
    for (const path of new Set(routes.routes.map((r) => r.path))) app.use(path, guards[guard]);
    app.route("/", routes);
  };

  let loaded: Promise<Translate> | undefined;
  const texts = deps.texts ?? (() => (loaded ??= loadI18n().then(translatorFor)));

  mount(matchRoutes({ db: deps.db, afterWrite: deps.afterWrite }), "person");
  mount(safetyRoutes(deps.db), "caller");
  mount(
    profileRoutes({
      db: deps.db,
      texts,
      embedder: deps.embedder,
      moderator: deps.moderator,
      logger: deps.logger,
      metrics: deps.metrics,
    }),
    "person",
  );
  mount(
    accountRoutes({ db: deps.db, metrics: deps.metrics, afterWrite: deps.afterWrite }),
    "person",
  );
  if (deps.coach) mount(coachRoutes(deps.coach), "person");
  if (deps.diary) mount(diaryRoutes(deps.db, deps.diary), "person");
  mount(recommendRoutes(deps.db, { afterWrite: deps.afterWrite }), "person");
  mount(eventRoutes(deps.db), "person");
  if (deps.tips) mount(tipRoutes(deps.db, deps.tips), "person");
  if (deps.calls) mount(deps.calls, "person_own_limits");

  app.openAPIRegistry.registerComponent("securitySchemes", "initData", {
    type: "apiKey",
    in: "header",
    name: "Authorization",
    description: "`tma <initData>`: the Mini App's raw signed initData string",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "«Ты не один» Mini App API",
      version: "2.0.0",
      description: "Every route but /openapi.json and /docs needs `Authorization: tma " +
        "<initData>`. Every error is `{ error: { code, message } }`; `message` is Russian " +
        "text the client shows as is. A 429 carries `retry-after` (seconds).",
    },
    servers: [{ url: "/functions/v1/api" }, { url: "/api" }],
    security: [{ initData: [] }],
  });
  app.route("/", referencePage("../openapi.json"));
  return app;
}

/**
 * The middleware in order, once per request (`/events/:id` and `/events/mine` both match one
 * path, and the rate limit must count it once); the answers are personal: no shared cache keeps
 * a copy.
 */
function guarded(...chain: MiddlewareHandler<MiniAppEnv>[]): MiddlewareHandler<MiniAppEnv> {
  return async (c, next) => {
    if (c.get("tgId") !== undefined) return await next();
    const run = async (i: number): Promise<void> => {
      const middleware = chain[i];
      if (middleware) await middleware(c, () => run(i + 1));
      else await next();
    };
    await run(0);
    c.header("cache-control", "private, no-store");
  };
}

/**
 * A signed initData and the rate limits: per address first, then (unless the feature counts
 * its own, `perUser` false) per Telegram user.
 */
function authenticate(deps: MiniAppApiDeps, perUser: boolean): MiddlewareHandler<MiniAppEnv> {
  const refuse = (c: Context, by: "ip" | "user", retryAfterSeconds: number): never => {
    deps.metrics?.inc("api_ratelimited_total", { by });
    // Set on the context so the API app's JSON error response carries it.
    c.header("retry-after", String(retryAfterSeconds));
    fail(429, "rate_limited", { params: { seconds: retryAfterSeconds } });
  };
  return async (c, next) => {
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
    if (!user) fail(401, "unauthorized");
    if (perUser) {
      const decision = await deps.rateLimiter.limit(`match:${user.id}`);
      if (!decision.allowed) refuse(c, "user", decision.retryAfterSeconds);
    }
    c.set("tgId", user.id);
    // Model calls made for this request know the caller's and their chat's pseudonyms.
    await withLlmPrivacy({ people: () => peopleOf(deps.db, { id: user.id }) }, next);
  };
}
