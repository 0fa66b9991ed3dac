import { createRoute, z } from "@hono/zod-openapi";
import type { Db } from "../db/db.ts";
import type { Embedder } from "../embedding/embedder.ts";
import type { Metrics } from "../metrics/metrics.ts";
import type { Logger } from "../platform/logger.ts";
import type { Translate } from "../notifications/translate.ts";
import { type ApiErrorOptions, fail } from "../api/errors.ts";
import {
  createRoutes,
  error,
  json,
  jsonBody,
  type MiniAppRoutes,
  on,
  personErrors,
} from "../api/routes.ts";
import { maskPii } from "../safety/pii.ts";
import {
  createOfflineModerator,
  NOTHING_FOUND,
  type TextModerator,
} from "../safety/text_moderator.ts";
import { createProfileRepo, type ProfileCard, type TopicPicker } from "./profile_repo.ts";
import { formatUtcOffset, TIMEZONES } from "./timezones.ts";
import {
  BIO_MAX,
  checkBio,
  MAX_IMPORTANT_TOPICS,
  MAX_TOPICS,
  MIN_TOPICS,
  parseUtcOffset,
} from "./validation.ts";
import { embeddingText } from "./views.ts";

export interface ProfileApiDeps {
  db: Db;
  /** The Russian texts: the PII mask before moderation, the cities of the time zones. */
  texts: () => Promise<Translate>;
  /** Recomputes the profile embedding after topics or bio change, as the bot does. */
  embedder?: Embedder;
  /** The bot's moderator (an LLM when configured); the offline lists otherwise. */
  moderator?: TextModerator;
  logger?: Logger;
  metrics?: Metrics;
}

const tags = ["Profile"];

const Purpose = z.enum(["support", "advice", "friendship"]);
const ProfileTopic = z.object({
  slug: z.string(),
  title: z.string(),
  group_slug: z.string(),
  group_title: z.string(),
  important: z.boolean(),
});
const Profile = z.object({
  status: z.literal("ok"),
  profile: z.looseObject({
    pseudonym: z.string().nullable(),
    age: z.number().int().nullable(),
    age_pool: z.enum(["teen", "adult"]).nullable(),
    timezone: z.string().nullable(),
    utc_offset_minutes: z.number().int().nullable(),
    country: z.string().nullable(),
    bio: z.string().nullable(),
    purpose: Purpose.nullable(),
    available_hours: z.array(z.number().int()),
    onboarding_step: z.string(),
    topics: z.array(ProfileTopic),
  }),
  timezones: z.array(z.object({
    code: z.string(),
    name: z.string().openapi({ description: "The city, in Russian" }),
    utc_offset_minutes: z.number().int(),
  })),
  limits: z.object({
    bio_max: z.number().int(),
    topics_min: z.number().int(),
    topics_max: z.number().int(),
    important_max: z.number().int(),
  }),
  crisis: z.boolean().optional().openapi({
    description: "PATCH: the bio sounds like a crisis — show GET /safety/sos gently",
  }),
}).openapi("Profile");

const ProfileChange = z.object({
  bio: z.string().max(4096).nullable().optional().openapi({
    description: "At most 160 characters, no contacts, no abuse; null clears it",
  }),
  purpose: Purpose.optional(),
  available_hours: z.array(z.number().int().min(0).max(23)).max(24).optional().openapi({
    description: "Local hours (0-23) when the person is usually free; at least one",
  }),
  timezone: z.string().max(64).optional().openapi({
    description: "A city code from `timezones` (`msk`), its Russian name, or an offset as " +
      "the bot takes it: `+3`, `UTC+5:30`, `МСК+4`",
  }),
  topics: z.array(z.string().max(64)).max(64).optional().openapi({
    description: "2-10 catalogue slugs (GET /topics); replaces the selection",
  }),
  important: z.array(z.string().max(64)).max(16).optional().openapi({
    description: "1-3 of the topics, the most important; kept for topics that stay if absent",
  }),
}).strict().refine((b) => Object.keys(b).length > 0, { params: { reason: "required" } })
  .openapi("ProfileChange");

