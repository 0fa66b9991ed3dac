import { z } from "zod";

/** Thrown when the environment does not describe a runnable configuration. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** An http(s) URL: a Bot API root, a Supabase project, an OpenAI-compatible endpoint. */
const httpUrl = (expected: string) => z.url({ protocol: /^https?$/, error: expected });

const optionalText = z.string().trim().min(1).optional();

const postgresUrl = z.url({
  protocol: /^postgres(ql)?$/,
  error: "a postgresql://user:password@host:port/database URL",
});

/** "20/10": 20 actions per 10 seconds. */
const rateLimit = z.string().regex(/^\d{1,6}\/\d{1,6}$/, { error: "count/seconds, e.g. 20/10" })
  .transform((v) => {
    const [limit, windowSeconds] = v.split("/").map(Number) as [number, number];
    return { limit, windowSeconds };
  })
  .refine((v) => v.limit >= 1 && v.windowSeconds >= 1, { error: "both at least 1, e.g. 20/10" });

const boolFlag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, "a BotFather token like 123456:ABC-DEF...")
    .optional(),
  TELEGRAM_API_ROOT: httpUrl("an http(s) URL of a Bot API server").default(
    "https://api.telegram.org",
  ),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, "16-256 characters of A-Z, a-z, 0-9, _ or -")
    .optional(),
  BOT_MODE: z.enum(["polling", "webhook"], { error: "either polling or webhook" }).optional(),
  PUBLIC_URL: httpUrl("an https URL where Telegram can reach this server").optional(),
  // The Mini App's public address (Telegram opens only https): /app and the menu button use it.
  MINI_APP_URL: z.url({
    protocol: /^https$/,
    error: "the Mini App's https URL, e.g. https://<ref>.supabase.co/functions/v1/app/",
  }).optional(),
  // The bot's @username without @: the Mini App links back to the chat with it (optional).
  TELEGRAM_BOT_USERNAME: z.string().regex(/^[A-Za-z0-9_]{5,32}$/, "a bot username without @")
    .optional(),
  PORT: z.coerce.number({ error: "a TCP port number" }).int().min(1).max(65535).default(8000),
  PGLITE_DATA_DIR: z.string().min(1).default(".data/pglite"),
  DATABASE_URL: postgresUrl.optional(),
  // Set by Supabase in every Edge Function: the project's database through its pooler.
  SUPABASE_DB_URL: postgresUrl.optional(),
  SUPABASE_URL: httpUrl("the project URL, https://<ref>.supabase.co").optional(),
  SUPABASE_SERVICE_ROLE_KEY: optionalText,
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: httpUrl("an OpenAI-compatible API base URL").optional(),
  OPENAI_EMBEDDING_MODEL: z.string().min(1).default("text-embedding-3-small"),
  OPENAI_MODERATION_MODEL: z.string().min(1).default("omni-moderation-latest"),
  // With an OpenAI key, chat text (masked of contact details) is also checked by the LLM.
  LLM_MODERATION: boolFlag.default(true),
  LLM_MODERATION_TIMEOUT_MS: z.coerce.number({ error: "milliseconds" }).int().min(50).max(10_000)
    .default(1500),
  // A Telegram group of moderators: new reports and crisis flags are posted there.
  MODERATION_CHAT_ID: z.coerce.number({ error: "a Telegram chat id such as -1001234567890" })
    .int().optional(),
  // The AI coach: the share of chats (by match id) where it is offered; 0 = off.
  COACH_ROLLOUT_PERCENT: z.coerce.number({ error: "a percentage 0-100" }).int().min(0).max(100)
    .default(0),
  COACH_CONTEXT_MESSAGES: z.coerce.number({ error: "a number of messages" }).int().min(1).max(30)
    .default(8),
  COACH_CONTEXT_TTL_SECONDS: z.coerce.number({ error: "a number of seconds" }).int().min(60)
    .max(86_400).default(1800),
  // With an OpenAI key the coach asks the model (anonymised context); the rules otherwise.
  COACH_LLM: boolFlag.default(true),
  OPENAI_COACH_MODEL: z.string().min(1).default("gpt-4o-mini"),
  COACH_LLM_TIMEOUT_MS: z.coerce.number({ error: "milliseconds" }).int().min(100).max(30_000)
    .default(4000),
  // With an OpenAI key, diary entries of people who chose AI analysis go (anonymised) to it.
  DIARY_LLM: boolFlag.default(true),
  OPENAI_DIARY_MODEL: z.string().min(1).default("gpt-4o-mini"),
  DIARY_LLM_TIMEOUT_MS: z.coerce.number({ error: "milliseconds" }).int().min(100).max(30_000)
    .default(5000),
  // Shown by /paysupport: where payers write about a payment (an @account or an e-mail).
  PAYMENTS_SUPPORT_CONTACT: z.string().trim().min(2).max(100).optional(),
  UPSTASH_REDIS_REST_URL: httpUrl("the Upstash REST URL").optional(),
  UPSTASH_REDIS_REST_TOKEN: optionalText,
  DISPATCHER_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, "16-256 characters of A-Z, a-z, 0-9, _ or -")
    .optional(),
  METRICS_TOKEN: optionalText,
  MATCHING_INTERVAL_SECONDS: z.coerce.number({ error: "a number of seconds" }).int().min(1)
    .max(3600).default(10),
  UPDATE_LEASE_SECONDS: z.coerce.number({ error: "a number of seconds" }).int().min(1).max(600)
    .default(30),
  OUTBOX_LEASE_SECONDS: z.coerce.number({ error: "a number of seconds" }).int().min(1).max(600)
    .default(60),
  RATE_LIMIT_RELAY: rateLimit.prefault("20/10"),
  RATE_LIMIT_FIND: rateLimit.prefault("6/60"),
  RATE_LIMIT_REPORT: rateLimit.prefault("5/600"),
  RATE_LIMIT_ONBOARDING: rateLimit.prefault("20/60"),
  RATE_LIMIT_API_USER: rateLimit.prefault("30/60"),
  RATE_LIMIT_API_IP: rateLimit.prefault("120/60"),
  // The video room's signalling (offer, answer, candidates, heartbeats, long polls) per user.
  RATE_LIMIT_CALL_SIGNAL: rateLimit.prefault("600/60"),
  // The operator's TURN server for video calls (media is relayed, never peer-to-peer): its
  // turn:/turns: URLs, comma-separated, and coturn's static-auth-secret. Without both, the
  // call routes answer that video is not configured.
  TURN_URLS: z.string().trim().regex(
    /^turns?:[^\s,]+(\s*,\s*turns?:[^\s,]+)*$/,
    "comma-separated turn: or turns: URLs, e.g. turn:turn.example.org:3478?transport=udp",
  ).optional(),
  TURN_SECRET: z.string().min(16, "at least 16 characters (coturn's static-auth-secret)")
    .optional(),
  TURN_TTL_SECONDS: z.coerce.number({ error: "a number of seconds" }).int().min(60).max(86_400)
    .default(600),
  LOG_SALT: z.string().min(8, "at least 8 characters").default("ty-ne-odin-log-salt"),
  SET_MY_COMMANDS: boolFlag.default(true),
});

