import OpenAI from "openai";
import { AsyncLocalStorage } from "node:async_hooks";
import { anonymizeForLlm, type AnonymizeOptions } from "../coach/anonymize.ts";
import { loadNameMorphology } from "./names.ts";

/**
 * One gate for everything that leaves for an LLM. Model clients are built here and only here
 * (a test fails if any other file under shared/ imports "openai"): the coach, the moderation
 * check, the diary analyser, the embedder and anything added later get a client from
 * `createLlmGate(...).client(...)` and cannot reach the network any other way.
 *
 * The client's `fetch` is the gate. Before a request leaves it:
 * - refuses anything it does not know how to anonymise (fails closed): only POST to
 *   /chat/completions, /moderations and /embeddings, with a JSON body of text;
 * - anonymises every string the body carries to the model with the strictest policy
 *   (`anonymizeForLlm`, shared/coach/anonymize.ts): chat `messages[].content` (text parts too;
 *   a content that is JSON has each of its strings anonymised, keys kept) and message names,
 *   the `input` of moderations and embeddings; identifiers meant for the provider (`user`,
 *   `metadata`, `safety_identifier`) are dropped;
 * - knows the people of the call: their chat pseudonyms and Telegram names, from the scope the
 *   caller opened with `withLlmPrivacy` (the bot opens one per update and the Mini App API one
 *   per request, shared/llm/people.ts), so "Дарина" is hidden even when no rule would read it as
 *   a name. A scope whose names
 *   cannot be read (the database is down) refuses the call rather than send without them.
 *
 * The Russian name dictionary (shared/llm/names.ts) is loaded before the first request (once,
 * ~0.3 s); where it cannot load, the anonymiser's own list stands in. Adapters treat a refusal
 * like any failed call: their offline fallback answers.
 */

export type LlmClient = OpenAI;

/** Someone whose names may be in what is sent: a chat partner, the author of an entry. */
export interface LlmPerson {
  /** The bot pseudonym. */
  pseudonym?: string | null;
  /** Telegram first and last name: read from the update, never stored for this. */
  names?: Array<string | null | undefined>;
  /** The Telegram @username, without "@". */
  username?: string | null;
}

/** The people of a call, or how to find them when a request is actually made. */
export interface LlmPrivacy {
  people: LlmPerson[] | (() => Promise<LlmPerson[]>);
}

/** A request the gate will not send: it cannot anonymise it, or the names were unavailable. */
export class LlmGateRefusal extends Error {
  override name = "LlmGateRefusal";
}

/** One `withLlmPrivacy` call's people; shared by the scopes nested in it. */
interface Source {
  people: LlmPrivacy["people"];
  resolved?: Promise<LlmPerson[]>;
}

const scopes = new AsyncLocalStorage<Source[]>();

/**
 * Runs `fn` with `privacy`'s people known to every model call made inside it (awaited or not);
 * nested scopes add to the outer one. A lazy list is read once, on the first request.
 */
export function withLlmPrivacy<T>(privacy: LlmPrivacy, fn: () => T): T {
  const outer = scopes.getStore() ?? [];
  return scopes.run([...outer, { people: privacy.people }], fn);
}

async function peopleInScope(): Promise<LlmPerson[]> {
  const sources = scopes.getStore() ?? [];
  try {
    const lists = await Promise.all(
      sources.map((source) =>
        source.resolved ??= typeof source.people === "function"
          ? source.people()
          : Promise.resolve(source.people)
      ),
    );
    return lists.flat();
  } catch (error) {
    throw new LlmGateRefusal(
      `the people of the call could not be read: ${error instanceof Error ? error.name : error}`,
    );
  }
}