const Catalogue = z.object({
  status: z.literal("ok"),
  count: z.number().int(),
  important_count: z.number().int(),
  limits: z.object({
    topics_min: z.number().int(),
    topics_max: z.number().int(),
    important_max: z.number().int(),
  }),
  groups: z.array(z.object({
    slug: z.string(),
    title: z.string(),
    topics: z.array(z.object({
      slug: z.string(),
      title: z.string(),
      selected: z.boolean(),
      important: z.boolean(),
    })),
  })),
}).openapi("TopicCatalogue");

const refused = {
  400: error("`invalid_input`"),
  409: error("`profile_incomplete`: onboarding in the bot is not finished"),
  422: error(
    "`bio_refused`, `timezone_refused`, `availability_refused` or `topics_refused`, with the " +
      "bot's own reason as `message` (a phone in the bio, abuse, too many topics...) and " +
      "`field`/`reason`",
  ),
};

const getProfileRoute = createRoute({
  method: "get",
  path: "/profile",
  tags,
  summary: "The person's profile, the time zones to choose from and the limits",
  responses: { 200: json(Profile, "The profile"), ...personErrors },
});
const patchProfileRoute = createRoute({
  method: "patch",
  path: "/profile",
  tags,
  summary: "Change any of bio, purpose, availability, time zone, topics and the most important",
  description: "The bot's checks and Russian reasons. All named fields change together or " +
    "none does.",
  request: { body: jsonBody(ProfileChange) },
  responses: { 200: json(Profile, "The profile now"), ...refused, ...personErrors },
});
const topicsRoute = createRoute({
  method: "get",
  path: "/topics",
  tags,
  summary: "The topic catalogue by group, with the person's selection marked",
  responses: { 200: json(Catalogue, "The catalogue"), ...personErrors },
});

/** SQL refusals of update_profile() → the bot's own texts. */
function topicRefusal(reason: string): ApiErrorOptions {
  const detail = { field: reason.includes("important") ? "important" : "topics", reason };
  switch (reason) {
    case "too_few":
      return { key: "profile-topics-too-few", params: { min: MIN_TOPICS }, detail };
    case "too_many":
      return { key: "profile-topics-too-many", params: { max: MAX_TOPICS }, detail };
    case "no_important":
      return { key: "profile-important-none", detail };
    case "too_many_important":
      return {
        key: "profile-important-too-many",
        params: { max: MAX_IMPORTANT_TOPICS },
        detail,
      };
    default:
      return {
        params: { min: MIN_TOPICS, max: MAX_TOPICS, important: MAX_IMPORTANT_TOPICS },
        detail,
      };
  }
}

/**
 * The profile for the Mini App, with the bot's rules: `GET /profile`, `PATCH /profile` (the
 * bot's checks in shared/profile/validation.ts and its Russian reasons; the moderator reads a
 * bio as the bot's does; one SQL function, update_profile(), writes everything or nothing),
 * `GET /topics` (the catalogue by group). Editing needs a finished onboarding (409
 * profile_incomplete): the bot asks the first answers one by one.
 */
