import { z } from "zod";

/**
 * Callback data of the matching keyboards, kept under Telegram's 64-byte limit:
 * `m:find`, `m:cancel`, `m:y:<match uuid>` (accept), `m:n:<match uuid>` (skip).
 */
export type MatchingCallback =
  | { action: "find" }
  | { action: "cancel" }
  | { action: "respond"; accept: boolean; matchId: string };

const respondSchema = z.tuple([z.literal("m"), z.enum(["y", "n"]), z.uuid()]);
const simpleSchema = z.tuple([z.literal("m"), z.enum(["find", "cancel"])]);

export const matchingCallbackPrefix = /^m:/;

/** Parses callback data; `null` for anything forged, truncated or from an older format. */
export function parseMatchingCallback(data: string | undefined): MatchingCallback | null {
  if (data === undefined || data.length > 64) return null;
  const parts = data.split(":");
  const simple = simpleSchema.safeParse(parts);
  if (simple.success) return { action: simple.data[1] };
  const respond = respondSchema.safeParse(parts);
  if (respond.success) {
    return { action: "respond", accept: respond.data[1] === "y", matchId: respond.data[2] };
  }
  return null;
}

export const matchingCallbackData = {
  find: (): string => "m:find",
  cancel: (): string => "m:cancel",
  accept: (matchId: string): string => `m:y:${matchId}`,
  skip: (matchId: string): string => `m:n:${matchId}`,
};
