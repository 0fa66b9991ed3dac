import { blindAbuseTest } from "../support/heldout.ts";

/**
 * The sixth frozen held-out abuse set (tests/safety/heldout/abuse_heldout_6.json: 120 messages
 * aimed at the partner, about a quarter disguised, and 120 harmless ones with rude-looking words),
 * written 2026-12-06 by a helper who read no file of the project, committed (bcd7bc1) before any
 * measurement. Blind: this test prints figures and per-kind counts only, never the sentences.
 */

// First measurement (2026-12-06) of the filter as it stood at the start of session 7 (dfbff2f):
// recall 0.925, false positives 0.033 — both goals met on a writer never seen. Missed: obscene
// euphemisms 3, hate against orientation 2, humiliation, an obscene imperative, sarcasm, sexual
// solicitation 1 each; blocked: affectionate hyperbole, comfort that insults an absent person,
// self-deprecation, a sports rant 1 each.
blindAbuseTest(
  "sixth held-out abuse set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/abuse_heldout_6.json",
  { recall: 0.9, falsePositives: 0.05 },
);