export function profileRoutes(deps: ProfileApiDeps): MiniAppRoutes {
  const routes = createRoutes();
  const repo = createProfileRepo(deps.db);
  const moderator = deps.moderator ?? createOfflineModerator();

  const profileBody = async (card: ProfileCard) => {
    const t = await deps.texts();
    return {
      status: "ok" as const,
      profile: card,
      timezones: TIMEZONES.map((z) => ({
        code: z.code,
        name: t(`profile-tz-${z.code}`),
        utc_offset_minutes: z.offsetMinutes,
      })),
      limits: {
        bio_max: BIO_MAX,
        topics_min: MIN_TOPICS,
        topics_max: MAX_TOPICS,
        important_max: MAX_IMPORTANT_TOPICS,
      },
    };
  };
  const cardOf = async (tgId: number) => {
    const card = await repo.card(tgId);
    if (!card) fail(404, "not_registered");
    return card;
  };

  on(routes, getProfileRoute, async (c) => c.json(await profileBody(await cardOf(c.get("tgId")))));

  on(routes, patchProfileRoute, async (c) => {
    const tgId = c.get("tgId");
    const body = c.req.valid("json");
    const t = await deps.texts();
    const changes: Record<string, unknown> = {};
    let crisis = false;

    if (body.bio !== undefined) {
      if (body.bio === null) {
        changes.bio = null;
      } else {
        // As the bot: contacts masked before the moderator reads it; its abuse verdict counts.
        const verdict = body.bio.trim()
          ? await moderator.check(maskPii(body.bio, t("chat-pii-mask")).text)
          : NOTHING_FOUND;
        const checked = verdict.toxicity && checkBio(body.bio).ok
          ? { ok: false as const, reason: "abusive" as const }
          : checkBio(body.bio);
        if (!checked.ok) {
          fail(422, "bio_refused", {
            key: `profile-bio-${checked.reason.replace("_", "-")}`,
            params: { max: BIO_MAX, length: [...body.bio.trim()].length },
            detail: { field: "bio", reason: checked.reason },
          });
        }
        changes.bio = checked.value;
        crisis = verdict.crisis !== null;
      }
    }
    if (body.purpose !== undefined) changes.purpose = body.purpose;
    if (body.available_hours !== undefined) {
      if (body.available_hours.length === 0) {
        fail(422, "availability_refused", {
          detail: { field: "available_hours", reason: "empty" },
        });
      }
      changes.available_hours = body.available_hours;
    }
    if (body.timezone !== undefined) changes.timezone = resolveTimezone(body.timezone, t);
    if (body.topics !== undefined) changes.topics = body.topics;
    if (body.important !== undefined) changes.important = body.important;

    const result = await deps.db.call<{ status: string; field?: string; reason?: string }>(
      "update_profile",
      { p_tg_id: tgId, p_changes: changes },
    );
    if (result.status === "not_registered") fail(404, "not_registered");
    if (result.status === "profile_incomplete") fail(409, "profile_incomplete");
    if (result.status === "invalid") {
      const reason = result.reason ?? "invalid";
      if (result.field === "topics" || result.field === "important") {
        fail(422, "topics_refused", topicRefusal(reason));
      }
      // The checks above ran first; the SQL ones agree with them (defence in depth).
      fail(400, "invalid_input", {
        paramKeys: { reason: "api-field-reason-other" },
        detail: { field: result.field ?? "", reason },
      });
    }
    if (result.status !== "ok") throw new Error("unexpected SQL outcome");
    const card = await cardOf(tgId);
    if (changes.bio !== undefined || changes.topics !== undefined) {
      await refreshEmbedding(deps, card, tgId);
    }
    return c.json({ ...(await profileBody(card)), crisis }, 200);
  });

  on(routes, topicsRoute, async (c) => {
    const picker = await repo.topicPicker(c.get("tgId"));
    if (!picker) fail(404, "not_registered");
    return c.json(catalogue(picker), 200);
  });

  return routes;
}

/** The bot's reading of a typed time zone: a code, a city's Russian name, or an offset. */
function resolveTimezone(
  typed: string,
  t: Translate,
): { name: string; utc_offset_minutes: number; country: string | null } {
  const text = typed.trim().toLowerCase().replaceAll("ё", "е");
  const zone = TIMEZONES.find((z) =>
    z.code === text || t(`profile-tz-${z.code}`).toLowerCase().replaceAll("ё", "е") === text
  );
  if (zone) {
    return { name: zone.iana, utc_offset_minutes: zone.offsetMinutes, country: zone.country };
  }
  const offset = parseUtcOffset(typed);
  if (!offset.ok) {
    fail(422, "timezone_refused", {
      key: "profile-timezone-format",
      detail: { field: "timezone", reason: "format" },
    });
  }
  // A typed offset says nothing about the country: /sos then lists several countries.
  return {
    name: formatUtcOffset(offset.value).replace("−", "-"),
    utc_offset_minutes: offset.value,
    country: null,
  };
}

