import { InlineKeyboard } from "grammy";
import type { BotContext } from "../bot/context.ts";
import { ALL_WINDOWS_MASK, maskFromHours, WINDOWS, windowsInMask } from "./availability.ts";
import { cb, PURPOSES } from "./callbacks.ts";
import type { ProfileCard, TopicPicker } from "./profile_repo.ts";
import { formatUtcOffset, timezoneByIana, TIMEZONES } from "./timezones.ts";
import { MAX_IMPORTANT_TOPICS, MAX_TOPICS, MIN_TOPICS } from "./validation.ts";

/** What the profile screens show: a text and, usually, a keyboard. */
export interface View {
  text: string;
  keyboard?: InlineKeyboard;
}

type T = Pick<BotContext, "t">;

/** Starts a new row unless the last one is still empty (Telegram refuses empty rows). */
function nextRow(keyboard: InlineKeyboard): InlineKeyboard {
  return keyboard.inline_keyboard.at(-1)?.length ? keyboard.row() : keyboard;
}

/** Drops a trailing empty row left by a loop that ends a row after its last button. */
export function tidy(keyboard: InlineKeyboard): InlineKeyboard {
  while (keyboard.inline_keyboard.length > 1 && keyboard.inline_keyboard.at(-1)?.length === 0) {
    keyboard.inline_keyboard.pop();
  }
  return keyboard;
}

export function rulesView(ctx: T): View {
  return {
    text: [ctx.t("profile-welcome"), ctx.t("safety-what-we-are"), ctx.t("safety-rules")].join(
      "\n\n",
    ),
    keyboard: new InlineKeyboard().text(ctx.t("profile-accept-rules"), cb.acceptRules()),
  };
}

function withCancel(keyboard: InlineKeyboard, ctx: T, editing: boolean): InlineKeyboard {
  return editing ? nextRow(keyboard).text(ctx.t("profile-cancel-edit"), cb.cancelEdit()) : keyboard;
}

export function birthYearView(ctx: T): View {
  return { text: ctx.t("profile-ask-birth-year") };
}

export function pseudonymView(ctx: T, editing: boolean): View {
  return {
    text: ctx.t(editing ? "profile-ask-pseudonym-edit" : "profile-ask-pseudonym"),
    keyboard: editing ? withCancel(new InlineKeyboard(), ctx, true) : undefined,
  };
}

export function timezoneView(ctx: T, editing: boolean): View {
  const keyboard = new InlineKeyboard();
  TIMEZONES.forEach((zone, i) => {
    keyboard.text(
      `${ctx.t(`profile-tz-${zone.code}`)} ${formatUtcOffset(zone.offsetMinutes)}`,
      cb.timezone(zone.code),
    );
    if (i % 3 === 2) keyboard.row();
  });
  return { text: ctx.t("profile-ask-timezone"), keyboard: withCancel(keyboard, ctx, editing) };
}

interface Group {
  slug: string;
  title: string;
  selected: number;
}

function groupsOf(picker: TopicPicker): Group[] {
  const groups = new Map<string, Group>();
  for (const topic of picker.topics) {
    const group = groups.get(topic.group_slug) ??
      { slug: topic.group_slug, title: topic.group_title, selected: 0 };
    if (topic.selected) group.selected++;
    groups.set(topic.group_slug, group);
  }
  return [...groups.values()];
}

export function topicGroupsView(ctx: T, picker: TopicPicker): View {
  const keyboard = new InlineKeyboard();
  groupsOf(picker).forEach((group, i) => {
    const label = group.selected > 0 ? `${group.title} (${group.selected})` : group.title;
    keyboard.text(label, cb.topicGroup(group.slug));
    if (i % 2 === 1) keyboard.row();
  });
  nextRow(keyboard).text(
    ctx.t("profile-topics-done", { count: picker.count, max: MAX_TOPICS }),
    cb.topicsDone(),
  );
  return {
    text: ctx.t("profile-topics-choose", {
      count: picker.count,
      min: MIN_TOPICS,
      max: MAX_TOPICS,
    }),
    keyboard,
  };
}

export function topicGroupView(ctx: T, picker: TopicPicker, groupSlug: string): View | null {
  const topics = picker.topics.filter((t) => t.group_slug === groupSlug);
  if (topics.length === 0) return null;
  const keyboard = new InlineKeyboard();
  topics.forEach((topic, i) => {
    keyboard.text(topic.selected ? `✓ ${topic.title}` : topic.title, cb.toggleTopic(topic.slug));
    if (i % 2 === 1) keyboard.row();
  });
  nextRow(keyboard).text(ctx.t("profile-topics-back"), cb.topicGroups());
  return {
    text: ctx.t("profile-topics-group", {
      group: topics[0]!.group_title,
      count: picker.count,
      max: MAX_TOPICS,
    }),
    keyboard,
  };
}

export function importantTopicsView(ctx: T, picker: TopicPicker): View {
  const keyboard = new InlineKeyboard();
  picker.topics.filter((t) => t.selected).forEach((topic) => {
    keyboard.text(
      topic.important ? `⭐ ${topic.title}` : topic.title,
      cb.toggleImportant(topic.slug),
    )
      .row();
  });
  keyboard.text(ctx.t("profile-topics-change"), cb.topicGroups())
    .text(ctx.t("profile-important-done"), cb.importantDone());
  return {
    text: ctx.t("profile-topics-important", {
      count: picker.important_count,
      max: MAX_IMPORTANT_TOPICS,
    }),
    keyboard,
  };
}

