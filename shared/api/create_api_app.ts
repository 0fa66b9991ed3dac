import { Hono } from "hono";
import type { Env, Schema } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Db } from "../db/db.ts";
import type { Metrics } from "../metrics/metrics.ts";
import { sameSecret } from "../platform/constant_time.ts";
import { type Logger, silentLogger } from "../platform/logger.ts";
import { loadI18n } from "../bot/texts.ts";
import { type Translate, translatorFor } from "../notifications/translate.ts";
import { errorBody, fail } from "./errors.ts";

export interface ApiDeps {
  db: Db;
  metrics: Metrics;
  logger?: Logger;
  /**
   * When set, `/metrics` requires `Authorization: Bearer <metricsToken>`: the counts are not
   * secret, but a public Edge Function URL should not hand them to anyone who asks.
   */
  metricsToken?: string;
  /** The Russian error texts (locales/ru/api.ftl); read from the locale files on first use. */
  texts?: () => Promise<Translate>;
}

/** A group of routes another feature adds, e.g. `{ path: "/match", app: matchRoutes }`. */
export interface ApiRoutes {
  path: string;
  // deno-lint-ignore no-explicit-any
  app: Hono<any, Schema, string>;
}

/**
 * The two prefixes the `api` Edge Function is reached under. Supabase routes
 * `https://<ref>.supabase.co/functions/v1/api/health` to the function with the path
 * `/api/health` (the `/functions/v1` part belongs to the gateway), while the local gateway
 * and our dev server pass the full `/functions/v1/api/health`. The same routes are mounted
 * under both, so one app works everywhere.
 */
export const API_BASE_PATHS = ["/functions/v1/api", "/api"] as const;

/**
 * The HTTP API: `GET /health`, `GET /metrics`, plus `extraRoutes` mounted at their `path`
 * below each base path (so `{ path: "/match", app }` serves `/api/match/...` and
 * `/functions/v1/api/match/...`). Extra apps should not set their own `onError`/`notFound`:
 * errors bubble up here and become `{ error: { code, message } }` JSON with a Russian
 * `message` (shared/api/errors.ts); throw `ApiError` (`fail(status, code)`) for expected
 * failures.
 */
export function createApiApp(deps: ApiDeps, extraRoutes: ApiRoutes[] = []): Hono {
  const logger = deps.logger ?? silentLogger;
  let loaded: Promise<Translate> | undefined;
  const texts = deps.texts ?? (() => (loaded ??= loadI18n().then(translatorFor)));
  const routes = createCoreRoutes(deps);
  for (const extra of extraRoutes) {
    if (!extra.path.startsWith("/")) {
      throw new TypeError(`route path must start with /: ${extra.path}`);
    }
    routes.route(extra.path, extra.app);
  }

  const app = new Hono();
  for (const base of API_BASE_PATHS) app.route(base, routes);

  app.notFound(async (c) => {
    const { status, body } = errorBody(new HTTPException(404), await texts());
    return c.json(body, status);
  });
  app.onError(async (error, c) => {
    if (!(error instanceof HTTPException)) {
      // Only the class goes to the log: messages may quote request data.
      logger.error("api_error", { method: c.req.method, error: error.name });
    }
    const { status, body } = errorBody(error, await texts());
    return c.json(body, status);
  });
  return app;
}

function createCoreRoutes(deps: ApiDeps): Hono<Env, Schema, string> {
  const routes = new Hono();

  routes.get("/health", async (c) => {
    c.header("cache-control", "no-store");
    try {
      await deps.db.ping();
      return c.json({ status: "ok", database: "ok" });
    } catch (error) {
      deps.logger?.warn("health_database_unreachable", {
        error: error instanceof Error ? error.name : typeof error,
      });
      return c.json({ status: "error", database: "unreachable" }, 503);
    }
  });

  routes.get("/metrics", async (c) => {
    if (deps.metricsToken !== undefined) {
      const given = c.req.header("authorization") ?? "";
      if (!(await sameSecret(given, `Bearer ${deps.metricsToken}`))) {
        fail(401, "unauthorized");
      }
    }
    const body = await deps.metrics.render();
    return c.body(body, 200, {
      "content-type": deps.metrics.contentType,
      "cache-control": "no-store",
    });
  });

  return routes;
}
