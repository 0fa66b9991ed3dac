import { z } from "zod";
import { constantTimeEqual } from "../platform/constant_time.ts";

/** The Telegram user a Mini App request comes from, after its initData was checked. */
export interface MiniAppUser {
  id: number;
  authDate: Date;
}

export const INIT_DATA_MAX_AGE_SECONDS = 24 * 60 * 60;

const userSchema = z.object({ id: z.number().int().positive() });

const encoder = new TextEncoder();

async function hmac(key: Uint8Array<ArrayBuffer>, data: string): Promise<Uint8Array<ArrayBuffer>> {
  const cryptoKey = await crypto.subtle.importKey(
    "raw",
    key,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, encoder.encode(data)));
}

/**
 * Checks Telegram Mini App `initData` (https://core.telegram.org/bots/webapps): the hash is
 * HMAC-SHA256 of the sorted `key=value` lines (all fields but `hash`) under the key
 * HMAC-SHA256("WebAppData", bot token); compared in constant time; `auth_date` at most
 * `maxAgeSeconds` old. Returns null for anything that does not check out.
 */
export async function validateInitData(
  initData: string,
  botToken: string,
  now: Date,
  maxAgeSeconds = INIT_DATA_MAX_AGE_SECONDS,
): Promise<MiniAppUser | null> {
  if (initData.length === 0 || initData.length > 4096) return null;
  const params = new URLSearchParams(initData);
  const hash = params.get("hash");
  if (!hash || !/^[0-9a-f]{64}$/.test(hash)) return null;
  const lines: string[] = [];
  for (const [key, value] of params) {
    if (key !== "hash") lines.push(`${key}=${value}`);
  }
  lines.sort();
  const secret = await hmac(encoder.encode("WebAppData"), botToken);
  const expected = await hmac(secret, lines.join("\n"));
  if (!constantTimeEqual(fromHex(hash), expected)) return null;

  const authDate = Number(params.get("auth_date"));
  if (!Number.isInteger(authDate) || authDate <= 0) return null;
  const ageSeconds = now.getTime() / 1000 - authDate;
  // A little clock skew into the future is tolerated; a day-old login is not.
  if (ageSeconds > maxAgeSeconds || ageSeconds < -300) return null;

  let user: unknown;
  try {
    user = JSON.parse(params.get("user") ?? "null");
  } catch {
    return null;
  }
  const parsed = userSchema.safeParse(user);
  if (!parsed.success) return null;
  return { id: parsed.data.id, authDate: new Date(authDate * 1000) };
}

/** Builds signed initData the way Telegram does; for tests and local tools. */
export async function signInitData(
  fields: Record<string, string>,
  botToken: string,
): Promise<string> {
  const lines = Object.entries(fields).map(([k, v]) => `${k}=${v}`).sort();
  const secret = await hmac(encoder.encode("WebAppData"), botToken);
  const hash = toHex(await hmac(secret, lines.join("\n")));
  return new URLSearchParams({ ...fields, hash }).toString();
}

function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
