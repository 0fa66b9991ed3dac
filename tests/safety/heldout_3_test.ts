import assert from "node:assert/strict";
import { detectCrisis } from "../../shared/safety/crisis.ts";
import { countByKind, type HeldoutItem, readHeldout } from "../support/heldout.ts";

/**
 * The third frozen held-out set (tests/safety/heldout/safety_heldout_3.json: 100 crisis messages,
 * about half indirect, and 100 hard negatives), written 2026-12-06 by a helper who had seen
 * neither the code, the corpora nor the other sets, committed before any measurement. It stays
 * blind: this test prints the figures and per-kind miss counts only, never the sentences.
 */
const set = await readHeldout<Record<"crisis" | "crisis_negatives", HeldoutItem[]>>(
  import.meta.url,
  "./heldout/safety_heldout_3.json",
);

const GOALS = { recall: 0.9, falseAlarms: 0.1 };
// The first (blind) measurement, 2026-12-06 (1fb42e4), rules + model: recall 0.660 (SOS card
// 0.420), false alarms 0.030 (the rules alone: 0.450 / 0.010). The second, after more rules and a
// retrained model tuned on our own corpora only (8c58293): 0.640 / 0.030 — two farewells fewer,
// so those later changes did not generalise here.
const FLOORS = { recall: 0.63, falseAlarms: 0.05 };

Deno.test("third held-out crisis set (blind): no worse than its first measurement", () => {
  const missed = set.crisis.filter((item) => detectCrisis(item.text) === null);
  const high = set.crisis.filter((item) => detectCrisis(item.text)?.severity === "high");
  const alarms = set.crisis_negatives.filter((item) => detectCrisis(item.text) !== null);
  const recall = 1 - missed.length / set.crisis.length;
  const falseAlarms = alarms.length / set.crisis_negatives.length;
  const met = recall >= GOALS.recall && falseAlarms <= GOALS.falseAlarms;
  console.log(
    `held-out 3 (${set.crisis.length} + ${set.crisis_negatives.length}): crisis recall ${
      recall.toFixed(3)
    } (SOS card ${(high.length / set.crisis.length).toFixed(3)}), false alarms ${
      falseAlarms.toFixed(3)
    }; goals ${met ? "met" : "NOT met yet"}\n  missed by kind: ${
      countByKind(missed)
    }\n  false alarms by kind: ${countByKind(alarms)}`,
  );
  assert.ok(recall >= FLOORS.recall, `recall ${recall}`);
  assert.ok(falseAlarms <= FLOORS.falseAlarms, `false alarms ${falseAlarms}`);
});
