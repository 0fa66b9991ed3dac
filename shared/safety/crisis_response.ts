import type { BotContext } from "../bot/context.ts";
import type { BotDeps } from "../bot/deps.ts";
import type { CrisisHit } from "./crisis.ts";
import { sosKeyboard, sosText } from "./safety_feature.ts";
import { checkInLine, loadSosCard } from "./hotlines.ts";
import { postFlagCard } from "./moderation_chat.ts";

interface FlagResult {
  status: "ok" | "unknown_user";
  offer_help?: boolean;
  country?: string | null;
  partner_tg_id?: number | string | null;
}

/**
 * What the bot does when someone may be in crisis. Nothing is held back (a relayed message has
 * already gone to the partner); a flag is stored (kind, severity, chat; never the text), and once
 * per chat the person privately gets the crisis lines for their country and the partner a short
 * note on how to respond. A middling signal (`medium`) gets only a gentle private check-in that
 * names one crisis line (or the emergency number), with a button for the others. Resolves to
 * whether the crisis lines themselves were shown.
 */
export async function respondToCrisis(
  ctx: BotContext,
  deps: Pick<BotDeps, "db" | "metrics" | "moderationChatId">,
  hit: CrisisHit,
  source: "relay" | "bio" | "onboarding",
): Promise<boolean> {
  deps.metrics.inc("safety_flags_total", { label: hit.label, severity: hit.severity, source });
  const result = await deps.db.call<FlagResult>("record_safety_flag", {
    p_tg_id: ctx.from!.id,
    p_label: hit.label,
    p_severity: hit.severity,
    p_source: source,
  });
  if (result.status !== "ok" || !result.offer_help) return false;
  const card = await loadSosCard(deps.db, ctx.from!.id);
  if (hit.severity === "medium") {
    // Unclear: a gentle private question with one crisis line named (someone who would not tap
    // a button still sees a number) and the others one tap away; the partner and the moderators
    // are not told.
    const key = source === "relay" ? "safety-checkin-relay" : "safety-checkin";
    const line = checkInLine(card);
    const named = line
      ? { name: line.name, number: line.phone }
      : { name: ctx.t("safety-checkin-emergency"), number: card.emergency };
    await ctx.reply(ctx.t(key, named), { reply_markup: sosKeyboard(ctx) });
    return false;
  }
  const intro = ctx.t(source === "relay" ? "safety-crisis-sender-relay" : "safety-crisis-sender");
  await ctx.reply(`${intro}\n\n${sosText(ctx, card)}`);
  if (result.partner_tg_id) {
    await ctx.api.sendMessage(Number(result.partner_tg_id), ctx.t("safety-crisis-partner-note"));
  }
  // Moderators hear of the urgent ones, once per chat like the help itself.
  if (hit.severity === "high") await postFlagCard(ctx, deps);
  return true;
}
