import assert from "node:assert/strict";
import { detectToxicity } from "../../shared/safety/toxicity.ts";
import { NOT_TOXIC, TOXIC } from "./toxicity_corpus.ts";

Deno.test("the toxicity corpus: every abuse caught by kind, ≤ 5 % false alarms", () => {
  const missed = TOXIC.filter(([text, kind]) => detectToxicity(text) !== kind);
  const falseAlarms = NOT_TOXIC.filter((text) => detectToxicity(text) !== null);
  const recall = 1 - missed.length / TOXIC.length;
  const falseRate = falseAlarms.length / NOT_TOXIC.length;
  console.log(
    `toxicity corpus: ${TOXIC.length} abusive, ${NOT_TOXIC.length} not; recall ${
      recall.toFixed(3)
    }, false alarms ${(falseRate * 100).toFixed(1)} %`,
  );
  assert.ok(recall >= 0.95, `missed: ${missed.map(([t]) => t).join(" | ")}`);
  assert.ok(falseRate <= 0.05, `false alarms: ${falseAlarms.join(" | ")}`);
});
