/**
 * Structured logs that never carry personal data: no Telegram ids, names or message texts.
 * Where a log line must tell users apart, it carries `hashId(id)`.
 */
export type LogFields = Record<string, string | number | boolean | undefined | null>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export function createJsonLogger(
  write: (line: string) => void = (line) => console.error(line),
): Logger {
  const log = (level: string) => (event: string, fields: LogFields = {}) =>
    write(JSON.stringify({ at: new Date().toISOString(), level, event, ...fields }));
  return { info: log("info"), warn: log("warn"), error: log("error") };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** A short, salted, one-way tag for an id, so logs can correlate without identifying. */
export async function hashId(id: number | string | bigint, salt: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${salt}:${id}`);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest.slice(0, 6), (b) => b.toString(16).padStart(2, "0")).join("");
}
