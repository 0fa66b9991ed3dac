import assert from "node:assert/strict";
import { loadI18n } from "../../shared/bot/texts.ts";
import { translatorFor } from "../../shared/notifications/translate.ts";
import { weekLabel } from "../../shared/diary/mood_report.ts";

Deno.test("week labels name the month, and both months when the week spans two", async () => {
  const t = translatorFor(await loadI18n());
  const plain = (text: string) => text.replace(/[\u2068\u2069]/g, "");
  assert.equal(plain(weekLabel(t, "2026-11-16")), "16–22 нояб.");
  assert.equal(plain(weekLabel(t, "2026-10-26")), "26 окт.–1 нояб.");
  assert.equal(plain(weekLabel(t, "2026-12-28")), "28 дек.–3 янв.");
});
