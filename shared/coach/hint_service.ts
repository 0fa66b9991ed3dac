import type { Db } from "../db/db.ts";
import type { Logger } from "../platform/logger.ts";
import type { Metrics } from "../metrics/metrics.ts";
import { anonymizeForLlm, findPersonalData } from "./anonymize.ts";
import type { Coach, CoachRequest, Hint } from "./coach.ts";
import type { CoachContextStore } from "./context_store.ts";
import { checkHintText, checkModelHint, type HintCheck, type HintModerator } from "./hint_guard.ts";

export interface CoachState {
  status: "not_registered" | "no_chat" | "ok";
  match_id?: string;
  opted_in?: boolean | null;
  partner_opted_in?: boolean | null;
  partner_tg_id?: number;
  suppressed?: boolean;
  pseudonym?: string;
  partner_pseudonym?: string;
  topics?: string[];
}

export type HintOutcome =
  | { status: "not_registered" | "no_chat" | "not_in_rollout" | "not_opted_in" | "crisis" }
  | { status: "ok"; matchId: string; coach: string; hints: Array<Hint & { id: string }> };

export interface HintServiceDeps {
  db: Db;
  /** The configured coach (the OpenAI one when set up) and the rule-based fallback. */
  coach: Coach;
  fallback: Coach;
  store: CoachContextStore;
  metrics: Metrics;
  logger: Logger;
  /** Share of chats (by match id) where the coach is offered, 0-100; 0 switches it off. */
  rolloutPercent: number;
  /** The coach gets this long before the fallback answers (the adapter has its own timeout). */
  timeoutMs?: number;
  /**
   * A moderation endpoint (OpenAI's, when a key is set): the model coach's hints that passed
   * `checkHintText` go there before anyone sees them; flagged ones are dropped, and all of them
   * when it cannot answer. The rule-based coach's templates are not sent.
   */
  moderator?: HintModerator;
}

/** Characters of context a request carries: the latest words matter most. */
const LINE_CHARS = 400;

/**
 * The coach's rules in one place, for the bot and the API: only in chats of the rollout, only
 * for a person who opted in, never while a crisis flag is on the chat; the context is
 * anonymised before it is stored; every hint is checked (no personal data, no crisis words, no
 * advice to harm oneself or others, no abuse, no placeholder, no diagnosis, no medical or legal
 * advice, no promise, no echoed instruction) before anyone sees it, and a model's hints also by
 * the moderation endpoint when one is configured; a coach that fails, times out or says nothing
 * usable is replaced by the rule-based one.
 */
