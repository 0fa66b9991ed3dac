import assert from "node:assert/strict";

const WEB = new URL("../../shared/miniapp/web/src/", import.meta.url);
const LOCALES = new URL("../../shared/bot/locales/ru/", import.meta.url);

async function sources(dir: URL): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isDirectory) out.push(...await sources(new URL(`${entry.name}/`, dir)));
    else if (/\.tsx?$/.test(entry.name)) {
      out.push(await Deno.readTextFile(new URL(entry.name, dir)));
    }
  }
  return out;
}

async function messageIds(): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const entry of Deno.readDir(LOCALES)) {
    if (!entry.name.endsWith(".ftl")) continue;
    const text = await Deno.readTextFile(new URL(entry.name, LOCALES));
    for (const m of text.matchAll(/^([a-z][a-z0-9_-]*) =/gm)) ids.add(m[1]!);
  }
  return ids;
}

/** Keys the screens build from data: every value they can take must have a text. */
const FAMILIES: Record<string, string[]> = {
  "app-menu-": ["profile", "diary", "people", "call", "events", "tips", "help"],
  "app-diary-period-": ["day", "week", "month"],
  "app-diary-summary-": ["day", "week", "month"],
  "diary-pick-": ["scale_1", "scale_2", "scale_3", "scale_4", "scale_5"],
  "app-events-status-": ["registered", "waiting", "confirmed"],
  "event-status-": ["registered", "waiting", "confirmed", "released", "cancelled"],
  "event-reason-": ["topic", "people", "new"],
  "app-events-moderation-": ["pending", "approved", "rejected"],
  "app-tip-result-": ["paid", "cancelled", "pending", "failed"],
  "app-people-closeness-": ["very_close", "close", "similar"],
  "profile-purpose-": ["support", "advice", "friendship"],
  "profile-window-": ["night", "morning", "day", "evening"],
  "app-error-": ["generic", "network", "server", "rate-limited", "unauthorized", "not-registered"],
};

Deno.test("every text key the Mini App uses exists in the .ftl files", async () => {
  const ids = await messageIds();
  const code = (await sources(WEB)).join("\n");
  const literal = [...code.matchAll(/\bt\(\s*"([a-z][a-z0-9_-]*)"/g)].map((m) => m[1]!);
  assert.ok(literal.length > 100, "the screens' texts were found");
  const missing = literal.filter((key) => !ids.has(key));
  for (const [prefix, values] of Object.entries(FAMILIES)) {
    for (const value of values) if (!ids.has(prefix + value)) missing.push(prefix + value);
  }
  assert.deepEqual([...new Set(missing)], []);
});
