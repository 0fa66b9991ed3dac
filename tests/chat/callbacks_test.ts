import assert from "node:assert/strict";
import { chatCallbackData, parseChatCallback } from "../../shared/chat/callbacks.ts";
import { matchingCallbackData, parseMatchingCallback } from "../../shared/matching/callbacks.ts";

const id = "5b0a3f4e-7d2c-4b1a-9e8f-0123456789ab";

Deno.test("matching callback data round-trips and rejects anything else", () => {
  assert.deepEqual(parseMatchingCallback(matchingCallbackData.find()), { action: "find" });
  assert.deepEqual(parseMatchingCallback(matchingCallbackData.cancel()), { action: "cancel" });
  assert.deepEqual(parseMatchingCallback(matchingCallbackData.accept(id)), {
    action: "respond",
    accept: true,
    matchId: id,
  });
  assert.deepEqual(parseMatchingCallback(matchingCallbackData.skip(id)), {
    action: "respond",
    accept: false,
    matchId: id,
  });
  for (const forged of [undefined, "", "m", "m:y", "m:y:123", `m:x:${id}`, `m:y:${id}:1`]) {
    assert.equal(parseMatchingCallback(forged), null, String(forged));
  }
});

Deno.test("chat callback data round-trips, fits 64 bytes and rejects anything else", () => {
  const all = [
    chatCallbackData.endAsk(),
    chatCallbackData.end(true),
    chatCallbackData.end(false),
    chatCallbackData.rate(id, 4),
    chatCallbackData.reportAsk(id),
    chatCallbackData.report(id, "inappropriate"),
    chatCallbackData.blockAsk(id),
    chatCallbackData.block(id),
    chatCallbackData.dismiss(),
  ];
  for (const data of all) {
    assert.ok(new TextEncoder().encode(data).length <= 64, data);
    assert.notEqual(parseChatCallback(data), null, data);
  }
  assert.deepEqual(parseChatCallback(chatCallbackData.rate(id, 4)), {
    action: "rate",
    matchId: id,
    score: 4,
  });
  assert.deepEqual(parseChatCallback(chatCallbackData.report(id, "minor")), {
    action: "report",
    matchId: id,
    reason: "minor",
  });
  for (
    const forged of [
      `c:rate:${id}:6`,
      `c:rate:${id}:0`,
      `c:rep:${id}:rude`,
      `c:blk:${id}:n`,
      "c:end:maybe",
      "c:rate:x:1",
      "c",
    ]
  ) {
    assert.equal(parseChatCallback(forged), null, forged);
  }
});
