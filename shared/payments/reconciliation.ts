import type { Api } from "grammy";
import type { StarTransaction } from "grammy/types";
import type { Db } from "../db/db.ts";

/** getStarTransactions answers at most 100 per call. */
const PAGE_SIZE = 100;
/** 1,000 pages = 100,000 transactions: far beyond this bot's volume; stops a runaway loop. */
const MAX_PAGES = 1_000;

export interface ReconciliationReport {
  transactions: number;
  differences: number;
}

/** Every Star transaction of the bot, oldest first, page by page. */
export async function fetchStarTransactions(api: Api): Promise<StarTransaction[]> {
  const all: StarTransaction[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const { transactions } = await api.getStarTransactions({
      offset: page * PAGE_SIZE,
      limit: PAGE_SIZE,
    });
    all.push(...transactions);
    if (transactions.length < PAGE_SIZE) break;
  }
  return all;
}

/**
 * Compares the payments in the ledger with Telegram's transactions and stores the run and each
 * difference (admin.tip_reconciliation). Only ids, amounts, dates and the partner type are
 * passed on: the user objects in the transactions stay here.
 */
export async function reconcileStars(db: Db, api: Api): Promise<ReconciliationReport> {
  const transactions = await fetchStarTransactions(api);
  const slim = transactions.map((tx) => ({
    id: tx.id,
    amount: tx.amount,
    date: tx.date,
    source: tx.source ? { type: tx.source.type } : undefined,
    receiver: tx.receiver ? { type: tx.receiver.type } : undefined,
  }));
  const result = await db.call<{ differences: number }>("record_star_reconciliation", {
    p_transactions: slim,
  });
  return { transactions: transactions.length, differences: Number(result.differences ?? 0) };
}

/** Runs the reconciliation when a day has passed since the last one. */
export async function reconcileStarsIfDue(
  db: Db,
  api: Api,
): Promise<ReconciliationReport | null> {
  const due = await db.call<boolean>("star_reconciliation_due");
  return due ? await reconcileStars(db, api) : null;
}
