/** Answers of the tip SQL functions (supabase/migrations/20261123001000_create_tips.sql). */

export type TipTargetStatus = "not_found" | "chat_active" | "not_available" | "recipient_gone";

export type TipOfferResult =
  | { status: TipTargetStatus }
  | {
    status: "ok";
    match_id: string;
    recipient_pseudonym: string;
    presets: number[];
    min_amount: number;
    max_amount: number;
    commission_percent: number | string;
  };

export type CreateTipResult =
  | { status: TipTargetStatus | "too_many_pending" }
  | { status: "invalid_amount"; min_amount: number; max_amount: number }
  | {
    status: "ok";
    tip_id: string;
    payload: string;
    amount: number;
    currency: "XTR";
    commission_percent: number | string;
    platform_commission: number;
    recipient_share: number;
    recipient_pseudonym: string;
    expires_at: string;
  };

export type CheckoutProblem =
  | "unknown_tip"
  | "wrong_payer"
  | "already_paid"
  | "expired"
  | "mismatch"
  | "wrong_currency"
  | "recipient_gone";

export type CheckoutResult = { ok: true } | { ok: false; reason: CheckoutProblem };

export type RecordPaymentResult =
  | { status: "duplicate" }
  | { status: "refund"; reason: CheckoutProblem; amount: number }
  | {
    status: "credited";
    tip_id: string;
    amount: number;
    platform_commission: number;
    recipient_share: number;
  };

/** A claimed refund (claim_tip_refunds, claim_tip_refund). */
export interface DueRefund {
  charge_id: string;
  payer_tg_id: number | null;
  attempts: number;
  /** For a tip that was credited and whose recipient still has a profile: what they are told. */
  recipient_notice: RefundNoticeFacts | null;
}

export interface RefundNoticeFacts {
  amount: number;
  share: number;
  payer_pseudonym: string;
  refund_hours: number;
}

export type RefundOutcome = "done" | "retry" | "failed";

/** How one refundStarPayment call went; a 429 carries how long Telegram asked to wait. */
export interface RefundAttempt {
  outcome: RefundOutcome;
  retryAfterSeconds?: number;
}

export type RequestRefundResult =
  | { status: "not_found" | "already_refunded" }
  | { status: "too_late"; refund_hours: number }
  | { status: "ok"; charge_id: string; amount: number };

export interface RefundableTip {
  tip_id: string;
  amount: number;
  paid_at: string;
  recipient_pseudonym: string;
}

export interface TipBalance {
  available: number;
  pending: number;
  earned: number;
  paid_out: number;
}

export type TipsOverview =
  | { status: "not_registered" }
  | {
    status: "ok";
    balance: TipBalance;
    refund_hours: number;
    chats: Array<{ match_id: string; pseudonym: string; ended_at: string }>;
  };

export type TipDraftResult =
  | { status: TipTargetStatus }
  | { status: "ok"; min_amount: number; max_amount: number; recipient_pseudonym: string };
