/**
 * Wakes the long polls of a call in this process when something for it arrived (a signal, the
 * call's end). On Supabase Edge Functions the two participants usually reach different
 * instances, so a poll also re-reads the database every `pollMs`; the waker only makes the
 * common single-process case (the dev server) answer at once.
 */
export interface CallWaker {
  /** Resolves when `wake(callId)` is called or `ms` passed, whichever is first. */
  wait(callId: string, ms: number, signal?: AbortSignal): Promise<void>;
  wake(callId: string): void;
}

export function createCallWaker(): CallWaker {
  const waiting = new Map<string, Set<() => void>>();
  return {
    wait(callId, ms, signal) {
      return new Promise((resolve) => {
        const set = waiting.get(callId) ?? new Set();
        waiting.set(callId, set);
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          set.delete(done);
          if (set.size === 0 && waiting.get(callId) === set) waiting.delete(callId);
          resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener("abort", done);
        set.add(done);
      });
    },
    wake(callId) {
      for (const done of [...(waiting.get(callId) ?? [])]) done();
    },
  };
}
