import { Composer, GrammyError } from "grammy";
import type { BotContext } from "../bot/context.ts";
import type { BotDeps } from "../bot/deps.ts";
import { loadSosCard } from "../safety/hotlines.ts";
import { ALL_WINDOWS_MASK, hoursFromMask } from "./availability.ts";
import { parseProfileCallback, type ProfileCallback } from "./callbacks.ts";
import {
  createProfileRepo,
  type ProfileRepo,
  type ProfileState,
  type StepResult,
} from "./profile_repo.ts";
import { formatUtcOffset, timezoneByCode, TIMEZONES } from "./timezones.ts";
import {
  BIO_MAX,
  checkBio,
  checkPseudonym,
  MAX_IMPORTANT_TOPICS,
  MAX_TOPICS,
  MIN_AGE,
  MIN_TOPICS,
  parseBirthYear,
  parseUtcOffset,
  PSEUDONYM_MAX,
  PSEUDONYM_MIN,
} from "./validation.ts";
import {
  availabilityMaskOf,
  availabilityView,
  bioView,
  birthYearView,
  cardView,
  deleteConfirmView,
  embeddingText,
  importantTopicsView,
  pseudonymView,
  purposeView,
  rulesView,
  tidy,
  timezoneView,
  topicGroupsView,
  topicGroupView,
  type View,
} from "./views.ts";
import { overLimit } from "../safety/rate_limits.ts";
import { maskPii } from "../safety/pii.ts";
import { createOfflineModerator } from "../safety/text_moderator.ts";
import { respondToCrisis } from "../safety/crisis_response.ts";
import { detectCrisis } from "../safety/crisis.ts";
import { sosText } from "../safety/safety_feature.ts";
import { NOTHING_FOUND, type TextVerdict } from "../safety/text_moderator.ts";

const offlineModerator = createOfflineModerator();

/** A /delete confirmation older than this is refused: the user has to ask again. */
const DELETE_CONFIRMATION_SECONDS = 10 * 60;

/** Longest text we even look at while waiting for an answer (a pasted essay is refused). */
const MAX_INPUT_CHARS = 1000;

type Mode = "reply" | "edit";

/** Refusals with their own explanation (profile-pseudonym-<reason>). */
const PSEUDONYM_REFUSALS = [
  "too_short",
  "too_long",
  "invalid",
  "phone",
  "email",
  "username",
  "link",
  "full_name",
  "abusive",
];

/**
 * Onboarding (/start), the profile card with editing (/profile) and erasure (/delete).
 * Dialog state lives only in the database (users.onboarding_step and awaiting_input), so any
 * instance can take any update and an interrupted onboarding resumes where it stopped.
 */
export function createProfileFeature(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const feature = composer.chatType("private");
  const repo = createProfileRepo(deps.db);
  const flow = new ProfileFlow(deps, repo);

  feature.command("start", (ctx) => flow.start(ctx));
  feature.command("profile", (ctx) => flow.profile(ctx));
  feature.command("delete", (ctx) => flow.askDelete(ctx));

  feature.on("callback_query:data", async (ctx, next) => {
    const parsed = parseProfileCallback(ctx.callbackQuery.data);
    if (parsed === null) return next();
    if (parsed === "invalid") {
      await ctx.answerCallbackQuery({ text: ctx.t("profile-button-stale") });
      return;
    }
    await flow.onCallback(ctx, parsed);
  });

  feature.on("message", async (ctx, next) => {
    // Commands go to their features (or to "unknown command"), never into a profile field.
    if (ctx.message.text?.startsWith("/")) return next();
    const handled = await flow.onMessage(ctx);
    if (!handled) await next();
  });

  return composer;
}

class ProfileFlow {
  constructor(private readonly deps: BotDeps, private readonly repo: ProfileRepo) {}

  // ---- commands ------------------------------------------------------------------------------

  async start(ctx: BotContext): Promise<void> {
    const state = await this.repo.ensureUser(ctx.from!.id);
    if (state.onboarding_step === "done") {
      // A fresh start abandons a half-finished edit, so stray text is not taken as an answer.
      if (state.awaiting_input) await this.repo.setAwaitingInput(ctx.from!.id, null);
      await ctx.reply(ctx.t("profile-welcome-back", { pseudonym: state.pseudonym ?? "" }));
      return;
    }
    const resuming = !state.created && state.onboarding_step !== "rules";
    await this.showStep(ctx, state, "reply", resuming ? ctx.t("profile-resume") : undefined);
  }

