import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import type { Clock } from "./clock.ts";

export interface RateLimitDecision {
  allowed: boolean;
  /** Requests left in the current window (0 when refused). */
  remaining: number;
  /** When refused: seconds until a request would be allowed again. */
  retryAfterSeconds: number;
}

/** Limits requests per key (e.g. per Telegram user) in a sliding window. */
export interface RateLimiter {
  limit(key: string): Promise<RateLimitDecision>;
}

export interface RateLimitOptions {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

function checkOptions(options: RateLimitOptions): void {
  if (!Number.isInteger(options.limit) || options.limit < 1) {
    throw new TypeError("rate limit: limit must be a positive integer");
  }
  if (!(options.windowSeconds > 0)) {
    throw new TypeError("rate limit: windowSeconds must be positive");
  }
}

/**
 * An in-process sliding log: exact, but per instance. Good for one process (dev server, tests);
 * Edge Functions run many instances, so production uses Upstash when it is configured.
 */
export function createMemoryRateLimiter(options: RateLimitOptions & { clock: Clock }): RateLimiter {
  checkOptions(options);
  const windowMs = options.windowSeconds * 1000;
  const hits = new Map<string, number[]>();
  const maxKeys = 10_000;

  function prune(now: number): void {
    for (const [key, times] of hits) {
      if (times.length === 0 || times[times.length - 1]! <= now - windowMs) hits.delete(key);
    }
  }

  return {
    limit(key) {
      const now = options.clock.now().getTime();
      if (hits.size > maxKeys) prune(now);
      const times = (hits.get(key) ?? []).filter((t) => t > now - windowMs);
      if (times.length >= options.limit) {
        hits.set(key, times);
        const retryAfterMs = times[0]! + windowMs - now;
        return Promise.resolve({
          allowed: false,
          remaining: 0,
          retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
        });
      }
      times.push(now);
      hits.set(key, times);
      return Promise.resolve({
        allowed: true,
        remaining: options.limit - times.length,
        retryAfterSeconds: 0,
      });
    },
  };
}

export interface UpstashRateLimitOptions extends RateLimitOptions {
  url: string;
  token: string;
  prefix?: string;
  clock: Clock;
  /** How long a decision may wait for Redis before the failure rule applies (default 300 ms). */
  timeoutMs?: number;
  /**
   * When Redis is unreachable or slower than `timeoutMs`: "open" lets the request through (the
   * default: a chat should not stop because Redis did), "closed" refuses it (for money).
   */
  onFailure?: "open" | "closed";
  /** Told each time the failure rule was used (metrics). */
  onRedisFailure?: (reason: "timeout" | "error") => void;
}

/**
 * Upstash Redis sliding window: shared by every Edge Function instance. Create it once per
 * process, not per request: `@upstash/ratelimit` keeps an in-memory cache of keys already over
 * their limit, which only helps if the limiter outlives the request.
 */
export function createUpstashRateLimiter(options: UpstashRateLimitOptions): RateLimiter {
  checkOptions(options);
  const ratelimit = new Ratelimit({
    // No retries: the timeout below is the whole budget.
    redis: new Redis({ url: options.url, token: options.token, retry: false }),
    limiter: Ratelimit.slidingWindow(options.limit, `${options.windowSeconds} s`),
    prefix: options.prefix ?? "ratelimit",
    analytics: false,
    timeout: options.timeoutMs ?? 300,
  });
  const failClosed = options.onFailure === "closed";
  const failure = (reason: "timeout" | "error"): RateLimitDecision => {
    options.onRedisFailure?.(reason);
    return failClosed
      ? { allowed: false, remaining: 0, retryAfterSeconds: 1 }
      : { allowed: true, remaining: 0, retryAfterSeconds: 0 };
  };
  return {
    async limit(key) {
      let result;
      try {
        result = await ratelimit.limit(key);
      } catch {
        return failure("error");
      }
      // On timeout the library answers success with reason "timeout".
      if (result.reason === "timeout") return failure("timeout");
      const retryAfterMs = result.reset - options.clock.now().getTime();
      return {
        allowed: result.success,
        remaining: result.remaining,
        retryAfterSeconds: result.success ? 0 : Math.max(1, Math.ceil(retryAfterMs / 1000)),
      };
    },
  };
}

/** Upstash when configured, the in-memory window otherwise. */
export function createRateLimiter(
  config: { upstash?: { url: string; token: string } },
  options: RateLimitOptions & Omit<UpstashRateLimitOptions, "url" | "token">,
): RateLimiter {
  return config.upstash
    ? createUpstashRateLimiter({ ...options, ...config.upstash })
    : createMemoryRateLimiter(options);
}