export function createHintService(deps: HintServiceDeps) {
  async function stateOf(tgId: number): Promise<CoachState> {
    return await deps.db.call<CoachState>("coach_state", { p_tg_id: tgId });
  }

  /** Whether the coach works in this person's active chat at all (the rollout). */
  function covers(state: CoachState): boolean {
    return state.status === "ok" && inRollout(state.match_id!, deps.rolloutPercent);
  }

  function allowed(state: CoachState): HintOutcome["status"] {
    if (state.status !== "ok") return state.status;
    if (!inRollout(state.match_id!, deps.rolloutPercent)) return "not_in_rollout";
    if (state.opted_in !== true) return "not_opted_in";
    if (state.suppressed) return "crisis";
    return "ok";
  }

  /** Keeps an anonymised line of a rollout chat where either side opted in. */
  async function remember(tgId: number, text: string, state?: CoachState): Promise<void> {
    const current = state ?? await stateOf(tgId);
    if (!covers(current)) return;
    if (current.opted_in !== true && current.partner_opted_in !== true) return;
    const clean = anonymizeForLlm(text, {
      pseudonyms: pseudonymsOf(current),
      maxLength: LINE_CHARS,
    });
    // A store that fails must not stop the relay: the coach just knows less.
    await deps.store.append(current.match_id!, { from: tgId, text: clean.text })
      .catch((error) => storeFailed("append", error));
  }

  function storeFailed(operation: string, error: unknown): void {
    deps.metrics.inc("coach_store_failures_total", { operation });
    deps.logger.warn("coach_store_failed", {
      operation,
      error: error instanceof Error ? error.name : typeof error,
    });
  }

  async function hintsFor(
    tgId: number,
    options: { draft?: string; source: "bot" | "api" },
  ): Promise<HintOutcome> {
    const state = await stateOf(tgId);
    const status = allowed(state);
    if (status !== "ok") return { status } as HintOutcome;
    const matchId = state.match_id!;
    const lines = await deps.store.recent(matchId).catch((error) => {
      storeFailed("recent", error);
      return [];
    });
    const context = lines.map((line) => ({
      from: line.from === tgId ? "self" as const : "partner" as const,
      text: line.text,
    }));
    const draft = options.draft
      ? anonymizeForLlm(options.draft, { pseudonyms: pseudonymsOf(state), maxLength: LINE_CHARS })
        .text
      : undefined;
    const request: CoachRequest = {
      topics: state.topics ?? [],
      context,
      lastOwnMessage: draft ?? context.findLast((line) => line.from === "self")?.text ?? null,
    };
    const partnerLast = context.findLast((line) => line.from === "partner")?.text ?? "";
    let coach = deps.coach;
    let hints = await ask(deps.coach, request, partnerLast);
    if (hints.length === 0 && deps.coach !== deps.fallback) {
      coach = deps.fallback;
      hints = await ask(deps.fallback, request, partnerLast);
    }
    if (hints.length === 0) return { status: "ok", matchId, coach: coach.name, hints: [] };
    const recorded = await deps.db.call<{ status: string; ids?: string[] }>("record_ai_hints", {
      p_tg_id: tgId,
      p_match_id: matchId,
      p_types: hints.map((hint) => hint.type),
      p_coach: coach.name,
      p_source: options.source,
    });
    if (recorded.status !== "ok" || !recorded.ids) return { status: "no_chat" };
    const shown = hints.map((hint, index) => ({ ...hint, id: recorded.ids![index]! }));
    await deps.store.rememberHints(tgId, shown.map(({ id, text }) => ({ id, text })))
      .catch((error) => storeFailed("remember_hints", error));
    for (const hint of shown) deps.metrics.inc("coach_hints_total", { type: hint.type });
    return { status: "ok", matchId, coach: coach.name, hints: shown };
  }

  /** A coach's hints that pass every check; none when it fails or takes too long. */
  async function ask(coach: Coach, request: CoachRequest, partnerLast: string): Promise<Hint[]> {
    const timeout = AbortSignal.timeout(deps.timeoutMs ?? 5000);
    try {
      const hints = await coach.hints(request, timeout);
      // A language model's hints also go through the learned check; the rule coach's are ours.
      const check = coach === deps.fallback ? checkHintText : checkModelHint;
      let safe = hints.filter((hint) => isShowable(hint.text, partnerLast, check)).slice(0, 3);
      if (deps.moderator && coach !== deps.fallback && safe.length > 0) {
        safe = await moderated(deps.moderator, safe, coach);
      }
      const dropped = hints.length - safe.length;
      if (dropped > 0) {
        deps.metrics.inc("coach_hints_dropped_total", { coach: kindOf(coach) }, dropped);
      }
      return safe;
    } catch (error) {
      deps.metrics.inc("coach_failures_total", { coach: kindOf(coach) });
      deps.logger.warn("coach_failed", {
        coach: kindOf(coach),
        error: error instanceof Error ? error.name : typeof error,
      });
      return [];
    }
  }

  /** The hints the moderation endpoint does not flag; none when it cannot answer. */
  async function moderated(moderator: HintModerator, hints: Hint[], coach: Coach): Promise<Hint[]> {
    try {
      const flagged = await moderator.flagged(hints.map((hint) => hint.text));
      return hints.filter((_, index) => flagged[index] === false);
    } catch (error) {
      deps.metrics.inc("coach_moderation_failures_total", { coach: kindOf(coach) });
      deps.logger.warn("coach_moderation_failed", {
        error: error instanceof Error ? error.name : typeof error,
      });
      return [];
    }
  }

  /** A sent text that is one of the hints just shown (edited a little or not) counts it used. */
  async function noticeSent(tgId: number, text: string): Promise<boolean> {
    const shown = await deps.store.shownHints(tgId).catch((error) => {
      storeFailed("shown_hints", error);
      return [];
    });
    const sent = comparable(text);
    const used = shown.find((hint) => {
      const offered = comparable(hint.text);
      return sent === offered || (offered.length >= 20 && sent.startsWith(offered.slice(0, 20)));
    });
    if (!used) return false;
    await deps.db.call("accept_ai_hint", { p_tg_id: tgId, p_hint_id: used.id });
    deps.metrics.inc("coach_hints_accepted_total");
    return true;
  }

  /** The chat ended: its lines go at once. */
  async function forget(matchId: string): Promise<void> {
    await deps.store.drop(matchId).catch((error) => storeFailed("drop", error));
  }

  return { stateOf, covers, remember, hintsFor, noticeSent, forget };
}

export type HintService = ReturnType<typeof createHintService>;

/** The same chats are in the rollout on every instance: a hash of the match id, 0-99. */
export function inRollout(matchId: string, percent: number): boolean {
  let hash = 0x811c9dc5;
  for (const char of matchId) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 100 < percent;
}

/**
 * Safe to show: passes `check` (the guard; a language model's hints add the learned check), carries
 * no personal data, does not repeat the partner.
 */
export function isShowable(
  text: string,
  partnerLast: string,
  check: (text: string) => HintCheck = checkHintText,
): boolean {
  if (!check(text).ok) return false;
  if (findPersonalData(text).length > 0) return false;
  const partner = comparable(partnerLast);
  return partner.length < 12 || !comparable(text).includes(partner);
}

/** The sender's pseudonym and their partner's, with the tokens that replace them. */
function pseudonymsOf(state: CoachState): Array<{ name: string; token: string }> {
  return [
    { name: state.pseudonym ?? "", token: "[автор]" },
    { name: state.partner_pseudonym ?? "", token: "[адресат]" },
  ].filter((p) => p.name.length > 0);
}

function comparable(text: string): string {
  return text.toLowerCase().replaceAll("ё", "е").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

function kindOf(coach: Coach): string {
  return coach.name.startsWith("openai:") ? "openai" : "rules";
}
