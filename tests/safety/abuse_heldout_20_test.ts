import { blindAbuseTest } from "../support/heldout.ts";

/**
 * The twentieth frozen held-out abuse set (tests/safety/heldout/abuse_heldout_20.json: 120
 * messages abusing the chat partner and 120 harmless ones with rude-looking words), written in
 * session 17 by a helper who read no file of the project and committed (0eeeb34) before any
 * measurement, kept for the session's final filter. Blind: figures and per-kind counts only.
 */

// First measurement (2026-12-07, the filter with session 17's rules from tuning corpus M, 1459f4d):
// recall 0.958, false positives 0.083 — both goals met (the session's starting filter, measured
// after: the same). Missed: body shaming, humiliation in plain words, sextortion, sexual
// harassment, a violent threat, one each; blocked: caring joke «threats» 3, friendly teasing 2,
// venting 2, an idiom, game violence, self-deprecation.
blindAbuseTest(
  "twentieth held-out abuse set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/abuse_heldout_20.json",
  { recall: 0.95, falsePositives: 0.09 },
);
