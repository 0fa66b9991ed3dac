import { createRoute, z } from "@hono/zod-openapi";
import type { Db } from "../db/db.ts";
import { authErrors, createRoutes, json, type MiniAppRoutes, on } from "../api/routes.ts";

const tags = ["Safety"];

const SosCard = z.looseObject({
  country: z.string().nullable(),
  emergency: z.string(),
  lines: z.array(z.looseObject({
    country: z.string().optional(),
    name: z.string(),
    phone: z.string(),
    phone_mobile: z.string().nullable().optional(),
    hours: z.string().nullable().optional(),
    url: z.string().nullable().optional(),
    kind: z.enum(["crisis", "medical"]),
    audience: z.enum(["all", "children", "youth", "family", "violence"]).optional(),
  })),
}).openapi("SosCard");
const Restriction = z.looseObject({
  status: z.enum(["none", "restricted"]),
  kind: z.enum(["mute", "temp_ban", "ban"]).optional(),
  ends_at: z.string().nullable().optional().openapi({ description: "null: until lifted" }),
}).openapi("Restriction");

const sosRoute = createRoute({
  method: "get",
  path: "/safety/sos",
  tags,
  summary: "The crisis lines for the person's country (what /sos shows in the bot)",
  responses: { 200: json(SosCard, "The crisis card"), ...authErrors },
});

const restrictionRoute = createRoute({
  method: "get",
  path: "/safety/restriction",
  tags,
  summary: "A mute or ban in force (`restricted`, `kind`, `ends_at`) or `none`",
  responses: { 200: json(Restriction, "The restriction"), ...authErrors },
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
