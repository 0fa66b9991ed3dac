import { blindAbuseTest } from "../support/heldout.ts";

/**
 * The sixteenth frozen held-out abuse set (tests/safety/heldout/abuse_heldout_16.json: 120
 * messages abusing the chat partner and 120 harmless ones with rude-looking words, by ten
 * imagined senders), written at the start of session 15 by a helper who read no file of the
 * project, committed (069f994) before any measurement. Blind: figures and per-kind counts only.
 */

// First measurement (2026-12-07, the filter as session 14 left it, 77ac2b2): recall 0.908,
// false positives 0.125 — over the goal. Missed: humiliation without a rude word 6, body shaming
// 2, three kinds 1; blocked: caring joke «threats» 4, comforting while insulting someone absent
// 3, friendly teasing 3, venting 2, three kinds 1. Second, with the model not heard where every
// insult is aimed elsewhere and the rules' fixes of 20b2494: 0.908 / 0.058.
blindAbuseTest(
  "sixteenth held-out abuse set (blind): no worse than its second measurement",
  import.meta.url,
  "./heldout/abuse_heldout_16.json",
  { recall: 0.9, falsePositives: 0.06 },
);