  async profile(ctx: BotContext): Promise<void> {
    const tgId = ctx.from!.id;
    const state = await this.repo.state(tgId);
    if (!state) {
      await ctx.reply(ctx.t("profile-not-registered"));
      return;
    }
    if (state.onboarding_step !== "done") {
      await this.showStep(ctx, state, "reply", ctx.t("profile-finish-onboarding-first"));
      return;
    }
    // Opening the card abandons a half-finished edit, so stray text is not taken as an answer.
    if (state.awaiting_input) await this.repo.setAwaitingInput(tgId, null);
    await this.showCard(ctx, "reply");
  }

  async askDelete(ctx: BotContext): Promise<void> {
    const nowSeconds = Math.floor(this.deps.clock.now().getTime() / 1000);
    await this.present(ctx, deleteConfirmView(ctx, nowSeconds), "reply");
  }

  // ---- free-text answers ---------------------------------------------------------------------

  /** Takes the answer the user's state waits for; false when this message is not for us. */
  async onMessage(ctx: BotContext): Promise<boolean> {
    const tgId = ctx.from!.id;
    const state = await this.repo.state(tgId);
    if (!state) return false;
    const awaiting = state.awaiting_input;
    if (!awaiting) {
      if (state.onboarding_step === "done") return false;
      // Mid-onboarding on a button step: remind where we are.
      await this.showStep(ctx, state, "reply", ctx.t("profile-use-buttons"));
      return true;
    }
    const text = ctx.message?.text;
    if (text === undefined) {
      await ctx.reply(ctx.t("profile-need-text"));
      return true;
    }
    if (text.length > MAX_INPUT_CHARS) {
      await ctx.reply(ctx.t("profile-text-too-long"));
      return true;
    }
    if (await overLimit(this.deps.rateLimits, ctx, "onboarding")) return true;
    switch (awaiting) {
      case "birth_year":
        await this.onBirthYear(ctx, text);
        break;
      case "pseudonym":
        await this.onPseudonym(ctx, text, await this.moderate(ctx, text));
        break;
      case "timezone":
        await this.onTypedTimezone(ctx, text);
        break;
      case "bio": {
        const verdict = await this.moderate(ctx, text);
        await this.onBio(ctx, text, verdict);
        // Whatever became of the bio, someone who writes this gets the help offered.
        if (verdict.crisis) await respondToCrisis(ctx, this.deps, verdict.crisis, "bio");
        break;
      }
    }
    return true;
  }

  /** What the moderator (offline lists, or an LLM when configured) finds in a typed answer. */
  private async moderate(ctx: BotContext, text: string): Promise<TextVerdict> {
    if (!text.trim()) return NOTHING_FOUND;
    // Masked first: contact details never leave for an LLM provider.
    const masked = maskPii(text, ctx.t("chat-pii-mask")).text;
    return await (this.deps.moderator ?? offlineModerator).check(masked);
  }

  private async onBirthYear(ctx: BotContext, text: string): Promise<void> {
    const currentYear = this.deps.clock.now().getUTCFullYear();
    const checked = parseBirthYear(text, currentYear);
    if (!checked.ok) {
      await ctx.reply(await this.birthYearRefusal(ctx, checked.reason));
      return;
    }
    const result = await this.repo.setBirthYear(ctx.from!.id, checked.value);
    if (!result.ok) {
      await ctx.reply(await this.birthYearRefusal(ctx, result.reason));
      return;
    }
    await this.afterStep(ctx, result, "reply");
  }

  private async birthYearRefusal(ctx: BotContext, reason: string): Promise<string> {
    switch (reason) {
      case "too_young": {
        // Under-16s turned away still get a line meant for them (the first children's or youth
        // line on their card: Russia's when the country is not known yet), else the emergency one.
        const card = await loadSosCard(this.deps.db, ctx.from!.id);
        const line = card.lines.find((h) => h.audience === "children" || h.audience === "youth");
        return ctx.t("profile-too-young", { age: MIN_AGE, number: line?.phone ?? card.emergency });
      }
      case "implausible":
        return ctx.t("profile-birth-year-implausible");
      case "already_set":
        return ctx.t("profile-birth-year-already-set");
      default:
        return ctx.t("profile-birth-year-format");
    }
  }

