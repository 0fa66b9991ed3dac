import { blindCrisisTest } from "../support/heldout.ts";

/**
 * The tenth frozen held-out set (tests/safety/heldout/safety_heldout_10.json: 120 crisis
 * messages, 113 of them (94 %) indirect, and 120 hard negatives), written 2026-12-06 by a helper who
 * read no file of the project, committed (e893045) before any measurement. Blind: this test
 * prints figures and per-kind counts only, never the sentences.
 */

// First measurement (2026-12-06), of the detector as it stood at the start of session 7 (dfbff2f):
// recall 0.933 (SOS card 0.250), false alarms 0.058 — both goals met. Missed: veiled farewells 2,
// six kinds 1 each (a dangerous place now, pills, a pet handed over, relapse, a short reply, a
// time set); false alarms: a past crisis told calmly 3, a friends' joke, hyperbole, pharmacy talk,
// roof photos 1 each. Second, with tuning corpus AE (short replies mid-chat; the model on 33
// corpora, its threshold now also capped by everyday text) and slang for hanging and opened veins:
// 0.942 / 0.058.
blindCrisisTest(
  "tenth held-out crisis set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/safety_heldout_10.json",
  { recall: 0.92, falseAlarms: 0.07 },
);
