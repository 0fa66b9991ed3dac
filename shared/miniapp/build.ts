// `deno task build:app`: bundles the Mini App (shared/miniapp/web, its own Deno config and lock
// file) into shared/miniapp/dist/: index.html, app.<hash>.js, app.<hash>.css, manifest.json.
// The output is not committed; the dev server and the browser tests build it when it is missing
// or older than its sources.

const WEB = new URL("./web/", import.meta.url);
export const DEFAULT_DIST = new URL("./dist/", import.meta.url);
/** Everything the bundle is made from besides web/src/: a change here means a rebuild. */
const LOCALES = new URL("../bot/locales/ru/", import.meta.url);
const EXTRA_INPUTS = ["deno.json", "deno.lock", "index.html", "src/styles.css"];
const TEXT_FILES = [
  "app.ftl",
  "calls.ftl",
  "diary.ftl",
  "events.ftl",
  "matching.ftl",
  "payments.ftl",
  "profile.ftl",
  "recommend.ftl",
  "safety.ftl",
];

export interface MiniAppManifest {
  /** A hash of every source the build read: the dev server rebuilds when it changes. */
  sourceHash: string;
  js: string;
  css: string;
  /** Bytes of the first screen's files, raw and gzipped (the bench prints them). */
  sizes: Record<string, { raw: number; gzip: number }>;
}

export async function buildMiniApp(dist: URL = DEFAULT_DIST): Promise<MiniAppManifest> {
  const sourceHash = await hashSources();
  const temp = await Deno.makeTempDir({ prefix: "miniapp-build-" });
  try {
    const bundled = `${temp}/app.js`;
    const result = await new Deno.Command(Deno.execPath(), {
      args: [
        "bundle",
        "--quiet",
        "--config",
        new URL("deno.json", WEB).pathname,
        "--frozen",
        "--platform",
        "browser",
        "--format",
        "esm",
        "--minify",
        "-o",
        bundled,
        new URL("src/main.tsx", WEB).pathname,
      ],
      cwd: WEB.pathname,
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!result.success) {
      throw new Error(`deno bundle failed:\n${new TextDecoder().decode(result.stderr)}`);
    }
    const js = new TextEncoder().encode(unescapeNonAscii(await Deno.readTextFile(bundled)));
    const css = new TextEncoder().encode(
      minifyCss(await Deno.readTextFile(new URL("src/styles.css", WEB))),
    );
    const jsName = `app.${await shortHash(js)}.js`;
    const cssName = `app.${await shortHash(css)}.css`;
    const texts = await Deno.readTextFile(new URL("app.ftl", LOCALES));
    const html = (await Deno.readTextFile(new URL("index.html", WEB)))
      .replace("%JS%", jsName)
      .replace("%CSS%", cssName)
      .replace("%TITLE%", htmlText(texts, "app-html-title"))
      .replace("%NOSCRIPT%", htmlText(texts, "app-html-noscript"));
    // A fresh folder each time: no stale hashed files pile up.
    const next = new URL(`${dist.href.replace(/\/$/, "")}.next/`);
    await Deno.remove(next, { recursive: true }).catch(() => {});
    await Deno.mkdir(next, { recursive: true });
    await Deno.writeFile(new URL(jsName, next), js);
    await Deno.writeFile(new URL(cssName, next), css);
    await Deno.writeTextFile(new URL("index.html", next), html);
    const manifest: MiniAppManifest = {
      sourceHash,
      js: jsName,
      css: cssName,
      sizes: {
        [jsName]: { raw: js.length, gzip: await gzipSize(js) },
        [cssName]: { raw: css.length, gzip: await gzipSize(css) },
      },
    };
    await Deno.writeTextFile(new URL("manifest.json", next), JSON.stringify(manifest, null, 2));
    await Deno.remove(dist, { recursive: true }).catch(() => {});
    await Deno.rename(next, dist);
    return manifest;
  } finally {
    await Deno.remove(temp, { recursive: true }).catch(() => {});
  }
}

/** Builds unless `dist` holds a build of the current sources. */
export async function ensureMiniAppBuilt(
  dist: URL = DEFAULT_DIST,
): Promise<{ manifest: MiniAppManifest; built: boolean }> {
  const current = await readManifest(dist);
  if (current && current.sourceHash === await hashSources()) {
    return { manifest: current, built: false };
  }
  return { manifest: await buildMiniApp(dist), built: true };
}

export async function readManifest(dist: URL = DEFAULT_DIST): Promise<MiniAppManifest | null> {
  try {
    return JSON.parse(await Deno.readTextFile(new URL("manifest.json", dist)));
  } catch {
    return null;
  }
}

async function hashSources(): Promise<string> {
  const files: URL[] = [];
  const walk = async (dir: URL) => {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isDirectory) await walk(new URL(`${entry.name}/`, dir));
      else files.push(new URL(entry.name, dir));
    }
  };
  await walk(new URL("src/", WEB));
  for (const name of EXTRA_INPUTS) files.push(new URL(name, WEB));
  for (const name of TEXT_FILES) files.push(new URL(name, LOCALES));
  const unique = [...new Set(files.map((f) => f.href))].sort();
  const parts: Uint8Array[] = [];
  for (const href of unique) {
    parts.push(new TextEncoder().encode(href.slice(WEB.href.length - 4)));
    parts.push(await Deno.readFile(new URL(href)).catch(() => new Uint8Array()));
  }
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return await shortHash(joined, 16);
}

async function shortHash(data: Uint8Array, length = 10): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", data as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("").slice(0, length);
}

async function gzipSize(data: Uint8Array): Promise<number> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/** A one-line message of app.ftl, escaped for HTML (the page's title and its noscript text). */
function htmlText(ftl: string, key: string): string {
  const value = ftl.match(new RegExp(`^${key} = (.+)$`, "m"))?.[1];
  if (!value) throw new Error(`app.ftl has no one-line message ${key}`);
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * esbuild writes every non-ASCII character as `\uXXXX`, which makes Russian text three times
 * larger than UTF-8. Inside JS string, template and regex literals the character itself means
 * the same, so escapes of non-ASCII characters (surrogates and line separators aside) are
 * turned back into characters; the file is served as UTF-8.
 */
export function unescapeNonAscii(js: string): string {
  return js.replace(/(?<!\\)((?:\\\\)*)\\u([0-9a-fA-F]{4})/g, (whole, slashes, hex) => {
    const code = parseInt(hex, 16);
    const keep = code < 0x80 || (code >= 0xd800 && code <= 0xdfff) || code === 0x2028 ||
      code === 0x2029;
    return keep ? whole : `${slashes}${String.fromCharCode(code)}`;
  });
}

/** Comments and layout whitespace out; enough for our hand-written stylesheet. */
function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([{}:;,>])\s*/g, "$1")
    .replace(/;}/g, "}")
    .trim();
}

if (import.meta.main) {
  const started = performance.now();
  const manifest = await buildMiniApp();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  for (const [name, size] of Object.entries(manifest.sizes)) {
    console.log(`${name}: ${kb(size.raw)} minified, ${kb(size.gzip)} gzipped`);
  }
  console.log(
    `Mini App built in ${Math.round(performance.now() - started)} ms: shared/miniapp/dist/`,
  );
}
