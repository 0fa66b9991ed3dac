import { blindCrisisTest } from "../support/heldout.ts";

/**
 * The seventh frozen held-out set (tests/safety/heldout/safety_heldout_7.json: 150 crisis
 * messages, 113 of them indirect, and 150 hard negatives), written 2026-12-06 by a helper who
 * read no file of the project, committed (802dac1) before any measurement. Blind: this test
 * prints figures and per-kind counts only, never the sentences.
 */

// First measurement (2026-12-06), of the detector as it stood (f541006: rules + the model on 26
// corpora): recall 0.887 (SOS card 0.353), false alarms 0.140 — neither goal met. Missed: mid-
// conversation short 5, dangerous place now 3, dark humour 2, relapse 2, substances 2, a plan
// (gas, pills, rope) 3; false alarms mostly leaving a chat, a city or a person (7), hyperbole 3.
// Second, with corpora Y and Z (28 corpora), common words no longer read as misspelt crisis terms
// and errands with the means named: 0.893 / 0.127; third, with a move or the army lowering a
// goodbye: 0.893 / 0.120 (reverted: set 3 lost four crises); then 0.880 / 0.120; with corpora
// AA–AC (31 corpora) and the goodbye and hyperbole rule faults they showed mended: 0.907 / 0.120
// (the false alarms the same kinds as at first).
blindCrisisTest(
  "seventh held-out crisis set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/safety_heldout_7.json",
  { recall: 0.87, falseAlarms: 0.14 },
);
