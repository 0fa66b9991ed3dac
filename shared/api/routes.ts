import { OpenAPIHono, type RouteConfig, type RouteHandler, z } from "@hono/zod-openapi";
import type { Handler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { API_ERROR_CODES, type ApiErrorCode, fail } from "./errors.ts";

/** Every Mini App route knows the Telegram user its initData names. */
export type MiniAppEnv = { Variables: { tgId: number } };

/** A feature's Mini App routes: declared with `createRoute`, mounted only by the API's root. */
export type MiniAppRoutes = OpenAPIHono<MiniAppEnv>;

/**
 * Where a feature's routes stand: `person` (initData + rate limits + a person the bot knows:
 * everything about one's own data), `caller` (initData + rate limits only: the crisis lines are
 * for anyone, and a ban outlives /delete), `person_own_limits` (as `person`, but the feature
 * counts each user's requests itself, e.g. a chattier video signalling limit; the per-address
 * limit still applies).
 */
export type Guard = "person" | "caller" | "person_own_limits";

/** What a zod issue tells the person (`api-field-reason-<reason>`). */
type FieldReason =
  | "required"
  | "type"
  | "too-long"
  | "too-short"
  | "range"
  | "format"
  | "choice"
  | "unknown"
  | "other";

function reasonOf(issue: z.core.$ZodIssue | undefined): FieldReason {
  if (!issue) return "other";
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "required" : "type";
    case "too_big":
      return issue.origin === "number" || issue.origin === "int" ? "range" : "too-long";
    case "too_small":
      return issue.origin === "number" || issue.origin === "int" ? "range" : "too-short";
    case "invalid_format":
      return "format";
    case "invalid_value":
      return "choice";
    case "unrecognized_keys":
      return "unknown";
    case "custom": {
      const reason = (issue.params as { reason?: FieldReason } | undefined)?.reason;
      return reason ?? "other";
    }
    default:
      return "other";
  }
}

/**
 * A request that fails its zod schema (body, query or path): 400 `invalid_input`, a Russian
 * reason, the field's path in `error.field`, and nothing changed. Never zod's own dump.
 */
export function refuseInvalid(error: z.ZodError): never {
  const issue = error.issues[0];
  const path = issue?.path.map(String) ?? [];
  const field = issue?.code === "unrecognized_keys" ? issue.keys[0] ?? "" : path.join(".");
  fail(400, "invalid_input", {
    paramKeys: { reason: `api-field-reason-${reasonOf(issue)}` },
    detail: { field },
  });
}

/** A feature's routes app: validation failures become the API's 400 `invalid_input`. */
export function createRoutes(): MiniAppRoutes {
  return new OpenAPIHono<MiniAppEnv>({
    defaultHook: (result) => {
      if (!result.success) refuseInvalid(result.error);
    },
  });
}

/** A handler that may answer any Response (SQL outcomes map to statuses at run time). */
type LooseHandler<R extends RouteConfig> = RouteHandler<R, MiniAppEnv> extends
  Handler<infer E, infer P, infer I, infer _> ? Handler<E, P, I, Promise<Response> | Response>
  : never;

/**
 * `routes.openapi(route, handler)` for a handler that answers a plain Response: the route's
 * declared schemas still validate the request and describe it in the document.
 */
export function on<R extends RouteConfig>(
  routes: MiniAppRoutes,
  route: R,
  handler: LooseHandler<R>,
  /** Instead of the default 400 invalid_input, e.g. a missing confirmation. */
  onInvalid?: (error: z.ZodError) => never,
): void {
  routes.openapi(
    route,
    handler as unknown as RouteHandler<R, MiniAppEnv>,
    onInvalid
      ? (result) => {
        if (!result.success) onInvalid(result.error as z.ZodError);
      }
      : undefined,
  );
}

/** The error body every failure has. */
export const ErrorSchema = z.object({
  error: z.object({
    code: z.string().openapi({ example: "not_registered" }),
    message: z.string().openapi({ description: "Russian text the client shows as is" }),
    field: z.string().optional().openapi({ description: "invalid_input: the field at fault" }),
  }),
  kind: z.string().optional().openapi({ description: "restricted: mute or ban" }),
  ends_at: z.string().nullable().optional().openapi({ description: "restricted: until when" }),
}).openapi("Error");

const errorContent = { "application/json": { schema: ErrorSchema } };

/** An error response for `responses`: `{ 409: error("already answered") }`. */
export function error(description: string) {
  return { description, content: errorContent };
}

/** The failures every authenticated route can answer. */
export const authErrors = {
  401: error("initData missing, forged or older than 24 hours (`unauthorized`)"),
  429: {
    description: "Too many requests (`rate_limited`); see the Retry-After header",
    headers: z.object({ "retry-after": z.string().openapi({ example: "12" }) }),
    content: errorContent,
  },
} as const;

/** ... plus those of a route about one's own data. */
export const personErrors = {
  ...authErrors,
  404: error("The bot does not know this person (`not_registered`) or the thing asked about"),
} as const;

/** A JSON response for `responses`. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** A required JSON request body for `request.body`. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } };
}

/** A SQL result's JSON: `status` plus whatever the function answers. */
export const StatusObject = z.looseObject({ status: z.string() });

/** A UUID in the path. */
export const IdParams = z.object({
  id: z.uuid().openapi({
    param: { name: "id", in: "path" },
    example: "3f2b8c1e-9d4a-4e6b-8f1a-2c3d4e5f6a7b",
  }),
});

/** Until when a restriction holds, as the error text shows it ("none" for a ban without end). */
function untilText(endsAt: unknown): string {
  if (typeof endsAt !== "string") return "none";
  const date = new Date(endsAt);
  return Number.isNaN(date.getTime()) ? "none" : date.toISOString().slice(0, 16).replace("T", " ");
}

/**
 * A SQL function's outcome as the response: a status mapped below 400 answers the result as
 * JSON, one mapped to 400 or more fails with its status as the code (`rename` gives another
 * code where a status means something else here), a status not mapped is a 500. A restriction
 * adds `kind` and `ends_at`.
 */
export function answer(
  result: { status: string },
  statuses: Record<string, ContentfulStatusCode | undefined>,
  rename: Partial<Record<string, ApiErrorCode>> = {},
): Response {
  const status = statuses[result.status];
  if (status === undefined) throw new Error(`unexpected SQL outcome`);
  if (status < 400) {
    return Response.json(result, { status, headers: { "cache-control": "private, no-store" } });
  }
  const code = rename[result.status] ?? result.status;
  if (!isErrorCode(code)) throw new Error(`SQL outcome without an error code`);
  if (code === "restricted") {
    const { kind, ends_at } = result as { kind?: string; ends_at?: string | null };
    fail(status, code, { extra: { kind, ends_at }, params: { until: untilText(ends_at) } });
  }
  fail(status, code);
}

function isErrorCode(code: string): code is ApiErrorCode {
  return (API_ERROR_CODES as readonly string[]).includes(code);
}
