/**
 * Short-lived TURN credentials by the TURN REST scheme (coturn's `use-auth-secret`):
 * username `<expiry unix seconds>:<opaque id>`, password `base64(HMAC-SHA1(secret, username))`.
 * The TURN server checks the HMAC with the shared secret and refuses an expired username, so a
 * credential handed to one participant of one call stops working after `ttlSeconds`.
 */
export interface TurnConfig {
  /** `turn:` / `turns:` URLs of the operator's TURN server(s). */
  urls: string[];
  secret: string;
  /** How long a credential is valid (seconds). */
  ttlSeconds: number;
}

/** What the client passes to `RTCPeerConnection` as its only ICE server. */
export interface TurnCredentials {
  urls: string[];
  username: string;
  credential: string;
  /** When the credential stops working (ISO time). */
  expires_at: string;
  ttl_seconds: number;
}

/**
 * Credentials for one participant of one call. The opaque part names neither the person nor
 * the call (a fresh random id): the TURN server's logs cannot link a relay to anybody.
 */
export async function turnCredentials(
  config: TurnConfig,
  now: Date,
  opaqueId: string = randomId(),
): Promise<TurnCredentials> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(opaqueId)) throw new TypeError("opaque id looks wrong");
  const expiry = Math.floor(now.getTime() / 1000) + config.ttlSeconds;
  const username = `${expiry}:${opaqueId}`;
  return {
    urls: config.urls,
    username,
    credential: await turnPassword(config.secret, username),
    expires_at: new Date(expiry * 1000).toISOString(),
    ttl_seconds: config.ttlSeconds,
  };
}

/** base64(HMAC-SHA1(secret, username)): what coturn computes with `static-auth-secret`. */
export async function turnPassword(secret: string, username: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(username));
  let binary = "";
  for (const byte of new Uint8Array(mac)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}
