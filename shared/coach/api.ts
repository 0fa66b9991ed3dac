import { createRoute, z } from "@hono/zod-openapi";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { fail } from "../api/errors.ts";
import {
  createRoutes,
  error,
  json,
  jsonBody,
  type MiniAppRoutes,
  on,
  personErrors,
} from "../api/routes.ts";
import type { HintOutcome, HintService } from "./hint_service.ts";

const HintBody = z.object({
  draft: z.string().trim().min(1).max(4096).optional(),
}).strict().openapi("HintRequest");

const HintAnswer = z.object({
  status: z.literal("ok"),
  coach: z.string(),
  hints: z.array(z.object({ id: z.string(), type: z.string(), text: z.string() })),
}).openapi("Hints");

const hintRoute = createRoute({
  method: "post",
  path: "/ai/hint",
  tags: ["Coach"],
  summary: "Hints for the caller's active chat (and their draft), under the bot's rules",
  request: { body: jsonBody(HintBody) },
  responses: {
    200: json(HintAnswer, "Hints"),
    400: error("`invalid_input`"),
    403: error("`not_opted_in`"),
    409: error("`no_chat` or `crisis` (the client shows GET /safety/sos instead)"),
    ...personErrors,
  },
});

const hintStatus: Record<Exclude<HintOutcome["status"], "ok">, ContentfulStatusCode> = {
  not_registered: 404,
  no_chat: 409,
  not_in_rollout: 404,
  not_opted_in: 403,
  crisis: 409,
};

/** `POST /ai/hint`: the coach's hints for the Mini App (mounted only when the coach is on). */
export function coachRoutes(coach: HintService): MiniAppRoutes {
  const routes = createRoutes();
  on(routes, hintRoute, async (c) => {
    const body = c.req.valid("json");
    const outcome = await coach.hintsFor(c.get("tgId"), { draft: body.draft, source: "api" });
    if (outcome.status !== "ok") fail(hintStatus[outcome.status], outcome.status);
    return c.json({ status: "ok", coach: outcome.coach, hints: outcome.hints }, 200);
  });
  return routes;
}