export type Database =
  | { kind: "pglite"; dataDir: string }
  | { kind: "supabase"; url: string; serviceRoleKey: string }
  | { kind: "postgres"; url: string };

export interface Config {
  telegram: {
    token?: string;
    apiRoot: string;
    webhookSecret?: string;
    mode: "polling" | "webhook";
    publicUrl?: string;
    setMyCommands: boolean;
    /** Where the Mini App is published; without it /app explains how to open it locally. */
    miniAppUrl?: string;
    botUsername?: string;
  };
  port: number;
  database: Database;
  openai?: {
    apiKey: string;
    baseUrl?: string;
    embeddingModel: string;
    /** Null when LLM_MODERATION=false: the offline lists alone. */
    moderation: { model: string; timeoutMs: number } | null;
  };
  /** Where reports and crisis flags are posted for moderators; none when unset. */
  moderationChatId?: number;
  coach: {
    rolloutPercent: number;
    contextMessages: number;
    contextTtlSeconds: number;
    /** Null: the rule-based coach only. */
    llm: { model: string; timeoutMs: number } | null;
  };
  /** The model for diary AI analysis (null: offline lexicon only). */
  diaryLlm: { model: string; timeoutMs: number } | null;
  /** /paysupport names it; a generic hint when unset. */
  paymentsSupportContact?: string;
  upstash?: { url: string; token: string };
  dispatcherSecret?: string;
  /** When set, `/metrics` asks for `Authorization: Bearer <token>`. */
  metricsToken?: string;
  matchingIntervalSeconds: number;
  /** How long a worker holds a claimed update / a dispatcher a claimed outbox row. */
  leases: { updateSeconds: number; outboxSeconds: number };
  logSalt: string;
  /** Per user (and for the API also per IP address): count per window. */
  rateLimits: Record<RateLimitName, { limit: number; windowSeconds: number }>;
  /** The TURN server video calls relay through; none: video is not configured. */
  turn?: { urls: string[]; secret: string; ttlSeconds: number };
}

export type RateLimitName =
  | "relay"
  | "find"
  | "report"
  | "onboarding"
  | "apiUser"
  | "apiIp"
  | "callSignal";

