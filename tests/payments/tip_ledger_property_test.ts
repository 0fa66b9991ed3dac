/**
 * Property test of the helpers' balances: a seeded random sequence of tips, unpaid invoices,
 * replayed and double payments, refunds (asked for, made at once or by the beat, answered done,
 * 429 with retry_after, 5xx or refused for good), payouts and time passing, against a model
 * kept in this file. After every step each helper's balance equals the model's and keeps the
 * ledger's invariants (available + pending = earned - paid out, none negative). Runs on PGlite
 * and, in `deno task test:postgres`, on PostgreSQL 15.
 */
import assert from "node:assert/strict";
import type { SqlDb } from "../../shared/db/db.ts";
import type { DueRefund, TipBalance } from "../../shared/payments/contract.ts";
import { createTestDb } from "../support/test_db.ts";
import { letTimePass } from "./fixtures.ts";

const HOUR = 3600;
const REFUND_WINDOW = 48 * HOUR;
const INVOICE_HOURS = 24 * HOUR;
const INVOICE_GRACE = 25 * HOUR;

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Person {
  id: string;
  tg: number;
}

interface TipModel {
  id: string;
  payload: string;
  amount: number;
  share: number;
  payer: Person;
  helper: Person;
  status: "pending" | "paid" | "refunding" | "refunded" | "expired";
  createdAt: number;
  paidAt?: number;
  charge?: string;
}

interface PaymentModel {
  charge: string;
  tip: TipModel;
  /** The arguments it was delivered with (a replay repeats them). */
  delivery: { payload: string; amount: number; payerTg: number };
  credited: boolean;
  refund: "none" | "pending" | "done" | "failed";
  /** Virtual time before which a retry must not happen, and the real time it was set. */
  notBefore: number;
  setAtMs: number;
}

async function makePerson(db: SqlDb, tg: number): Promise<Person> {
  const [row] = await db.query<{ id: string }>(
    `insert into public.users (tg_id, pseudonym, rules_accepted_at, birth_year, onboarding_step,
                               onboarding_completed_at)
     values ($1, $2, now(), 1990, 'done', now()) returning id`,
    [tg, `user${tg}`],
  );
  return { id: row!.id, tg };
}

