import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Translate } from "../notifications/translate.ts";

/**
 * The machine codes a Mini App client can get in `{ error: { code, message } }`. Each has a
 * Russian text `api-error-<code>` (underscores as dashes) in locales/ru/api.ftl, unless the
 * throw site names a bot text instead (a profile refusal says what the bot says).
 */
export const API_ERROR_CODES = [
  // The API itself
  "bad_request",
  "invalid_json",
  "invalid_input",
  "unsupported_media_type",
  "unauthorized",
  "not_registered",
  "not_found",
  "rate_limited",
  "internal",
  // Shared by several features
  "profile_incomplete",
  "restricted",
  "already_in_chat",
  "proposal_pending",
  // Matching
  "not_searching",
  "expired",
  "already_answered",
  // Coach
  "no_chat",
  "not_in_rollout",
  "not_opted_in",
  "crisis",
  // Diary
  "no_entries",
  "invalid_body",
  "invalid_time",
  "invalid_period",
  // Events
  "already",
  "event_not_registered",
  "too_early",
  "closed",
  "not_for_you",
  "invalid",
  "past",
  "too_soon",
  "too_far",
  "too_many_pending",
  "title_refused",
  "description_refused",
  // Recommendations
  "diary_matching_off",
  "no_portrait",
  "stale",
  "already_taken",
  "unavailable",
  "topics_full",
  "already_chosen",
  // Tips
  "chat_active",
  "not_available",
  "recipient_gone",
  "invalid_amount",
  "tips_unavailable",
  // Profile and account
  "bio_refused",
  "topics_refused",
  "timezone_refused",
  "availability_refused",
  "confirmation_required",
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorOptions {
  /** A bot text to show instead of `api-error-<code>` (e.g. `profile-bio-phone`). */
  key?: string;
  /** Variables of the text. */
  params?: Record<string, string | number>;
  /** Variables that are texts themselves: `{ reason: "api-field-reason-format" }`. */
  paramKeys?: Record<string, string>;
  /** Extra fields next to `error` (a restriction's `kind` and `ends_at`). */
  extra?: Record<string, unknown>;
  /** Extra fields inside `error` (the invalid `field`). */
  detail?: Record<string, unknown>;
}

/**
 * An expected failure a client is told about: rendered by the API app's error handler as
 * `{ error: { code, message, ...detail }, ...extra }` with the Russian text as `message`.
 * An HTTPException, so Hono treats it like any other.
 */
export class ApiError extends HTTPException {
  override readonly name = "ApiError";
  constructor(
    status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    readonly options: ApiErrorOptions = {},
  ) {
    super(status, { message: code });
  }
}

/** Throws the error a client sees: `fail(409, "not_searching")`. */
export function fail(
  status: ContentfulStatusCode,
  code: ApiErrorCode,
  options?: ApiErrorOptions,
): never {
  throw new ApiError(status, code, options);
}

/** The text key of a code: `api-error-not-registered`. */
export function errorKey(code: ApiErrorCode): string {
  return `api-error-${code.replaceAll("_", "-")}`;
}

/** What Hono (or a library under it) throws without a code: named by its status. */
const codeOfStatus: Partial<Record<number, ApiErrorCode>> = {
  400: "bad_request",
  401: "unauthorized",
  404: "not_found",
  415: "unsupported_media_type",
  429: "rate_limited",
};

/**
 * The JSON body and status of any error: an ApiError as it says, another HTTPException by its
 * status (Hono's "Malformed JSON" 400 is `invalid_json`), anything else a 500 `internal`.
 */
export function errorBody(
  error: unknown,
  t: Translate,
): { status: ContentfulStatusCode; body: Record<string, unknown> } {
  if (error instanceof ApiError) {
    const { key, params, paramKeys, extra, detail } = error.options;
    const vars: Record<string, string | number> = { ...params };
    for (const [name, textKey] of Object.entries(paramKeys ?? {})) vars[name] = t(textKey);
    const message = t(key ?? errorKey(error.code), vars);
    return {
      status: error.status as ContentfulStatusCode,
      body: { error: { code: error.code, message, ...detail }, ...extra },
    };
  }
  if (error instanceof HTTPException) {
    const status = (error.status >= 400 ? error.status : 500) as ContentfulStatusCode;
    const code: ApiErrorCode = status === 400 && /json/i.test(error.message)
      ? "invalid_json"
      : codeOfStatus[status] ?? (status >= 500 ? "internal" : "bad_request");
    return { status, body: { error: { code, message: t(errorKey(code)) } } };
  }
  return { status: 500, body: { error: { code: "internal", message: t(errorKey("internal")) } } };
}
