import type { Context, MiddlewareFn } from "grammy";
import type { Db } from "../db/db.ts";
import { type LlmPerson, withLlmPrivacy } from "./gate.ts";

/** A Telegram user as an update or Mini App initData gives it. */
export interface TelegramUser {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
}

/**
 * The people whose names may be in what this user's request sends to a model: the user (their
 * Telegram name from the update, never stored for this, and their pseudonym) and, during a
 * chat, their partner's pseudonym. The partner's Telegram name is not known here: the bot does
 * not keep Telegram names, and will not start doing so for this. Read only when a model call is
 * actually made (one `coach_state` call, a second only outside a chat).
 */
export async function peopleOf(db: Db, user: TelegramUser): Promise<LlmPerson[]> {
  const self: LlmPerson = {
    names: [user.first_name, user.last_name],
    username: user.username ?? null,
  };
  const state = await db.call<{ status: string; pseudonym?: string; partner_pseudonym?: string }>(
    "coach_state",
    { p_tg_id: user.id },
  );
  if (state.status === "ok") {
    return [{ ...self, pseudonym: state.pseudonym ?? null }, {
      pseudonym: state.partner_pseudonym ?? null,
    }];
  }
  if (state.status === "not_registered") return [self];
  const profile = await db.call<{ pseudonym?: string | null } | null>("get_user_state", {
    p_tg_id: user.id,
  });
  return [{ ...self, pseudonym: profile?.pseudonym ?? null }];
}

/**
 * Opens a privacy scope for each update with a sender: every model call made while handling
 * it (moderation of a relayed message, a coach hint, a diary analysis, a profile embedding)
 * knows the sender's names and the chat's pseudonyms.
 */
export function llmPrivacyScope<C extends Context>(db: Db): MiddlewareFn<C> {
  return (ctx, next) => {
    const user = ctx.from;
    if (!user) return next();
    return withLlmPrivacy({ people: () => peopleOf(db, user) }, next);
  };
}