/** The picker's flat list as groups, in the catalogue's order. */
function catalogue(picker: TopicPicker) {
  const groups = new Map<
    string,
    { slug: string; title: string; topics: z.infer<typeof Catalogue>["groups"][number]["topics"] }
  >();
  for (const topic of picker.topics) {
    let group = groups.get(topic.group_slug);
    if (!group) {
      group = { slug: topic.group_slug, title: topic.group_title, topics: [] };
      groups.set(topic.group_slug, group);
    }
    group.topics.push({
      slug: topic.slug,
      title: topic.title,
      selected: topic.selected,
      important: topic.important,
    });
  }
  return {
    status: "ok" as const,
    count: Number(picker.count),
    important_count: Number(picker.important_count),
    limits: {
      topics_min: MIN_TOPICS,
      topics_max: MAX_TOPICS,
      important_max: MAX_IMPORTANT_TOPICS,
    },
    groups: [...groups.values()],
  };
}

/** Recomputes the profile embedding from topics and bio; the answer does not wait on failures. */
async function refreshEmbedding(deps: ProfileApiDeps, card: ProfileCard, tgId: number) {
  if (!deps.embedder || card.topics.length === 0) return;
  try {
    const vector = await deps.embedder.embed(embeddingText(card));
    await createProfileRepo(deps.db).saveEmbedding(tgId, vector, deps.embedder.model);
  } catch (error) {
    deps.logger?.warn("profile_embedding_failed", {
      error: error instanceof Error ? error.name : "unknown",
    });
    deps.metrics?.inc("profile_embedding_failures_total");
  }
}

// ---- the account ------------------------------------------------------------------------------

export interface AccountApiDeps {
  db: Db;
  metrics?: Metrics;
  /** Sends the notices the erasure queued (the partner of an open chat is told). */
  afterWrite?: () => void;
}

const DeleteBody = z.object({
  confirm: z.literal(true).openapi({ description: "Must be true: the erasure cannot be undone" }),
}).strict().openapi("AccountDeletion");

const deleteRoute = createRoute({
  method: "delete",
  path: "/account",
  tags: ["Account"],
  summary: "Erase everything about the person, exactly as /delete does",
  request: { body: jsonBody(DeleteBody) },
  responses: {
    200: json(z.object({ status: z.literal("deleted") }), "Erased"),
    400: error("`confirmation_required`: no `{ confirm: true }`; nothing was deleted"),
    ...personErrors,
  },
});
const exportRoute = createRoute({
  method: "get",
  path: "/account/export",
  tags: ["Account"],
  summary: "Everything stored about the person, as a JSON file",
  description: "Profile, topics, settings, diary, mood, portrait, events, chats and calls " +
    "(without partners), ratings and reports made, tips, sanctions, safety flags, coach " +
    "hints, recommendations and activity. Embedding vectors are left out.",
  responses: {
    200: json(z.looseObject({ exported_at: z.string() }), "The export"),
    ...personErrors,
  },
});

/**
 * The account for the Mini App: `DELETE /account` with `{ "confirm": true }` (the erasure of
 * /delete: delete_user() ends an open chat, so the partner is told, and removes everything
 * that refers to the person) and `GET /account/export`.
 */
export function accountRoutes(deps: AccountApiDeps): MiniAppRoutes {
  const routes = createRoutes();

  on(routes, deleteRoute, async (c) => {
    c.req.valid("json");
    await createProfileRepo(deps.db).deleteUser(c.get("tgId"));
    deps.metrics?.inc("profile_erasures_total");
    deps.afterWrite?.();
    return c.json({ status: "deleted" as const }, 200);
  }, () => fail(400, "confirmation_required"));

  on(routes, exportRoute, async (c) => {
    const data = await deps.db.call<Record<string, unknown> | null>("account_export", {
      p_tg_id: c.get("tgId"),
    });
    if (!data) fail(404, "not_registered");
    c.header("content-disposition", 'attachment; filename="account.json"');
    return c.json(data, 200);
  });

  return routes;
}
