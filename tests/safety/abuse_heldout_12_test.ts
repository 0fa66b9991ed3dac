import { blindAbuseTest } from "../support/heldout.ts";

/**
 * The twelfth frozen held-out abuse set (tests/safety/heldout/abuse_heldout_12.json: 120
 * messages abusing the chat partner and 120 harmless ones with rude-looking words, by ten
 * imagined senders — a gamer teen, a bitter divorced woman, a nationalist troll, a polite-but-cruel
 * office worker, a drunk man, a bullied girl lashing out, a pensioner, a jealous ex, a joker, a
 * student), written at the end of session 12 by a helper who read no file of the project,
 * committed (ba56a1a) before any measurement. Blind: figures and per-kind counts only.
 */

// First measurement (2026-12-07, the session's final filter, with the tender reading of threats):
// recall 0.925, false positives 0.075 — both goals met. Missed: contempt with no insult word 2,
// disguised words 2, sexual harassment 2, three kinds 1; blocked: tender «threats» as jokes 4,
// friendly banter 2, three kinds 1.
blindAbuseTest(
  "twelfth held-out abuse set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/abuse_heldout_12.json",
  { recall: 0.92, falsePositives: 0.08 },
);
