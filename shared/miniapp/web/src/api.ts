// The Mini App's client of the project's API, same origin: /functions/v1/app/ → /functions/v1/api.
import { hasText, t } from "./texts.ts";

export type ApiErrorKind =
  /** initData expired or forged: only reopening from Telegram helps. */
  | "unauthorized"
  /** The bot does not know this person (never started, or erased). */
  | "not_registered"
  | "rate_limited"
  /** No answer: offline, the server down, or slower than the timeout. */
  | "network"
  | "server"
  /** The server refused this request with a reason (4xx). */
  | "refused";

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number,
    /** The machine code (`error.code`, or the legacy `error.message` status word). */
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  send<T>(method: "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<T>;
  /** A binary resource (the mood chart) as an object URL. */
  blobUrl(path: string): Promise<string>;
}

const TIMEOUT_MS = 12_000;
const CYRILLIC = /[А-Яа-яЁё]/;

export function apiBase(location: Location): string {
  // The app lives at …/functions/v1/app/ (or …/app/ behind Supabase's gateway); the API is its
  // sibling function.
  return new URL("../api", location.href.replace(/[?#].*$/, "")).href.replace(/\/$/, "");
}

export function createApiClient(
  base: string,
  initData: string,
  onUnauthorized: () => void,
): ApiClient {
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `tma ${initData}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
    } catch {
      throw new ApiError("network", 0, "network", t("app-error-network"));
    } finally {
      clearTimeout(timer);
    }
    if (response.ok) return response;
    const error = await toApiError(response);
    if (error.kind === "unauthorized") onUnauthorized();
    throw error;
  };
  return {
    get: async <T>(path: string) => await (await call("GET", path)).json() as T,
    send: async <T>(method: string, path: string, body?: unknown) => {
      const response = await call(method, path, body);
      return (response.status === 204 ? {} : await response.json()) as T;
    },
    blobUrl: async (path) => URL.createObjectURL(await (await call("GET", path)).blob()),
  };
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page): the status decides.
  }
  const error = (body.error ?? {}) as { code?: string; message?: string };
  const code = error.code ?? (error.message && !CYRILLIC.test(error.message) ? error.message : "");
  const status = response.status;
  const retryAfter = Number(response.headers.get("retry-after") ?? "");
  const kind: ApiErrorKind = status === 401
    ? "unauthorized"
    : status === 404 && code === "not_registered"
    ? "not_registered"
    : status === 429
    ? "rate_limited"
    : status >= 500
    ? "server"
    : "refused";
  // The server's Russian text is shown as is; a bare code gets our text for it.
  const message = error.message && CYRILLIC.test(error.message)
    ? error.message
    : code && hasText(`app-error-code-${code.replaceAll("_", "-")}`)
    ? t(`app-error-code-${code.replaceAll("_", "-")}`)
    : t(`app-error-${kind === "refused" ? "generic" : kind.replaceAll("_", "-")}`);
  return new ApiError(
    kind,
    status,
    code || kind,
    message,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    body,
  );
}
