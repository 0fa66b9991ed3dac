import { z } from "zod";
import type { Translate } from "../notifications/translate.ts";

/**
 * A sanction as the SQL functions describe it (`public.describe_sanction`): what it is, why,
 * and when it ends. Imposed by `record_toxic_message` (the ladder warning -> mute -> temporary
 * ban -> ban) or by a moderator (admin.*); the person is told once, when it is imposed.
 */
export const sanctionInfo = z.object({
  sanction_id: z.coerce.number().optional(),
  kind: z.enum(["warning", "mute", "temp_ban", "ban"]),
  reason: z.enum(["toxicity", "report", "moderator"]).optional(),
  ends_at: z.string().nullish(),
  /** The sanction's whole length in minutes (mute and temporary ban). */
  minutes: z.coerce.number().nullish(),
});

export type SanctionInfo = z.infer<typeof sanctionInfo>;

/**
 * What the person is told when the sanction is imposed. A warning or a mute says why, as the
 * decision's reason does: the bot's strikes for rude messages, a moderator deciding a report, or
 * a moderator's own decision (also when the reason is unknown).
 */
export function sanctionNotice(t: Translate, sanction: SanctionInfo): string {
  switch (sanction.kind) {
    case "warning":
      return t(warningKeys[sanction.reason ?? "moderator"]);
    case "mute":
      return t(muteKeys[sanction.reason ?? "moderator"], {
        duration: formatDuration(t, sanction.minutes ?? 1),
      });
    case "temp_ban":
      return t("sanction-temp-ban", { duration: formatDuration(t, sanction.minutes ?? 1) });
    case "ban":
      return t("sanction-ban");
  }
}

const warningKeys = {
  toxicity: "sanction-warning",
  report: "sanction-warning-report",
  moderator: "sanction-warning-moderator",
} as const;

const muteKeys = {
  toxicity: "sanction-mute",
  report: "sanction-mute-report",
  moderator: "sanction-mute-moderator",
} as const;

/** The answer to /find (or /next) while a mute or ban is in force. */
export function restrictionReply(t: Translate, sanction: SanctionInfo, now: Date): string {
  if (!sanction.ends_at) return t("sanction-find-refused-ban");
  const left = Math.max(1, Math.ceil((Date.parse(sanction.ends_at) - now.getTime()) / 60_000));
  return t("sanction-find-refused-timed", { duration: formatDuration(t, left) });
}

/** "30 минут", "5 часов", "7 дней": the largest unit that keeps the number honest. */
export function formatDuration(t: Translate, minutes: number): string {
  const whole = Math.max(1, Math.ceil(minutes));
  if (whole < 120) return t("sanction-minutes", { n: whole });
  if (whole < 48 * 60) return t("sanction-hours", { n: Math.ceil(whole / 60) });
  return t("sanction-days", { n: Math.ceil(whole / (24 * 60)) });
}