async function endedMatch(db: SqlDb, a: Person, b: Person): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into public.matches (user_a, user_b, state, expires_at, started_at, ended_at, end_reason)
     values (least($1::uuid, $2::uuid), greatest($1::uuid, $2::uuid), 'ended', now(),
             now() - interval '1 hour', now() - interval '5 minutes', 'stop')
     returning id`,
    [a.id, b.id],
  );
  return row!.id;
}

/** 10 % commission, rounded half up (public.tip_split). */
function shareOf(amount: number): number {
  return amount - Math.min(amount, Math.round(amount * 10 / 100));
}

async function runScenario(seed: number, steps: number): Promise<Record<string, number>> {
  const db = await createTestDb();
  try {
    return await randomHistory(db, seed, steps);
  } finally {
    await db.close();
  }
}

/** Runs `steps` random operations; answers how often each kind ran. */
async function randomHistory(
  db: SqlDb,
  seed: number,
  steps: number,
): Promise<Record<string, number>> {
  const random = prng(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: T[]): T | undefined =>
    items.length === 0 ? undefined : items[Math.floor(random() * items.length)];
  const base = 880_000 + (seed % 97) * 100;
  const payers = [await makePerson(db, base + 1), await makePerson(db, base + 2)];
  const helpers = [
    await makePerson(db, base + 11),
    await makePerson(db, base + 12),
    await makePerson(db, base + 13),
  ];
  const matches = new Map<string, string>();
  for (const payer of payers) {
    for (const helper of helpers) {
      matches.set(`${payer.id}:${helper.id}`, await endedMatch(db, payer, helper));
    }
  }

  let now = 0;
  let charges = 0;
  const tips: TipModel[] = [];
  const payments: PaymentModel[] = [];
  const paidOut = new Map<string, number>(helpers.map((h) => [h.id, 0]));
  const notices = new Map<string, number>(helpers.map((h) => [h.id, 0]));
  const counts: Record<string, number> = {};

  const expected = (helper: Person): TipBalance => {
    let earned = 0;
    let pending = 0;
    for (const tip of tips) {
      if (tip.helper !== helper || (tip.status !== "paid" && tip.status !== "refunding")) {
        continue;
      }
      earned += tip.share;
      if (tip.status === "refunding" || now - tip.paidAt! < REFUND_WINDOW) pending += tip.share;
    }
    const paid = paidOut.get(helper.id)!;
    return { available: earned - paid - pending, pending, earned, paid_out: paid };
  };

  async function createTip(payer: Person, helper: Person): Promise<TipModel | "too_many"> {
    const amount = int(1, 300);
    const created = await db.call<
      { status: string; tip_id: string; payload: string; recipient_share: number }
    >("create_tip", {
      p_tg_id: payer.tg,
      p_match_id: matches.get(`${payer.id}:${helper.id}`),
      p_amount: amount,
      p_source: "bot",
    });
    // create_tip first expires the payer's invoices older than a day.
    for (const tip of tips) {
      if (
        tip.payer === payer && tip.status === "pending" && now - tip.createdAt >= INVOICE_HOURS
      ) {
        tip.status = "expired";
      }
    }
    const open = tips.filter((tip) => tip.payer === payer && tip.status === "pending").length;
    if (open >= 10) {
      assert.equal(created.status, "too_many_pending");
      return "too_many";
    }
    assert.equal(created.status, "ok");
    assert.equal(created.recipient_share, shareOf(amount));
    const tip: TipModel = {
      id: created.tip_id,
      payload: created.payload,
      amount,
      share: created.recipient_share,
      payer,
      helper,
      status: "pending",
      createdAt: now,
    };
    tips.push(tip);
    return tip;
  }

  async function deliver(payment: PaymentModel["delivery"], charge: string) {
    return await db.call<{ status: string; reason?: string }>("record_tip_payment", {
      p_charge_id: charge,
      p_payload: payment.payload,
      p_amount: payment.amount,
      p_currency: "XTR",
      p_payer_tg_id: payment.payerTg,
    });
  }

  async function payTip(tip: TipModel): Promise<void> {
    const charge = `prop-${seed}-${++charges}`;
    const delivery = { payload: tip.payload, amount: tip.amount, payerTg: tip.payer.tg };
    const result = await deliver(delivery, charge);
    const age = now - tip.createdAt;
    const payment: PaymentModel = {
      charge,
      tip,
      delivery,
      credited: result.status === "credited",
      refund: "none",
      notBefore: now,
      setAtMs: performance.now(),
    };
    payments.push(payment);
    if (tip.status === "pending" && age < INVOICE_HOURS) {
      assert.equal(result.status, "credited");
    } else if (tip.status !== "pending" || age >= INVOICE_GRACE) {
      assert.equal(result.status, "refund");
      assert.equal(
        result.reason,
        tip.status === "pending" ? "expired" : {
          paid: "already_paid",
          refunding: "already_paid",
          refunded: "already_paid",
          expired: "expired",
        }[tip.status],
      );
    }
    if (result.status === "credited") {
      tip.status = "paid";
      tip.paidAt = now;
      tip.charge = charge;
    } else {
      if (tip.status === "pending") tip.status = "expired";
      payment.refund = "pending";
    }
  }

  /** What Telegram answers this attempt, picked at random, recorded as the bot would. */
  async function attempt(claimed: DueRefund): Promise<void> {
    const payment = payments.find((p) => p.charge === claimed.charge_id)!;
    assert.equal(payment.refund, "pending");
    assert.equal(claimed.payer_tg_id, payment.delivery.payerTg);
    if (payment.credited) {
      assert.deepEqual(claimed.recipient_notice, {
        amount: payment.tip.amount,
        share: payment.tip.share,
        payer_pseudonym: `user${payment.tip.payer.tg}`,
        refund_hours: 48,
      });
    } else {
      assert.equal(claimed.recipient_notice, null);
    }
    const roll = random();
    let result: "done" | "retry" | "failed" = roll < 0.55
      ? "done"
      : roll < 0.85
      ? "retry"
      : "failed";
    const retryAfter = result === "retry" ? pick([undefined, 45, 95, 250, 1000, 4000]) : undefined;
    counts[`refund_${result}`] = (counts[`refund_${result}`] ?? 0) + 1;
    const notice = claimed.recipient_notice ? `notice for ${claimed.charge_id}` : null;
    await db.call("complete_tip_refund", {
      p_charge_id: claimed.charge_id,
      p_result: result,
      p_retry_after_seconds: retryAfter ?? null,
      p_recipient_notice: notice,
    });
    // The 8th attempt is the last one.
    if (result === "retry" && claimed.attempts >= 8) result = "failed";
    if (result === "retry") {
      const backoff = Math.min(3600, 30 * 2 ** Math.max(claimed.attempts - 1, 0));
      payment.notBefore = now + Math.max(backoff, retryAfter ?? 0);
      payment.setAtMs = performance.now();
      return;
    }
    payment.refund = result;
    if (!payment.credited) return;
    const tip = payment.tip;
    if (result === "done") {
      tip.status = "refunded";
      notices.set(tip.helper.id, notices.get(tip.helper.id)! + 1);
    } else {
      tip.status = "paid";
    }
  }

  const operations: Array<[number, string, () => Promise<void>]> = [
    [22, "tip", async () => {
      const tip = await createTip(pick(payers)!, pick(helpers)!);
      if (tip !== "too_many") await payTip(tip);
    }],
    [5, "invoice", async () => {
      await createTip(pick(payers)!, pick(helpers)!);
    }],
    [5, "pay_later", async () => {
      const tip = pick(tips.filter((t) => t.status === "pending"));
      if (tip) await payTip(tip);
    }],
    [7, "replay", async () => {
      const payment = pick(payments);
      if (!payment) return;
      const result = await deliver(payment.delivery, payment.charge);
      assert.equal(result.status, "duplicate");
    }],
    [7, "double_payment", async () => {
      const tip = pick(tips.filter((t) => t.status !== "pending" && t.status !== "expired"));
      if (!tip) return;
      await payTip(tip);
      const payment = payments.at(-1)!;
      if (random() < 0.5) {
        const claimed = await db.call<DueRefund | null>("claim_tip_refund", {
          p_charge_id: payment.charge,
        });
        assert.ok(claimed, "a new refund is due at once");
        await attempt(claimed);
      }
    }],
    [15, "ask_refund", async () => {
      const tip = pick(tips.filter((t) => t.status === "paid"));
      if (!tip) return;
      const listed = await db.call<Array<{ tip_id: string }>>("refundable_tips", {
        p_tg_id: tip.payer.tg,
      });
      const result = await db.call<{ status: string; charge_id?: string }>(
        "request_tip_refund",
        { p_tg_id: tip.payer.tg, p_tip_id: tip.id },
      );
      const inWindow = now - tip.paidAt! < REFUND_WINDOW;
      assert.equal(result.status, inWindow ? "ok" : "too_late");
      assert.equal(listed.some((row) => row.tip_id === tip.id), inWindow);
      if (!inWindow) return;
      tip.status = "refunding";
      const payment = payments.find((p) => p.charge === tip.charge)!;
      payment.refund = "pending";
      payment.notBefore = now;
      // The bot tries at once.
      const claimed = await db.call<DueRefund | null>("claim_tip_refund", {
        p_charge_id: tip.charge,
      });
      assert.ok(claimed, "the refund just asked for is due");
      await attempt(claimed);
    }],
    [15, "beat", async () => {
      const claimed = await db.call<DueRefund[]>("claim_tip_refunds", { p_limit: 100 });
      const ids = new Set(claimed.map((c) => c.charge_id));
      for (const payment of payments.filter((p) => p.refund === "pending")) {
        // Due by the model's clock, give or take the real seconds since the wait was set.
        const slack = (performance.now() - payment.setAtMs) / 1000 + 1;
        if (payment.notBefore <= now) {
          assert.ok(ids.has(payment.charge), `refund ${payment.charge} is due`);
        } else if (payment.notBefore > now + slack) {
          assert.ok(!ids.has(payment.charge), `refund ${payment.charge} must still wait`);
        }
      }
      for (const id of ids) {
        assert.equal(payments.find((p) => p.charge === id)?.refund, "pending");
      }
      for (const refund of claimed) await attempt(refund);
    }],
    [14, "time_passes", async () => {
      const seconds = pick([30, 60, 300, 900, HOUR, 2 * HOUR, 6 * HOUR, 12 * HOUR, 30 * HOUR])!;
      await letTimePass(db, seconds);
      now += seconds;
    }],
    [10, "payout", async () => {
      const helper = pick(helpers)!;
      const available = expected(helper).available;
      const amount = int(1, available + 3);
      const [row] = await db.query<{ r: { status: string } }>(
        "select admin.record_payout($1, $2, 'property test', 'test') as r",
        [helper.id, amount],
      );
      assert.equal(row!.r.status, amount <= available ? "ok" : "exceeds_balance");
      if (amount <= available) paidOut.set(helper.id, paidOut.get(helper.id)! + amount);
    }],
  ];
  const totalWeight = operations.reduce((sum, [weight]) => sum + weight, 0);

  for (let step = 0; step < steps; step++) {
    let roll = random() * totalWeight;
    const [, name, run] = operations.find(([weight]) => (roll -= weight) < 0)!;
    counts[name] = (counts[name] ?? 0) + 1;
    try {
      await run();
      await checkInvariants();
    } catch (error) {
      throw new Error(`seed ${seed}, step ${step} (${name}): ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return counts;

  async function checkInvariants(): Promise<void> {
    const views = await db.query<TipBalance & { user_id: string }>(
      `select user_id, available::int, pending::int, earned::int, paid_out::int
           from admin.tip_balances`,
    );
    for (const helper of helpers) {
      const balance = await db.call<TipBalance>("tip_balance_of", { p_user_id: helper.id });
      assert.ok(balance.available >= 0 && balance.pending >= 0, JSON.stringify(balance));
      assert.ok(balance.earned >= 0 && balance.paid_out >= 0, JSON.stringify(balance));
      assert.equal(balance.available + balance.pending, balance.earned - balance.paid_out);
      assert.deepEqual(balance, expected(helper), `helper ${helper.tg}`);
      const view = views.find((row) => row.user_id === helper.id);
      if (view) {
        const { user_id: _, ...fromView } = view;
        assert.deepEqual(fromView, balance, "admin.tip_balances agrees");
      } else {
        assert.deepEqual(balance, { available: 0, pending: 0, earned: 0, paid_out: 0 });
      }
      const [told] = await db.query<{ n: number }>(
        `select count(*)::int as n from public.outbox
            where kind = 'api_call' and user_id = $1 and payload #>> '{params,text}' like 'notice%'`,
        [helper.id],
      );
      assert.equal(told!.n, notices.get(helper.id), "the helper is told of each refund once");
    }
    assert.deepEqual(await db.call("tip_ledger_problems"), []);
  }
}

for (const seed of [17, 2026]) {
  Deno.test(`helpers' balances keep the ledger's invariants over a random history (seed ${seed})`, async () => {
    const counts = await runScenario(seed, 300);
    // The history exercised what it is meant to.
    for (
      const name of [
        "tip",
        "replay",
        "double_payment",
        "ask_refund",
        "beat",
        "payout",
        "refund_done",
        "refund_retry",
        "refund_failed",
      ]
    ) {
      assert.ok((counts[name] ?? 0) > 3, `${name}: ${JSON.stringify(counts)}`);
    }
  });
}
