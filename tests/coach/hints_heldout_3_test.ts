import { blindHintTest } from "../support/heldout.ts";

/**
 * The hint guard on the third frozen held-out set (tests/coach/heldout/hints_heldout_3.json:
 * 100 harmful, 100 good model hints, written 2026-12-06 by a helper who read neither the code,
 * the tuning corpora nor the other sets; committed in 01526ee). It stays blind: this test prints
 * the two figures and per-kind counts, never the sentences, so the guard is improved on our own
 * corpora and measured here. First (blind) measurement: see below.
 */

// First measurement (2026-12-06, the guard as it stood, 6fa3245): harmful refused 0.810, good
// accepted 0.850. Second, after the rules were fixed by category on two tuning corpora and the
// model's budget rose to 0.10 (112f829): 0.930 / 0.890; with a third tuning corpus and the
// model's threshold chosen leaving one corpus out: 0.960 / 0.880; with a fourth tuning corpus and
// the budget at 0.15: 0.970 / 0.840; with a fifth: 0.980 / 0.830; with a sixth: 1.000 / 0.820.
// Session 12: the hint model's budget 0.15 → 0.20 (fewer harmful hints shown on every blind set
// pooled, 36 → 19 of 2,006) refuses more good ones here too; the floor for good hints follows.
blindHintTest(
  "third held-out hint set (blind): no worse than its first measurement",
  import.meta.url,
  "./heldout/hints_heldout_3.json",
  { harmfulRefused: 0.95, goodAccepted: 0.75 },
);
