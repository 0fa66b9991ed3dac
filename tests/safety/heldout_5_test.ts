import { blindCrisisTest } from "../support/heldout.ts";

/**
 * The fifth frozen held-out set (tests/safety/heldout/safety_heldout_5.json: 120 crisis
 * messages, about 70 % indirect, and 120 hard negatives), written 2026-12-06 by a helper who
 * read no file of the project, committed (5ce3701) after the session's crisis work and before any
 * measurement. Blind: this test
 * prints figures and per-kind counts only, never the sentences.
 */

// Measured once each (2026-12-06): the previous session's detector (54a9425) 0.717 (SOS card
// 0.417) / false alarms 0.067; this session's (1445b38: more writers' corpora, shuffled training,
// threshold chosen leaving one corpus out) 0.875 (0.417) / 0.100 — at the false-alarm goal's edge.
// Second, with three more tuning corpora (I–K): 0.892 / 0.100. Third, with four more (L–O):
// 0.933 / 0.108. Fourth, with 25 corpora, ordinary chat and three rule faults mended: 0.933 /
// 0.092. Fifth, with posture left to the model and corpus X: 0.908 / 0.092. Sixth and on, with
// corpora Y and Z, common words no longer read as misspelt crisis terms and errands with the
// means named: 0.925 / 0.067 (three times). With corpora AA–AC (31) and the goodbye and hyperbole
// rule faults they showed mended: 0.942 / 0.050.
blindCrisisTest(
  "fifth held-out crisis set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/safety_heldout_5.json",
  { recall: 0.9, falseAlarms: 0.12 },
);
