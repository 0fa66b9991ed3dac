/**
 * Availability windows offered as buttons, stored as local hours (0-23). A selection of windows
 * travels in the callback data as a 4-bit mask, so the picker needs no server-side state.
 */
export const WINDOWS = [
  { key: "morning", hours: [6, 7, 8, 9, 10, 11] },
  { key: "day", hours: [12, 13, 14, 15, 16, 17] },
  { key: "evening", hours: [18, 19, 20, 21, 22, 23] },
  { key: "night", hours: [0, 1, 2, 3, 4, 5] },
] as const;

export type WindowKey = (typeof WINDOWS)[number]["key"];

export const ALL_WINDOWS_MASK = (1 << WINDOWS.length) - 1;

export function hoursFromMask(mask: number): number[] {
  return WINDOWS.flatMap((w, i) => (mask & (1 << i)) ? [...w.hours] : []).sort((a, b) => a - b);
}

/** The windows with at least one of the hours: a custom set of hours shows as its windows. */
export function maskFromHours(hours: readonly number[]): number {
  const set = new Set(hours);
  return WINDOWS.reduce(
    (mask, w, i) => w.hours.some((h) => set.has(h)) ? mask | (1 << i) : mask,
    0,
  );
}

export function windowsInMask(mask: number): WindowKey[] {
  return WINDOWS.filter((_, i) => mask & (1 << i)).map((w) => w.key);
}
