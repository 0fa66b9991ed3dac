import assert from "node:assert/strict";
import { detectCrisis } from "../../shared/safety/crisis.ts";

/**
 * The frozen held-out set (tests/safety/heldout/safety_heldout.json): written before the
 * detector was rebuilt, by a helper who had not seen the rules or the tuning corpus. Never
 * edited, never copied into rules. A hit is any answer that offers help: `high` (the SOS card)
 * or `medium` (the private check-in).
 */
interface Item {
  text: string;
  kind: string;
}
const heldout = JSON.parse(
  await Deno.readTextFile(new URL("./heldout/safety_heldout.json", import.meta.url)),
) as { crisis: Item[]; crisis_negatives: Item[] };

export const CRISIS_GOALS = { recall: 0.9, falseAlarms: 0.1 };

Deno.test("held-out crisis set: recall ≥ 0.90 with false alarms ≤ 0.10", () => {
  const missed = heldout.crisis.filter((item) => detectCrisis(item.text) === null);
  const high = heldout.crisis.filter((item) => detectCrisis(item.text)?.severity === "high");
  const alarms = heldout.crisis_negatives.filter((item) => detectCrisis(item.text) !== null);
  const recall = 1 - missed.length / heldout.crisis.length;
  const falseRate = alarms.length / heldout.crisis_negatives.length;
  console.log(
    `held-out crisis: ${heldout.crisis.length} crisis, ${heldout.crisis_negatives.length} hard ` +
      `negatives; recall ${recall.toFixed(3)} (SOS card ${
        (high.length / heldout.crisis.length).toFixed(3)
      }), false alarms ${falseRate.toFixed(3)}`,
  );
  for (const item of missed) console.log(`  missed [${item.kind}] ${item.text}`);
  for (const item of alarms) console.log(`  false alarm [${item.kind}] ${item.text}`);
  assert.ok(recall >= CRISIS_GOALS.recall, `recall ${recall.toFixed(3)}`);
  assert.ok(falseRate <= CRISIS_GOALS.falseAlarms, `false alarms ${falseRate.toFixed(3)}`);
});
