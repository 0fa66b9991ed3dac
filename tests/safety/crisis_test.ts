import assert from "node:assert/strict";
import { detectCrisis } from "../../shared/safety/crisis.ts";
import { CRISIS, HARMLESS } from "./crisis_corpus.ts";

Deno.test("the crisis corpus: recall ≥ 0.95 on crisis phrases, ≤ 5 % false alarms", () => {
  const missed = CRISIS.filter(([text, label]) => detectCrisis(text)?.label !== label);
  const falseAlarms = HARMLESS.filter((text) => detectCrisis(text) !== null);
  const recall = 1 - missed.length / CRISIS.length;
  const falseRate = falseAlarms.length / HARMLESS.length;
  const truePositives = CRISIS.length - missed.length;
  const precision = truePositives / (truePositives + falseAlarms.length);
  console.log(
    `crisis corpus: ${CRISIS.length} crisis, ${HARMLESS.length} harmless; recall ${
      recall.toFixed(3)
    }, precision ${precision.toFixed(3)}, false alarms ${(falseRate * 100).toFixed(1)} %`,
  );
  assert.ok(CRISIS.length + HARMLESS.length >= 150);
  assert.ok(recall >= 0.95, `missed: ${missed.map(([t]) => t).join(" | ")}`);
  assert.ok(falseRate <= 0.05, `false alarms: ${falseAlarms.join(" | ")}`);
});

Deno.test("detectCrisis() names the kind and how serious it is", () => {
  assert.deepEqual(detectCrisis("хочу покончить с собой"), { label: "suicide", severity: "high" });
  assert.deepEqual(detectCrisis("мой брат совершил суицид"), {
    label: "suicide",
    severity: "medium",
  });
  assert.deepEqual(detectCrisis("режу себя"), { label: "self_harm", severity: "high" });
  assert.deepEqual(detectCrisis("отчим бьёт меня"), { label: "abuse", severity: "high" });
  assert.equal(detectCrisis(""), null);
  assert.equal(detectCrisis("\u0000\u200b"), null);
});
