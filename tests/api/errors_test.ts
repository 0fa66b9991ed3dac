import assert from "node:assert/strict";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { API_ERROR_CODES, ApiError, errorBody, errorKey } from "../../shared/api/errors.ts";
import { refuseInvalid } from "../../shared/api/routes.ts";
import { loadI18n } from "../../shared/bot/texts.ts";
import { translatorFor } from "../../shared/notifications/translate.ts";

const t = translatorFor(await loadI18n());
const vars = { seconds: 12, min: 1, max: 2500, important: 3, until: "none", reason: "нет." };

Deno.test("every error code a client can get has a Russian text in api.ftl", () => {
  for (const code of API_ERROR_CODES) {
    const text = t(errorKey(code), vars);
    assert.notEqual(text, errorKey(code), `${code} has no text`);
    assert.match(text, /^[А-ЯЁ]/u, `${code}: ${text}`);
    assert.doesNotMatch(text, /\{|\$/, `${code}: unfilled variable in ${text}`);
  }
});

Deno.test("errorBody() renders { error: { code, message } } and never internals", async (t2) => {
  await t2.step("an ApiError: its code, its text, its detail and extra fields", () => {
    const { status, body } = errorBody(
      new ApiError(429, "rate_limited", { params: { seconds: 7 }, detail: { field: "x" } }),
      t,
    );
    assert.equal(status, 429);
    assert.deepEqual(body, {
      error: {
        code: "rate_limited",
        message: "Слишком много запросов подряд. Подождите 7 с и попробуйте снова.",
        field: "x",
      },
    });
  });
  await t2.step("a bot text by key, e.g. a bio refusal", () => {
    const { body } = errorBody(new ApiError(422, "bio_refused", { key: "profile-bio-phone" }), t);
    assert.match((body.error as { message: string }).message, /номер телефона/);
  });
  await t2.step("Hono's HTTPException: by status; anything else: 500 internal", () => {
    assert.equal(
      (errorBody(new HTTPException(415), t).body.error as { code: string }).code,
      "unsupported_media_type",
    );
    const crash = errorBody(new Error("password=hunter2"), t);
    assert.equal(crash.status, 500);
    assert.doesNotMatch(JSON.stringify(crash.body), /hunter2/);
  });
});

Deno.test("a zod failure becomes 400 invalid_input with the field and a Russian reason", () => {
  const schema = z.object({ bio: z.string().max(3), count: z.number().int().min(1) }).strict();
  const cases: Array<[unknown, string, RegExp]> = [
    [{ bio: "long", count: 1 }, "bio", /слишком длинный/],
    [{ bio: "ok", count: 0 }, "count", /вне допустимых границ/],
    [{ bio: "ok" }, "count", /не заполнено/],
    [{ bio: "ok", count: 1, x: 1 }, "x", /лишнее поле/],
  ];
  for (const [input, field, reason] of cases) {
    const parsed = schema.safeParse(input);
    assert.equal(parsed.success, false);
    try {
      refuseInvalid(parsed.error!);
      assert.fail("refuseInvalid() returned");
    } catch (error) {
      const { status, body } = errorBody(error, t);
      const shown = body.error as { code: string; field: string; message: string };
      assert.deepEqual([status, shown.code, shown.field], [400, "invalid_input", field]);
      assert.match(shown.message, reason);
      assert.doesNotMatch(shown.message, /Invalid|expected|ZodError/);
    }
  }
});