/** The anonymiser's options for these people. */
export function anonymizeOptionsFor(people: LlmPerson[]): AnonymizeOptions {
  const clean = (value: string | null | undefined) => value?.trim() ?? "";
  return {
    pseudonyms: people.flatMap((person) => [
      ...(clean(person.pseudonym) ? [{ name: clean(person.pseudonym), token: "[псевдоним]" }] : []),
      ...(clean(person.username) ? [{ name: clean(person.username), token: "[аккаунт]" }] : []),
    ]),
    names: people.flatMap((person) =>
      (person.names ?? []).map(clean).filter((name) => /\p{L}/u.test(name)).map((name) => ({
        name,
        token: "[имя]",
      }))
    ),
    maxLength: Number.POSITIVE_INFINITY,
  };
}

export interface LlmGateOptions {
  apiKey: string;
  /** An OpenAI-compatible API root ending in `/v1`; the official API when omitted. */
  baseUrl?: string;
  /** What the gate sends through (tests, proxies); the global fetch otherwise. */
  fetch?: typeof fetch;
}

export interface LlmGate {
  /** A client whose every request goes through the gate. */
  client(options: { timeoutMs: number; maxRetries?: number }): LlmClient;
  /**
   * Resolves when the name dictionary has loaded (or failed to: the list stands in). Adapters
   * await it before a call, so the one-off load (~0.3 s after a cold start) is not counted
   * against the call's timeout; the gate waits for it anyway.
   */
  ready(): Promise<void>;
}

let prepared: Promise<void> | undefined;

/** Loads the name dictionary and warms the rules up, once per process. */
function prepare(): Promise<void> {
  return prepared ??= loadNameMorphology().then(warmUp);
}

// One pass over text that takes every rule, so the first real request is not the one that
// pays for compiling them (~0.2 s once; a model call's timeout may be shorter).
const WARM_UP_TEXT = "Привет! Меня зовут Аня, мне 27. Вчера говорила с Дмитрием Петровым, он " +
  "сказал, что всё будет хорошо. Пиши ivan собака mail точка ru или звони 8 912 345-67-89, " +
  "живу на ул. Ленина, д. 5. Работаю в ООО «Ромашка», учусь в 5-й школе.";

// And ordinary chat with people's names known, as real calls come: without it the first real
// request still paid ~50 ms (the dictionary's and the people rules' first use on everyday words).
const WARM_UP_CHAT = "Сегодня был трудный день, я устала и хочу спать. Мама звонила, а я не " +
  "ответила. Живу в общаге, работаю в магазине, кот опять не ест.";

function warmUp(): void {
  anonymizeForLlm(WARM_UP_TEXT, {
    pseudonyms: [{ name: "Тихий Лис", token: "[псевдоним]" }],
    names: [{ name: "Алексей", token: "[имя]" }],
  });
  anonymizeForLlm(WARM_UP_CHAT, {
    ...anonymizeOptionsFor([{ pseudonym: "Ночной Ветер", names: ["Мария"] }]),
    maxLength: 4096,
  });
}

/** The gate for one OpenAI-compatible endpoint. Starts loading the name dictionary. */
export function createLlmGate(options: LlmGateOptions): LlmGate {
  void prepare();
  const fetchThroughGate = gatedFetch(options.fetch ?? globalThis.fetch);
  return {
    ready: prepare,
    client: ({ timeoutMs, maxRetries }) =>
      new OpenAI({
        apiKey: options.apiKey,
        baseURL: options.baseUrl,
        timeout: timeoutMs,
        maxRetries: maxRetries ?? 0,
        fetch: fetchThroughGate,
      }),
  };
}

/** Why a call through the gate failed, for metrics: a timeout, an HTTP error, a refusal. */
export function llmFailureKind(error: unknown): "timeout" | "http" | "refused" | "error" {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return "timeout";
  if (error instanceof OpenAI.APIError && error.status !== undefined) return "http";
  if (
    error instanceof LlmGateRefusal ||
    (error as { cause?: unknown })?.cause instanceof LlmGateRefusal
  ) {
    return "refused";
  }
  return "error";
}

type Endpoint = "chat" | "moderations" | "embeddings";

const ENDPOINTS: Array<[string, Endpoint]> = [
  ["/chat/completions", "chat"],
  ["/moderations", "moderations"],
  ["/embeddings", "embeddings"],
];

