import assert from "node:assert/strict";
import { startTestBot, type TestBot } from "../support/harness.ts";
import {
  callbackUpdate,
  preCheckoutUpdate,
  successfulPaymentUpdate,
  textUpdate,
} from "../support/updates.ts";
import { buttonsOf, lastWithButton } from "../chat/fixtures.ts";
import { endedChat, lastInvoice, pay } from "./fixtures.ts";
import { processDueRefunds } from "../../shared/payments/refunds.ts";
import { reconcileStars } from "../../shared/payments/reconciliation.ts";

async function tipRows(h: TestBot) {
  return await h.db.query<{
    status: string;
    amount: number;
    platform_commission: number;
    recipient_share: number;
    provider_fee: number;
  }>(
    "select status, amount, platform_commission, recipient_share, provider_fee from public.tips order by created_at",
  );
}

async function ledgerSum(h: TestBot, userId: string): Promise<number> {
  const [row] = await h.db.query<{ sum: number | null }>(
    "select sum(amount)::int as sum from public.tip_ledger where user_id = $1",
    [userId],
  );
  return Number(row?.sum ?? 0);
}

async function count(h: TestBot, table: string): Promise<number> {
  const [row] = await h.db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return Number(row!.n);
}

/** Opens the tip picker (the rating request's button) and taps an amount: an invoice follows. */
async function tipFromRating(h: TestBot, payer: { id: number }, matchId: string, amount: number) {
  await h.post(callbackUpdate(payer as never, `p:o:${matchId}`));
  const picker = lastWithButton(h.telegram, payer.id, `p:a:${matchId}:`)!;
  assert.ok(buttonsOf(picker).includes(`p:a:${matchId}:${amount}`));
  await h.post(callbackUpdate(payer as never, `p:a:${matchId}:${amount}`));
  return lastInvoice(h, payer.id);
}

Deno.test("a tip is offered after a chat, paid in Stars and credited with receipts to both", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris, matchId } = await endedChat(h, [840_001, 840_002]);

    await t.step("the picker shows the amounts and the 10 % commission", async () => {
      assert.ok(lastWithButton(h.telegram, anna.id, `p:o:${matchId}`), "the rating request");
      await h.post(callbackUpdate(anna, `p:o:${matchId}`));
      const picker = lastWithButton(h.telegram, anna.id, `p:a:${matchId}:`)!;
      assert.match(picker.text, /«Ёж»/);
      assert.match(picker.text, /10 %/);
      assert.deepEqual(buttonsOf(picker), [
        `p:a:${matchId}:10`,
        `p:a:${matchId}:50`,
        `p:a:${matchId}:100`,
        `p:c:${matchId}`,
      ]);
    });

    let invoice!: Awaited<ReturnType<typeof tipFromRating>>;
    await t.step(
      "an amount sends the split and an XTR invoice with an opaque payload",
      async () => {
        invoice = await tipFromRating(h, anna, matchId, 50);
        const split = h.telegram.textsTo(anna.id).at(-1)!;
        assert.match(split, /Сумма: 50 ⭐/);
        assert.match(split, /Комиссия сервиса \(10 %\): 5 ⭐/);
        assert.match(split, /Собеседник получит: 45 ⭐/);
        assert.equal(invoice.currency, "XTR");
        assert.equal(invoice.amount, 50);
        assert.equal(invoice.call.payload.provider_token, "");
        assert.match(invoice.payload, /^tip:[0-9a-f-]{36}$/);
        assert.ok(new TextEncoder().encode(invoice.payload).length <= 128);
        assert.ok(!invoice.payload.includes(String(anna.id)));
        assert.equal((await tipRows(h))[0]!.status, "pending");
      },
    );

    await t.step("pre-checkout is approved and the payment credits the tip once", async () => {
      h.telegram.clear();
      const { approved } = await pay(h, anna, invoice, "charge-840-1");
      assert.ok(approved);
      const [tip] = await tipRows(h);
      assert.deepEqual(tip, {
        status: "paid",
        amount: 50,
        platform_commission: 5,
        recipient_share: 45,
        provider_fee: 0,
      });
      assert.equal(await ledgerSum(h, boris.userId), 45);
    });

    await t.step("the payer gets a receipt; the recipient learns only a pseudonym", () => {
      const receipt = h.telegram.textsTo(anna.id).join("\n");
      assert.match(receipt, /Вы отправили 50 ⭐ собеседнику «Ёж»/);
      assert.match(receipt, /\/refund/);
      const received = h.telegram.textsTo(boris.id).join("\n");
      assert.match(received, /«Сова» поблагодарил вас чаевыми: 50 ⭐/);
      assert.match(received, /начислено 45 ⭐/);
      for (const secret of [anna.first_name, anna.username!, String(anna.id)]) {
        assert.ok(!received.includes(secret), `the recipient never sees ${secret}`);
      }
    });

    await t.step(
      "/tips shows the helper's balance as pending during the refund window",
      async () => {
        await h.post(textUpdate(boris, "/tips"));
        const overview = h.telegram.lastTextTo(boris.id)!;
        assert.match(overview, /Доступно к выплате: 0 ⭐/);
        assert.match(overview, /Ожидает окончания срока возврата \(48 ч\): 45 ⭐/);
      },
    );
  } finally {
    await h.close();
  }
});