  private async onPseudonym(ctx: BotContext, text: string, verdict: TextVerdict): Promise<void> {
    const checked = checkPseudonym(text);
    // A name that says the person may be in crisis is never shown to anyone: it is refused
    // kindly, with the crisis lines.
    const refused = !checked.ok && checked.reason === "crisis";
    const crisis = verdict.crisis ?? (refused ? detectCrisis(text) : null);
    if (crisis || refused) {
      await ctx.reply(ctx.t("profile-pseudonym-crisis"));
      const shown = crisis ? await respondToCrisis(ctx, this.deps, crisis, "onboarding") : false;
      if (!shown) await ctx.reply(sosText(ctx, await loadSosCard(this.deps.db, ctx.from!.id)));
      return;
    }
    if (checked.ok && verdict.toxicity) {
      await ctx.reply(ctx.t("profile-pseudonym-abusive"));
      return;
    }
    const result = checked.ok
      ? await this.repo.setPseudonym(ctx.from!.id, checked.value)
      : { ok: false as const, reason: checked.reason };
    if (!result.ok) {
      const known = PSEUDONYM_REFUSALS.includes(result.reason);
      await ctx.reply(
        known
          ? ctx.t(`profile-pseudonym-${result.reason.replace("_", "-")}`, {
            min: PSEUDONYM_MIN,
            max: PSEUDONYM_MAX,
          })
          : ctx.t("profile-button-stale"),
      );
      return;
    }
    await this.afterStep(ctx, result, "reply");
  }

  private async onTypedTimezone(ctx: BotContext, text: string): Promise<void> {
    // A typed city from the keyboard ("москва") counts as pressing its button.
    const typed = text.trim().toLowerCase().replaceAll("ё", "е");
    const zone = TIMEZONES.find((z) =>
      ctx.t(`profile-tz-${z.code}`).toLowerCase().replaceAll("ё", "е") === typed
    );
    if (zone) {
      const result = await this.repo.setTimezone(
        ctx.from!.id,
        zone.iana,
        zone.offsetMinutes,
        zone.country,
      );
      if (result.ok) await this.afterStep(ctx, result, "reply");
      else await ctx.reply(ctx.t("profile-button-stale"));
      return;
    }
    const offset = parseUtcOffset(text);
    if (!offset.ok) {
      await ctx.reply(ctx.t("profile-timezone-format"));
      return;
    }
    const name = formatUtcOffset(offset.value).replace("−", "-");
    // A typed offset says nothing about the country: /sos then lists several countries.
    const result = await this.repo.setTimezone(ctx.from!.id, name, offset.value, null);
    if (!result.ok) {
      await ctx.reply(ctx.t("profile-timezone-format"));
      return;
    }
    await this.afterStep(ctx, result, "reply");
  }

  private async onBio(ctx: BotContext, text: string, verdict: TextVerdict): Promise<void> {
    // The moderator may find abuse the offline check let through (an LLM, when configured).
    const checked = verdict.toxicity && checkBio(text).ok
      ? { ok: false as const, reason: "abusive" as const }
      : checkBio(text);
    if (!checked.ok) {
      await ctx.reply(
        ctx.t(`profile-bio-${checked.reason.replace("_", "-")}`, {
          max: BIO_MAX,
          length: [...text.trim()].length,
        }),
      );
      return;
    }
    const result = await this.repo.setBio(ctx.from!.id, checked.value);
    if (!result.ok) {
      await ctx.reply(
        ctx.t("profile-bio-too-long", { max: BIO_MAX, length: checked.value.length }),
      );
      return;
    }
    await this.refreshEmbedding(ctx.from!.id);
    await this.afterStep(ctx, result, "reply");
  }

  // ---- buttons -------------------------------------------------------------------------------

