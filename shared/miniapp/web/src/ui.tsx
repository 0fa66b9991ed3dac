// Small building blocks every screen uses: loading, the retry state, buttons that cannot be
// pressed twice, and data loading.
import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "./api.ts";
import { haptic } from "./telegram.ts";
import { t } from "./texts.ts";

export function Screen(props: { name: string; title: string; children: ComponentChildren }) {
  return (
    <main class="page" data-screen={props.name}>
      <h1>{props.title}</h1>
      {props.children}
    </main>
  );
}

export function Loading() {
  return (
    <div class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {t("app-loading")}
    </div>
  );
}

/** A failure with a visible way out: retry, or the wait after a 429. */
export function ErrorState(props: { error: unknown; onRetry?: () => void }) {
  const error = props.error instanceof ApiError ? props.error : undefined;
  const [left, setLeft] = useState(error?.retryAfterSeconds ?? 0);
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft(left - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  const message = error?.message ?? t("app-error-generic");
  return (
    <div class="error-state" role="alert" data-error={error?.code ?? "unknown"}>
      <p>{message}</p>
      {error?.kind === "rate_limited" && left > 0 && (
        <p class="muted">{t("app-error-wait", { seconds: left })}</p>
      )}
      {props.onRetry && (
        <button
          type="button"
          class="button secondary"
          disabled={left > 0}
          onClick={props.onRetry}
        >
          {t("app-retry")}
        </button>
      )}
    </div>
  );
}

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload(): void;
  /** Replaces the data without a request (after an action answered the new state). */
  set(data: T): void;
}

/** Loads data on mount (and on `reload`); failures land in `error`, never in a blank screen. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({
    loading: true,
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [round, ...deps]);
  return {
    ...state,
    reload: useCallback(() => setRound((r) => r + 1), []),
    set: useCallback((data: T) => setState({ data, loading: false }), []),
  };
}

export interface Action<A extends unknown[]> {
  run(...args: A): Promise<void>;
  pending: boolean;
  error?: unknown;
  clearError(): void;
}

/**
 * A state-changing action: while one is in flight further taps are ignored (and its buttons
 * disabled), so a double tap never sends two requests. Success vibrates; failure is kept.
 */
export function useAction<A extends unknown[]>(
  act: (...args: A) => Promise<unknown>,
): Action<A> {
  const inFlight = useRef(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async (...args: A) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setPending(true);
    setError(undefined);
    try {
      await act(...args);
      haptic("success");
    } catch (failure) {
      haptic("error");
      setError(failure);
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  };
  return { run, pending, error, clearError: () => setError(undefined) };
}

export function ActionButton(
  props: {
    action: Action<[]>;
    children: ComponentChildren;
    variant?: "primary" | "secondary" | "danger";
    name?: string;
  },
) {
  return (
    <button
      type="button"
      class={`button ${props.variant ?? "primary"}`}
      disabled={props.action.pending}
      aria-busy={props.action.pending}
      data-action={props.name}
      onClick={() => props.action.run()}
    >
      {props.children}
    </button>
  );
}

export function Card(props: { children: ComponentChildren; class?: string; label?: string }) {
  return (
    <section class={`card ${props.class ?? ""}`} aria-label={props.label}>
      {props.children}
    </section>
  );
}

/** "через 4:59" style countdown to `until`, re-rendered every second. */
export function useCountdown(until: string | undefined): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!until) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until ? Math.max(0, Math.round((Date.parse(until) - now) / 1000)) : 0;
}

export function minutesSeconds(total: number): string {
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString("ru-RU", {
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
  });
}
