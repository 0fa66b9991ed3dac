import type { SanctionInfo } from "../safety/sanctions.ts";

/**
 * Result shapes of the matching SQL functions (see notes/MATCHING_CONTRACT.md). Every result
 * carries `status`, so callers switch on it.
 */
export type FindPartnerResult =
  | { status: "profile_incomplete" | "already_in_chat" | "proposal_pending" }
  | { status: "already_searching"; waiting_seconds?: number; expires_at?: string }
  | { status: "queued"; arm?: string }
  | { status: "proposed"; match_id: string }
  /** A mute or ban is in force (see shared/safety/sanctions.ts). */
  | ({ status: "restricted" } & SanctionInfo);

export type CancelSearchResult = { status: "cancelled" | "not_searching" };

export type RespondResult = {
  status:
    | "waiting_for_partner"
    | "chat_started"
    | "declined"
    | "expired"
    | "not_found"
    | "already_answered";
};

export type TickResult = {
  status: "ok";
  pairs: number;
  expired_proposals: number;
  expired_queue: number;
};

export type RelayTargetResult =
  | { status: "no_chat" }
  | {
    status: "ok";
    match_id: string;
    partner_tg_id: number | string;
    partner_reply_to_message_id: number | null;
  };

export type RelayedCopyResult =
  | { status: "not_found" }
  | { status: "ok"; partner_tg_id: number | string; partner_message_id: number };

export type EndReason = "stop" | "next" | "gone" | "deleted";

export type EndChatResult =
  | { status: "no_chat" }
  | {
    status: "ended";
    match_id: string;
    partner_tg_id: number | string;
    duration_seconds: number | string | null;
  };

/** `duration_seconds` is set when the block or report ended an active chat. */
export type BlockResult = {
  status: "blocked" | "not_found";
  duration_seconds?: number | string | null;
};
export type ReportResult = {
  status: "reported" | "not_found" | "invalid_reason";
  duration_seconds?: number | string | null;
};
export type RateResult = { status: "saved" | "already_rated" | "not_found" | "invalid_score" };

export type MatchStatusResult = {
  status: "idle" | "searching" | "proposed" | "waiting_for_partner" | "in_chat";
  match_id?: string;
  waiting_seconds?: number;
  expires_at?: string;
};

export interface OutboxItem {
  id: number | string;
  tg_id: number | string;
  kind: string;
  // deno-lint-ignore no-explicit-any
  payload: Record<string, any>;
  attempts: number;
  /** Set for 'api_call' and 'relay' rows: the Bot API method to call with payload.params. */
  method?: string | null;
  /** For a relay that answers an earlier message: the recipient-side id of that message. */
  reply_to_message_id?: number | null;
}

export type ClaimOutboxResult = { status: "ok"; items: OutboxItem[] };

export type OutboxResult = "sent" | "retry" | "gone" | "failed";
/** What complete_outbox also accepts: a row not tried because an older one failed first. */
export type OutboxCompletion = OutboxResult | "release";

export type MatchingMetricsResult = {
  queue_size: number;
  active_chats: number;
  proposals_pending: number;
  proposals_total: number;
  accepted_total: number;
  declined_total: number;
  expired_total: number;
  chats_ended_total: number;
};

/** bigint columns may arrive as strings through some drivers. */
export function asNumber(value: number | string | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** record_toxic_message: the sanction taken by this strike, if any. */
export type ToxicStrikeResult =
  | { status: "unknown_user" }
  | { status: "ok"; strikes: number; sanction: SanctionInfo | null };