// Identifiers for the provider's own records: nothing the model needs.
const DROPPED_FIELDS = ["user", "metadata", "safety_identifier", "prompt_cache_key"];

function gatedFetch(upstream: typeof fetch): typeof fetch {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (input instanceof Request) throw new LlmGateRefusal("a prepared Request cannot be checked");
    const url = new URL(String(input));
    const endpoint = ENDPOINTS.find(([path]) => url.pathname.endsWith(path))?.[1];
    if (!endpoint || (init?.method ?? "GET").toUpperCase() !== "POST") {
      throw new LlmGateRefusal(`not a request the gate knows: ${url.pathname}`);
    }
    if (typeof init?.body !== "string") throw new LlmGateRefusal("the body is not JSON text");
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(init.body);
    } catch {
      throw new LlmGateRefusal("the body is not JSON");
    }
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      throw new LlmGateRefusal("the body is not a JSON object");
    }
    await prepare();
    const options = anonymizeOptionsFor(await peopleInScope());
    const clean = anonymizeBody(endpoint, body, options);
    const headers = new Headers(init.headers);
    headers.delete("content-length");
    return await upstream(url, { ...init, headers, body: JSON.stringify(clean) });
  };
}

/** The body with every string meant for the model anonymised. Throws on what it cannot read. */
export function anonymizeBody(
  endpoint: Endpoint,
  body: Record<string, unknown>,
  options: AnonymizeOptions,
): Record<string, unknown> {
  const clean: Record<string, unknown> = { ...body };
  for (const field of DROPPED_FIELDS) delete clean[field];
  const text = (value: string) => anonymizeForLlm(value, options).text;
  if (endpoint === "chat") {
    if (!Array.isArray(body.messages)) throw new LlmGateRefusal("no messages");
    clean.messages = body.messages.map((message) => anonymizeMessage(message, text));
    return clean;
  }
  const input = body.input;
  if (typeof input === "string") clean.input = text(input);
  else if (Array.isArray(input)) clean.input = input.map((item) => anonymizeInput(item, text));
  else throw new LlmGateRefusal("no input");
  return clean;
}

function anonymizeMessage(message: unknown, text: (value: string) => string): unknown {
  if (message === null || typeof message !== "object") throw new LlmGateRefusal("bad message");
  const clean: Record<string, unknown> = { ...message as Record<string, unknown> };
  const content = clean.content;
  if (typeof content === "string") clean.content = anonymizeContent(content, text);
  else if (Array.isArray(content)) {
    clean.content = content.map((part) => anonymizePart(part, text));
  } else if (content !== null && content !== undefined) {
    throw new LlmGateRefusal("a message content the gate cannot read");
  }
  if (typeof clean.name === "string") clean.name = text(clean.name);
  if (clean.tool_calls !== undefined || clean.function_call !== undefined) {
    throw new LlmGateRefusal("tool calls are not sent through the gate");
  }
  return clean;
}

function anonymizePart(part: unknown, text: (value: string) => string): unknown {
  const record = part as Record<string, unknown> | null;
  if (record?.type === "text" && typeof record.text === "string") {
    return { ...record, text: anonymizeContent(record.text, text) };
  }
  throw new LlmGateRefusal("only text parts are sent");
}

function anonymizeInput(item: unknown, text: (value: string) => string): unknown {
  if (typeof item === "string") return text(item);
  return anonymizePart(item, text);
}

/**
 * A message content: JSON (the coach sends the chat as data) has each string inside it
 * anonymised on its own, so a rule never reads across two lines and the JSON stays valid;
 * anything else is anonymised as text.
 */
function anonymizeContent(content: string, text: (value: string) => string): string {
  const trimmed = content.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.stringify(mapStrings(JSON.parse(trimmed), text));
    } catch {
      // Not JSON after all: text.
    }
  }
  return text(content);
}

function mapStrings(value: unknown, text: (value: string) => string): unknown {
  if (typeof value === "string") return text(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, text));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, mapStrings(item, text)]),
    );
  }
  return value;
}
