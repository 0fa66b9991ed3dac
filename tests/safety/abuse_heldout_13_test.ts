import { blindAbuseTest } from "../support/heldout.ts";

/**
 * The thirteenth frozen held-out abuse set (tests/safety/heldout/abuse_heldout_13.json: 120
 * messages abusing the chat partner and 120 harmless ones with rude-looking words, by ten
 * imagined senders — a drunk man of 45, a schoolgirl of 15, a toxic gamer, a bitter divorced
 * woman, a nationalist troll, a manipulative "nice guy", a sarcastic IT worker, a pensioner who
 * types with many typos, a teen from a Kazakh town, a tired and rude woman of 30), written in
 * session 13 by a helper who read no file of the project, committed (00fa3fe) before any measurement.
 * Blind: figures and per-kind counts only.
 */

// First measurement (2026-12-07, the filter as session 12 left it): recall 0.908, false positives
// 0.125 — the false-positive goal (0.10) NOT met. Missed: sextortion 3, contempt with no insult
// word 2, telling to kill oneself 2, four kinds 1; blocked: tender «threats» as jokes 8 of 12,
// insults of someone absent 2, self-deprecation 2, three kinds 1.
// Session 14, corpora J and L in the model's training, the model silenced by a caring act in the
// message (`caring`): 0.917 / 0.092.
blindAbuseTest(
  "thirteenth held-out abuse set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/abuse_heldout_13.json",
  { recall: 0.9, falsePositives: 0.1 },
);
