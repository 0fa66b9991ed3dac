import { blindAbuseTest } from "../support/heldout.ts";

/**
 * The eighth frozen held-out abuse set (tests/safety/heldout/abuse_heldout_8.json: 120 messages
 * aimed at the partner, about a quarter disguised, by ten imagined senders, and 120 harmless ones
 * with rude-looking words), written 2026-12-06 by a helper who read no file of the project,
 * committed (8c3e1cb) before any measurement. Blind: this test prints figures and per-kind counts
 * only, never the sentences.
 */

// First measurement (2026-12-06, start of session 8, the filter as it stood): recall 0.908,
// false positives 0.050 — both goals met. Missed: humiliation 2, nine kinds 1 each; blocked: six
// kinds 1 each (friendly mat, teasing, an insult of an absent person while comforting).
blindAbuseTest(
  "eighth held-out abuse set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/abuse_heldout_8.json",
  { recall: 0.89, falsePositives: 0.06 },
);
