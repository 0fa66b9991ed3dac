import { blindCrisisTest } from "../support/heldout.ts";

/**
 * The ninth frozen held-out set (tests/safety/heldout/safety_heldout_9.json: 120 crisis
 * messages, at least 75 % indirect, and 120 hard negatives), written 2026-12-06 by a helper who
 * read no file of the project, committed (18f549f) before any measurement. Blind: this test
 * prints figures and per-kind counts only, never the sentences.
 */

// First measurement (2026-12-06), of the detector as it stood at the end of session 6 (20d5f96):
// recall 0.842 (SOS card 0.200), false alarms 0.100 — recall under the goal on a writer never
// seen. Missed: short replies mid-chat 5, a dangerous place now, dark humour, other means,
// preparation 2 each, six kinds 1 each; false alarms: hyperbole, lyrics, tired venting 2 each, six
// kinds 1 each.
// Session 8, with tuning corpora AI–AN (new writers, a time set, farewells, actions, replies,
// messy typing), ordinary chat 9 and stems one word apart in the model: 0.908 / 0.117 — two more
// false alarms than at first (lyrics, medicines taken as prescribed); over sets 2–12 together 43
// more crises found and 5 more false alarms (0.915 / 0.070 → 0.948 / 0.074 of 1,310 + 1,310).
blindCrisisTest(
  "ninth held-out crisis set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/safety_heldout_9.json",
  { recall: 0.83, falseAlarms: 0.12 },
);
