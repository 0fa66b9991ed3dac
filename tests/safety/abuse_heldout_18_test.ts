import { blindAbuseTest } from "../support/heldout.ts";

/**
 * The eighteenth frozen held-out abuse set (tests/safety/heldout/abuse_heldout_18.json: 120
 * messages abusing the chat partner and 120 harmless ones with rude-looking words, by twelve
 * imagined senders), written at the start of session 16 by a helper who read no file of the
 * project and committed (c67447f) before any measurement. Blind: figures and per-kind counts only.
 */

// First measurement (2026-12-07, the filter as session 15 left it, 48dd9ca): recall 0.925, false
// positives 0.050 — both goals met. Missed: death wishes 2, telling to kill oneself 2, doxxing
// threats 2, humiliation without a rude word 2, an obfuscated insult; blocked: caring joke
// «threats» 2, comforting while insulting someone absent 2, an idiom, venting.
blindAbuseTest(
  "eighteenth held-out abuse set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/abuse_heldout_18.json",
  { recall: 0.92, falsePositives: 0.05 },
);