export function bioView(ctx: T, editing: boolean): View {
  const keyboard = new InlineKeyboard().text(
    ctx.t(editing ? "profile-bio-clear" : "profile-bio-skip"),
    cb.skipBio(),
  );
  return {
    text: ctx.t(editing ? "profile-ask-bio-edit" : "profile-ask-bio"),
    keyboard: withCancel(keyboard, ctx, editing),
  };
}

export function purposeView(ctx: T, editing: boolean): View {
  const keyboard = new InlineKeyboard();
  for (const purpose of PURPOSES) {
    keyboard.text(ctx.t(`profile-purpose-${purpose}`), cb.purpose(purpose)).row();
  }
  return { text: ctx.t("profile-ask-purpose"), keyboard: withCancel(keyboard, ctx, editing) };
}

export function availabilityView(ctx: T, mask: number, editing: boolean): View {
  const keyboard = new InlineKeyboard();
  WINDOWS.forEach((window, i) => {
    const label = ctx.t(`profile-window-${window.key}`);
    keyboard.text(mask & (1 << i) ? `✓ ${label}` : label, cb.toggleWindow(mask, i));
    if (i % 2 === 1) keyboard.row();
  });
  nextRow(keyboard).text(ctx.t("profile-any-time"), cb.anyTime()).row()
    .text(ctx.t("profile-availability-done"), cb.saveWindows(mask));
  return {
    text: ctx.t("profile-ask-availability"),
    keyboard: withCancel(keyboard, ctx, editing),
  };
}

export function availabilityMaskOf(card: ProfileCard | null): number {
  return card ? maskFromHours(card.available_hours) : 0;
}

export function timezoneLabel(ctx: T, card: Pick<ProfileCard, "timezone" | "utc_offset_minutes">) {
  if (card.utc_offset_minutes === null) return ctx.t("profile-card-not-set");
  const zone = timezoneByIana(card.timezone);
  const offset = formatUtcOffset(card.utc_offset_minutes);
  return zone ? `${ctx.t(`profile-tz-${zone.code}`)} (${offset})` : offset;
}

function availabilityLabel(ctx: T, hours: number[]): string {
  if (hours.length === 0) return ctx.t("profile-card-not-set");
  const mask = maskFromHours(hours);
  if (hours.length === 24 || mask === ALL_WINDOWS_MASK) return ctx.t("profile-any-time-lower");
  return windowsInMask(mask).map((key) => ctx.t(`profile-window-${key}-lower`)).join(", ");
}

/** Topics grouped: "Жизненный опыт: Переезд ⭐, Развод". */
function topicsLabel(card: ProfileCard): string {
  const groups = new Map<string, string[]>();
  for (const topic of card.topics) {
    const titles = groups.get(topic.group_title) ?? [];
    titles.push(topic.important ? `${topic.title} ⭐` : topic.title);
    groups.set(topic.group_title, titles);
  }
  return [...groups].map(([group, titles]) => `• ${group}: ${titles.join(", ")}`).join("\n");
}

export function cardView(ctx: T, card: ProfileCard, notice?: string, footer?: string): View {
  const text = ctx.t("profile-card", {
    pseudonym: card.pseudonym ?? ctx.t("profile-card-not-set"),
    age: card.age ?? 0,
    timezone: timezoneLabel(ctx, card),
    topics: card.topics.length > 0 ? topicsLabel(card) : ctx.t("profile-card-not-set"),
    bio: card.bio ?? ctx.t("profile-card-no-bio"),
    purpose: card.purpose
      ? ctx.t(`profile-card-purpose-${card.purpose}`)
      : ctx.t("profile-card-not-set"),
    availability: availabilityLabel(ctx, card.available_hours),
  });
  const keyboard = new InlineKeyboard()
    .text(ctx.t("profile-edit-pseudonym"), cb.edit("pseudonym"))
    .text(ctx.t("profile-edit-timezone"), cb.edit("timezone")).row()
    .text(ctx.t("profile-edit-topics"), cb.edit("topics"))
    .text(ctx.t("profile-edit-bio"), cb.edit("bio")).row()
    .text(ctx.t("profile-edit-purpose"), cb.edit("purpose"))
    .text(ctx.t("profile-edit-availability"), cb.edit("availability"));
  return { text: [notice, text, footer].filter(Boolean).join("\n\n"), keyboard };
}

export function deleteConfirmView(ctx: T, nowSeconds: number): View {
  return {
    text: ctx.t("profile-delete-confirm"),
    keyboard: new InlineKeyboard()
      .text(ctx.t("profile-delete-yes"), cb.confirmDelete(nowSeconds)).row()
      .text(ctx.t("profile-delete-no"), cb.keepProfile()),
  };
}

/** Text for the profile embedding: topic titles (important ones twice) and the bio. */
export function embeddingText(card: ProfileCard): string {
  const topics = card.topics.flatMap((t) => t.important ? [t.title, t.title] : [t.title]);
  return [...topics, card.bio ?? ""].filter(Boolean).join(". ");
}
