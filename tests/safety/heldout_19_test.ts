import { blindCrisisTest } from "../support/heldout.ts";

/**
 * The nineteenth frozen held-out set (tests/safety/heldout/safety_heldout_19.json: 120 crisis
 * messages and 120 hard negatives by twelve imagined writers — a night-shift nurse, a first-year
 * student far from home, a widower of 71 in a village, a young mother four months after birth, a
 * man of 45 laid off with debts, a 15-year-old gamer, a sarcastic programmer after a layoff, a
 * girl of 16 in a blended family, a farmer in debt in Kazakhstan, a woman after a miscarriage, a
 * man with a gambling problem, a woman of 60 with chronic pain), written at the start of session
 * 12 by helpers who read no file of the project, committed (f25b5ee) before any measurement.
 * Blind: this test prints figures and per-kind counts only, never the sentences.
 */

// First measurement (2026-12-07, the detector as session 11 left it, 865b09e): recall 0.917 (SOS
// card 0.450), false alarms 0.067 — both goals met. Missed: short confirmations 5 (of 10), a time
// chosen 3, a burden 1, a farewell 1; false alarms: a past crisis told as over 3, ordinary
// decisions 2, three kinds 1. As replies right after a crisis signal: 0.950.
blindCrisisTest(
  "nineteenth held-out crisis set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/safety_heldout_19.json",
  { recall: 0.91, falseAlarms: 0.075 },
);
