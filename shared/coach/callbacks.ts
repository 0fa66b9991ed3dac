/**
 * Callback data of the coach's buttons (far under 64 bytes): `k:on` / `k:off` answer the
 * one-time explanation, `k:h` asks for hints in the current chat.
 */
export type CoachCallback = { action: "on" } | { action: "off" } | { action: "hint" };

const actions: Record<string, CoachCallback> = {
  "k:on": { action: "on" },
  "k:off": { action: "off" },
  "k:h": { action: "hint" },
};

/** Parses callback data; `null` for anything else. */
export function parseCoachCallback(data: string | undefined): CoachCallback | null {
  return (data !== undefined && actions[data]) || null;
}

export const coachCallbackData = { on: "k:on", off: "k:off", hint: "k:h" } as const;
