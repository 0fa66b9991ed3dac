import type { Db } from "../db/db.ts";
import type { Embedder } from "../embedding/embedder.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { Clock } from "../platform/clock.ts";
import type { Logger } from "../platform/logger.ts";
import type { BotRateLimits } from "../safety/rate_limits.ts";
import type { TextModerator } from "../safety/text_moderator.ts";
import type { HintService } from "../coach/hint_service.ts";
import type { MoodAnalyzer } from "../diary/mood.ts";

/** Everything the bot's features need from the outside world, passed in so tests swap it. */
export interface BotDeps {
  db: Db;
  embedder: Embedder;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Salt for `hashId` in logs. */
  logSalt: string;
  /**
   * Keeps background work (the outbox dispatch after each update) alive after the webhook has
   * answered: EdgeRuntime.waitUntil on Supabase; tests collect the promises to await them.
   */
  waitUntil?: (task: Promise<unknown>) => void;
  /** Checks chat and profile text for crisis and abuse; the offline lists when absent. */
  moderator?: TextModerator;
  /** The moderators' Telegram group: reports and crisis flags are posted there when set. */
  moderationChatId?: number;
  /** Analyses diary entries; the offline Russian lexicon when absent. */
  moodAnalyzer?: MoodAnalyzer;
  /** The model for people who chose AI analysis of their diary; none configured when absent. */
  aiMoodAnalyzer?: MoodAnalyzer;
  /** The AI coach (rules, rollout, hints); off when absent. */
  coach?: HintService;
  /** Where payers write about a payment (/paysupport). */
  paymentsSupportContact?: string;
  /** Per-user limits on relays, searches, reports and answers; none when absent (tests). */
  rateLimits?: BotRateLimits;
  /** The Mini App's public https address (/app and the menu button); none when unpublished. */
  miniAppUrl?: string;
  /** How long a worker holds claimed updates and a dispatcher claimed outbox rows. */
  leases?: { updateSeconds: number; outboxSeconds: number };
}
