import { Composer } from "grammy";
import type { BotContext } from "../bot/context.ts";
import type { BotDeps } from "../bot/deps.ts";
import { EMERGENCY_NUMBER, FALLBACK_COUNTRIES, type Hotline, hotlinesFor } from "./hotlines.ts";

/** /help (commands and rules) and /sos (crisis lines for the user's country). */
export function createSafetyFeature(deps: Pick<BotDeps, "db">): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");

  feature.command("help", (ctx) => ctx.reply(ctx.t("safety-help")));

  feature.command("sos", async (ctx) => {
    // Never registers anyone: /sos must work before (and without) a profile.
    const state = await deps.db.call<{ country: string | null } | null>("get_user_state", {
      p_tg_id: ctx.from.id,
    });
    await ctx.reply(sosText(ctx, state?.country ?? null));
  });

  return composer;
}

/** The /sos message: local lines (or several countries' when unknown), then 112, gently. */
export function sosText(ctx: Pick<BotContext, "t">, country: string | null): string {
  const line = (h: Hotline) =>
    h.mobile
      ? ctx.t("safety-sos-line-mobile", {
        name: ctx.t(`safety-hotline-${h.key}`),
        number: h.number,
        mobile: h.mobile,
      })
      : ctx.t("safety-sos-line", { name: ctx.t(`safety-hotline-${h.key}`), number: h.number });
  const parts = [ctx.t("safety-sos-intro")];
  const local = hotlinesFor(country);
  if (local === null && !country) {
    parts.push(ctx.t("safety-sos-unknown-country"));
    for (const code of FALLBACK_COUNTRIES) {
      const lines = (hotlinesFor(code) ?? []).filter((h) => h.key !== "ambulance");
      parts.push(
        [ctx.t("safety-sos-country-heading", { country: ctx.t(`safety-country-${code}`) })]
          .concat(lines.map(line)).join("\n"),
      );
    }
  } else if (!local || local.length === 0) {
    parts.push(ctx.t("safety-sos-no-local-lines"));
  } else {
    parts.push(local.map(line).join("\n"));
  }
  parts.push(ctx.t("safety-sos-emergency", { number: EMERGENCY_NUMBER }));
  parts.push(ctx.t("safety-sos-outro"));
  return parts.join("\n\n");
}
