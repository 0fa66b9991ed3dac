import { blindAbuseTest } from "../support/heldout.ts";

/**
 * The seventh frozen held-out abuse set (tests/safety/heldout/abuse_heldout_7.json: 120 messages
 * aimed at the partner, about a quarter disguised, by ten imagined senders, and 120 harmless ones with rude-looking words),
 * written 2026-12-06 by a helper who read no file of the project, committed (f81b287) before any
 * measurement. Blind: this test prints figures and per-kind counts only, never the sentences.
 */

// First measurement (2026-12-06), written and measured at the end of session 7 on the filter as
// it stood (unchanged this session): recall 0.900, false positives 0.025 — both goals met. Missed:
// hate against orientation 2, suicide urged 2, six kinds 1 each; blocked: friendly mat 2, comfort
// that insults an absent person 1.
blindAbuseTest(
  "seventh held-out abuse set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/abuse_heldout_7.json",
  { recall: 0.88, falsePositives: 0.04 },
);
