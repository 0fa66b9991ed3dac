declare const EdgeRuntime: { waitUntil(task: Promise<unknown>): void } | undefined;

/**
 * Keeps background work alive after a response: Supabase's `EdgeRuntime.waitUntil` on Edge;
 * elsewhere (the dev server) the promise simply runs on.
 */
export function waitUntil(task: Promise<unknown>): void {
  if (typeof EdgeRuntime !== "undefined") EdgeRuntime.waitUntil(task);
}