/** Parses the process environment once at start. Throws ConfigError naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings count as "not set": that is how most .env files and CI secrets look.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  // Schema errors and cross-variable errors are reported together, in one message.
  const result = envSchema.safeParse(cleaned);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join(".")}: expected ${issue.message}`);
  problems.push(...pairedVariableProblems(cleaned));
  if (!result.success || problems.length > 0) {
    throw new ConfigError(`Invalid environment:\n  ${problems.join("\n  ")}`);
  }
  const e = result.data;
  const mode = e.BOT_MODE ?? (e.PUBLIC_URL ? "webhook" : "polling");
  return {
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
      webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
      mode,
      publicUrl: e.PUBLIC_URL,
      setMyCommands: e.SET_MY_COMMANDS,
      miniAppUrl: e.MINI_APP_URL,
      botUsername: e.TELEGRAM_BOT_USERNAME,
    },
    port: e.PORT,
    // A direct connection when one is given, else PostgREST, else the embedded database.
    database: e.DATABASE_URL || e.SUPABASE_DB_URL
      ? { kind: "postgres", url: (e.DATABASE_URL ?? e.SUPABASE_DB_URL)! }
      : e.SUPABASE_URL && e.SUPABASE_SERVICE_ROLE_KEY
      ? { kind: "supabase", url: e.SUPABASE_URL, serviceRoleKey: e.SUPABASE_SERVICE_ROLE_KEY }
      : { kind: "pglite", dataDir: e.PGLITE_DATA_DIR },
    openai: e.OPENAI_API_KEY
      ? {
        apiKey: e.OPENAI_API_KEY,
        baseUrl: e.OPENAI_BASE_URL,
        embeddingModel: e.OPENAI_EMBEDDING_MODEL,
        moderation: e.LLM_MODERATION
          ? { model: e.OPENAI_MODERATION_MODEL, timeoutMs: e.LLM_MODERATION_TIMEOUT_MS }
          : null,
      }
      : undefined,
    upstash: e.UPSTASH_REDIS_REST_URL && e.UPSTASH_REDIS_REST_TOKEN
      ? { url: e.UPSTASH_REDIS_REST_URL, token: e.UPSTASH_REDIS_REST_TOKEN }
      : undefined,
    moderationChatId: e.MODERATION_CHAT_ID,
    paymentsSupportContact: e.PAYMENTS_SUPPORT_CONTACT,
    diaryLlm: e.OPENAI_API_KEY && e.DIARY_LLM
      ? { model: e.OPENAI_DIARY_MODEL, timeoutMs: e.DIARY_LLM_TIMEOUT_MS }
      : null,
    coach: {
      rolloutPercent: e.COACH_ROLLOUT_PERCENT,
      contextMessages: e.COACH_CONTEXT_MESSAGES,
      contextTtlSeconds: e.COACH_CONTEXT_TTL_SECONDS,
      llm: e.OPENAI_API_KEY && e.COACH_LLM
        ? { model: e.OPENAI_COACH_MODEL, timeoutMs: e.COACH_LLM_TIMEOUT_MS }
        : null,
    },
    dispatcherSecret: e.DISPATCHER_SECRET,
    metricsToken: e.METRICS_TOKEN,
    matchingIntervalSeconds: e.MATCHING_INTERVAL_SECONDS,
    leases: { updateSeconds: e.UPDATE_LEASE_SECONDS, outboxSeconds: e.OUTBOX_LEASE_SECONDS },
    logSalt: e.LOG_SALT,
    rateLimits: {
      relay: e.RATE_LIMIT_RELAY,
      find: e.RATE_LIMIT_FIND,
      report: e.RATE_LIMIT_REPORT,
      onboarding: e.RATE_LIMIT_ONBOARDING,
      apiUser: e.RATE_LIMIT_API_USER,
      apiIp: e.RATE_LIMIT_API_IP,
      callSignal: e.RATE_LIMIT_CALL_SIGNAL,
    },
    turn: e.TURN_URLS && e.TURN_SECRET
      ? {
        urls: e.TURN_URLS.split(",").map((url) => url.trim()),
        secret: e.TURN_SECRET,
        ttlSeconds: e.TURN_TTL_SECONDS,
      }
      : undefined,
  };
}

/** Variables that only make sense together. Reads the raw values, so it works on bad input too. */
function pairedVariableProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (Boolean(env.SUPABASE_URL) !== Boolean(env.SUPABASE_SERVICE_ROLE_KEY)) {
    problems.push(
      "SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY: expected both set (hosted database) or neither (embedded PGlite)",
    );
  }
  if (Boolean(env.TURN_URLS) !== Boolean(env.TURN_SECRET)) {
    problems.push("TURN_URLS and TURN_SECRET: expected both set (video calls) or neither");
  }
  if (Boolean(env.UPSTASH_REDIS_REST_URL) !== Boolean(env.UPSTASH_REDIS_REST_TOKEN)) {
    problems.push(
      "UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN: expected both set or neither",
    );
  }
  const mode = env.BOT_MODE ?? (env.PUBLIC_URL ? "webhook" : "polling");
  if (mode === "webhook" && !env.TELEGRAM_WEBHOOK_SECRET) {
    problems.push(
      "TELEGRAM_WEBHOOK_SECRET: expected a secret when BOT_MODE=webhook (Telegram sends it back in a header)",
    );
  }
  return problems;
}
