import { blindAbuseTest } from "../support/heldout.ts";

/**
 * The tenth frozen held-out abuse set (tests/safety/heldout/abuse_heldout_10.json: 120 messages
 * aimed at the partner by ten imagined senders — a troll, a swearing man, a cold manipulator, a
 * creep, a drunk, a jealous woman, a caps-lock bully, a lecturer, two who disguise words with
 * spaces, digits, Latin letters or translit — and 120 harmless ones with rude-looking words),
 * written in session 11 by helpers who read no file of the project, committed (3f5cbb3) before
 * any measurement. Blind: this test prints figures and per-kind counts only, never the sentences.
 */

// First measurement (2026-12-07, session 11, the filter as it stood, 9d968ab; the abuse filter was
// not changed this session): recall 0.925, false positives 0.083 — both goals met. Missed: calls
// for mass violence 3, sarcastic insults 2, four kinds 1; blocked: tender «threats» as jokes («убью,
// если не поешь») 5, insults of someone absent 2, three kinds 1.
// Session 12, with the tender reading of threats: 0.925 / 0.067 (jokes with a «threat» 3).
// Session 14, corpora J and L in the model's training, the model silenced by a caring act in the
// message (`caring`): 0.925 / 0.050.
blindAbuseTest(
  "tenth held-out abuse set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/abuse_heldout_10.json",
  { recall: 0.92, falsePositives: 0.075 },
);
