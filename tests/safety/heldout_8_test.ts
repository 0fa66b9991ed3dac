import { blindCrisisTest } from "../support/heldout.ts";

/**
 * The eighth frozen held-out set (tests/safety/heldout/safety_heldout_8.json: 150 crisis
 * messages, about 79 % indirect, and 150 hard negatives), written 2026-12-06 by a helper who read
 * no file of the project, committed (bdada6f) before any measurement. Blind: this test prints
 * figures and per-kind counts only, never the sentences.
 */

// First measurement (2026-12-06), of the detector as it stood (5eb64d4: rules + the model on 31
// corpora): recall 0.927 (SOS card 0.347), false alarms 0.073 — both goals met on a writer never
// seen. Missed: mid-conversation short 2, a plan with water or cold 2, seven kinds 1 each; false
// alarms: medication in normal use, a past crisis told calmly, tired venting, worry about a
// friend 2 each, three kinds 1 each.
blindCrisisTest(
  "eighth held-out crisis set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/safety_heldout_8.json",
  { recall: 0.92, falseAlarms: 0.08 },
);
