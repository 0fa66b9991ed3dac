/** OpenAPI 3.1 description of the Mini App API (served at `/openapi.json`). */
const error = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["message"],
      properties: { message: { type: "string" } },
    },
  },
} as const;

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

const common = {
  "401": errorResponse("initData missing, forged or older than 24 hours"),
  "429": {
    ...errorResponse("Too many requests; see the Retry-After header"),
    headers: { "Retry-After": { schema: { type: "integer" } } },
  },
};

const json = (schema: unknown, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const eventIdParameter = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", format: "uuid" },
};

/** What public.event_card() returns: the event, counts and the caller's own status. */
const eventCardSchema = {
  type: "object",
  properties: {
    event_id: { type: "string", format: "uuid" },
    title: { type: "string" },
    description: { type: "string" },
    starts_at: { type: "string", format: "date-time" },
    round_minutes: { type: "integer" },
    pause_minutes: { type: "integer" },
    rounds: { type: ["integer", "null"], description: "null: until everyone met" },
    capacity: { type: "integer" },
    link: { type: ["string", "null"] },
    state: {
      enum: ["not_started", "reg_confirm", "ready", "running", "finished", "cancelled"],
    },
    topics: { type: "array", items: { type: "string" } },
    registered: { type: "integer", description: "places taken (registered or confirmed)" },
    my_status: {
      enum: ["registered", "waiting", "confirmed", "released", "cancelled", null],
    },
    utc_offset_minutes: { type: ["integer", "null"] },
  },
};

const eventOutcome = {
  type: "object",
  properties: {
    status: { type: "string" },
    confirm_now: { type: "boolean" },
    card: { $ref: "#/components/schemas/EventCard" },
  },
};

