import { z } from "zod";

/**
 * Callback data of the tip keyboards (all under Telegram's 64 bytes):
 * `p:o:<match>` shows the amounts, `p:a:<match>:<stars>` sends the invoice, `p:c:<match>` asks
 * for another amount; `p:r:<tip>` asks to confirm a refund, `p:ry:<tip>` makes it.
 */
export type TipCallback =
  | { action: "offer"; matchId: string }
  | { action: "amount"; matchId: string; amount: number }
  | { action: "custom"; matchId: string }
  | { action: "refund_ask"; tipId: string }
  | { action: "refund"; tipId: string };

const stars = z.string().regex(/^[1-9]\d{0,4}$/).transform(Number);

const schema = z.union([
  z.tuple([z.literal("p"), z.literal("o"), z.uuid()]).transform((p) => ({
    action: "offer" as const,
    matchId: p[2],
  })),
  z.tuple([z.literal("p"), z.literal("a"), z.uuid(), stars]).transform((p) => ({
    action: "amount" as const,
    matchId: p[2],
    amount: p[3],
  })),
  z.tuple([z.literal("p"), z.literal("c"), z.uuid()]).transform((p) => ({
    action: "custom" as const,
    matchId: p[2],
  })),
  z.tuple([z.literal("p"), z.literal("r"), z.uuid()]).transform((p) => ({
    action: "refund_ask" as const,
    tipId: p[2],
  })),
  z.tuple([z.literal("p"), z.literal("ry"), z.uuid()]).transform((p) => ({
    action: "refund" as const,
    tipId: p[2],
  })),
]);

/** Parses callback data; `null` for anything forged, truncated or from an older format. */
export function parseTipCallback(data: string | undefined): TipCallback | null {
  if (data === undefined || data.length > 64) return null;
  const parsed = schema.safeParse(data.split(":"));
  return parsed.success ? parsed.data : null;
}

export const tipCallbackData = {
  offer: (matchId: string): string => `p:o:${matchId}`,
  amount: (matchId: string, amount: number): string => `p:a:${matchId}:${amount}`,
  custom: (matchId: string): string => `p:c:${matchId}`,
  refundAsk: (tipId: string): string => `p:r:${tipId}`,
  refund: (tipId: string): string => `p:ry:${tipId}`,
};
