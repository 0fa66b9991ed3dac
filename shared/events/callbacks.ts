import { z } from "zod";

/**
 * Callback data of the event buttons (under Telegram's 64 bytes): `e:r:<event>` registers,
 * `e:x:<event>` cancels the registration and `e:c:<event>` confirms participation.
 */
export type EventCallback =
  | { action: "register"; eventId: string }
  | { action: "cancel"; eventId: string }
  | { action: "confirm"; eventId: string };

const actions = { r: "register", x: "cancel", c: "confirm" } as const;

const schema = z.tuple([z.literal("e"), z.enum(["r", "x", "c"]), z.uuid()]).transform((p) => ({
  action: actions[p[1]],
  eventId: p[2],
}));

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
};