  async onCallback(ctx: BotContext, data: ProfileCallback): Promise<void> {
    const tgId = ctx.from!.id;
    switch (data.action) {
      case "accept_rules": {
        const result = await this.repo.acceptRules(tgId);
        if (!result.ok) return this.refuseButton(ctx, result.reason);
        await ctx.answerCallbackQuery();
        // The rules stay readable above; only their button goes.
        await ctx.editMessageReplyMarkup().catch(ignoreUnchanged);
        if (result.outcome === "unchanged" && result.state.onboarding_step === "done") return;
        await this.showStep(ctx, result.state, "reply");
        return;
      }
      case "timezone": {
        const zone = timezoneByCode(data.code);
        if (!zone) return this.refuseButton(ctx, "invalid");
        const result = await this.repo.setTimezone(
          tgId,
          zone.iana,
          zone.offsetMinutes,
          zone.country,
        );
        if (!result.ok) return this.refuseButton(ctx, result.reason);
        await ctx.answerCallbackQuery();
        await this.afterStep(ctx, result, "edit");
        return;
      }
      case "topic_groups":
      case "topic_group": {
        const picker = await this.repo.topicPicker(tgId);
        if (!picker || !(await this.atStep(tgId, "topics"))) {
          return this.refuseButton(ctx, "wrong_step");
        }
        const view = data.action === "topic_group"
          ? topicGroupView(ctx, picker, data.group)
          : topicGroupsView(ctx, picker);
        if (!view) return this.refuseButton(ctx, "invalid");
        await ctx.answerCallbackQuery();
        await this.present(ctx, view, "edit");
        return;
      }
      case "toggle_topic": {
        const result = await this.repo.toggleTopic(tgId, data.topic);
        if (!result.ok) {
          if (result.reason === "too_many") {
            await ctx.answerCallbackQuery({
              text: ctx.t("profile-topics-too-many", { max: MAX_TOPICS }),
              show_alert: true,
            });
            return;
          }
          return this.refuseButton(ctx, result.reason);
        }
        await ctx.answerCallbackQuery();
        const picker = await this.repo.topicPicker(tgId);
        const group = picker?.topics.find((t) => t.slug === data.topic)?.group_slug;
        const view = picker && group ? topicGroupView(ctx, picker, group) : null;
        if (view) await this.present(ctx, view, "edit");
        return;
      }
      case "topics_done": {
        const result = await this.repo.finishTopics(tgId);
        if (!result.ok) {
          if (result.reason === "too_few") {
            await ctx.answerCallbackQuery({
              text: ctx.t("profile-topics-too-few", { min: MIN_TOPICS }),
              show_alert: true,
            });
            return;
          }
          return this.refuseButton(ctx, result.reason ?? "invalid");
        }
        await ctx.answerCallbackQuery();
        const picker = await this.repo.topicPicker(tgId);
        if (picker) await this.present(ctx, importantTopicsView(ctx, picker), "edit");
        return;
      }
      case "toggle_important": {
        const result = await this.repo.toggleImportant(tgId, data.topic);
        if (!result.ok) {
          if (result.reason === "too_many_important") {
            await ctx.answerCallbackQuery({
              text: ctx.t("profile-important-too-many", { max: MAX_IMPORTANT_TOPICS }),
              show_alert: true,
            });
            return;
          }
          return this.refuseButton(ctx, result.reason);
        }
        await ctx.answerCallbackQuery();
        const picker = await this.repo.topicPicker(tgId);
        if (picker) await this.present(ctx, importantTopicsView(ctx, picker), "edit");
        return;
      }
      case "important_done": {
        const result = await this.repo.finishImportantTopics(tgId);
        if (!result.ok) {
          const key = result.reason === "no_important"
            ? "profile-important-none"
            : result.reason === "too_few"
            ? "profile-topics-too-few"
            : null;
          if (!key) return this.refuseButton(ctx, result.reason);
          await ctx.answerCallbackQuery({
            text: ctx.t(key, { min: MIN_TOPICS }),
            show_alert: true,
          });
          return;
        }
        await ctx.answerCallbackQuery();
        await this.refreshEmbedding(tgId);
        await this.afterStep(ctx, result, "edit");
        return;
      }
      case "skip_bio": {
        const result = await this.repo.setBio(tgId, null);
        if (!result.ok) return this.refuseButton(ctx, result.reason);
        await ctx.answerCallbackQuery();
        await this.refreshEmbedding(tgId);
        await this.afterStep(ctx, result, "edit");
        return;
      }
      case "purpose": {
        const result = await this.repo.setPurpose(tgId, data.purpose);
        if (!result.ok) return this.refuseButton(ctx, result.reason);
        await ctx.answerCallbackQuery();
        await this.afterStep(ctx, result, "edit");
        return;
      }
      case "toggle_window": {
        if (!(await this.atStep(tgId, "availability"))) {
          return this.refuseButton(ctx, "wrong_step");
        }
        await ctx.answerCallbackQuery();
        const editing = (await this.repo.state(tgId))?.onboarding_step === "done";
        const mask = data.mask ^ (1 << data.index);
        await this.present(ctx, availabilityView(ctx, mask, editing), "edit");
        return;
      }
      case "save_windows":
      case "any_time": {
        const mask = data.action === "any_time" ? ALL_WINDOWS_MASK : data.mask;
        if (mask === 0) {
          await ctx.answerCallbackQuery({
            text: ctx.t("profile-availability-empty"),
            show_alert: true,
          });
          return;
        }
        const hours = data.action === "any_time"
          ? Array.from({ length: 24 }, (_, h) => h)
          : hoursFromMask(mask);
        const result = await this.repo.setAvailableHours(tgId, hours);
        if (!result.ok) return this.refuseButton(ctx, result.reason);
        await ctx.answerCallbackQuery();
        await this.afterStep(ctx, result, "edit");
        return;
      }
      case "edit":
        return this.startEdit(ctx, data.field);
      case "cancel_edit": {
        const result = await this.repo.setAwaitingInput(tgId, null);
        if (!result.ok) return this.refuseButton(ctx, result.reason);
        await ctx.answerCallbackQuery();
        await this.showCard(ctx, "edit");
        return;
      }
      case "confirm_delete": {
        const now = Math.floor(this.deps.clock.now().getTime() / 1000);
        const age = now - data.issuedAt;
        if (age > DELETE_CONFIRMATION_SECONDS || age < -60) {
          await ctx.answerCallbackQuery();
          await this.present(ctx, { text: ctx.t("profile-delete-expired") }, "edit");
          return;
        }
        await this.repo.deleteUser(tgId);
        this.deps.metrics.inc("profile_erasures_total");
        await ctx.answerCallbackQuery();
        await this.present(ctx, { text: ctx.t("profile-deleted") }, "edit");
        return;
      }
      case "keep_profile":
        await ctx.answerCallbackQuery();
        await this.present(ctx, { text: ctx.t("profile-delete-kept") }, "edit");
        return;
    }
  }

