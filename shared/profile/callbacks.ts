import { z } from "zod";
import { ALL_WINDOWS_MASK, WINDOWS } from "./availability.ts";
import { TIMEZONE_CODES } from "./timezones.ts";

/**
 * Callback data of the profile keyboards: short strings "pr:<action>[:<arg>...]" (Telegram
 * allows 64 bytes). Anything else with the "pr:" prefix is forged or stale and is refused.
 */
export const PROFILE_PREFIX = "pr:";

export const EDITABLE_FIELDS = [
  "pseudonym",
  "timezone",
  "topics",
  "bio",
  "purpose",
  "availability",
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export const PURPOSES = ["support", "advice", "friendship"] as const;
export type Purpose = (typeof PURPOSES)[number];

const slug = z.string().regex(/^[a-z0-9_]{1,40}$/);
const mask = z.string().regex(/^\d{1,2}$/).transform(Number).pipe(
  z.number().int().min(0).max(ALL_WINDOWS_MASK),
);
const windowIndex = z.string().regex(/^\d$/).transform(Number).pipe(
  z.number().int().min(0).max(WINDOWS.length - 1),
);
const unixSeconds = z.string().regex(/^\d{9,11}$/).transform(Number);

const schema = z.union([
  z.tuple([z.literal("rules")]).transform(() => ({ action: "accept_rules" as const })),
  z.tuple([z.literal("tz"), z.enum(TIMEZONE_CODES)]).transform(([, code]) => ({
    action: "timezone" as const,
    code,
  })),
  z.tuple([z.literal("tg")]).transform(() => ({ action: "topic_groups" as const })),
  z.tuple([z.literal("tg"), slug]).transform(([, group]) => ({
    action: "topic_group" as const,
    group,
  })),
  z.tuple([z.literal("tt"), slug]).transform(([, topic]) => ({
    action: "toggle_topic" as const,
    topic,
  })),
  z.tuple([z.literal("td")]).transform(() => ({ action: "topics_done" as const })),
  z.tuple([z.literal("ti"), slug]).transform(([, topic]) => ({
    action: "toggle_important" as const,
    topic,
  })),
  z.tuple([z.literal("tk")]).transform(() => ({ action: "important_done" as const })),
  z.tuple([z.literal("bio0")]).transform(() => ({ action: "skip_bio" as const })),
  z.tuple([z.literal("pu"), z.enum(PURPOSES)]).transform(([, purpose]) => ({
    action: "purpose" as const,
    purpose,
  })),
  z.tuple([z.literal("av"), mask, windowIndex]).transform(([, m, index]) => ({
    action: "toggle_window" as const,
    mask: m,
    index,
  })),
  z.tuple([z.literal("av"), mask, z.literal("s")]).transform(([, m]) => ({
    action: "save_windows" as const,
    mask: m,
  })),
  z.tuple([z.literal("av"), z.literal("any")]).transform(() => ({
    action: "any_time" as const,
  })),
  z.tuple([z.literal("ed"), z.enum(EDITABLE_FIELDS)]).transform(([, field]) => ({
    action: "edit" as const,
    field,
  })),
  z.tuple([z.literal("ex")]).transform(() => ({ action: "cancel_edit" as const })),
  z.tuple([z.literal("del"), unixSeconds]).transform(([, issuedAt]) => ({
    action: "confirm_delete" as const,
    issuedAt,
  })),
  z.tuple([z.literal("keep")]).transform(() => ({ action: "keep_profile" as const })),
]);

export type ProfileCallback = z.output<typeof schema>;

/** null: not a profile button; "invalid": ours but forged or from an older bot version. */
export function parseProfileCallback(data: string | undefined): ProfileCallback | "invalid" | null {
  if (!data?.startsWith(PROFILE_PREFIX)) return null;
  const parsed = schema.safeParse(data.slice(PROFILE_PREFIX.length).split(":"));
  return parsed.success ? parsed.data : "invalid";
}

/** Builders, so keyboards and the parser cannot drift apart. */
export const cb = {
  acceptRules: () => "pr:rules",
  timezone: (code: string) => `pr:tz:${code}`,
  topicGroups: () => "pr:tg",
  topicGroup: (group: string) => `pr:tg:${group}`,
  toggleTopic: (topic: string) => `pr:tt:${topic}`,
  topicsDone: () => "pr:td",
  toggleImportant: (topic: string) => `pr:ti:${topic}`,
  importantDone: () => "pr:tk",
  skipBio: () => "pr:bio0",
  purpose: (purpose: Purpose) => `pr:pu:${purpose}`,
  toggleWindow: (mask: number, index: number) => `pr:av:${mask}:${index}`,
  saveWindows: (mask: number) => `pr:av:${mask}:s`,
  anyTime: () => "pr:av:any",
  edit: (field: EditableField) => `pr:ed:${field}`,
  cancelEdit: () => "pr:ex",
  confirmDelete: (issuedAtSeconds: number) => `pr:del:${issuedAtSeconds}`,
  keepProfile: () => "pr:keep",
};
