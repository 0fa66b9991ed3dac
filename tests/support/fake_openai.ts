/**
 * A local stand-in for the OpenAI embeddings API (`POST /v1/embeddings`) and moderation API
 * (`POST /v1/moderations`) speaking the real request and response shapes, including
 * `encoding_format: "base64"` (the SDK's default) and the `{ error: { message, type, param,
 * code } }` error body. Moderation flags what the test's rules say, with all 13 categories.
 */
export interface FakeOpenAi {
  baseUrl: string;
  requests: Array<{ authorization: string | null; body: Record<string, unknown> }>;
  /** Answer with vectors of this length regardless of the request (to test validation). */
  forceDimensions?: number;
  /** Answer the next request with this HTTP status and an OpenAI error body. */
  failNext?: number;
  /** Moderation: texts matching a rule are flagged in its categories. */
  moderationRules: Array<{ pattern: RegExp; categories: ModerationCategory[] }>;
  /** Moderation answers after this long (to test the caller's timeout). */
  moderationDelayMs?: number;
  close(): Promise<void>;
}

export function startFakeOpenAi(options: { apiKey: string }): FakeOpenAi {
  const fake: FakeOpenAi = {
    baseUrl: "",
    requests: [],
    moderationRules: [],
    close: () => server.shutdown(),
  };
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (req) => {
      const url = new URL(req.url);
      if (req.method === "POST" && url.pathname === "/v1/moderations") {
        return await moderate(fake, req, options.apiKey);
      }
      if (req.method !== "POST" || url.pathname !== "/v1/embeddings") {
        return openAiError(404, `Unknown request URL: ${req.method} ${url.pathname}`, null);
      }
      const authorization = req.headers.get("authorization");
      const body = await req.json() as Record<string, unknown>;
      fake.requests.push({ authorization, body });
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
  const body = await req.json() as Record<string, unknown>;
  fake.requests.push({ authorization, body });
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
