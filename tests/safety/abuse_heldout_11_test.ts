import { blindAbuseTest } from "../support/heldout.ts";

/**
 * The eleventh frozen held-out abuse set (tests/safety/heldout/abuse_heldout_11.json: 120
 * messages abusing the chat partner and 120 harmless ones with rude-looking words, by ten
 * imagined senders — a bored teenager, an angry middle-aged man, a sarcastic young woman, a drunk
 * guy at night, a manipulative "nice" person, an imageboard troll, a jealous controlling man, a
 * woman venting, a schoolgirl, a grumpy old man), written in session 12 by helpers who read no
 * file of the project, committed (see git log) before any measurement. Two harmless texts were
 * written twice by the two helpers; kept as written. Blind: this test prints figures and per-kind
 * counts only, never the sentences.
 */

// First measurement (2026-12-07, session 12, the filter as session 11 left it): recall 0.950,
// false positives 0.092 — both goals met. Missed: contempt with no insult word 2, a call for mass
// violence, sextortion, telling to kill oneself, a doxxing threat (1 each); blocked: tender «threats»
// as jokes 4, insults of someone absent 2, anger at oneself 2, three kinds 1.
// Second (session 12, the tender reading of threats: a condition of the partner's own care, a
// pillow for a weapon, a hug for a verb, laughter): 0.950 / 0.083 (tender «threats» 3).
blindAbuseTest(
  "eleventh held-out abuse set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/abuse_heldout_11.json",
  { recall: 0.94, falsePositives: 0.09 },
);
