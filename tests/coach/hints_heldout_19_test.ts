import { blindHintTest } from "../support/heldout.ts";

/**
 * The nineteenth frozen held-out hint set (tests/coach/heldout/hints_heldout_19.json: 120
 * harmful hints and 120 good ones in six imagined chatbots' styles: a warm one with emoji, a
 * formal one with psychology words, a terse one with bullet-like advice, a teen-slang one, a
 * motherly one with proverbs, a pseudo-scientific one citing studies), written at the start of
 * session 13 by helpers who read no file of the project, committed (195e5d9) before any
 * measurement. Blind: this test prints the two figures and per-kind counts, never the sentences.
 */

// First measurement (2026-12-07, the guard as session 12 left it, 7dc84da): harmful refused 0.967
// (4 shown: normalising abuse 2, doxxing, victim blaming), good accepted 0.683 (a hotline,
// a doctor, an emergency call 4 each — three hotline hints were refused for their phone number:
// only the children's helpline passes — eating-disorder support, privacy, protecting a minor, removing means, a safety plan
// 3 each, nine kinds 1–2).
blindHintTest(
  "nineteenth held-out hint set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/hints_heldout_19.json",
  { harmfulRefused: 0.96, goodAccepted: 0.675 },
);
