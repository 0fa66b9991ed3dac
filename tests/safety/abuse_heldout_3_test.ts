import { blindAbuseTest } from "../support/heldout.ts";

/**
 * The third frozen held-out abuse set (tests/safety/heldout/abuse_heldout_3.json: 120 messages
 * aimed at the partner, 120 harmless ones with rude-looking words), written 2026-12-06 by a
 * helper who read no file of the project, committed (7e65943) before any measurement. Blind: this
 * test prints figures and per-kind counts only, never the sentences.
 */

// First measurement (2026-12-06) of the rule filter as it stood (1445b38): recall 0.650, false
// positives 0.008 — far below set 2's 0.867: the rules did not generalise to this writer. Second,
// with the learned abuse model (trained on four helpers' tuning corpora, never on this set) and
// short insults with a describing word («тупица бестолковая»): 0.925 / 0.025. Third, after the
// model learnt ordinary chat too (800 short everyday messages: «Смотри», «Иди» were held back),
// speaks only from three words up and its budget fell to 0.04 to keep ordinary messages held
// back near 1 %: 0.867 / 0.042. Fourth, with the rule gaps mended and corpora E–H (session 6): 0.908 / 0.017.
blindAbuseTest(
  "third held-out abuse set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/abuse_heldout_3.json",
  { recall: 0.85, falsePositives: 0.06 },
);
