import type { MiddlewareHandler } from "hono";
import type { Db } from "../db/db.ts";
import { fail } from "./errors.ts";
import type { MiniAppEnv } from "./routes.ts";

/**
 * The API's one rule for "no such person": after the initData check, a Telegram account the
 * bot does not know (never started, or erased by /delete) gets `404 not_registered` from every
 * route about one's own data, whatever the route would have answered (`known_person()` in
 * SQL: one indexed look-up). Put it after `authenticate`, which sets `tgId`.
 */
export function requireKnownPerson(db: Db): MiddlewareHandler<MiniAppEnv> {
  return async (c, next) => {
    const tgId = c.get("tgId");
    if (typeof tgId !== "number") fail(401, "unauthorized");
    const person = await db.call<{ status: string }>("known_person", { p_tg_id: tgId });
    if (person.status !== "ok") fail(404, "not_registered");
    await next();
  };
}
