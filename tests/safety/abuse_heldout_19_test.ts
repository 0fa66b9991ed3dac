import { blindAbuseTest } from "../support/heldout.ts";

/**
 * The nineteenth frozen held-out abuse set (tests/safety/heldout/abuse_heldout_19.json: 120
 * messages abusing the chat partner and 120 harmless ones with rude-looking words), written at the
 * start of session 17 by a helper who read no file of the project and committed (2651a81) before
 * any measurement. Blind: figures and per-kind counts only.
 */

// First measurement (2026-12-07, the filter as session 15 left it, unchanged since): recall 0.892,
// false positives 0.033 — both goals met. Missed: obfuscated insults 4, doxxing threats 3,
// telling to kill oneself 2, a plain insult, sextortion, sexual harassment, a violent threat;
// blocked: caring joke «threats» 2, friendly teasing, game or film violence.
blindAbuseTest(
  "nineteenth held-out abuse set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/abuse_heldout_19.json",
  { recall: 0.89, falsePositives: 0.04 },
);