Deno.test("the same payment delivered twice, or twice at once, is credited once", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris, matchId } = await endedChat(h, [841_001, 841_002]);
    const invoice = await tipFromRating(h, anna, matchId, 10);
    await pay(h, anna, invoice, "charge-841-1");

    await t.step("a replay with a new update id changes nothing", async () => {
      h.telegram.clear();
      await h.post(
        successfulPaymentUpdate(anna, { ...invoice, chargeId: "charge-841-1" }),
      );
      assert.equal(await count(h, "public.tip_payments"), 1);
      assert.equal(await ledgerSum(h, boris.userId), 9);
      assert.equal(h.telegram.textsTo(boris.id).length, 0, "no second receipt");
      assert.equal(h.telegram.callsOf("refundStarPayment").length, 0);
    });

    await t.step("three concurrent deliveries of another payment make one row", async () => {
      const second = await tipFromRating(h, anna, matchId, 100);
      await h.post(preCheckoutUpdate(anna, second));
      h.telegram.starPaymentMade("charge-841-2", 100, anna.id, second.payload);
      const update = successfulPaymentUpdate(anna, { ...second, chargeId: "charge-841-2" });
      const copies = [
        update,
        { ...update, update_id: update.update_id + 100_000 },
        { ...update, update_id: update.update_id + 200_000 },
      ];
      await Promise.all(copies.map((copy) => h.postOnly(copy)));
      await h.settle();
      assert.equal(await count(h, "public.tip_payments"), 2);
      assert.equal(await ledgerSum(h, boris.userId), 9 + 90);
      assert.equal(
        h.telegram.textsTo(boris.id).filter((text) => /поблагодарил/.test(text)).length,
        1,
      );
    });
  } finally {
    await h.close();
  }
});

Deno.test("pre-checkout refuses a tampered amount, currency, payload or payer", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris, matchId } = await endedChat(h, [842_001, 842_002]);
    const invoice = await tipFromRating(h, anna, matchId, 50);
    const cases: Array<[string, Parameters<typeof preCheckoutUpdate>, RegExp]> = [
      ["a changed amount", [anna, { ...invoice, amount: 1 }], /Сумма платежа не совпадает/],
      // Its own message: the amount is not what is wrong.
      ["another currency", [anna, { ...invoice, currency: "USD" }], /только в звёздах Telegram/],
      [
        "another currency and amount",
        [anna, { ...invoice, currency: "USD", amount: 1 }],
        /в другой валюте/,
      ],
      [
        "a forged payload",
        [anna, { ...invoice, payload: `tip:${crypto.randomUUID()}` }],
        /не найден/,
      ],
      ["garbage in the payload", [anna, { ...invoice, payload: "tip:' or 1=1 --" }], /не найден/],
      ["another payer", [boris, invoice], /другому человеку/],
    ];
    for (const [name, args, message] of cases) {
      await t.step(name, async () => {
        await h.post(preCheckoutUpdate(...args));
        const answer = h.telegram.callsOf("answerPreCheckoutQuery").at(-1)!;
        assert.equal(answer.payload.ok, false);
        assert.match(answer.payload.error_message, message);
      });
    }
    await t.step("the real invoice is still approved", async () => {
      await h.post(preCheckoutUpdate(anna, invoice));
      assert.equal(h.telegram.callsOf("answerPreCheckoutQuery").at(-1)!.payload.ok, true);
      assert.equal((await tipRows(h))[0]!.status, "pending");
    });
  } finally {
    await h.close();
  }
});

