import { blindCrisisTest } from "../support/heldout.ts";

/**
 * The twenty-second frozen held-out set (tests/safety/heldout/safety_heldout_22.json: 120 crisis
 * messages and 120 hard negatives by twelve imagined writers), written at the start of session
 * 15 by a helper who read no file of the project, committed (069f994) before any measurement.
 * Blind: this test prints figures and per-kind counts only, never the sentences.
 */

// First measurement (2026-12-07, the detector as session 14 left it, 77ac2b2): recall 0.958
// (SOS card 0.925), false alarms 0.050 — both goals met. Missed: short confirmations 3,
// misspellings 2; false alarms: helping a friend 3, ordinary method words 2, dark humour 1.
blindCrisisTest(
  "twenty-second held-out crisis set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/safety_heldout_22.json",
  { recall: 0.95, falseAlarms: 0.05 },
);
