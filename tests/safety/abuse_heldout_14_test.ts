import { blindAbuseTest } from "../support/heldout.ts";

/**
 * The fourteenth frozen held-out abuse set (tests/safety/heldout/abuse_heldout_14.json: 120
 * messages abusing the chat partner and 120 harmless ones with rude-looking words, by ten
 * imagined senders — a teen gamer, an angry ex, a troll, a drunk man, a passive-aggressive woman,
 * a nationalist, a creep, an office worker…), written at the start of session 14 by a helper who
 * read no file of the project, committed (35b0ed7) before any measurement. Blind: figures and
 * per-kind counts only.
 */

// First measurement (2026-12-07, the filter as session 13 left it, b3363bc): recall 0.883, false
// positives 0.175 — the false-positive goal (0.10) NOT met. Missed: contempt with no insult word
// 3; body shaming, hate, sexual harassment, doxxing threats 2 each; three kinds 1. Blocked:
// tender «threats» as jokes 9 of 12 (8 of them by the model), friendly banter 4, insults of
// someone absent 3, quoted abuse 2, three kinds 1. With corpora J and L in the model's training
// and the model silenced by a caring act in the message (`caring`): 0.883 / 0.108.
blindAbuseTest(
  "fourteenth held-out abuse set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/abuse_heldout_14.json",
  { recall: 0.875, falsePositives: 0.11 },
);
