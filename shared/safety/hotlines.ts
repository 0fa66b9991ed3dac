import { z } from "zod";
import type { Db } from "../db/db.ts";

/**
 * Crisis lines come from the `public.hotlines` table (operators verify and edit them in Studio;
 * see the README's Admin guide). `public.sos_card` picks the user's country, or several
 * countries' crisis lines when the country is unknown, plus the emergency number.
 */
const hotline = z.object({
  country: z.string().nullable(),
  name: z.string(),
  phone: z.string(),
  phone_mobile: z.string().nullish(),
  hours: z.string().nullish(),
  audience: z.enum(["all", "children", "youth", "family", "violence"]),
  kind: z.enum(["crisis", "emergency", "medical"]),
});

const sosCard = z.object({
  country: z.string().nullable(),
  lines: z.array(hotline),
  /** Shown on every card, even when the table has no row for it. */
  emergency: z.string().nullable().transform((number) => number ?? FALLBACK_EMERGENCY),
});

export type Hotline = z.infer<typeof hotline>;
export type SosCard = z.infer<typeof sosCard>;

/** Works from any mobile phone in every country the bot serves. */
const FALLBACK_EMERGENCY = "112";

export async function loadSosCard(db: Db, tgId: number): Promise<SosCard> {
  return sosCard.parse(await db.call("sos_card", { p_tg_id: tgId }));
}

/**
 * The one line a gentle check-in names outright: the card's first crisis line for everyone
 * (Russia's first when the country is not known yet); null when the card has none.
 */
export function checkInLine(card: SosCard): Hotline | null {
  return card.lines.find((h) => h.kind === "crisis" && h.audience === "all") ??
    card.lines.find((h) => h.kind === "crisis") ?? null;
}
