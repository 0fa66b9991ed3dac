/**
 * A local stand-in for the OpenAI embeddings API (`POST /v1/embeddings`), moderation API
 * (`POST /v1/moderations`) and chat completions (`POST /v1/chat/completions`) speaking the real
 * request and response shapes, including `encoding_format: "base64"` (the SDK's default) and
 * the `{ error: { message, type, param, code } }` error body. Moderation flags what the test's
 * rules say, with all 13 categories; chat completions answer what the test's `chatReply` says.
 */
export interface FakeOpenAi {
  baseUrl: string;
  /** Embedding and moderation requests, in order; `raw` is the body as it came over the wire. */
  requests: Array<{
    path: string;
    authorization: string | null;
    raw: string;
    body: Record<string, unknown>;
  }>;
  /** Answer with vectors of this length regardless of the request (to test validation). */
  forceDimensions?: number;
  /** Answer the next request with this HTTP status and an OpenAI error body. */
  failNext?: number;
  /** Moderation: texts matching a rule are flagged in its categories. */
  moderationRules: Array<{ pattern: RegExp; categories: ModerationCategory[] }>;
  /** Moderation answers after this long (to test the caller's timeout). */
  moderationDelayMs?: number;
  /** Chat completions: every request, in order (kept apart from `requests`). */
  chatRequests: ChatRequest[];
  /** The assistant's content for a chat request (default `defaultChatReply`). */
  chatReply?: (body: Record<string, unknown>) => string;
  /** Chat completions answer after this long (to test the caller's timeout). */
  chatDelayMs?: number;
  close(): Promise<void>;
}

export interface ChatRequest {
  authorization: string | null;
  /** The body as it came over the wire, to search for text that must not be there. */
  raw: string;
  body: Record<string, unknown>;
}

/** What the stand-in's assistant answers unless the test says otherwise: one valid hint. */
export const defaultChatReply = JSON.stringify({
  hints: [{ type: "empathy", text: "Похоже, вам сейчас очень непросто." }],
});

export function startFakeOpenAi(options: { apiKey: string }): FakeOpenAi {
  const fake: FakeOpenAi = {
    baseUrl: "",
    requests: [],
    moderationRules: [],
    chatRequests: [],
    close: () => server.shutdown(),
  };
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (req) => {
      const url = new URL(req.url);
      if (req.method === "POST" && url.pathname === "/v1/moderations") {
        return await moderate(fake, req, options.apiKey);
      }
      if (req.method === "POST" && url.pathname === "/v1/chat/completions") {
        return await complete(fake, req, options.apiKey);
      }
      if (req.method !== "POST" || url.pathname !== "/v1/embeddings") {
        return openAiError(404, `Unknown request URL: ${req.method} ${url.pathname}`, null);
      }
      const authorization = req.headers.get("authorization");
      const raw = await req.text();
      const body = JSON.parse(raw) as Record<string, unknown>;
      fake.requests.push({ path: url.pathname, authorization, raw, body });
      if (authorization !== `Bearer ${options.apiKey}`) {
        return openAiError(401, "Incorrect API key provided.", "invalid_api_key");
      }
      if (fake.failNext) {
        const status = fake.failNext;
        fake.failNext = undefined;
        return openAiError(status, "The server had an error while processing your request.", null);
      }
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      if (inputs.some((input) => typeof input !== "string" || input === "")) {
        return openAiError(400, "'$.input' is invalid.", null);
      }
      const dimensions = fake.forceDimensions ?? (body.dimensions as number | undefined) ?? 1536;
      const data = inputs.map((input, index) => {
        const vector = fakeVector(String(input), dimensions);
        return {
          object: "embedding",
          index,
          embedding: body.encoding_format === "base64" ? toBase64(vector) : vector,
        };
      });
      return Response.json({
        object: "list",
        data,
        model: body.model,
        usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
      });
    },
  );
  fake.baseUrl = `http://127.0.0.1:${server.addr.port}/v1`;
  return fake;
}

/** A deterministic unit vector from the text, so tests can compare results. */
export function fakeVector(text: string, dimensions: number): number[] {
  let seed = 0;
  for (const char of text) seed = (seed * 31 + char.codePointAt(0)!) >>> 0;
  const vector = Array.from({ length: dimensions }, (_, i) => Math.sin(seed + i + 1));
  const norm = Math.hypot(...vector);
  return vector.map((v) => Math.fround(v / norm));
}

