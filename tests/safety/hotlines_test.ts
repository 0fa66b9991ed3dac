import assert from "node:assert/strict";
import type { BotContext } from "../../shared/bot/context.ts";
import { loadI18n } from "../../shared/bot/texts.ts";
import { checkInLine, type Hotline, loadSosCard } from "../../shared/safety/hotlines.ts";
import { sosText } from "../../shared/safety/safety_feature.ts";
import { createTestDb } from "../support/test_db.ts";

const i18n = await loadI18n();
const ctx: Pick<BotContext, "t"> = { t: (key, vars) => i18n.t("ru", key, vars) };

Deno.test("the crisis card reads the hotlines table: each country its own lines, always 112", async (t) => {
  const db = await createTestDb();
  try {
    let nextTgId = 950_000_000;
    const cardFor = async (country: string | null): Promise<string> => {
      const tgId = nextTgId++;
      await db.query("insert into public.users (tg_id, country) values ($1, $2)", [tgId, country]);
      return sosText(ctx, await loadSosCard(db, tgId));
    };

    await t.step("Russia: МЧС, Moscow with its mobile number, children's line", async () => {
      const text = await cardFor("RU");
      assert.match(text, /\+7 495 989-50-50/);
      assert.match(text, /051 \(с мобильного: \+7 495 051\)/);
      assert.match(text, /8-800-2000-122/);
      assert.match(text, /звоните 112/);
    });
    await t.step("Kazakhstan: 150 and 111, not Russia's lines", async () => {
      const text = await cardFor("KZ");
      assert.match(text, /: 150/);
      assert.match(text, /: 111/);
      assert.doesNotMatch(text, /8-800-2000-122/);
    });
    await t.step("Belarus and Ukraine", async () => {
      assert.match(await cardFor("BY"), /8-801-100-1611/);
      assert.match(await cardFor("UA"), /7333/);
    });
    await t.step("a country without crisis lines: an honest word, its ambulance, 112", async () => {
      const text = await cardFor("UZ");
      assert.match(text, /нет проверенных номеров/);
      assert.match(text, /Скорая помощь: 103/);
      assert.match(text, /112/);
      assert.match(await cardFor("GE"), /нет проверенных номеров[\s\S]*112/);
    });
    await t.step("an unknown country (or no profile at all) lists several countries", async () => {
      for (const text of [await cardFor(null), sosText(ctx, await loadSosCard(db, 1))]) {
        for (const country of ["Россия", "Казахстан", "Беларусь", "Украина"]) {
          assert.match(text, new RegExp(`${country}:`));
        }
        assert.doesNotMatch(text, /Скорая помощь/);
        assert.match(text, /112/);
      }
    });
    await t.step("an operator's edit shows at once; a line switched off disappears", async () => {
      await db.query(
        `insert into public.hotlines (country, name, phone, hours, kind, sort_order, verified_at)
         values ('GE', 'Тестовая линия', '+995 00 000', 'круглосуточно', 'crisis', 5, current_date)`,
      );
      const text = await cardFor("GE");
      assert.match(text, /Тестовая линия: \+995 00 000 \(круглосуточно\)/);
      assert.doesNotMatch(text, /нет проверенных номеров/);
      await db.query("update public.hotlines set active = false where name = 'Тестовая линия'");
      assert.doesNotMatch(await cardFor("GE"), /Тестовая линия/);
    });
    await t.step("every country the bot offers has a Russian name for the card", async () => {
      const rows = await db.query<{ country: string }>(
        "select distinct country from public.hotlines where country is not null",
      );
      for (const { country } of rows) {
        assert.notEqual(ctx.t(`safety-country-${country}`), `safety-country-${country}`);
      }
    });
  } finally {
    await db.close();
  }
});

Deno.test("the check-in names the first crisis line for everyone, else any crisis line, else none", () => {
  const line = (name: string, audience: Hotline["audience"], kind: Hotline["kind"]): Hotline => ({
    country: "RU",
    name,
    phone: "8-800",
    audience,
    kind,
  });
  const youth = line("youth", "youth", "crisis");
  const all = line("all", "all", "crisis");
  const ambulance = line("ambulance", "all", "medical");
  const card = (lines: Hotline[]) => ({ country: "RU", lines, emergency: "112" });
  assert.equal(checkInLine(card([ambulance, youth, all]))?.name, "all");
  assert.equal(checkInLine(card([ambulance, youth]))?.name, "youth");
  assert.equal(checkInLine(card([ambulance])), null);
});
