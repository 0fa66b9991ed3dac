import assert from "node:assert/strict";
import {
  heldBackAsAbuse,
  type HeldoutItem,
  measureAbuse,
  readHeldout,
} from "../support/heldout.ts";

/**
 * The fourth frozen held-out abuse set (tests/safety/heldout/abuse_heldout_4.json: 120 messages
 * aimed at the partner, 120 harmless ones with rude-looking words), written 2026-12-06 by a
 * helper who read no file of the project, committed (35ecc9f) before any measurement. Blind: this
 * test prints figures and per-kind counts only, never the sentences.
 */
const set = await readHeldout<Record<"abuse" | "abuse_negatives", HeldoutItem[]>>(
  import.meta.url,
  "./heldout/abuse_heldout_4.json",
);

// First measurement (2026-12-06) of the filter as it stood (88da53d: rules + the abuse model):
// recall 0.875, false positives 0.042 — the goal (0.85 / 0.10) met on a writer never seen.
const FLOORS = { recall: 0.85, falsePositives: 0.07 };

Deno.test("fourth held-out abuse set (blind): no worse than its first measurement", () => {
  const figures = measureAbuse("abuse held-out 4", set, heldBackAsAbuse);
  console.log(figures.summary);
  assert.ok(figures.recall >= FLOORS.recall, `recall ${figures.recall}`);
  assert.ok(figures.falsePositives <= FLOORS.falsePositives, `false ${figures.falsePositives}`);
});
