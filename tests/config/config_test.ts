import assert from "node:assert/strict";
import { ConfigError, parseConfig } from "../../shared/config.ts";

const token = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345";
const secret = "webhook-secret-0123456789";

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${error}`);
    return error;
  }
  assert.fail("expected parseConfig to throw");
}

Deno.test("parseConfig fills in defaults for an empty environment", async (t) => {
  const config = parseConfig({});

  await t.step("the official Bot API root and polling mode", () => {
    assert.equal(config.telegram.apiRoot, "https://api.telegram.org");
    assert.equal(config.telegram.mode, "polling");
    assert.equal(config.telegram.token, undefined);
    assert.equal(config.telegram.setMyCommands, true);
  });

  await t.step("port 8000 and an embedded PGlite in .data/pglite", () => {
    assert.equal(config.port, 8000);
    assert.deepEqual(config.database, { kind: "pglite", dataDir: ".data/pglite" });
  });

  await t.step("no OpenAI and no Upstash", () => {
    assert.equal(config.openai, undefined);
    assert.equal(config.upstash, undefined);
  });

  await t.step("empty strings count as not set", () => {
    const fromBlank = parseConfig({ PORT: "", SUPABASE_URL: "", OPENAI_API_KEY: "" });
    assert.equal(fromBlank.port, 8000);
    assert.equal(fromBlank.database.kind, "pglite");
  });
});

Deno.test("parseConfig reads valid settings", async (t) => {
  await t.step("memory:// is allowed as the PGlite data dir", () => {
    const config = parseConfig({ PGLITE_DATA_DIR: "memory://" });
    assert.deepEqual(config.database, { kind: "pglite", dataDir: "memory://" });
  });

  await t.step("a custom API root loses its trailing slash", () => {
    const config = parseConfig({ TELEGRAM_API_ROOT: "http://127.0.0.1:8081/" });
    assert.equal(config.telegram.apiRoot, "http://127.0.0.1:8081");
  });

  await t.step("Supabase URL and key together select the hosted database", () => {
    const config = parseConfig({
      SUPABASE_URL: "https://abc.supabase.co",
      SUPABASE_SERVICE_ROLE_KEY: "service-key",
    });
    assert.deepEqual(config.database, {
      kind: "supabase",
      url: "https://abc.supabase.co",
      serviceRoleKey: "service-key",
    });
  });

  await t.step("rate limits are count/seconds, with defaults", () => {
    const config = parseConfig({ RATE_LIMIT_RELAY: "5/2" });
    assert.deepEqual(config.rateLimits.relay, { limit: 5, windowSeconds: 2 });
    assert.deepEqual(config.rateLimits.find, { limit: 6, windowSeconds: 60 });
    assert.throws(
      () => parseConfig({ RATE_LIMIT_FIND: "fast" }),
      /RATE_LIMIT_FIND: expected count\/seconds/,
    );
    assert.throws(() => parseConfig({ RATE_LIMIT_FIND: "0/60" }), /RATE_LIMIT_FIND/);
  });

  await t.step("a direct connection wins; Supabase's SUPABASE_DB_URL counts as one", () => {
    const url = "postgresql://postgres:secret@db.example.org:6543/postgres";
    assert.deepEqual(
      parseConfig({
        DATABASE_URL: url,
        SUPABASE_URL: "https://abc.supabase.co",
        SUPABASE_SERVICE_ROLE_KEY: "service-key",
      }).database,
      { kind: "postgres", url },
    );
    assert.deepEqual(parseConfig({ SUPABASE_DB_URL: url }).database, { kind: "postgres", url });
    assert.throws(() => parseConfig({ DATABASE_URL: "mysql://x@y/z" }), /DATABASE_URL/);
  });

  await t.step("a PUBLIC_URL implies webhook mode", () => {
    const config = parseConfig({
      TELEGRAM_BOT_TOKEN: token,
      PUBLIC_URL: "https://bot.example.org",
      TELEGRAM_WEBHOOK_SECRET: secret,
    });
    assert.equal(config.telegram.mode, "webhook");
    assert.equal(config.telegram.webhookSecret, secret);
  });

  await t.step("an OpenAI key enables OpenAI embeddings and moderation with defaults", () => {
    const config = parseConfig({ OPENAI_API_KEY: "sk-x" });
    assert.deepEqual(config.openai, {
      apiKey: "sk-x",
      baseUrl: undefined,
      embeddingModel: "text-embedding-3-small",
      moderation: { model: "omni-moderation-latest", timeoutMs: 1500 },
    });
  });

  await t.step("LLM moderation can be switched off; the moderators' group is a chat id", () => {
    const config = parseConfig({
      OPENAI_API_KEY: "sk-x",
      LLM_MODERATION: "false",
      MODERATION_CHAT_ID: "-1001234567890",
    });
    assert.equal(config.openai?.moderation, null);
    assert.equal(config.moderationChatId, -1001234567890);
    assert.throws(() => parseConfig({ MODERATION_CHAT_ID: "moderators" }), /MODERATION_CHAT_ID/);
    assert.throws(() => parseConfig({ LLM_MODERATION_TIMEOUT_MS: "5" }), /LLM_MODERATION_TIMEOUT/);
  });

  await t.step("PORT is read as a number and SET_MY_COMMANDS as a flag", () => {
    const config = parseConfig({ PORT: "3000", SET_MY_COMMANDS: "0" });
    assert.equal(config.port, 3000);
    assert.equal(config.telegram.setMyCommands, false);
  });
});

Deno.test("parseConfig names each bad variable and what it expects", async (t) => {
  const cases: Array<[string, Record<string, string>, RegExp[]]> = [
    ["a port that is not a number", { PORT: "eighty" }, [/PORT/, /port/i]],
    ["a port out of range", { PORT: "70000" }, [/PORT/]],
    ["a Bot API root that is not a URL", { TELEGRAM_API_ROOT: "api.telegram" }, [
      /TELEGRAM_API_ROOT/,
      /URL/,
    ]],
    ["a malformed bot token", { TELEGRAM_BOT_TOKEN: "not-a-token" }, [
      /TELEGRAM_BOT_TOKEN/,
      /BotFather/,
    ]],
    ["a Supabase URL without its key", { SUPABASE_URL: "https://abc.supabase.co" }, [
      /SUPABASE_URL/,
      /SUPABASE_SERVICE_ROLE_KEY/,
      /both/,
    ]],
    ["a Supabase key without its URL", { SUPABASE_SERVICE_ROLE_KEY: "k" }, [/SUPABASE_URL/]],
    ["webhook mode without a secret", { BOT_MODE: "webhook", TELEGRAM_BOT_TOKEN: token }, [
      /TELEGRAM_WEBHOOK_SECRET/,
      /webhook/,
    ]],
    ["a PUBLIC_URL (webhook) without a secret", { PUBLIC_URL: "https://bot.example.org" }, [
      /TELEGRAM_WEBHOOK_SECRET/,
    ]],
    ["a webhook secret with forbidden characters", { TELEGRAM_WEBHOOK_SECRET: "short secret!" }, [
      /TELEGRAM_WEBHOOK_SECRET/,
      /16-256/,
    ]],
    ["an unknown bot mode", { BOT_MODE: "longpoll" }, [/BOT_MODE/, /polling or webhook/]],
    ["an Upstash URL without its token", { UPSTASH_REDIS_REST_URL: "https://x.upstash.io" }, [
      /UPSTASH_REDIS_REST_TOKEN/,
    ]],
    ["a non-URL OpenAI base URL", { OPENAI_BASE_URL: "localhost" }, [/OPENAI_BASE_URL/]],
    ["a Bot API root that is not http(s)", { TELEGRAM_API_ROOT: "ftp://bot.example.org" }, [
      /TELEGRAM_API_ROOT/,
      /http\(s\)/,
    ]],
    ["a Supabase URL that is a file path", {
      SUPABASE_URL: "file:///etc/passwd",
      SUPABASE_SERVICE_ROLE_KEY: "k",
    }, [/SUPABASE_URL/]],
  ];
  for (const [name, env, patterns] of cases) {
    await t.step(name, () => {
      const error = configError(env);
      for (const pattern of patterns) assert.match(error.message, pattern);
    });
  }

  await t.step("several problems are all listed at once", () => {
    const error = configError({ PORT: "x", TELEGRAM_API_ROOT: "nope", SUPABASE_URL: "nope" });
    assert.match(error.message, /PORT/);
    assert.match(error.message, /TELEGRAM_API_ROOT/);
    assert.match(error.message, /SUPABASE_SERVICE_ROLE_KEY: expected both/);
  });
});
