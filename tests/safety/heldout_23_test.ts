import { blindCrisisTest } from "../support/heldout.ts";

/**
 * The twenty-third frozen held-out set (tests/safety/heldout/safety_heldout_23.json: 120 crisis
 * messages and 120 hard negatives), written at the start of session 18 by a helper who read no
 * file of the project, committed (671b075) before any measurement. Blind: this test prints
 * figures and per-kind counts only, never the sentences.
 */

// First measurement (2026-12-07, the detector as session 17 left it, 9fdea33): recall 0.992
// (SOS card 0.908), false alarms 0.017 — both goals met. Missed: a misspelling; false alarms:
// dark humour 2. As a reply right after a crisis signal: recall 0.992, false alarms 0.108.
blindCrisisTest(
  "twenty-third held-out crisis set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/safety_heldout_23.json",
  { recall: 0.99, falseAlarms: 0.02 },
);
