import assert from "node:assert/strict";
import { detectCrisis } from "../../shared/safety/crisis.ts";
import { heldBackAsAbuse } from "../support/heldout.ts";

/**
 * The second frozen held-out set (tests/safety/heldout/safety_heldout_2.json), written at the
 * end of the session that rebuilt the detectors, by a helper who had seen neither the code, the
 * corpora nor the first set. Measured blind once (2026-12-06): crisis recall 0.650 (SOS card
 * 0.633), false alarms 0.083; abuse recall 0.850, false positives 0.017. It stays blind: this
 * test prints the figures only, never the sentences or the misses, so improvements are tuned on
 * our own corpora and measured here. With the crisis model (shared/safety/crisis_model.ts) and
 * rules tuned on the helpers' tuning corpora: crisis recall 0.783, false alarms 0.083 (measured
 * four times while the model grew, figures only); abuse 0.867 / 0.017 after «нытик» & co. With
 * the model trained on four more helpers' corpora and its threshold chosen leaving one corpus out
 * (2026-12-06, 2nd session): crisis **0.900 / 0.083**; with three more corpora (I–K: means in
 * passing, replies mid-chat, danger at home and slang): 0.867 / 0.100 (sets 3–5 rose; pooled 2–5
 * 0.868 / 0.082 -> 0.884 / 0.076); with four more (L–O, 17 corpora): 0.900 / 0.117 (one false
 * alarm more of 60; pooled 2–6 0.896 / 0.077 -> 0.913 / 0.085); with 25 writers' corpora,
 * ordinary chat and three rule faults mended: 0.983 / 0.100 (pooled 2–6 0.938 / 0.074); with
 * sitting or standing somewhere high left to the model and corpus X: 0.967 / 0.083 (pooled 2–6
 * 0.925 / 0.072; ordinary chat's false SOS cards 7 -> 1 in 1,000); abuse with the learned abuse model (the
 * relay's answer: a rule or the model holds the message back) 0.933 / 0.033. The floors guard against regressions; the
 * goals (0.90 / 0.10 crisis, 0.85 / 0.10 abuse) are printed.
 */
interface Item {
  text: string;
  kind: string;
}
const set = JSON.parse(
  await Deno.readTextFile(new URL("./heldout/safety_heldout_2.json", import.meta.url)),
) as Record<"crisis" | "crisis_negatives" | "abuse" | "abuse_negatives", Item[]>;

const share = (items: Item[], hit: (text: string) => boolean) =>
  items.filter((item) => hit(item.text)).length / items.length;

Deno.test("second held-out set (blind): no worse than its first measurement", () => {
  const crisisRecall = share(set.crisis, (t) => detectCrisis(t) !== null);
  const crisisFalse = share(set.crisis_negatives, (t) => detectCrisis(t) !== null);
  const abuseRecall = share(set.abuse, heldBackAsAbuse);
  const abuseFalse = share(set.abuse_negatives, heldBackAsAbuse);
  const met = crisisRecall >= 0.9 && crisisFalse <= 0.1 && abuseRecall >= 0.85 && abuseFalse <= 0.1;
  console.log(
    `held-out 2 (${set.crisis.length}+${set.crisis_negatives.length} crisis, ` +
      `${set.abuse.length}+${set.abuse_negatives.length} abuse): crisis recall ${
        crisisRecall.toFixed(3)
      }, false alarms ${crisisFalse.toFixed(3)}; abuse recall ${
        abuseRecall.toFixed(3)
      }, false positives ${abuseFalse.toFixed(3)}; goals ${met ? "met" : "NOT met yet"}`,
  );
  assert.ok(crisisRecall >= 0.85, `crisis recall ${crisisRecall}`);
  assert.ok(crisisFalse <= 0.12, `crisis false alarms ${crisisFalse}`);
  assert.ok(abuseRecall >= 0.9, `abuse recall ${abuseRecall}`);
  assert.ok(abuseFalse <= 0.05, `abuse false positives ${abuseFalse}`);
});