function toBase64(vector: number[]): string {
  const bytes = new Uint8Array(new Float32Array(vector).buffer);
  return btoa(String.fromCharCode(...bytes));
}

function openAiError(status: number, message: string, code: string | null): Response {
  return Response.json(
    { error: { message, type: "invalid_request_error", param: null, code } },
    { status },
  );
}

export const MODERATION_CATEGORIES = [
  "harassment",
  "harassment/threatening",
  "hate",
  "hate/threatening",
  "illicit",
  "illicit/violent",
  "self-harm",
  "self-harm/intent",
  "self-harm/instructions",
  "sexual",
  "sexual/minors",
  "violence",
  "violence/graphic",
] as const;

export type ModerationCategory = typeof MODERATION_CATEGORIES[number];

async function moderate(fake: FakeOpenAi, req: Request, apiKey: string): Promise<Response> {
  const authorization = req.headers.get("authorization");
  const raw = await req.text();
  const body = JSON.parse(raw) as Record<string, unknown>;
  fake.requests.push({ path: new URL(req.url).pathname, authorization, raw, body });
  if (authorization !== `Bearer ${apiKey}`) {
    return openAiError(401, "Incorrect API key provided.", "invalid_api_key");
  }
  if (fake.moderationDelayMs) {
    await new Promise((resolve) => setTimeout(resolve, fake.moderationDelayMs));
  }
  if (fake.failNext) {
    const status = fake.failNext;
    fake.failNext = undefined;
    return openAiError(status, "The server had an error while processing your request.", null);
  }
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  if (inputs.some((input) => typeof input !== "string")) {
    return openAiError(400, "'$.input' is invalid.", null);
  }
  const results = inputs.map((input) => {
    const hit = new Set(
      fake.moderationRules.filter((r) => r.pattern.test(String(input))).flatMap((r) =>
        r.categories
      ),
    );
    const entries = (value: (c: ModerationCategory) => unknown) =>
      Object.fromEntries(MODERATION_CATEGORIES.map((c) => [c, value(c)]));
    return {
      flagged: hit.size > 0,
      categories: entries((c) => hit.has(c)),
      category_scores: entries((c) => (hit.has(c) ? 0.97 : 0.001)),
      category_applied_input_types: entries(() => ["text"]),
    };
  });
  return Response.json({ id: `modr-${crypto.randomUUID()}`, model: body.model, results });
}

/** `POST /v1/chat/completions` without streaming: checks the request as OpenAI does. */
async function complete(fake: FakeOpenAi, req: Request, apiKey: string): Promise<Response> {
  const authorization = req.headers.get("authorization");
  const raw = await req.text();
  const body = JSON.parse(raw) as Record<string, unknown>;
  fake.chatRequests.push({ authorization, raw, body });
  if (authorization !== `Bearer ${apiKey}`) {
    return openAiError(401, "Incorrect API key provided.", "invalid_api_key");
  }
  if (fake.chatDelayMs) await sleep(fake.chatDelayMs, req.signal);
  if (fake.failNext) {
    const status = fake.failNext;
    fake.failNext = undefined;
    return openAiError(status, "The server had an error while processing your request.", null);
  }
  if (typeof body.model !== "string" || body.model === "") {
    return openAiError(400, "you must provide a model parameter", null);
  }
  const messages = body.messages;
  if (
    !Array.isArray(messages) || messages.length === 0 ||
    messages.some((m) => typeof m?.role !== "string" || typeof m?.content !== "string")
  ) {
    return openAiError(400, "Invalid value for 'messages'.", null);
  }
  const format = (body.response_format as { type?: string } | undefined)?.type;
  if (format === "json_object" && !messages.some((m) => /json/i.test(m.content))) {
    return openAiError(
      400,
      "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
      null,
    );
  }
  const content = fake.chatReply ? fake.chatReply(body) : defaultChatReply;
  // Roughly four characters a token, as OpenAI's tokenizers give for English.
  const promptTokens = Math.ceil(messages.reduce((n, m) => n + m.content.length, 0) / 4);
  const completionTokens = Math.ceil(content.length / 4);
  return Response.json({
    id: `chatcmpl-${crypto.randomUUID()}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [{
      index: 0,
      message: { role: "assistant", content, refusal: null },
      logprobs: null,
      finish_reason: "stop",
    }],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
    system_fingerprint: "fp_fake",
  });
}

/** Waits `ms`, or less when the client hangs up (so a test's server shuts down promptly). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
