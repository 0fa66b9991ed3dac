import { blindAbuseTest } from "../support/heldout.ts";

/**
 * The fifteenth frozen held-out abuse set (tests/safety/heldout/abuse_heldout_15.json: 120
 * messages abusing the chat partner and 120 harmless ones with rude-looking words, by ten
 * imagined senders), written in session 14 by a helper who read no file of the project,
 * committed (a commit of its own) before any measurement and kept for the session's final
 * abuse filter. Blind: figures and per-kind counts only.
 */

// First measurement (2026-12-07, the session's final filter: corpora J and L in the model, the
// caring veto, 16903cb): recall 0.917, false positives 0.033 — both goals met. Missed: obfuscated
// 2, sextortion 2, telling to kill oneself 2, four kinds 1; blocked: comforting while insulting
// someone absent 2, a caring joke «threat», retold abuse. The session's starting filter
// (b3363bc), measured after for comparison: 0.925 / 0.067.
blindAbuseTest(
  "fifteenth held-out abuse set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/abuse_heldout_15.json",
  { recall: 0.91, falsePositives: 0.04 },
);
