import { blindCrisisTest } from "../support/heldout.ts";

/**
 * The fourteenth frozen held-out set (tests/safety/heldout/safety_heldout_14.json: 120 crisis
 * messages, at least four in five indirect, and 120 hard negatives, by twelve imagined writers),
 * written 2026-12-06 by a helper who read no file of the project, committed (f2058de) before any
 * measurement. Blind: this test prints figures and per-kind counts only, never the sentences.
 */

// First measurement (2026-12-06, start of session 9, the detector as it stood, c1737af): recall
// 0.950 (SOS card 0.283), false alarms 0.067 — both goals met. Missed: six kinds 1 each (a time
// chosen, a farewell note, a reply confirming); false alarms: eight kinds 1 each (helping a
// friend 2, a past crisis told calmly 2, an estate plan, a medical worry).
blindCrisisTest(
  "fourteenth held-out crisis set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/safety_heldout_14.json",
  { recall: 0.94, falseAlarms: 0.075 },
);
