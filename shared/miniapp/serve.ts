// Serves the built Mini App (shared/miniapp/dist/) under the `app` function's two prefixes:
// `/functions/v1/app/` (local gateway, dev server) and `/app/` (Supabase's gateway strips
// `/functions/v1`). index.html is never cached; hashed files are cached for a year.
import type { MiniAppManifest } from "./build.ts";

export const APP_BASE_PATHS = ["/functions/v1/app", "/app"] as const;

export interface MiniAppServerOptions {
  /** The folder `deno task build:app` wrote. */
  dist: URL;
  /** Put into the page so "Открыть чат" can link to the bot; optional. */
  botUsername?: string;
}

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  type: string;
  immutable: boolean;
}

const TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  html: "text/html; charset=utf-8",
};

// The page talks only to its own origin; Telegram's web clients frame it.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'self' https://web.telegram.org https://*.telegram.org",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/**
 * A handler for the app's paths: answers a Response for them and null for any other path, so
 * it can sit in front of another handler. Files are read once, on the first request.
 */
export function createMiniAppHandler(
  options: MiniAppServerOptions,
): (req: Request) => Promise<Response> | null {
  let assets: Promise<Map<string, Asset> | null> | undefined;
  const load = () => assets ??= loadAssets(options).catch(() => null);
  return (req) => {
    const path = new URL(req.url).pathname;
    const base = APP_BASE_PATHS.find((b) => path === b || path.startsWith(`${b}/`));
    if (!base) return null;
    return (async () => {
      if (req.method !== "GET" && req.method !== "HEAD") {
        return new Response("Method Not Allowed", { status: 405, headers: { allow: "GET, HEAD" } });
      }
      const rest = path.slice(base.length);
      // Relative asset URLs need the trailing slash; relative Location keeps the gateway prefix.
      if (rest === "") {
        return new Response(null, {
          status: 308,
          headers: { location: `${base.slice(base.lastIndexOf("/") + 1)}/` },
        });
      }
      const files = await load();
      if (!files) {
        assets = undefined;
        return new Response("The Mini App is not built: run `deno task build:app`.\n", {
          status: 503,
          headers: { "content-type": "text/plain; charset=utf-8", "retry-after": "5" },
        });
      }
      const asset = files.get(rest === "/" ? "/index.html" : rest);
      if (!asset) return new Response("Not found\n", { status: 404 });
      const headers = new Headers({
        "content-type": asset.type,
        "cache-control": asset.immutable ? "public, max-age=31536000, immutable" : "no-cache",
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
      });
      if (asset.type.startsWith("text/html")) headers.set("content-security-policy", CSP);
      return new Response(req.method === "HEAD" ? null : asset.body, { headers });
    })();
  };
}

async function loadAssets(options: MiniAppServerOptions): Promise<Map<string, Asset>> {
  const manifest: MiniAppManifest = JSON.parse(
    await Deno.readTextFile(new URL("manifest.json", options.dist)),
  );
  const files = new Map<string, Asset>();
  for (const name of [manifest.js, manifest.css]) {
    files.set(`/${name}`, {
      body: await Deno.readFile(new URL(name, options.dist)),
      type: TYPES[name.split(".").pop()!]!,
      immutable: true,
    });
  }
  const html = (await Deno.readTextFile(new URL("index.html", options.dist)))
    .replace("%BOT_USERNAME%", escapeAttribute(options.botUsername ?? ""));
  files.set("/index.html", {
    body: new TextEncoder().encode(html),
    type: TYPES.html!,
    immutable: false,
  });
  return files;
}

function escapeAttribute(value: string): string {
  return value.replace(/[^A-Za-z0-9_]/g, "");
}
