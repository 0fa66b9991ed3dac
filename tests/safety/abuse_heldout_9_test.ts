import { blindAbuseTest } from "../support/heldout.ts";

/**
 * The ninth frozen held-out abuse set (tests/safety/heldout/abuse_heldout_9.json: 120 messages
 * aimed at the partner, some disguised with digits, Latin letters or misspellings, by ten imagined
 * senders, and 120 harmless ones with rude-looking words), written 2026-12-06 by a helper who read
 * no file of the project, committed (f2058de) before any measurement. Blind: this test prints
 * figures and per-kind counts only, never the sentences.
 */

// First measurement (2026-12-06, start of session 9, the filter as it stood, c1737af): recall
// 0.892, false positives 0.025 — both goals met. Missed: humiliation, threats of violence,
// misspelt insults 2 each, seven kinds 1 each; blocked: film talk, a quoted threat, safety advice.
blindAbuseTest(
  "ninth held-out abuse set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/abuse_heldout_9.json",
  { recall: 0.88, falsePositives: 0.035 },
);
