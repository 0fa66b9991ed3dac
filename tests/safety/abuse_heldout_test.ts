/**
 * The abuse detector on the frozen held-out set (tests/safety/heldout/safety_heldout.json,
 * sections "abuse" and "abuse_negatives"), written by a helper who never saw the rules or the
 * tuning corpus. Prints recall, the false-positive rate and every miss and false alarm (by the
 * set's own kinds, so a failing category shows); fails below the goal.
 */
import assert from "node:assert/strict";
import { detectToxicity } from "../../shared/safety/toxicity.ts";
import { heldBackAsAbuse } from "../support/heldout.ts";

interface Item {
  text: string;
  kind: string;
}

const RECALL_MIN = 0.85;
const FALSE_POSITIVES_MAX = 0.10;

Deno.test("abuse on the held-out set: recall ≥ 0.85, false positives ≤ 0.10", async () => {
  const set = JSON.parse(
    await Deno.readTextFile(new URL("./heldout/safety_heldout.json", import.meta.url)),
  ) as { abuse: Item[]; abuse_negatives: Item[] };
  const misses = set.abuse.filter((item) => !heldBackAsAbuse(item.text));
  const alarms = set.abuse_negatives.filter((item) => heldBackAsAbuse(item.text));
  const recall = 1 - misses.length / set.abuse.length;
  const falseRate = alarms.length / set.abuse_negatives.length;
  console.log(
    `abuse held-out: recall ${recall.toFixed(3)} (${
      set.abuse.length - misses.length
    }/${set.abuse.length}), false positives ${
      falseRate.toFixed(3)
    } (${alarms.length}/${set.abuse_negatives.length})`,
  );
  for (const item of misses) console.log(`  missed [${item.kind}] ${item.text}`);
  for (const item of alarms) {
    console.log(`  false alarm [${item.kind}] ${item.text} -> ${detectToxicity(item.text)}`);
  }
  assert.ok(recall >= RECALL_MIN, `recall ${recall.toFixed(3)} < ${RECALL_MIN}`);
  assert.ok(falseRate <= FALSE_POSITIVES_MAX, `false positives ${falseRate.toFixed(3)}`);
});