  private async startEdit(
    ctx: BotContext,
    field: Extract<ProfileCallback, { action: "edit" }>["field"],
  ): Promise<void> {
    const tgId = ctx.from!.id;
    const awaited = field === "pseudonym" || field === "timezone" || field === "bio" ? field : null;
    const result = await this.repo.setAwaitingInput(tgId, awaited);
    if (!result.ok) return this.refuseButton(ctx, result.reason);
    await ctx.answerCallbackQuery();
    switch (field) {
      case "pseudonym":
        return this.present(ctx, pseudonymView(ctx, true), "edit");
      case "timezone":
        return this.present(ctx, timezoneView(ctx, true), "edit");
      case "bio":
        return this.present(ctx, bioView(ctx, true), "edit");
      case "purpose":
        return this.present(ctx, purposeView(ctx, true), "edit");
      case "availability": {
        const card = await this.repo.card(tgId);
        return this.present(ctx, availabilityView(ctx, availabilityMaskOf(card), true), "edit");
      }
      case "topics": {
        const picker = await this.repo.topicPicker(tgId);
        if (picker) await this.present(ctx, topicGroupsView(ctx, picker), "edit");
        return;
      }
    }
  }

  /** A button that does not fit the user's state (old message, other step): say so, change nothing. */
  private async refuseButton(ctx: BotContext, reason: string): Promise<void> {
    const key = reason === "no_user" ? "profile-not-registered" : "profile-button-stale";
    await ctx.answerCallbackQuery({ text: ctx.t(key) });
  }

