import { blindCrisisTest } from "../support/heldout.ts";

/**
 * The twenty-first frozen held-out set (tests/safety/heldout/safety_heldout_21.json: 120 crisis
 * messages and 120 hard negatives by twelve imagined writers), written at the start of session
 * 14 by a helper who read no file of the project, committed (35b0ed7) before any measurement.
 * Blind: this test prints figures and per-kind counts only, never the sentences.
 */

// First measurement (2026-12-07, the detector as session 13 left it, b3363bc): recall 0.983
// (SOS card 0.917), false alarms 0.058 — both goals met. Missed: a burden, a thing given away;
// false alarms: ordinary decisions 2, past crises told as over 2, helping a friend, an ordinary
// farewell, ordinary method words (1 each).
blindCrisisTest(
  "twenty-first held-out crisis set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/safety_heldout_21.json",
  { recall: 0.975, falseAlarms: 0.06 },
);
