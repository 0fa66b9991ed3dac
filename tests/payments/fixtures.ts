import type { TestBot } from "../support/harness.ts";
import type { RecordedCall } from "../support/fake_telegram.ts";
import type { SqlDb } from "../../shared/db/db.ts";
import {
  callbackUpdate,
  preCheckoutUpdate,
  successfulPaymentUpdate,
  textUpdate,
} from "../support/updates.ts";
import { type OnboardedUser, startChat } from "../chat/fixtures.ts";

/** Two users whose chat ended with /stop (both were asked to rate it). */
export async function endedChat(
  h: TestBot,
  tgIds: [number, number],
): Promise<{ anna: OnboardedUser; boris: OnboardedUser; matchId: string }> {
  const pair = await startChat(h, tgIds);
  await h.post(callbackUpdate(pair.anna, "c:end:y"));
  return pair;
}

export interface SentInvoice {
  payload: string;
  amount: number;
  currency: string;
  call: RecordedCall;
}

/** The last invoice sent to a chat. */
export function lastInvoice(h: TestBot, chatId: number): SentInvoice {
  const call = h.telegram.callsOf("sendInvoice", chatId).at(-1);
  if (!call) throw new Error(`no invoice was sent to ${chatId}`);
  return {
    payload: String(call.payload.payload),
    amount: Number(call.payload.prices[0].amount),
    currency: String(call.payload.currency),
    call,
  };
}

/** The payer pays: pre-checkout (answered by the bot), then the payment itself. */
export async function pay(
  h: TestBot,
  payer: OnboardedUser,
  invoice: { payload: string; amount: number; currency?: string },
  chargeId: string,
): Promise<{ approved: boolean }> {
  await h.post(preCheckoutUpdate(payer, invoice));
  const answer = h.telegram.callsOf("answerPreCheckoutQuery").at(-1);
  if (!answer?.payload.ok) return { approved: false };
  h.telegram.starPaymentMade(chargeId, invoice.amount, payer.id, invoice.payload);
  await h.post(successfulPaymentUpdate(payer, { ...invoice, chargeId }));
  return { approved: true };
}

/** «Другая сумма» and a typed amount: any amount's invoice, as the payer gets it in the bot. */
export async function tipViaBot(
  h: TestBot,
  payer: OnboardedUser,
  matchId: string,
  amount: number,
): Promise<SentInvoice> {
  await h.post(callbackUpdate(payer, `p:c:${matchId}`));
  await h.post(textUpdate(payer, String(amount)));
  const invoice = lastInvoice(h, payer.id);
  if (invoice.amount !== amount) throw new Error(`no invoice for ${amount} ⭐`);
  return invoice;
}

/** Moves the tip tables' clocks back, as if `seconds` had passed (matches are left alone). */
export async function letTimePass(db: SqlDb, seconds: number): Promise<void> {
  const by = `${seconds} seconds`;
  await db.query(
    `update public.tips
        set created_at = created_at - $1::interval, expires_at = expires_at - $1::interval,
            paid_at = paid_at - $1::interval, refunded_at = refunded_at - $1::interval`,
    [by],
  );
  await db.query(
    `update public.tip_ledger
        set available_at = available_at - $1::interval, created_at = created_at - $1::interval`,
    [by],
  );
  await db.query(
    `update public.tip_payments
        set refund_next_at = refund_next_at - $1::interval,
            received_at = received_at - $1::interval, refunded_at = refunded_at - $1::interval`,
    [by],
  );
}