  /** Buttons of a step work on that step of onboarding, or any time once it is done. */
  private async atStep(tgId: number, step: ProfileState["onboarding_step"]): Promise<boolean> {
    const current = (await this.repo.state(tgId))?.onboarding_step;
    return current === step || current === "done";
  }

  // ---- showing steps -------------------------------------------------------------------------

  /** What comes after a saved answer: the next step, the finished profile, or the edited card. */
  private async afterStep(
    ctx: BotContext,
    result: Extract<StepResult, { ok: true }>,
    mode: Mode,
  ): Promise<void> {
    if (result.outcome === "edited") {
      await this.showCard(ctx, mode, ctx.t("profile-saved"));
      return;
    }
    if (result.outcome === "completed") {
      this.deps.metrics.inc("profile_onboarding_completed_total");
      await this.showCard(
        ctx,
        mode,
        ctx.t("profile-onboarding-done"),
        ctx.t("profile-next-steps"),
      );
      return;
    }
    // A button answer turns its question into the next one: one message per step keeps within
    // Telegram's pace of about one message a second per chat.
    await this.showStep(ctx, result.state, mode);
  }

  /** Asks the question of the user's current step, optionally after a short notice. */
  private async showStep(
    ctx: BotContext,
    state: ProfileState,
    mode: Mode,
    notice?: string,
  ): Promise<void> {
    if (state.onboarding_step === "done") return this.showCard(ctx, mode, notice);
    const view = await this.stepView(ctx, state);
    if (!view) return;
    await this.present(ctx, notice ? { ...view, text: `${notice}\n\n${view.text}` } : view, mode);
  }

  private async stepView(ctx: BotContext, state: ProfileState): Promise<View | null> {
    switch (state.onboarding_step) {
      case "rules":
        return rulesView(ctx);
      case "birth_year":
        return birthYearView(ctx);
      case "pseudonym":
        return pseudonymView(ctx, false);
      case "timezone":
        return timezoneView(ctx, false);
      case "topics": {
        const picker = await this.repo.topicPicker(ctx.from!.id);
        return picker ? topicGroupsView(ctx, picker) : null;
      }
      case "bio":
        return bioView(ctx, false);
      case "purpose":
        return purposeView(ctx, false);
      case "availability":
        return availabilityView(ctx, 0, false);
      case "done":
        return null;
    }
  }

  private async showCard(
    ctx: BotContext,
    mode: Mode,
    notice?: string,
    footer?: string,
  ): Promise<void> {
    const card = await this.repo.card(ctx.from!.id);
    if (!card) {
      await ctx.reply(ctx.t("profile-not-registered"));
      return;
    }
    await this.present(ctx, cardView(ctx, card, notice, footer), mode);
  }

  /** Edits the message the button was on, or sends a new one. */
  private async present(ctx: BotContext, view: View, mode: Mode): Promise<void> {
    const options = view.keyboard ? { reply_markup: tidy(view.keyboard) } : {};
    if (mode === "edit" && ctx.callbackQuery?.message) {
      try {
        await ctx.editMessageText(view.text, options);
        return;
      } catch (error) {
        if (isUnchanged(error)) return;
        // Too old or deleted: fall back to a new message.
        if (!(error instanceof GrammyError) || error.error_code !== 400) throw error;
      }
    }
    await ctx.reply(view.text, options);
  }

  /** Recomputes the profile embedding from topics and bio; matching must not wait on failures. */
  private async refreshEmbedding(tgId: number): Promise<void> {
    try {
      const card = await this.repo.card(tgId);
      if (!card || card.topics.length === 0) return;
      const vector = await this.deps.embedder.embed(embeddingText(card));
      await this.repo.saveEmbedding(tgId, vector, this.deps.embedder.model);
    } catch (error) {
      this.deps.logger.warn("profile_embedding_failed", {
        error: error instanceof Error ? error.name : "unknown",
      });
      this.deps.metrics.inc("profile_embedding_failures_total");
    }
  }
}

function isUnchanged(error: unknown): boolean {
  return error instanceof GrammyError && error.description.includes("message is not modified");
}

function ignoreUnchanged(error: unknown): void {
  // Removing buttons that are already gone (a double tap) is fine; anything else is not.
  if (isUnchanged(error)) return;
  if (error instanceof GrammyError && error.error_code === 400) return;
  throw error;
}
