import { z } from "zod";

/**
 * Callback data of the event buttons (under Telegram's 64 bytes): `e:r:<event>` registers,
 * `e:x:<event>` cancels the registration, `e:c:<event>` confirms participation and
 * `e:m:<event>:<n>` chooses the n-th person one met there (an index, never a user id); `e:ns`
 * sends the /newevent draft to moderation and `e:nc` drops it.
 */
export type EventCallback =
  | { action: "register"; eventId: string }
  | { action: "cancel"; eventId: string }
  | { action: "confirm"; eventId: string }
  | { action: "choose"; eventId: string; index: number }
  | { action: "submit_draft" }
  | { action: "cancel_draft" };

const actions = { r: "register", x: "cancel", c: "confirm" } as const;

const schema = z.union([
  z.tuple([z.literal("e"), z.enum(["r", "x", "c"]), z.uuid()]).transform((p) => ({
    action: actions[p[1]],
    eventId: p[2],
  })),
  z.tuple([z.literal("e"), z.literal("m"), z.uuid(), z.string().regex(/^[1-9]\d?$/)])
    .transform((p) => ({ action: "choose" as const, eventId: p[2], index: Number(p[3]) })),
  z.tuple([z.literal("e"), z.literal("ns")]).transform(() => ({ action: "submit_draft" as const })),
  z.tuple([z.literal("e"), z.literal("nc")]).transform(() => ({ action: "cancel_draft" as const })),
]);

/** Parses callback data; `null` for anything forged, truncated or from an older format. */
export function parseEventCallback(data: string | undefined): EventCallback | null {
  if (data === undefined || data.length > 64) return null;
  const parsed = schema.safeParse(data.split(":"));
  return parsed.success ? parsed.data : null;
}

export const eventCallbackData = {
  register: (eventId: string): string => `e:r:${eventId}`,
  cancel: (eventId: string): string => `e:x:${eventId}`,
  confirm: (eventId: string): string => `e:c:${eventId}`,
  choose: (eventId: string, index: number): string => `e:m:${eventId}:${index}`,
  submitDraft: (): string => "e:ns",
  cancelDraft: (): string => "e:nc",
};
