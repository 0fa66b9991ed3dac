import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../bot/context.ts";
import type { BotDeps } from "../bot/deps.ts";
import { type Hotline, loadSosCard, type SosCard } from "./hotlines.ts";

/** /help (commands and rules) and /sos (crisis lines for the user's country). */
export function createSafetyFeature(deps: Pick<BotDeps, "db">): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");

  feature.command("help", (ctx) => ctx.reply(ctx.t("safety-help")));

  feature.command("sos", async (ctx) => {
    // Never registers anyone: /sos must work before (and without) a profile.
    await ctx.reply(sosText(ctx, await loadSosCard(deps.db, ctx.from.id)));
  });

  // The button under a check-in: the same card as /sos.
  feature.callbackQuery(SOS_CALLBACK, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(sosText(ctx, await loadSosCard(deps.db, ctx.from.id)));
  });

  return composer;
}

/** Callback data of the check-in's button (no id in it: the card is the presser's own). */
export const SOS_CALLBACK = "sos:show";

/** One button that shows the crisis lines, under a gentle check-in. */
export function sosKeyboard(ctx: Pick<BotContext, "t">): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t("safety-checkin-button"), SOS_CALLBACK);
}

/** The /sos message: local lines (or several countries' when unknown), then 112, gently. */
export function sosText(ctx: Pick<BotContext, "t">, card: SosCard): string {
  const line = (h: Hotline) => {
    const vars = { name: h.name, number: h.phone };
    const text = h.phone_mobile
      ? ctx.t("safety-sos-line-mobile", { ...vars, mobile: h.phone_mobile })
      : ctx.t("safety-sos-line", vars);
    return h.hours ? `${text} (${h.hours})` : text;
  };
  const parts = [ctx.t("safety-sos-intro")];
  if (!card.country) {
    parts.push(ctx.t("safety-sos-unknown-country"));
    for (const country of Map.groupBy(card.lines, (h) => h.country ?? "").entries()) {
      const [code, lines] = country;
      parts.push(
        [ctx.t("safety-sos-country-heading", { country: ctx.t(`safety-country-${code}`) })]
          .concat(lines.map(line)).join("\n"),
      );
    }
  } else if (!card.lines.some((h) => h.kind === "crisis")) {
    parts.push(ctx.t("safety-sos-no-local-lines"));
    if (card.lines.length > 0) parts.push(card.lines.map(line).join("\n"));
  } else {
    parts.push(card.lines.map(line).join("\n"));
  }
  parts.push(ctx.t("safety-sos-emergency", { number: card.emergency }));
  parts.push(ctx.t("safety-sos-outro"));
  return parts.join("\n\n");
}
