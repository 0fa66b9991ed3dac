import assert from "node:assert/strict";
import { inZone } from "../../shared/miniapp/web/src/zone.ts";

// An event announced in the Mini App starts at the typed time in the person's own zone, as the
// bot's /newevent reads it, whatever zone the phone is set to.
Deno.test("inZone() reads a typed time at the profile's UTC offset", () => {
  assert.equal(inZone("2026-12-24T19:00", 180), "2026-12-24T16:00:00.000Z");
  assert.equal(inZone("2026-12-24T19:00", 345), "2026-12-24T13:15:00.000Z");
  assert.equal(inZone("2026-12-24T01:30", -210), "2026-12-24T05:00:00.000Z");
  assert.equal(inZone("2026-12-24T19:00", 0), "2026-12-24T19:00:00.000Z");
});