export const matchApiOpenApi = {
  openapi: "3.1.0",
  info: {
    title: "«Ты не один» — Mini App API",
    version: "1.0.0",
    description:
      "Search, consent, safety, tips, coach hints and the diary for the signed-in user. " +
      "Authenticate with " +
      "`Authorization: tma <initData>` (Telegram.WebApp.initData). Every route except " +
      "/safety/* answers 404 `not_registered` to a Telegram user the bot does not know (never " +
      "started, or erased with /delete), whatever the route would otherwise answer.",
  },
  servers: [{ url: "/api" }, { url: "/functions/v1/api" }],
  security: [{ telegramInitData: [] }],
  paths: {
    "/match/find": {
      post: {
        summary: "Start searching (or report why not)",
        responses: {
          "200": json(
            { $ref: "#/components/schemas/FindResult" },
            "proposed (a proposal was made) or already_searching",
          ),
          "202": json({ $ref: "#/components/schemas/FindResult" }, "queued"),
          "403": errorResponse(
            "message is restricted: a mute or ban is in force; `kind` (mute, temp_ban, ban) " +
              "and `ends_at` (null: until lifted) say which and until when",
          ),
          "409": errorResponse(
            "message is profile_incomplete, already_in_chat or proposal_pending",
          ),
          ...common,
        },
      },
    },
    "/match/cancel": {
      post: {
        summary: "Stop searching",
        responses: {
          "200": json({
            type: "object",
            properties: { status: { const: "cancelled" } },
          }, "cancelled"),
          "409": errorResponse("message is not_searching"),
          ...common,
        },
      },
    },
    "/match/confirm": {
      post: {
        summary: "Accept or skip a proposal",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["match_id", "accept"],
                additionalProperties: false,
                properties: {
                  match_id: { type: "string", format: "uuid" },
                  accept: { type: "boolean" },
                },
              },
            },
          },
        },
        responses: {
          "200": json({
            type: "object",
            properties: {
              status: { enum: ["waiting_for_partner", "chat_started", "declined"] },
            },
          }, "answer recorded"),
          "404": errorResponse("message is not_found: no such proposal for this user"),
          "409": errorResponse("message is expired or already_answered"),
          "422": errorResponse("body is not JSON or does not match the schema"),
          ...common,
        },
      },
    },
    "/match/status": {
      get: {
        summary: "Where the user stands",
        responses: {
          "200": json({
            type: "object",
            required: ["status"],
            properties: {
              status: { enum: ["idle", "searching", "proposed", "waiting_for_partner", "in_chat"] },
              match_id: { type: "string", format: "uuid" },
              waiting_seconds: { type: "number" },
              expires_at: { type: "string", format: "date-time" },
            },
          }, "current state"),
          ...common,
        },
      },
    },
    "/safety/sos": {
      get: {
        summary: "Crisis lines for the user's country (several countries' when unknown) and 112",
        responses: {
          "200": json({
            type: "object",
            required: ["lines", "emergency"],
            properties: {
              country: { type: ["string", "null"] },
              emergency: { type: "string" },
              lines: {
                type: "array",
                items: {
                  type: "object",
                  required: ["name", "phone", "kind"],
                  properties: {
                    country: { type: "string" },
                    name: { type: "string" },
                    phone: { type: "string" },
                    phone_mobile: { type: ["string", "null"] },
                    hours: { type: ["string", "null"] },
                    url: { type: ["string", "null"] },
                    kind: { enum: ["crisis", "medical"] },
                    audience: { enum: ["all", "children", "youth", "family", "violence"] },
                  },
                },
              },
            },
          }, "the card"),
          ...common,
        },
      },
    },
    "/safety/restriction": {
      get: {
        summary: "Whether a mute or ban is in force for the user",
        responses: {
          "200": json({
            type: "object",
            required: ["status"],
            properties: {
              status: { enum: ["none", "restricted"] },
              kind: { enum: ["mute", "temp_ban", "ban"] },
              ends_at: { type: ["string", "null"], format: "date-time" },
            },
          }, "none, or the restriction and when it ends (null: until lifted)"),
          ...common,
        },
      },
    },
    "/tips/create": {
      post: {
        summary: "A Stars invoice link for a tip to the partner of an ended chat",
        description: "Open the link with Telegram.WebApp.openInvoice. The amount, the " +
          "commission and the partner's share are in the answer; the bot confirms the payment " +
          "(receipts arrive in the chat).",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                additionalProperties: false,
                required: ["match_id", "amount"],
                properties: {
                  match_id: { type: "string", format: "uuid" },
                  amount: { type: "integer", minimum: 1, maximum: 10000 },
                },
              },
            },
          },
        },
        responses: {
          "201": json({
            type: "object",
            required: ["invoice_link", "tip_id", "amount", "recipient_share"],
            properties: {
              invoice_link: { type: "string" },
              tip_id: { type: "string", format: "uuid" },
              amount: { type: "integer" },
              currency: { const: "XTR" },
              commission_percent: { type: "number" },
              platform_commission: { type: "integer" },
              recipient_share: { type: "integer" },
              recipient_pseudonym: { type: "string" },
              expires_at: { type: "string", format: "date-time" },
            },
          }, "the pending tip and its invoice link"),
          "404": errorResponse("message is not_found: no such chat of the user"),
          "409": errorResponse("message is chat_active or not_available"),
          "410": errorResponse("message is recipient_gone: the partner erased their profile"),
          "422": errorResponse(
            "invalid body, or message is invalid_amount with `min_amount` and `max_amount`",
          ),
          ...common,
        },
      },
    },
    "/tips": {
      get: {
        summary: "The user's tip balance and the recent chats they can still thank",
        responses: {
          "200": json({
            type: "object",
            properties: {
              balance: {
                type: "object",
                properties: {
                  available: { type: "integer" },
                  pending: { type: "integer" },
                  earned: { type: "integer" },
                  paid_out: { type: "integer" },
                },
              },
              refund_hours: { type: "integer" },
              chats: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    match_id: { type: "string", format: "uuid" },
                    pseudonym: { type: "string" },
                    ended_at: { type: "string", format: "date-time" },
                  },
                },
              },
            },
          }, "balance in Stars and up to 5 chats"),
          "404": errorResponse("message is not_registered"),
          ...common,
        },
      },
    },
    "/ai/hint": {
      post: {
        summary: "Coach hints for the user's active chat (only they see them)",
        description: "Only in chats of the coach's rollout, after the user opted in (in the " +
          "bot). The optional draft is anonymised before any model sees it.",
        requestBody: {
          content: {
            "application/json": {
              schema: {
                type: "object",
                additionalProperties: false,
                properties: { draft: { type: "string", maxLength: 4096 } },
              },
            },
          },
        },
        responses: {
          "200": json({
            type: "object",
            required: ["hints"],
            properties: {
              coach: { type: "string" },
              hints: {
                type: "array",
                maxItems: 3,
                items: {
                  type: "object",
                  required: ["id", "type", "text"],
                  properties: {
                    id: { type: "string", format: "uuid" },
                    type: { enum: ["rephrase", "empathy", "question", "boundary"] },
                    text: { type: "string", maxLength: 240 },
                  },
                },
              },
            },
          }, "1-3 hints, or none when there is nothing useful to say"),
          "403": errorResponse("message is not_opted_in"),
          "404": errorResponse("message is not_registered or not_in_rollout"),
          "409": errorResponse(
            "message is no_chat, or crisis: show GET /safety/sos instead of hints",
          ),
          "422": errorResponse("invalid body"),
          ...common,
        },
      },
    },
    "/diary/entries": {
      get: {
        summary: "A page of the user's diary entries, newest first",
        parameters: [
          { name: "offset", in: "query", schema: { type: "integer", minimum: 0, default: 0 } },
          {
            name: "limit",
            in: "query",
            schema: { type: "integer", minimum: 1, maximum: 50, default: 20 },
          },
        ],
        responses: {
          "200": json({
            type: "object",
            required: ["total", "entries", "offset", "limit"],
            properties: {
              total: { type: "integer" },
              offset: { type: "integer" },
              limit: { type: "integer" },
              entries: { type: "array", items: { $ref: "#/components/schemas/DiaryListItem" } },
            },
          }, "the page"),
          "400": errorResponse("invalid query (offset, limit or an unknown parameter)"),
          "404": errorResponse("message is not_registered"),
          ...common,
        },
      },
      post: {
        summary: "Write an entry (analysed at once; only its author can read it)",
        description: "`crisis: true` in the answer: the text sounds like a crisis; show " +
          "GET /safety/sos gently. Nobody else is told.",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                additionalProperties: false,
                required: ["text"],
                properties: {
                  text: { type: "string", minLength: 1, maxLength: 4096 },
                  pick: { $ref: "#/components/schemas/MoodPick" },
                },
              },
            },
          },
        },
        responses: {
          "201": json(
            { $ref: "#/components/schemas/DiaryEntryWritten" },
            "the entry with its analysis",
          ),
          "400": errorResponse("invalid body: not JSON, empty text, unknown pick or field"),
          "404": errorResponse("message is not_registered"),
          "409": errorResponse("message is profile_incomplete"),
          ...common,
        },
      },
    },
    "/diary/export": {
      get: {
        summary: "Every entry of the user, as a JSON file",
        responses: {
          "200": json({
            type: "object",
            properties: { entries: { type: "array", items: { type: "object" } } },
          }, "all entries, oldest first"),
          "404": errorResponse("message is not_registered"),
          ...common,
        },
      },
    },
    "/diary/settings": {
      get: {
        summary: "The diary settings",
        responses: {
          "200": json({ $ref: "#/components/schemas/DiarySettings" }, "the settings"),
          "404": errorResponse("message is not_registered"),
          ...common,
        },
      },
      patch: {
        summary: "Change any of the diary settings (all at once or none)",
        description: "reminderMinute: the daily reminder's local minute, 480 (08:00) to 1320 " +
          "(22:00); null switches it off. aiAnalysis: new entries go, anonymised, to the " +
          "configured model. useForMatching: the diary's themes and mood help find people.",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                additionalProperties: false,
                minProperties: 1,
                properties: {
                  reminderMinute: { type: ["integer", "null"], minimum: 480, maximum: 1320 },
                  aiAnalysis: { type: "boolean" },
                  useForMatching: { type: "boolean" },
                },
              },
            },
          },
        },
        responses: {
          "200": json({ $ref: "#/components/schemas/DiarySettings" }, "the settings now"),
          "400": errorResponse("invalid body (nothing changed)"),
          "404": errorResponse("message is not_registered"),
          ...common,
        },
      },
    },
    "/portrait": {
      get: {
        summary: "The user's own portrait: what their analysed diary entries add up to",
        description: "The last 50 analysed entries: means, dominant labels, and the catalogue " +
          "topics written about. Never the embedding. entry_count 0 before any analysis.",
        responses: {
          "200": json({ $ref: "#/components/schemas/Portrait" }, "the portrait"),
          "404": errorResponse("message is not_registered"),
          ...common,
        },
      },
    },
    "/diary/entries/{id}": {
      parameters: [{
        name: "id",
        in: "path",
        required: true,
        schema: { type: "string", format: "uuid" },
      }],
      get: {
        summary: "One of the user's entries",
        responses: {
          "200": json({ $ref: "#/components/schemas/DiaryEntry" }, "the entry"),
          "400": errorResponse("the id is not a UUID"),
          "404": errorResponse("message is not_found (also for someone else's entry)"),
          ...common,
        },
      },
      patch: {
        summary: "Edit an entry's text; it is analysed again (the pick stays)",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                additionalProperties: false,
                required: ["text"],
                properties: { text: { type: "string", minLength: 1, maxLength: 4096 } },
              },
            },
          },
        },
        responses: {
          "200": json(
            { $ref: "#/components/schemas/DiaryEntryWritten" },
            "the entry with its new analysis",
          ),
          "400": errorResponse("invalid body or id (nothing changed)"),
          "404": errorResponse("message is not_found (also for someone else's entry)"),
          ...common,
        },
      },
      delete: {
        summary: "Delete one of the user's entries",
        responses: {
          "200": json({
            type: "object",
            required: ["status"],
            properties: { status: { const: "ok" } },
          }, "deleted"),
          "400": errorResponse("the id is not a UUID"),
          "404": errorResponse("message is not_found (also for someone else's entry)"),
          ...common,
        },
      },
    },
    "/mood/summary": {
      get: {
        summary: "The mood by day (30 days), ISO week (12 weeks) or month (12 months)",
        description: "In the user's local time. Every bucket is listed (entries 0 and null " +
          "means when nothing was analysed); `change` is the current bucket's mean valence " +
          "minus the previous one's (the trend; the bot calls ±0.1 about the same).",
        parameters: [{
          name: "period",
          in: "query",
          schema: { enum: ["day", "week", "month"], default: "week" },
        }],
        responses: {
          "200": json({ $ref: "#/components/schemas/MoodSummary" }, "the figures"),
          "400": errorResponse("invalid query: period must be day, week or month"),
          "404": errorResponse("message is not_registered"),
          ...common,
        },
      },
    },
    "/mood/chart.png": {
      get: {
        summary: "The mood chart as a PNG (30 days by day, week bars, top labels)",
        parameters: [{
          name: "theme",
          in: "query",
          schema: { enum: ["light", "dark"], default: "light" },
        }],
        responses: {
          "200": { description: "the chart", content: { "image/png": {} } },
          "400": errorResponse("invalid query: theme must be light or dark"),
          "404": errorResponse("message is not_registered or no_entries"),
          ...common,
        },
      },
    },
    // Recommendations (shared/recommend/api.ts): people whose diary is close, topics to add.
    "/similar": {
      get: {
        summary:
          "Up to `limit` people whose diary portrait is close (each card is recorded as shown)",
        description: 'Only people who switched on "use my diary to find people" (and only for ' +
          "a caller who did), same age pool, not blocked, not in a chat, proposal or cooldown. " +
          "A card names topics both chose, never the diary.",
        parameters: [{
          name: "limit",
          in: "query",
          schema: { type: "integer", minimum: 1, maximum: 10, default: 3 },
        }],
        responses: {
          "200": json({
            type: "object",
            properties: {
              status: { const: "ok" },
              people: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    id: { type: "string", format: "uuid", description: "the card's id" },
                    pseudonym: { type: "string" },
                    shared_topics: { type: "array", maxItems: 3, items: { type: "string" } },
                    closeness: { enum: ["very_close", "close", "similar"] },
                  },
                },
              },
            },
          }, "the cards, nearest first (possibly none)"),
          "400": errorResponse("invalid query: limit must be 1-10"),
          "403": errorResponse("message is restricted; `kind` and `ends_at` say until when"),
          "409": errorResponse(
            "message is profile_incomplete, diary_matching_off, no_portrait, already_in_chat " +
              "or proposal_pending",
          ),
          ...common,
        },
      },
    },
    "/similar/{id}/propose": {
      parameters: [{
        name: "id",
        in: "path",
        required: true,
        schema: { type: "string", format: "uuid" },
      }],
      post: {
        summary: "Propose a conversation to the person on a card (the ordinary consent flow)",
        description: "Both get the usual proposal card; the chat starts only if both accept.",
        responses: {
          "200": json({
            type: "object",
            properties: {
              status: { const: "proposed" },
              match_id: { type: "string", format: "uuid" },
            },
          }, "proposed"),
          "400": errorResponse("card id must be a UUID"),
          "403": errorResponse("message is restricted; `kind` and `ends_at` say until when"),
          "404": errorResponse("message is not_found (unknown or someone else's card)"),
          "409": errorResponse(
            "message is stale (shown over 24 hours ago), already_taken, unavailable (the person " +
              "no longer can be proposed to), profile_incomplete, diary_matching_off, no_portrait, " +
              "already_in_chat or proposal_pending",
          ),
          ...common,
        },
      },
    },
    "/recommendations/topics": {
      get: {
        summary: "Topics the diary is about but the profile lacks (each is recorded as shown)",
        parameters: [{
          name: "limit",
          in: "query",
          schema: { type: "integer", minimum: 1, maximum: 10, default: 3 },
        }],
        responses: {
          "200": json({
            type: "object",
            properties: {
              status: { const: "ok" },
              topics: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    id: { type: "string", format: "uuid", description: "the suggestion's id" },
                    topic_id: { type: "integer" },
                    slug: { type: "string" },
                    title: { type: "string" },
                  },
                },
              },
            },
          }, "the suggestions, strongest first (possibly none)"),
          "400": errorResponse("invalid query: limit must be 1-10"),
          "409": errorResponse(
            "message is profile_incomplete, diary_matching_off, no_portrait or topics_full",
          ),
          ...common,
        },
      },
    },
    "/recommendations/topics/{id}": {
      parameters: [{
        name: "id",
        in: "path",
        required: true,
        schema: { type: "string", format: "uuid" },
      }],
      post: {
        summary: "Add a suggested topic to the profile",
        responses: {
          "200": json({
            type: "object",
            properties: {
              status: { const: "added" },
              topic_id: { type: "integer" },
              title: { type: "string" },
            },
          }, "added"),
          "400": errorResponse("card id must be a UUID"),
          "404": errorResponse("message is not_found (unknown or someone else's suggestion)"),
          "409": errorResponse(
            "message is already_chosen, stale, already_taken, profile_incomplete, " +
              "diary_matching_off or topics_full",
          ),
          ...common,
        },
      },
    },
    "/events": {
      get: {
        summary: "Upcoming events of the caller's age pool, soonest first",
        parameters: [{
          name: "limit",
          in: "query",
          schema: { type: "integer", minimum: 1, maximum: 50, default: 10 },
        }],
        responses: {
          "200": json({
            type: "object",
            properties: {
              status: { const: "ok" },
              events: { type: "array", items: { $ref: "#/components/schemas/EventCard" } },
            },
          }, "events (counts only, never who registered)"),
          "400": errorResponse("limit must be 1-50"),
          "409": errorResponse("message is profile_incomplete"),
          ...common,
        },
      },
      post: {
        summary: "Announce an event (pending until a moderator approves it)",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                additionalProperties: false,
                required: ["title", "startsAt"],
                properties: {
                  title: { type: "string", minLength: 3, maxLength: 100 },
                  description: { type: "string", maxLength: 1000 },
                  startsAt: {
                    type: "string",
                    format: "date-time",
                    description: "26 hours to 60 days ahead",
                  },
                },
              },
            },
          },
        },
        responses: {
          "201": json({
            type: "object",
            properties: { status: { const: "pending" }, event_id: { type: "string" } },
          }, "filed for moderation; topics are found in the text"),
          "403": errorResponse("message is restricted"),
          "409": errorResponse("message is profile_incomplete or too_many_pending"),
          "422": errorResponse("malformed body, contacts in the text, or a start out of range"),
          ...common,
        },
      },
    },
    "/events/{id}": {
      parameters: [eventIdParameter],
      get: {
        summary: "One event (approved ones of the caller's age pool, or the caller's own)",
        responses: {
          "200": json({
            type: "object",
            properties: {
              status: { const: "ok" },
              event: { $ref: "#/components/schemas/EventCard" },
            },
          }, "the event"),
          "400": errorResponse("event id must be a UUID"),
          "404": errorResponse("message is not_found"),
          ...common,
        },
      },
    },
    "/events/recommended": {
      get: {
        summary: "Upcoming events, recommended first, each with its reason (recorded as shown)",
        parameters: [{
          name: "limit",
          in: "query",
          schema: { type: "integer", minimum: 1, maximum: 20, default: 5 },
        }],
        responses: {
          "200": json({
            type: "object",
            properties: {
              status: { const: "ok" },
              events: {
                type: "array",
                items: {
                  allOf: [{ $ref: "#/components/schemas/EventCard" }, {
                    type: "object",
                    properties: {
                      recommender: { enum: ["content", "collaborative", "explore", "none"] },
                      reason: {
                        type: ["object", "null"],
                        properties: {
                          kind: { enum: ["topic", "people", "new"] },
                          topic: { type: ["string", "null"] },
                        },
                      },
                    },
                  }],
                },
              },
            },
          }, "events, recommended first"),
          "400": errorResponse("limit must be 1-20"),
          "409": errorResponse("message is profile_incomplete"),
          ...common,
        },
      },
    },
    "/events/{id}/register": {
      parameters: [eventIdParameter],
      post: {
        summary: "Register (a place, or the waiting list when full)",
        responses: {
          "200": json(eventOutcome, "status registered (confirm_now: asked to confirm at once)"),
          "202": json(eventOutcome, "status waiting: on the waiting list"),
          "400": errorResponse("event id must be a UUID"),
          "403": errorResponse("message is not_for_you (another age pool) or restricted"),
          "404": errorResponse("message is not_found"),
          "409": errorResponse("message is already, closed or profile_incomplete"),
          ...common,
        },
      },
      delete: {
        summary: "Cancel the registration; a freed place goes to the waiting list",
        responses: {
          "200": json(eventOutcome, "status cancelled"),
          "400": errorResponse("event id must be a UUID"),
          "404": errorResponse("message is not_found"),
          "409": errorResponse("message is not_registered or closed"),
          ...common,
        },
      },
    },
    "/events/{id}/confirm": {
      parameters: [eventIdParameter],
      post: {
        summary: "Confirm participation (from 24 h until 3 h before the start)",
        responses: {
          "200": json(eventOutcome, "status confirmed"),
          "400": errorResponse("event id must be a UUID"),
          "404": errorResponse("message is not_found"),
          "409": errorResponse("message is already, not_registered, too_early or closed"),
          ...common,
        },
      },
    },
  },
  components: {
    securitySchemes: {
      telegramInitData: {
        type: "apiKey",
        in: "header",
        name: "Authorization",
        description: "`tma <initData>`, checked with HMAC-SHA256 against the bot token",
      },
    },
    schemas: {
      Error: error,
      EventCard: eventCardSchema,
      MoodPick: {
        enum: [
          "scale_1",
          "scale_2",
          "scale_3",
          "scale_4",
          "scale_5",
          "feel_sad",
          "feel_anxious",
          "feel_angry",
          "feel_tired",
          "feel_lonely",
          "feel_grateful",
          "feel_calm",
          null,
        ],
      },
      DiaryListItem: {
        type: "object",
        properties: {
          id: { type: "string", format: "uuid" },
          local_date: { type: "string", format: "date" },
          pick: { type: ["string", "null"] },
          valence: { type: ["number", "null"] },
          snippet: { type: "string", description: "the first 60 characters" },
          created_at: { type: "string", format: "date-time" },
        },
      },
      DiaryEntry: {
        type: "object",
        properties: {
          status: { const: "ok" },
          id: { type: "string", format: "uuid" },
          local_date: { type: "string", format: "date" },
          pick: { type: ["string", "null"] },
          body: { type: "string" },
          valence: { type: ["number", "null"], minimum: -1, maximum: 1 },
          arousal: { type: ["number", "null"], minimum: 0, maximum: 1 },
          labels: {
            type: "array",
            items: {
              type: "object",
              properties: { label: { type: "string" }, score: { type: "number" } },
            },
          },
          created_at: { type: "string", format: "date-time" },
          updated_at: { type: ["string", "null"], format: "date-time" },
        },
      },
      DiaryEntryWritten: {
        allOf: [{ $ref: "#/components/schemas/DiaryEntry" }, {
          type: "object",
          required: ["crisis"],
          properties: {
            crisis: {
              type: "boolean",
              description: "the text sounds like a crisis: show GET /safety/sos gently",
            },
          },
        }],
      },
      DiarySettings: {
        type: "object",
        required: ["reminderMinute", "aiAnalysis", "useForMatching"],
        properties: {
          reminderMinute: { type: ["integer", "null"], minimum: 480, maximum: 1320 },
          aiAnalysis: { type: "boolean" },
          useForMatching: { type: "boolean" },
        },
      },
      MoodBucket: {
        type: "object",
        properties: {
          start: { type: "string", format: "date" },
          entries: { type: "integer", description: "analysed entries" },
          valence: { type: ["number", "null"], minimum: -1, maximum: 1 },
          arousal: { type: ["number", "null"], minimum: 0, maximum: 1 },
        },
      },
      MoodSummary: {
        type: "object",
        properties: {
          status: { const: "ok" },
          period: { enum: ["day", "week", "month"] },
          today: { type: "string", format: "date" },
          entries_total: { type: "integer" },
          streak_days: { type: "integer" },
          buckets: { type: "array", items: { $ref: "#/components/schemas/MoodBucket" } },
          current: { $ref: "#/components/schemas/MoodBucket" },
          previous: { $ref: "#/components/schemas/MoodBucket" },
          change: { type: ["number", "null"] },
          top_labels: {
            type: "array",
            maxItems: 5,
            items: {
              type: "object",
              properties: {
                label: { type: "string" },
                count: { type: "integer" },
                share: { type: ["number", "null"] },
              },
            },
          },
        },
      },
      Portrait: {
        type: "object",
        properties: {
          status: { const: "ok" },
          entry_count: { type: "integer" },
          valence_mean: { type: ["number", "null"] },
          arousal_mean: { type: ["number", "null"] },
          labels: {
            type: "array",
            maxItems: 5,
            items: {
              type: "object",
              properties: { label: { type: "string" }, weight: { type: "number" } },
            },
          },
          themes: {
            type: "array",
            maxItems: 8,
            items: {
              type: "object",
              properties: {
                slug: { type: "string" },
                title: { type: "string" },
                weight: { type: "number" },
              },
            },
          },
          updated_at: { type: ["string", "null"], format: "date-time" },
        },
      },
      FindResult: {
        type: "object",
        required: ["status"],
        properties: {
          status: { enum: ["queued", "proposed", "already_searching"] },
          match_id: { type: "string", format: "uuid" },
          arm: { type: "string" },
          waiting_seconds: { type: "number" },
          expires_at: { type: "string", format: "date-time" },
        },
      },
    },
  },
} as const;
