import { Composer } from "grammy";
import type { BotContext } from "../bot/context.ts";
import type { BotDeps } from "../bot/deps.ts";
import type { Translate } from "../notifications/translate.ts";
import { parseTipCallback } from "./callbacks.ts";
import type {
  CheckoutResult,
  CreateTipResult,
  RecordPaymentResult,
  RefundableTip,
  RequestRefundResult,
  TipDraftResult,
  TipOfferResult,
  TipsOverview,
} from "./contract.ts";
import {
  recentChatsKeyboard,
  refundConfirmKeyboard,
  refundListKeyboard,
  tipAmountKeyboard,
} from "./keyboards.ts";
import { refundNow } from "./refunds.ts";

/**
 * pre_checkout_query, answered first thing (Telegram cancels the payment after 10 s): ok only
 * for the payer's own unpaid, unexpired tip at its exact price, checked in one SQL call. It
 * has no chat, so it sits before the private-chats rule.
 */
export function createCheckoutFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("pre_checkout_query", async (ctx) => {
    const query = ctx.preCheckoutQuery;
    const result = await deps.db.call<CheckoutResult>("check_tip_checkout", {
      p_tg_id: query.from.id,
      p_payload: query.invoice_payload.slice(0, 128),
      p_amount: query.total_amount,
      p_currency: query.currency,
    });
    if (result.ok) {
      await ctx.answerPreCheckoutQuery(true);
    } else {
      await ctx.answerPreCheckoutQuery(false, {
        error_message: ctx.t(`payments-checkout-${result.reason}`),
      });
    }
    deps.metrics.inc("tip_checkouts_total", { result: result.ok ? "ok" : result.reason });
  });
  return composer;
}

/**
 * Tips in Telegram Stars: «Оставить чаевые ⭐» after a chat and in /tips, the invoice, the
 * payment (credited once per charge id, or refunded), /refund, /paysupport and /terms.
 */
