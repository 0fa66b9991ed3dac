import { blindCrisisTest } from "../support/heldout.ts";

/**
 * The eleventh frozen held-out set (tests/safety/heldout/safety_heldout_11.json: 120 crisis
 * messages, 114 of them (95 %) indirect, by twelve imagined writers, and 120 hard negatives), written 2026-12-06 by a helper who
 * read no file of the project, committed (d87a2b1) before any measurement. Blind: this test
 * prints figures and per-kind counts only, never the sentences.
 */

// First measurement (2026-12-06), written and measured at the end of session 7 on its final
// detector: recall 0.850 (SOS card 0.233), false alarms 0.083 — recall under the goal on new
// writers. Missed: a time set 5, farewells 4, a dangerous place now, preparation, questions that
// reveal a plan 2 each, three kinds 1 each; false alarms: a past crisis told calmly 4, six kinds 1
// each. Second, with the crisis model's stronger shrinkage (l2 0.02, chosen leaving one corpus
// out): 0.858 / 0.075.
blindCrisisTest(
  "eleventh held-out crisis set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/safety_heldout_11.json",
  { recall: 0.84, falseAlarms: 0.09 },
);
