import { Redis } from "@upstash/redis";
import type { Clock } from "../platform/clock.ts";

/** One line of a chat as the coach keeps it: who wrote it (Telegram id) and anonymised text. */
export interface StoredLine {
  from: number;
  text: string;
}

/** A hint shown to someone, kept briefly to notice when they send it. */
export interface ShownHint {
  id: string;
  text: string;
}

/**
 * The coach's short memory of a chat: the last messages (already anonymised) and the hints just
 * shown. Never Postgres: in memory (one instance; the default) or Redis with a short TTL.
 */
export interface CoachContextStore {
  append(matchId: string, line: StoredLine): Promise<void>;
  /** The last lines of the chat, oldest first. */
  recent(matchId: string): Promise<StoredLine[]>;
  /** Forgets a chat (it ended). */
  drop(matchId: string): Promise<void>;
  rememberHints(tgId: number, hints: ShownHint[]): Promise<void>;
  shownHints(tgId: number): Promise<ShownHint[]>;
}

export interface MemoryStoreOptions {
  /** How many lines a chat keeps (the oldest go). */
  lines: number;
  /** A chat or a set of hints untouched this long is forgotten. */
  ttlSeconds: number;
  clock: Clock;
}

/**
 * The in-process store. Expired entries go on every write, so memory stays bounded by the
 * chats active within the TTL.
 */
export function createMemoryContextStore(options: MemoryStoreOptions): CoachContextStore {
  const chats = new Map<string, { lines: StoredLine[]; touched: number }>();
  const hints = new Map<number, { hints: ShownHint[]; touched: number }>();
  const now = () => options.clock.now().getTime();
  const fresh = (touched: number) => now() - touched < options.ttlSeconds * 1000;
  const sweep = () => {
    for (const [key, entry] of chats) if (!fresh(entry.touched)) chats.delete(key);
    for (const [key, entry] of hints) if (!fresh(entry.touched)) hints.delete(key);
  };
  return {
    append(matchId, line) {
      sweep();
      const entry = chats.get(matchId) ?? { lines: [], touched: now() };
      entry.lines.push(line);
      entry.lines.splice(0, Math.max(0, entry.lines.length - options.lines));
      entry.touched = now();
      chats.set(matchId, entry);
      return Promise.resolve();
    },
    recent(matchId) {
      const entry = chats.get(matchId);
      return Promise.resolve(entry && fresh(entry.touched) ? [...entry.lines] : []);
    },
    drop(matchId) {
      chats.delete(matchId);
      return Promise.resolve();
    },
    rememberHints(tgId, shown) {
      sweep();
      hints.set(tgId, { hints: shown, touched: now() });
      return Promise.resolve();
    },
    shownHints(tgId) {
      const entry = hints.get(tgId);
      return Promise.resolve(entry && fresh(entry.touched) ? [...entry.hints] : []);
    },
  };
}

export interface RedisStoreOptions {
  url: string;
  token: string;
  lines: number;
  ttlSeconds: number;
  /** Key prefix (tests give each run its own). */
  prefix?: string;
}

/**
 * The store in Upstash Redis, shared by every Edge Function instance (the bot's webhook and the
 * API see the same context). Every key expires after `ttlSeconds` without writes.
 */
export function createRedisContextStore(options: RedisStoreOptions): CoachContextStore {
  const redis = new Redis({ url: options.url, token: options.token, retry: false });
  const prefix = options.prefix ?? "coach";
  const chatKey = (matchId: string) => `${prefix}:chat:${matchId}`;
  const hintsKey = (tgId: number) => `${prefix}:hints:${tgId}`;
  return {
    async append(matchId, line) {
      const key = chatKey(matchId);
      await redis.pipeline()
        .rpush(key, JSON.stringify(line))
        .ltrim(key, -options.lines, -1)
        .expire(key, options.ttlSeconds)
        .exec();
    },
    async recent(matchId) {
      const items = await redis.lrange<unknown>(chatKey(matchId), 0, -1);
      return items.map((item) =>
        (typeof item === "string" ? JSON.parse(item) : item) as StoredLine
      );
    },
    async drop(matchId) {
      await redis.del(chatKey(matchId));
    },
    async rememberHints(tgId, hints) {
      await redis.set(hintsKey(tgId), JSON.stringify(hints), { ex: options.ttlSeconds });
    },
    async shownHints(tgId) {
      const value = await redis.get<unknown>(hintsKey(tgId));
      if (value === null || value === undefined) return [];
      return (typeof value === "string" ? JSON.parse(value) : value) as ShownHint[];
    },
  };
}