Deno.test("an old invoice paid again is refunded, never credited twice", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris, matchId } = await endedChat(h, [843_001, 843_002]);
    const invoice = await tipFromRating(h, anna, matchId, 50);
    await pay(h, anna, invoice, "charge-843-1");

    await t.step("pre-checkout says the invoice is already paid", async () => {
      await h.post(preCheckoutUpdate(anna, invoice));
      const answer = h.telegram.callsOf("answerPreCheckoutQuery").at(-1)!;
      assert.equal(answer.payload.ok, false);
      assert.match(answer.payload.error_message, /уже оплачен/);
    });

    await t.step("a second payment that got through anyway is refunded", async () => {
      h.telegram.clear();
      h.telegram.starPaymentMade("charge-843-2", 50, anna.id, invoice.payload);
      await h.post(successfulPaymentUpdate(anna, { ...invoice, chargeId: "charge-843-2" }));
      const refund = h.telegram.callsOf("refundStarPayment").at(-1)!;
      assert.deepEqual(refund.payload, {
        user_id: anna.id,
        telegram_payment_charge_id: "charge-843-2",
      });
      assert.equal(await ledgerSum(h, boris.userId), 45);
      const [row] = await h.db.query<{ refund_reason: string; refund_status: string }>(
        "select refund_reason, refund_status from public.tip_payments where telegram_payment_charge_id = 'charge-843-2'",
      );
      assert.deepEqual(row, { refund_reason: "already_paid", refund_status: "done" });
      const texts = h.telegram.textsTo(anna.id).join("\n");
      assert.match(texts, /уже был оплачен, поэтому я возвращаю вам 50 ⭐/);
      assert.match(texts, /Возврат выполнен: 50 ⭐/);
    });

    await t.step("a payment for an unknown or expired tip is refunded too", async () => {
      const unknown = { payload: `tip:${crypto.randomUUID()}`, amount: 5 };
      h.telegram.starPaymentMade("charge-843-3", 5, anna.id, unknown.payload);
      await h.post(successfulPaymentUpdate(anna, { ...unknown, chargeId: "charge-843-3" }));
      const second = await tipFromRating(h, anna, matchId, 10);
      await h.db.query(
        "update public.tips set expires_at = now() - interval '2 hours' where status = 'pending'",
      );
      h.telegram.starPaymentMade("charge-843-4", 10, anna.id, second.payload);
      await h.post(successfulPaymentUpdate(anna, { ...second, chargeId: "charge-843-4" }));
      const reasons = await h.db.query<{ refund_reason: string }>(
        "select refund_reason from public.tip_payments where outcome = 'refund' order by received_at",
      );
      assert.deepEqual(reasons.map((r) => r.refund_reason), [
        "already_paid",
        "unknown_tip",
        "expired",
      ]);
      assert.equal(await ledgerSum(h, boris.userId), 45);
    });
  } finally {
    await h.close();
  }
});

