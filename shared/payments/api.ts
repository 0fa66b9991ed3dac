import { createRoute, z } from "@hono/zod-openapi";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Api } from "grammy";
import type { Db } from "../db/db.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { Translate } from "../notifications/translate.ts";
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
import type { CreateTipResult, TipsOverview } from "./contract.ts";
import { formatPercent } from "./payments_feature.ts";

export interface TipApiDeps {
  /** Creates invoice links (createInvoiceLink). */
  api: Api;
  /** The invoice's Russian title and description; loaded on first use. */
  texts: () => Promise<Translate>;
  metrics?: Metrics;
}

const tags = ["Tips"];

const CreateBody = z.object({
  match_id: z.uuid(),
  amount: z.number().int().min(1).max(10_000),
}).strict().openapi("TipCreate");

const TipInvoice = z.object({
  invoice_link: z.string().openapi({ description: "Open with Telegram.WebApp.openInvoice" }),
  tip_id: z.uuid(),
  amount: z.number().int(),
  currency: z.literal("XTR"),
  commission_percent: z.number(),
  platform_commission: z.number().int(),
  recipient_share: z.number().int(),
  recipient_pseudonym: z.string(),
  expires_at: z.string(),
}).openapi("TipInvoice");

const createTipRoute = createRoute({
  method: "post",
  path: "/tips/create",
  tags,
  summary: "A pending tip and its Stars invoice link (the split shown first)",
  request: { body: jsonBody(CreateBody) },
  responses: {
    201: json(TipInvoice, "The invoice"),
    400: error("`invalid_input`"),
    409: error("`chat_active` or `not_available`"),
    410: error("`recipient_gone`"),
    422: error("`invalid_amount` (with `min_amount` and `max_amount`)"),
    ...personErrors,
  },
});

const TipsOverviewSchema = z.looseObject({
  status: z.literal("ok"),
  balance: z.looseObject({
    available: z.number().int(),
    pending: z.number().int(),
    earned: z.number().int(),
    paid_out: z.number().int(),
  }),
  refund_hours: z.number().int(),
  chats: z.array(z.object({ match_id: z.uuid(), pseudonym: z.string(), ended_at: z.string() })),
}).openapi("TipsOverview");

const overviewRoute = createRoute({
  method: "get",
  path: "/tips",
  tags,
  summary: "The balance and the recent chats that can be tipped",
  responses: {
    200: json(TipsOverviewSchema, "Balance in Stars and up to 5 chats"),
    ...personErrors,
  },
});

const createStatus: Record<CreateTipResult["status"], ContentfulStatusCode> = {
  ok: 201,
  not_found: 404,
  chat_active: 409,
  not_available: 409,
  recipient_gone: 410,
  invalid_amount: 422,
  too_many_pending: 429,
};

/**
 * `POST /tips/create` `{ match_id, amount }`: a pending tip and its Stars invoice link, which
 * the Mini App opens with `Telegram.WebApp.openInvoice`; the payment then arrives as in the bot.
 * `GET /tips` answers the balance and the recent chats that can be tipped.
 */
export function tipRoutes(db: Db, deps: TipApiDeps): MiniAppRoutes {
  const routes = createRoutes();

  on(routes, createTipRoute, async (c) => {
    const body = c.req.valid("json");
    const created = await db.call<CreateTipResult>("create_tip", {
      p_tg_id: c.get("tgId"),
      p_match_id: body.match_id,
      p_amount: body.amount,
      p_source: "api",
    });
    if (created.status === "invalid_amount") {
      const { min_amount, max_amount } = created;
      fail(422, "invalid_amount", {
        params: { min: min_amount, max: max_amount },
        extra: { min_amount, max_amount },
      });
    }
    if (created.status !== "ok") fail(createStatus[created.status] ?? 500, created.status);
    const t = await deps.texts();
    const split = {
      pseudonym: created.recipient_pseudonym,
      amount: created.amount,
      percent: formatPercent(created.commission_percent),
      commission: created.platform_commission,
      share: created.recipient_share,
    };
    const link = await deps.api.createInvoiceLink(
      t("payments-invoice-title"),
      t("payments-invoice-description", split).slice(0, 255),
      created.payload,
      // Stars need no payment provider: the token is empty.
      "",
      "XTR",
      [{ label: t("payments-invoice-label"), amount: created.amount }],
    );
    deps.metrics?.inc("tip_invoices_total", { source: "api" });
    return c.json({
      invoice_link: link,
      tip_id: created.tip_id,
      amount: created.amount,
      currency: created.currency,
      commission_percent: Number(created.commission_percent),
      platform_commission: created.platform_commission,
      recipient_share: created.recipient_share,
      recipient_pseudonym: created.recipient_pseudonym,
      expires_at: created.expires_at,
    }, 201);
  });

  on(routes, overviewRoute, async (c) => {
    const overview = await db.call<TipsOverview>("tips_overview", { p_tg_id: c.get("tgId") });
    if (overview.status !== "ok") fail(404, "not_registered");
    return c.json(overview, 200);
  });

  return routes;
}
