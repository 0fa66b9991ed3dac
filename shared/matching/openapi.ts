/** OpenAPI 3.1 description of the Mini App matching API (served at `/openapi.json`). */
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

export const matchApiOpenApi = {
  openapi: "3.1.0",
  info: {
    title: "«Ты не один» — Mini App matching API",
    version: "1.0.0",
    description: "Search, consent and status for the signed-in Telegram user. Authenticate with " +
      "`Authorization: tma <initData>` (Telegram.WebApp.initData).",
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