Deno.test("a refund Telegram does not take at once is retried by the beat", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, matchId } = await endedChat(h, [844_001, 844_002]);
    const invoice = await tipFromRating(h, anna, matchId, 10);
    await pay(h, anna, invoice, "charge-844-1");
    h.telegram.starPaymentMade("charge-844-2", 10, anna.id, invoice.payload);
    // Longer than auto-retry waits: the refund is left for the beat.
    h.telegram.failNext("refundStarPayment", {
      errorCode: 429,
      description: "Too Many Requests: retry after 60",
      retryAfter: 60,
    });
    await h.post(successfulPaymentUpdate(anna, { ...invoice, chargeId: "charge-844-2" }));
    h.telegram.clearFailures();
    const refundDeps = { ...h.deps, api: h.bot.api };

    await t.step("the failed refund stays queued", async () => {
      const [row] = await h.db.query<{ refund_status: string }>(
        "select refund_status from public.tip_payments where telegram_payment_charge_id = 'charge-844-2'",
      );
      assert.equal(row!.refund_status, "pending");
    });

    await t.step("the next due beat makes it", async () => {
      await h.db.query("update public.tip_payments set refund_next_at = now()");
      assert.equal(await processDueRefunds(refundDeps), 1);
      const [row] = await h.db.query<{ refund_status: string }>(
        "select refund_status from public.tip_payments where telegram_payment_charge_id = 'charge-844-2'",
      );
      assert.equal(row!.refund_status, "done");
    });

    await t.step("CHARGE_ALREADY_REFUNDED counts as done", async () => {
      await h.db.query(
        "update public.tip_payments set refund_status = 'pending', refund_next_at = now() where telegram_payment_charge_id = 'charge-844-2'",
      );
      assert.equal(await processDueRefunds(refundDeps), 1);
      const last = h.telegram.callsOf("refundStarPayment").at(-1)!;
      assert.equal(last.payload.telegram_payment_charge_id, "charge-844-2");
      const [row] = await h.db.query<{ refund_status: string }>(
        "select refund_status from public.tip_payments where telegram_payment_charge_id = 'charge-844-2'",
      );
      assert.equal(row!.refund_status, "done");
    });
  } finally {
    await h.close();
  }
});

Deno.test("/refund gives a tip back within the window and takes the share back", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris, matchId } = await endedChat(h, [845_001, 845_002]);
    const invoice = await tipFromRating(h, anna, matchId, 100);
    await pay(h, anna, invoice, "charge-845-1");
    const [tip] = await h.db.query<{ id: string }>("select id from public.tips");

    await t.step("/refund lists the tip; confirming refunds it", async () => {
      await h.post(textUpdate(anna, "/refund"));
      const list = lastWithButton(h.telegram, anna.id, "p:r:")!;
      assert.deepEqual(buttonsOf(list), [`p:r:${tip!.id}`]);
      await h.post(callbackUpdate(anna, `p:r:${tip!.id}`));
      assert.match(h.telegram.lastTextTo(anna.id)!, /Вернуть 100 ⭐\?/);
      await h.post(callbackUpdate(anna, `p:ry:${tip!.id}`));
      assert.equal(h.telegram.callsOf("refundStarPayment").length, 1);
      assert.equal((await tipRows(h))[0]!.status, "refunded");
      assert.equal(await ledgerSum(h, boris.userId), 0);
      assert.match(h.telegram.textsTo(anna.id).join("\n"), /Возврат выполнен: 100 ⭐/);
    });

    await t.step("a second tap changes nothing", async () => {
      await h.post(callbackUpdate(anna, `p:ry:${tip!.id}`));
      assert.match(h.telegram.lastTextTo(anna.id)!, /уже возвращены/);
      assert.equal(h.telegram.callsOf("refundStarPayment").length, 1);
    });

    await t.step("after the window a tip cannot be taken back", async () => {
      const second = await tipFromRating(h, anna, matchId, 10);
      await pay(h, anna, second, "charge-845-2");
      await h.db.query(
        "update public.tips set paid_at = now() - interval '49 hours' where status = 'paid'",
      );
      await h.post(textUpdate(anna, "/refund"));
      assert.match(h.telegram.lastTextTo(anna.id)!, /нет чаевых, которые можно вернуть/);
      const [paid] = await h.db.query<{ id: string }>(
        "select id from public.tips where status = 'paid'",
      );
      await h.post(callbackUpdate(anna, `p:ry:${paid!.id}`));
      assert.match(h.telegram.lastTextTo(anna.id)!, /Срок возврата \(48 ч после оплаты\) прошёл/);
    });

    await t.step("the partner cannot refund someone else's tip", async () => {
      const [paid] = await h.db.query<{ id: string }>(
        "select id from public.tips where status = 'paid'",
      );
      await h.post(callbackUpdate(boris, `p:ry:${paid!.id}`));
      assert.equal((await tipRows(h)).filter((row) => row.status === "paid").length, 1);
    });
  } finally {
    await h.close();
  }
});