export function createPaymentsFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");

  feature.on("message:successful_payment", async (ctx) => {
    const payment = ctx.message.successful_payment;
    const result = await deps.db.call<RecordPaymentResult>("record_tip_payment", {
      p_charge_id: payment.telegram_payment_charge_id,
      p_payload: payment.invoice_payload.slice(0, 128),
      p_amount: payment.total_amount,
      p_currency: payment.currency,
      p_payer_tg_id: ctx.from.id,
    });
    deps.metrics.inc("tip_payments_total", { result: result.status });
    if (result.status === "credited") {
      deps.metrics.inc("tip_stars_total", {}, result.amount);
      // Both receipts come through the outbox, written with the payment.
      return;
    }
    if (result.status === "duplicate") return;
    // Cannot be credited: the Stars go back now (the beat retries if Telegram fails).
    const reason = ["already_paid", "expired", "recipient_gone"].includes(result.reason)
      ? result.reason
      : "other";
    await ctx.reply(ctx.t("payments-refunding", { reason, amount: result.amount }));
    await refundNow({ ...deps, api: ctx.api, t: ctx.t }, payment.telegram_payment_charge_id);
  });

  feature.command("tips", async (ctx) => {
    const overview = await deps.db.call<TipsOverview>("tips_overview", { p_tg_id: ctx.from.id });
    if (overview.status !== "ok") {
      await ctx.reply(ctx.t("payments-overview-no-chats"));
      return;
    }
    const text = ctx.t("payments-overview", {
      ...overview.balance,
      hours: overview.refund_hours,
    });
    if (overview.chats.length === 0) {
      await ctx.reply(`${text}\n\n${ctx.t("payments-overview-no-chats")}`);
      return;
    }
    await ctx.reply(`${text}\n\n${ctx.t("payments-overview-chats")}`, {
      reply_markup: recentChatsKeyboard(ctx.t, overview.chats),
    });
  });

  feature.command("refund", async (ctx) => {
    const [tips, hours] = await Promise.all([
      deps.db.call<RefundableTip[]>("refundable_tips", { p_tg_id: ctx.from.id }),
      refundHours(),
    ]);
    if (!tips || tips.length === 0) {
      await ctx.reply(ctx.t("payments-refund-none", { hours }));
      return;
    }
    await ctx.reply(ctx.t("payments-refund-list", { hours }), {
      reply_markup: refundListKeyboard(ctx.t, tips),
    });
  });

  feature.command("paysupport", async (ctx) => {
    await ctx.reply(
      ctx.t("payments-support", {
        contact: deps.paymentsSupportContact ?? "none",
        hours: await refundHours(),
      }),
    );
  });

  feature.command("terms", async (ctx) => {
    await ctx.reply(ctx.t("payments-terms", { hours: await refundHours() }));
  });

  feature.callbackQuery(/^p:/, async (ctx) => {
    const data = parseTipCallback(ctx.callbackQuery.data);
    if (!data) {
      await ctx.answerCallbackQuery({ text: ctx.t("payments-callback-stale") });
      return;
    }
    const tgId = ctx.from.id;
    switch (data.action) {
      case "offer": {
        const offer = await deps.db.call<TipOfferResult>("tip_offer", {
          p_tg_id: tgId,
          p_match_id: data.matchId,
        });
        await ctx.answerCallbackQuery();
        if (offer.status !== "ok") {
          await ctx.reply(unavailableText(ctx.t, offer.status));
          return;
        }
        await ctx.reply(
          ctx.t("payments-offer", {
            pseudonym: offer.recipient_pseudonym,
            percent: formatPercent(offer.commission_percent),
          }),
          { reply_markup: tipAmountKeyboard(ctx.t, data.matchId, offer.presets) },
        );
        return;
      }
      case "amount": {
        await ctx.answerCallbackQuery();
        await offerInvoice(ctx, data.matchId, data.amount);
        return;
      }
      case "custom": {
        const draft = await deps.db.call<TipDraftResult>("start_tip_draft", {
          p_tg_id: tgId,
          p_match_id: data.matchId,
        });
        await ctx.answerCallbackQuery();
        if (draft.status !== "ok") {
          await ctx.reply(unavailableText(ctx.t, draft.status));
          return;
        }
        await ctx.reply(
          ctx.t("payments-custom-ask", { min: draft.min_amount, max: draft.max_amount }),
        );
        return;
      }
      case "refund_ask": {
        const tips = await deps.db.call<RefundableTip[]>("refundable_tips", { p_tg_id: tgId });
        const tip = tips?.find((candidate) => candidate.tip_id === data.tipId);
        if (!tip) {
          await ctx.answerCallbackQuery({ text: ctx.t("payments-callback-stale") });
          return;
        }
        await ctx.answerCallbackQuery();
        await ctx.reply(ctx.t("payments-refund-confirm", { amount: tip.amount }), {
          reply_markup: refundConfirmKeyboard(ctx.t, tip.tip_id),
        });
        return;
      }
      case "refund": {
        const result = await deps.db.call<RequestRefundResult>("request_tip_refund", {
          p_tg_id: tgId,
          p_tip_id: data.tipId,
        });
        await ctx.answerCallbackQuery();
        if (result.status === "ok") {
          await ctx.editMessageText(ctx.t("payments-refund-started", { amount: result.amount }))
            .catch(() => {});
          const outcome = await refundNow({ ...deps, api: ctx.api, t: ctx.t }, result.charge_id);
          // "done": the confirmations (payer and recipient) come through the outbox, written
          // with the refund; "claimed_elsewhere": the beat is making it and the same follows.
          if (outcome === "retry") await ctx.reply(ctx.t("payments-refund-retrying"));
          if (outcome === "failed") await ctx.reply(ctx.t("payments-refund-failed"));
        } else if (result.status === "too_late") {
          await ctx.reply(ctx.t("payments-refund-too-late", { hours: result.refund_hours }));
        } else if (result.status === "already_refunded") {
          await ctx.reply(ctx.t("payments-refund-already"));
        } else {
          await ctx.reply(ctx.t("payments-callback-stale"));
        }
        return;
      }
    }
  });

  // «Другая сумма»: a number typed after it (outside a chat, within 10 minutes) is the tip.
  feature.on("message:text").filter((ctx) => /^\s*\d{1,6}\s*⭐?\s*$/u.test(ctx.message.text))
    .use(async (ctx, next) => {
      const matchId = await deps.db.call<string | null>("take_tip_draft", { p_tg_id: ctx.from.id });
      if (!matchId) return next();
      await offerInvoice(ctx, matchId, Number(ctx.message.text.replace(/\D/g, "")));
    });

  /** Creates the pending tip, shows the split and sends the Stars invoice. */
  async function offerInvoice(ctx: BotContext, matchId: string, amount: number): Promise<void> {
    const created = await deps.db.call<CreateTipResult>("create_tip", {
      p_tg_id: ctx.from!.id,
      p_match_id: matchId,
      p_amount: amount,
      p_source: "bot",
    });
    if (created.status === "invalid_amount") {
      await ctx.reply(
        ctx.t("payments-invalid-amount", { min: created.min_amount, max: created.max_amount }),
      );
      return;
    }
    if (created.status === "too_many_pending") {
      await ctx.reply(ctx.t("payments-too-many-pending"));
      return;
    }
    if (created.status !== "ok") {
      await ctx.reply(unavailableText(ctx.t, created.status));
      return;
    }
    const split = {
      pseudonym: created.recipient_pseudonym,
      amount: created.amount,
      percent: formatPercent(created.commission_percent),
      commission: created.platform_commission,
      share: created.recipient_share,
    };
    await ctx.reply(ctx.t("payments-breakdown", split));
    await ctx.replyWithInvoice(
      ctx.t("payments-invoice-title"),
      ctx.t("payments-invoice-description", split).slice(0, 255),
      created.payload,
      "XTR",
      [{ label: ctx.t("payments-invoice-label"), amount: created.amount }],
      // Stars need no payment provider: the token is empty.
      { provider_token: "" },
    );
    deps.metrics.inc("tip_invoices_total", { source: "bot" });
  }

  /** How long after paying a payer may ask for the tip back (payments_config). */
  async function refundHours(): Promise<number> {
    const settings = await deps.db.call<{ refund_hours: number }>("payments_settings");
    return Number(settings.refund_hours);
  }

  return composer;
}

function unavailableText(t: Translate, status: string): string {
  if (status === "recipient_gone") return t("payments-recipient-gone");
  if (status === "too_many_pending") return t("payments-too-many-pending");
  return t("payments-not-available");
}

/** 10 -> "10", 7.5 -> "7,5" (Russian decimal comma). */
export function formatPercent(percent: number | string): string {
  return String(Number(percent)).replace(".", ",");
}
