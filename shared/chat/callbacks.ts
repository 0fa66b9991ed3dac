import { z } from "zod";

export const reportReasons = ["spam", "abuse", "inappropriate", "minor", "other"] as const;
export type ReportReason = typeof reportReasons[number];

/**
 * Callback data of the chat keyboards (all under Telegram's 64 bytes):
 * `c:end` asks to confirm, `c:end:y` / `c:end:n` answer; `c:rate:<match>:<1-5>`;
 * `c:rep:<match>` opens the reason picker, `c:rep:<match>:<reason>` files the report;
 * `c:blk:<match>` asks to confirm, `c:blk:<match>:y` blocks; `c:x` closes a picker.
 */
export type ChatCallback =
  | { action: "end_ask" }
  | { action: "end"; confirmed: boolean }
  | { action: "rate"; matchId: string; score: number }
  | { action: "report_ask"; matchId: string }
  | { action: "report"; matchId: string; reason: ReportReason }
  | { action: "block_ask"; matchId: string }
  | { action: "block"; matchId: string }
  | { action: "dismiss" };

const schema = z.union([
  z.tuple([z.literal("c"), z.literal("end")]).transform(() => ({ action: "end_ask" as const })),
  z.tuple([z.literal("c"), z.literal("end"), z.enum(["y", "n"])]).transform((p) => ({
    action: "end" as const,
    confirmed: p[2] === "y",
  })),
  z.tuple([z.literal("c"), z.literal("rate"), z.uuid(), z.enum(["1", "2", "3", "4", "5"])])
    .transform((p) => ({ action: "rate" as const, matchId: p[2], score: Number(p[3]) })),
  z.tuple([z.literal("c"), z.literal("rep"), z.uuid()]).transform((p) => ({
    action: "report_ask" as const,
    matchId: p[2],
  })),
  z.tuple([z.literal("c"), z.literal("rep"), z.uuid(), z.enum(reportReasons)]).transform((p) => ({
    action: "report" as const,
    matchId: p[2],
    reason: p[3],
  })),
  z.tuple([z.literal("c"), z.literal("blk"), z.uuid()]).transform((p) => ({
    action: "block_ask" as const,
    matchId: p[2],
  })),
  z.tuple([z.literal("c"), z.literal("blk"), z.uuid(), z.literal("y")]).transform((p) => ({
    action: "block" as const,
    matchId: p[2],
  })),
  z.tuple([z.literal("c"), z.literal("x")]).transform(() => ({ action: "dismiss" as const })),
]);

export const chatCallbackPrefix = /^c:/;

/** Parses callback data; `null` for anything forged, truncated or from an older format. */
export function parseChatCallback(data: string | undefined): ChatCallback | null {
  if (data === undefined || data.length > 64) return null;
  const parsed = schema.safeParse(data.split(":"));
  return parsed.success ? parsed.data : null;
}

export const chatCallbackData = {
  endAsk: (): string => "c:end",
  end: (confirmed: boolean): string => `c:end:${confirmed ? "y" : "n"}`,
  rate: (matchId: string, score: number): string => `c:rate:${matchId}:${score}`,
  reportAsk: (matchId: string): string => `c:rep:${matchId}`,
  report: (matchId: string, reason: ReportReason): string => `c:rep:${matchId}:${reason}`,
  blockAsk: (matchId: string): string => `c:blk:${matchId}`,
  block: (matchId: string): string => `c:blk:${matchId}:y`,
  dismiss: (): string => "c:x",
};
