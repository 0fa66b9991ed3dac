import { blindAbuseTest } from "../support/heldout.ts";

/**
 * The seventeenth frozen held-out abuse set (tests/safety/heldout/abuse_heldout_17.json: 120
 * messages abusing the chat partner and 120 harmless ones with rude-looking words, by twelve
 * imagined senders), written at the start of session 15 by a helper who read no file of the
 * project, committed (069f994) before any measurement and kept for the session's final abuse
 * filter. Blind: figures and per-kind counts only.
 */

// First measurement (2026-12-07, the session's final filter: the model not heard where every
// insult is aimed elsewhere, 77bf1c6): recall 0.917, false positives 0.050 — both goals met.
// Missed: humiliation without a rude word 5, five kinds 1; blocked: caring joke «threats» 4,
// comforting while insulting someone absent, retold abuse. The session's starting filter
// (77ac2b2), measured after for comparison: 0.917 / 0.075.
blindAbuseTest(
  "seventeenth held-out abuse set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/abuse_heldout_17.json",
  { recall: 0.91, falsePositives: 0.05 },
);
