import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Db } from "../db/db.ts";
import type { MiniAppEnv } from "../matching/api.ts";

/**
 * The API's one rule for "no such person": after the initData check, a Telegram account the
 * bot does not know (never started, or erased by /delete) gets `404 not_registered` from every
 * route about one's own data, whatever the route would have answered (`known_person()` in
 * SQL: one indexed look-up). Put it after `authenticate`, which sets `tgId`.
 */
export function requireKnownPerson(db: Db): MiddlewareHandler<MiniAppEnv> {
  return async (c, next) => {
    const tgId = c.get("tgId");
    if (typeof tgId !== "number") {
      throw new HTTPException(401, { message: "invalid or missing Mini App initData" });
    }
    const person = await db.call<{ status: string }>("known_person", { p_tg_id: tgId });
    if (person.status !== "ok") throw new HTTPException(404, { message: "not_registered" });
    await next();
  };
}
