import { blindAbuseTest } from "../support/heldout.ts";

/**
 * The twenty-first frozen held-out abuse set (tests/safety/heldout/abuse_heldout_21.json: 120
 * messages abusing the chat partner and 120 harmless ones with rude-looking words), written at
 * the start of session 18 by a helper who read no file of the project and committed (671b075)
 * before any measurement. Blind: figures and per-kind counts only.
 */

// First measurement (2026-12-07, the filter as session 17 left it, 9fdea33): recall 0.925,
// false positives 0.083 — both goals met. Missed: sextortion 2, sexual harassment 2, a death
// wish, telling to kill oneself, a doxxing threat, a violent threat, humiliation in plain words;
// blocked: caring joke «threats» 5, comforting while swearing at someone absent 2, friendly
// teasing, a retold insult, venting.
blindAbuseTest(
  "twenty-first held-out abuse set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/abuse_heldout_21.json",
  { recall: 0.92, falsePositives: 0.09 },
);
