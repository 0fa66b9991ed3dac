import assert from "node:assert/strict";
import type { BotContext } from "../../shared/bot/context.ts";
import { loadI18n } from "../../shared/bot/texts.ts";
import { HOTLINES } from "../../shared/safety/hotlines.ts";
import { sosText } from "../../shared/safety/safety_feature.ts";

const i18n = await loadI18n();
const ctx: Pick<BotContext, "t"> = { t: (key, vars) => i18n.t("ru", key, vars) };

Deno.test("sosText() gives each country its own lines and always 112", async (t) => {
  await t.step("Russia: МЧС, Moscow with its mobile number, children's line", () => {
    const text = sosText(ctx, "RU");
    assert.match(text, /\+7 495 989-50-50/);
    assert.match(text, /051 \(с мобильного: \+7 495 051\)/);
    assert.match(text, /8-800-2000-122/);
    assert.match(text, /112/);
  });
  await t.step("Kazakhstan: 150 and 111", () => {
    const text = sosText(ctx, "KZ");
    assert.match(text, /: 150/);
    assert.match(text, /: 111/);
    assert.doesNotMatch(text, /8-800-2000-122/);
  });
  await t.step("Belarus and Ukraine", () => {
    assert.match(sosText(ctx, "BY"), /8-801-100-1611/);
    assert.match(sosText(ctx, "UA"), /7333/);
  });
  await t.step("a country without known lines still gets 112 and an honest word", () => {
    const text = sosText(ctx, "GE");
    assert.match(text, /нет проверенных номеров/);
    assert.match(text, /112/);
  });
  await t.step("an unknown country lists several countries", () => {
    const text = sosText(ctx, null);
    for (const country of ["Россия", "Казахстан", "Беларусь", "Украина"]) {
      assert.match(text, new RegExp(`${country}:`));
    }
    assert.match(text, /112/);
  });
  await t.step("every line has a Russian name in safety.ftl", () => {
    for (const lines of Object.values(HOTLINES)) {
      for (const line of lines) {
        const name = ctx.t(`safety-hotline-${line.key}`);
        assert.notEqual(name, `safety-hotline-${line.key}`);
      }
    }
  });
});
