import { blindAbuseTest } from "../support/heldout.ts";

/**
 * The fifth frozen held-out abuse set (tests/safety/heldout/abuse_heldout_5.json: 120 messages
 * aimed at the partner, 26 of them disguised, and 120 harmless ones with rude-looking words),
 * written 2026-12-06 by a helper who read no file of the project, committed (c8e9183) before any
 * measurement. Blind: this test prints figures and per-kind counts only, never the sentences.
 */

// First measurement (2026-12-06) of the filter as it stood (5eb64d4): recall 0.825, false
// positives 0.067 — under the recall goal (0.85) on a writer never seen: missed sexual
// solicitation 3, passive aggression 3, cold cruelty, mocking, nude demands, suicide incitement 2
// each, five other kinds 1 each; blocked anger at an abuser on the partner's behalf 4.
// Second, with the abuse rules' gaps the tuning corpora showed mended (sexual insults, urged jumps
// and cuts, death ordered) and four new tuning corpora (E–H, 2,000 + 2,000; the model on 9
// corpora): recall 0.900, false positives 0.025.
blindAbuseTest(
  "fifth held-out abuse set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/abuse_heldout_5.json",
  { recall: 0.88, falsePositives: 0.05 },
);
