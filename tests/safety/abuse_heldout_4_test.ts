import { blindAbuseTest } from "../support/heldout.ts";

/**
 * The fourth frozen held-out abuse set (tests/safety/heldout/abuse_heldout_4.json: 120 messages
 * aimed at the partner, 120 harmless ones with rude-looking words), written 2026-12-06 by a
 * helper who read no file of the project, committed (35ecc9f) before any measurement. Blind: this
 * test prints figures and per-kind counts only, never the sentences.
 */

// First measurement (2026-12-06) of the filter as it stood (88da53d: rules + the abuse model):
// recall 0.875, false positives 0.042 — the goal (0.85 / 0.10) met on a writer never seen.
// With the rule gaps mended and corpora E–H (session 6): 0.908 / 0.025.
blindAbuseTest(
  "fourth held-out abuse set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/abuse_heldout_4.json",
  { recall: 0.85, falsePositives: 0.07 },
);
