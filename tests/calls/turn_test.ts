import assert from "node:assert/strict";
import { turnCredentials, turnPassword } from "../../shared/calls/turn.ts";
import { candidateType, checkSignal, sdpRelayOnly } from "../../shared/calls/signals.ts";
import { ConfigError, parseConfig } from "../../shared/config.ts";
import { HOST_CANDIDATE, RELAY_CANDIDATE, SDP, SRFLX_CANDIDATE } from "./fixtures.ts";

Deno.test("turnPassword() is base64(HMAC-SHA1(secret, username)) as coturn computes it", async () => {
  // Computed independently (Python's hmac module).
  assert.equal(
    await turnPassword("north-wind-turn-secret", "1764979200:c0ffee"),
    "LhbT4c0K3146Hk3Kov07rcg/nvA=",
  );
});

Deno.test("turnCredentials() expire after the TTL and name nobody", async () => {
  const now = new Date("2026-12-06T00:00:00Z");
  const config = { urls: ["turn:turn.example.org:3478"], secret: "s".repeat(16), ttlSeconds: 300 };
  const a = await turnCredentials(config, now);
  const b = await turnCredentials(config, now);
  assert.equal(a.username.split(":")[0], String(now.getTime() / 1000 + 300));
  assert.equal(a.expires_at, "2026-12-06T00:05:00.000Z");
  assert.notEqual(a.username, b.username, "a fresh opaque id each time");
  assert.equal(a.credential, await turnPassword(config.secret, a.username));
  await assert.rejects(() => turnCredentials(config, now, "bad id:with colon"));
});

Deno.test("only relay candidates pass, in a candidate or inside an SDP", () => {
  assert.equal(candidateType(RELAY_CANDIDATE), "relay");
  assert.equal(candidateType(`a=${HOST_CANDIDATE}`), "host");
  assert.equal(candidateType(SRFLX_CANDIDATE), "srflx");
  assert.equal(candidateType("typ relay"), null);
  assert.equal(sdpRelayOnly(`${SDP}a=${RELAY_CANDIDATE}\r\n`), true);
  assert.equal(sdpRelayOnly(`${SDP}a=${RELAY_CANDIDATE}\r\na=${SRFLX_CANDIDATE}\r\n`), false);
  assert.deepEqual(checkSignal({ kind: "candidate", candidate: HOST_CANDIDATE }), {
    refused: "non_relay_candidate",
  });
  assert.deepEqual(checkSignal({ kind: "offer", sdp: "not an sdp at all" }), {
    refused: "invalid_signal",
  });
  const ok = checkSignal({ kind: "candidate", candidate: RELAY_CANDIDATE, sdpMid: "0" });
  assert.equal("kind" in ok && ok.kind, "candidate");
});

Deno.test("TURN_URLS and TURN_SECRET configure video together or not at all", () => {
  const config = parseConfig({
    TURN_URLS: "turn:turn.example.org:3478?transport=udp, turns:turn.example.org:5349",
    TURN_SECRET: "a-long-enough-turn-secret",
  });
  assert.deepEqual(config.turn, {
    urls: ["turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349"],
    secret: "a-long-enough-turn-secret",
    ttlSeconds: 600,
  });
  assert.equal(parseConfig({}).turn, undefined);
  assert.throws(() => parseConfig({ TURN_URLS: "turn:x.org" }), ConfigError);
  assert.throws(
    () => parseConfig({ TURN_URLS: "stun:x.org", TURN_SECRET: "a-long-enough-turn-secret" }),
    /TURN_URLS/,
  );
  assert.throws(
    () => parseConfig({ TURN_URLS: "turn:x.org", TURN_SECRET: "short" }),
    /TURN_SECRET/,
  );
});