Deno.test("«Другая сумма» takes a typed amount within the limits", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris, matchId } = await endedChat(h, [846_001, 846_002]);
    await t.step("a number after «Другая сумма» becomes the invoice", async () => {
      await h.post(callbackUpdate(anna, `p:c:${matchId}`));
      assert.match(h.telegram.lastTextTo(anna.id)!, /от 1 до 2\s?500 ⭐/);
      await h.post(textUpdate(anna, "77"));
      assert.equal(lastInvoice(h, anna.id).amount, 77);
    });
    await t.step("an amount over the limit is refused politely", async () => {
      await h.post(callbackUpdate(anna, `p:c:${matchId}`));
      await h.post(textUpdate(anna, "99999"));
      assert.match(h.telegram.lastTextTo(anna.id)!, /от 1 до 2\s?500 ⭐/);
      assert.equal(h.telegram.callsOf("sendInvoice", anna.id).length, 1);
    });
    await t.step("a number without a draft is not a tip", async () => {
      await h.post(textUpdate(anna, "42"));
      assert.equal(h.telegram.callsOf("sendInvoice", anna.id).length, 1);
    });
    await t.step("forged or foreign buttons get a polite answer", async () => {
      await h.post(callbackUpdate(anna, "p:a:nonsense:10"));
      assert.match(
        h.telegram.callsOf("answerCallbackQuery").at(-1)!.payload.text,
        /неактуальна/,
      );
      const stranger = { ...boris, id: 846_009 };
      await h.post(callbackUpdate(stranger, `p:a:${matchId}:10`));
      assert.equal(h.telegram.callsOf("sendInvoice", stranger.id).length, 0);
    });
  } finally {
    await h.close();
  }
});

Deno.test("/paysupport and /terms answer, as Telegram requires for digital goods", async () => {
  const h = await startTestBot({ paymentsSupportContact: "@ty_ne_odin_help" });
  try {
    const { anna } = await endedChat(h, [847_001, 847_002]);
    await h.post(textUpdate(anna, "/paysupport"));
    assert.match(h.telegram.lastTextTo(anna.id)!, /напишите @ty_ne_odin_help/);
    await h.post(textUpdate(anna, "/terms"));
    assert.match(h.telegram.lastTextTo(anna.id)!, /в течение 48 ч после оплаты/);
  } finally {
    await h.close();
  }
});

Deno.test("the daily reconciliation finds what the ledger and Telegram disagree on", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, matchId } = await endedChat(h, [848_001, 848_002]);
    const invoice = await tipFromRating(h, anna, matchId, 10);
    await pay(h, anna, invoice, "charge-848-1");

    await t.step("a matching ledger has no differences", async () => {
      const report = await reconcileStars(h.db, h.bot.api);
      assert.deepEqual(report, { transactions: 1, differences: 0 });
    });

    await t.step("paging reads every transaction, 100 per call", async () => {
      for (let i = 0; i < 230; i++) {
        h.telegram.starPaymentMade(`foreign-${i}`, 1, 848_999, "tip:foreign");
      }
      h.telegram.clear();
      const report = await reconcileStars(h.db, h.bot.api);
      assert.equal(h.telegram.callsOf("getStarTransactions").length, 3);
      assert.deepEqual(report, { transactions: 231, differences: 230 });
      const kinds = await h.db.query<{ kind: string; n: number }>(
        `select kind, count(*)::int as n from admin.tip_reconciliation
          where reconciliation_id = (select max(id) from public.star_reconciliations)
          group by kind`,
      );
      assert.deepEqual(kinds, [{ kind: "missing_in_ledger", n: 230 }]);
    });
  } finally {
    await h.close();
  }
});
