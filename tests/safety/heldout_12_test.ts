import { blindCrisisTest } from "../support/heldout.ts";

/**
 * The twelfth frozen held-out set (tests/safety/heldout/safety_heldout_12.json: 120 crisis
 * messages, 117 of them (97.5 %) indirect, by twelve imagined writers — a drinking man from a
 * small town, a widowed pensioner, a young mother, a soldier back home, Russian as a second
 * language, a young gamer, a nurse, chronic pain, a village teen, a migrant worker, debts, exams —
 * and 120 hard negatives), written 2026-12-06 by a helper who read no file of the project,
 * committed (2d53e9d) before any measurement. Blind: this test prints figures and per-kind counts
 * only, never the sentences.
 */

// First measurement (2026-12-06, start of session 8, the detector as it stood): recall 0.883 (SOS
// card 0.167), false alarms 0.058 — recall under the goal. Missed: short confirmations 5 (read as
// replies right after a crisis signal: 0.933), farewells 3, a time set 2, four kinds 1 each.
blindCrisisTest(
  "twelfth held-out crisis set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/safety_heldout_12.json",
  { recall: 0.87, falseAlarms: 0.07 },
);
