import type { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HTTPException } from "hono/http-exception";
import type { Api } from "grammy";
import { z } from "zod";
import type { Db } from "../db/db.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { Translate } from "../notifications/translate.ts";
import { parseJsonBody } from "../api/body.ts";
import type { MiniAppEnv } from "../matching/api.ts";
import type { CreateTipResult, TipsOverview } from "./contract.ts";
import { formatPercent } from "./payments_feature.ts";

export interface TipApiDeps {
  /** Creates invoice links (createInvoiceLink). */
  api: Api;
  /** The invoice's Russian title and description; loaded on first use. */
  texts: () => Promise<Translate>;
  metrics?: Metrics;
}

const createBody = z.object({
  match_id: z.uuid(),
  amount: z.number().int().min(1).max(10_000),
}).strict();

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
export function registerTipRoutes(app: Hono<MiniAppEnv>, db: Db, deps: TipApiDeps): void {
  app.post("/tips/create", async (c) => {
    const body = await parseJsonBody(c, createBody);
    const created = await db.call<CreateTipResult>("create_tip", {
      p_tg_id: c.get("tgId"),
      p_match_id: body.match_id,
      p_amount: body.amount,
      p_source: "api",
    });
    if (created.status !== "ok") {
      const status = createStatus[created.status] ?? 500;
      if (created.status === "invalid_amount") {
        const { min_amount, max_amount } = created;
        return c.json({ error: { message: created.status }, min_amount, max_amount }, status);
      }
      throw new HTTPException(status, { message: created.status });
    }
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

  app.get("/tips", async (c) => {
    const overview = await db.call<TipsOverview>("tips_overview", { p_tg_id: c.get("tgId") });
    if (overview.status !== "ok") throw new HTTPException(404, { message: overview.status });
    return c.json(overview, 200);
  });
}
