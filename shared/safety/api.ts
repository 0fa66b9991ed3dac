import { createRoute } from "@hono/zod-openapi";
import type { Db } from "../db/db.ts";
import {
  authErrors,
  createRoutes,
  json,
  type MiniAppRoutes,
  on,
  StatusObject,
} from "../api/routes.ts";

const tags = ["Safety"];

const sosRoute = createRoute({
  method: "get",
  path: "/safety/sos",
  tags,
  summary: "The crisis lines for the person's country (what /sos shows in the bot)",
  responses: { 200: json(StatusObject, "The crisis card"), ...authErrors },
});

const restrictionRoute = createRoute({
  method: "get",
  path: "/safety/restriction",
  tags,
  summary: "A mute or ban in force (`restricted`, `kind`, `ends_at`) or `none`",
  responses: { 200: json(StatusObject, "The restriction"), ...authErrors },
});

/**
 * Safety for the Mini App: the crisis lines and one's own restriction. Mounted for any caller
 * with a valid initData (not only a known person): the lines are for anyone, and a ban
 * outlives /delete.
 */
export function safetyRoutes(db: Db): MiniAppRoutes {
  const routes = createRoutes();
  on(routes, sosRoute, async (c) => c.json(await db.call("sos_card", { p_tg_id: c.get("tgId") })));
  on(
    routes,
    restrictionRoute,
    async (c) => c.json(await db.call("restriction_of", { p_tg_id: c.get("tgId") })),
  );
  return routes;
}
