import { blindCrisisTest } from "../support/heldout.ts";

/**
 * The seventeenth frozen held-out set (tests/safety/heldout/safety_heldout_17.json: 120 crisis
 * messages and 120 hard negatives by twelve imagined writers — a retired teacher, a gamer of 15, a
 * night nurse, a migrant builder writing broken Russian, an ironic programmer, a young mother, a
 * farmer from the Altai, a student in a dorm, a woman in microloan debts, a widower of 72, a gay
 * man of 19 in a small town, a man back from the army), written at the start of session 11 by
 * helpers who read no file of the project, committed (693c36b) before any measurement. Its
 * negatives were asked to be "genuinely tricky": ordinary pills, ropes, roofs and guns, dark
 * humour, farewells for ordinary reasons. Blind: this test prints figures and per-kind counts
 * only, never the sentences.
 */

// First measurement (2026-12-07, start of session 11, the detector as it stood, ff8b7de): recall
// 0.808 (SOS card 0.358), false alarms 0.142 — the worst of the blind sets. Missed: short
// confirmations 7, a relapse told in the present 5, nine kinds 1–2; false alarms: ordinary
// method words 5, dark humour 3, helping a friend 3, ordinary farewells 3, three kinds 1. As
// replies right after a crisis signal: 0.917 / 0.233.
// Second, with crisis corpus AR in the training: 0.808 / 0.142 (unchanged). Third, with the model
// vetoing weak rule hits (14 of the 17 false alarms were the rules'), AR and everyday text
// weighing three times as much (threshold 0.62): 0.817 (SOS card 0.350) / 0.083 — false alarms
// now ordinary farewells 3, dark humour 2, helping a friend 2, ordinary method words 2, a film;
// misses unchanged in kind (short confirmations 7, a relapse 4).
blindCrisisTest(
  "seventeenth held-out crisis set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/safety_heldout_17.json",
  { recall: 0.8, falseAlarms: 0.09 },
);
