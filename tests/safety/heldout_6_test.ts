import { blindCrisisTest } from "../support/heldout.ts";

/**
 * The sixth frozen held-out set (tests/safety/heldout/safety_heldout_6.json: 150 crisis
 * messages, 113 of them indirect, and 150 hard negatives), written 2026-12-06 by a helper who
 * read no file of the project, committed (0f06a26) before any measurement. Blind: this test
 * prints figures and per-kind counts only, never the sentences.
 */

// First measurement (2026-12-06), of the detector as it stood (88da53d: rules + the model on
// twelve writers' corpora): recall 0.927 (SOS card 0.507), false alarms 0.080 — both goals met
// on a writer never seen. Second, with four more tuning corpora (L–O, 17 corpora): 0.940 / 0.087.
// Third, with 25 corpora, ordinary chat and three rule faults mended: 0.947 / 0.073; fourth, with
// posture left to the model and corpus X: 0.947 / 0.073 (SOS card 0.507 -> 0.467). With corpora Y
// and Z, common words no longer read as misspelt crisis terms and errands with the means named:
// 0.960 / 0.067; with a move lowering a goodbye (reverted) 0.953 / 0.067; then 0.960 / 0.060; with
// corpora AA–AC (31) and the goodbye and hyperbole rule faults they showed mended: 0.960 / 0.060.
blindCrisisTest(
  "sixth held-out crisis set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/safety_heldout_6.json",
  { recall: 0.9, falseAlarms: 0.1 },
);
