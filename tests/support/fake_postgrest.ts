import type { SqlDb } from "../../shared/db/db.ts";
import { buildCall } from "../../shared/db/db.ts";

/**
 * A local stand-in for Supabase's PostgREST `POST /rest/v1/rpc/<fn>` on a PGlite database,
 * so the Supabase adapter is tested against the real client library and real SQL:
 * - `apikey` and `Authorization: Bearer` must both carry the service role key (else 401);
 * - the JSON body is the named arguments; the function runs in one transaction as role
 *   service_role with `request.jwt.claims` set, as PostgREST does (so missing grants show);
 * - the result is the function's JSON with 200; SQL errors come back as
 *   `{code, details, hint, message}` with PostgREST's status for the SQLSTATE; an unknown
 *   function or argument set is 404 with code PGRST202.
 */
export interface FakePostgrest {
  url: string;
  requests: Array<{ fn: string; args: Record<string, unknown> }>;
  close(): Promise<void>;
}

export function startFakePostgrest(db: SqlDb, options: { serviceRoleKey: string }): FakePostgrest {
  const fake: FakePostgrest = { url: "", requests: [], close: () => server.shutdown() };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const match = /^\/rest\/v1\/rpc\/([^/]+)$/.exec(new URL(req.url).pathname);
    if (req.method !== "POST" || !match) {
      return errorResponse(404, {
        code: "PGRST125",
        message: "Invalid path specified in request URL",
      });
    }
    if (req.headers.get("apikey") !== options.serviceRoleKey) {
      // What the Supabase API gateway answers before PostgREST sees the request.
      return Response.json({
        message: "Invalid API key",
        hint: "Double check your Supabase `anon` or `service_role` API key.",
      }, { status: 401 });
    }
    if (req.headers.get("authorization") !== `Bearer ${options.serviceRoleKey}`) {
      return errorResponse(401, { code: "PGRST301", message: "JWSError JWSInvalidSignature" });
    }
    const fn = decodeURIComponent(match[1]!);
    const text = await req.text();
    const args = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    fake.requests.push({ fn, args });
    if (!(await functionExists(db, fn, Object.keys(args)))) {
      const names = Object.keys(args).sort().join(", ");
      return errorResponse(404, {
        code: "PGRST202",
        message: `Could not find the function public.${fn}(${names}) in the schema cache`,
        details: `Searched for the function public.${fn} with parameters ${
          names || "(none)"
        } or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.`,
      });
    }
    try {
      const { sql, params } = buildCall(fn, args);
      const rows = await db.transaction(async (tx) => {
        await tx.exec("set local role service_role");
        await tx.query("select set_config('request.jwt.claims', $1, true)", [
          JSON.stringify({ role: "service_role" }),
        ]);
        return await tx.query<{ result: unknown }>(sql, params);
      });
      const result = rows[0]?.result ?? null;
      return new Response(
        JSON.stringify(result, (_, v) => typeof v === "bigint" ? Number(v) : v),
        { status: 200, headers: { "content-type": "application/json; charset=utf-8" } },
      );
    } catch (error) {
      const e = error as { message?: string; code?: string; details?: string; hint?: string };
      return errorResponse(httpStatusFor(e.code), {
        code: e.code ?? "XX000",
        message: e.message ?? String(error),
        details: e.details,
        hint: e.hint,
      });
    }
  });
  fake.url = `http://127.0.0.1:${server.addr.port}`;
  return fake;
}

async function functionExists(db: SqlDb, fn: string, argNames: string[]): Promise<boolean> {
  if (!/^[a-z_][a-z0-9_]*$/.test(fn)) return false;
  // Every given name must be a parameter; parameters not given must have defaults.
  const rows = await db.query<{ ok: boolean }>(
    `select exists (
       select 1 from pg_catalog.pg_proc p
         join pg_catalog.pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.proname = $1
          and coalesce(p.proargnames, '{}') @> $2::text[]
          and p.pronargs - p.pronargdefaults <= cardinality($2::text[])
     ) as ok`,
    [fn, `{${argNames.join(",")}}`],
  );
  return rows[0]?.ok === true;
}

function errorResponse(
  status: number,
  body: { code: string; message: string; details?: string | null; hint?: string | null },
): Response {
  return Response.json({
    code: body.code,
    details: body.details ?? null,
    hint: body.hint ?? null,
    message: body.message,
  }, { status });
}

/** PostgREST's mapping of SQLSTATE to HTTP status (docs: "Errors" -> "PostgreSQL errors"). */
export function httpStatusFor(code: string | undefined): number {
  if (!code) return 500;
  const exact: Record<string, number> = {
    "23503": 409,
    "23505": 409,
    "25006": 405,
    "42883": 404,
    "42P01": 404,
    "42501": 403,
    "P0001": 400,
  };
  if (exact[code]) return exact[code];
  const byClass: Record<string, number> = {
    "08": 503,
    "09": 500,
    "0L": 403,
    "0P": 403,
    "25": 500,
    "28": 403,
    "2D": 500,
    "38": 500,
    "39": 500,
    "3B": 500,
    "40": 500,
    "53": 503,
    "54": 500,
    "55": 500,
    "57": 500,
    "58": 500,
    "F0": 500,
    "HV": 500,
    "P0": 500,
    "XX": 500,
  };
  return byClass[code.slice(0, 2)] ?? 400;
}
