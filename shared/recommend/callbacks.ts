import { z } from "zod";

/**
 * Callback data of the recommendation buttons (under Telegram's 64 bytes): `r:p:<card uuid>`
 * proposes a conversation to the person on a /similar card, `r:t:<card uuid>` adds a suggested
 * topic to the profile and `r:on` switches "use my diary to find people" on.
 */
export type RecommendCallback =
  | { action: "take_person"; recId: string }
  | { action: "take_topic"; recId: string }
  | { action: "diary_matching_on" };

const schema = z.union([
  z.tuple([z.literal("r"), z.literal("p"), z.uuid()]).transform((p) => ({
    action: "take_person" as const,
    recId: p[2],
  })),
  z.tuple([z.literal("r"), z.literal("t"), z.uuid()]).transform((p) => ({
    action: "take_topic" as const,
    recId: p[2],
  })),
  z.tuple([z.literal("r"), z.literal("on")]).transform(() => ({
    action: "diary_matching_on" as const,
  })),
]);

/** Parses callback data; `null` for anything forged, truncated or from an older format. */
export function parseRecommendCallback(data: string | undefined): RecommendCallback | null {
  if (data === undefined || data.length > 64) return null;
  const parsed = schema.safeParse(data.split(":"));
  return parsed.success ? parsed.data : null;
}

export const recommendCallbackData = {
  takePerson: (recId: string): string => `r:p:${recId}`,
  takeTopic: (recId: string): string => `r:t:${recId}`,
  diaryMatchingOn: (): string => "r:on",
};
