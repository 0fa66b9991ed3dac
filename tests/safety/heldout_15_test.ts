import { blindCrisisTest } from "../support/heldout.ts";

/**
 * The fifteenth frozen held-out set (tests/safety/heldout/safety_heldout_15.json: 120 crisis
 * messages, 118 of them indirect, and 120 hard negatives, by twelve imagined writers — a
 * night-shift nurse, a farmer, a gamer teen, a migrant worker, a new father, a retired teacher, a
 * sailor, a student abroad, a widow, a pastor's son, a bankrupt shop owner, a trans teen), written
 * at the end of session 9 by a helper who read no file of the project, committed (f0fbf33) before
 * any measurement. Blind: this test prints figures and per-kind counts only, never the sentences.
 */

// First measurement (2026-12-07, end of session 9, the session's final detector): recall 0.875
// (SOS card 0.192), false alarms 0.100 — recall under the goal on writers never seen, false alarms
// at its edge. Missed: farewells 5 (plain, religious, a request, a video), giving away 3, a time
// set 2, affairs in order, an insurance, morphine, fertiliser, a short confirmation; false alarms:
// helping a friend, a past crisis or self-harm told calmly 2 each, five kinds 1 each.
blindCrisisTest(
  "fifteenth held-out crisis set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/safety_heldout_15.json",
  { recall: 0.865, falseAlarms: 0.11 },
);
