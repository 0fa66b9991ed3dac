import assert from "node:assert/strict";
import { analyseEntry } from "../../shared/diary/analysis.ts";
import { createLexiconAnalyzer } from "../../shared/diary/lexicon_analyzer.ts";
import { createLexicalEmbedder } from "../../shared/embedding/lexical_embedder.ts";
import { onboardUser } from "../chat/fixtures.ts";
import { createTestDb } from "../support/test_db.ts";

const texts = [
  "Опять выгорание: нет сил работать, ненавижу эту работу",
  "Не могу уснуть уже третью ночь, бессонница замучила",
  "Сегодня усыпили нашего кота, очень больно",
  "Гуляла в парке, было спокойно и хорошо",
  "Уволили по сокращению, ищу работу",
  "Переехала в новый город, никого не знаю, одиноко",
];

Deno.test("every portrait rebuilt from the event log equals the stored one", async (t) => {
  const db = await createTestDb();
  const lexical = createLexicalEmbedder();
  let embeddings = 0;
  const embedder = { ...lexical, embed: (text: string) => (embeddings++, lexical.embed(text)) };
  const deps = { db, analyzer: createLexiconAnalyzer(), embedder };
  let message = 1;
  const write = async (tgId: number, text: string) => {
    await db.call("start_diary", { p_tg_id: tgId, p_pick: null });
    const added = await db.call<{ entry_id: string }>("add_diary_entry", {
      p_tg_id: tgId,
      p_message_id: message++,
      p_body: text,
    });
    await analyseEntry(deps, { id: added.entry_id, text, pick: null });
    return { id: added.entry_id, messageId: message - 1 };
  };
  try {
    const anna = await onboardUser(db, 895_001);
    const boris = await onboardUser(db, 895_002);
    const written: Array<{ id: string; messageId: number }> = [];

    await t.step("entries, an edit and deletions", async () => {
      for (const [i, text] of texts.entries()) {
        written.push(await write(anna.id, text));
        await write(boris.id, texts[(i + 3) % texts.length]!);
      }
      const edited = written[3]!;
      const newText = "Исправлю: в парке было грустно и одиноко";
      await db.call("edit_diary_entry", {
        p_tg_id: anna.id,
        p_message_id: edited.messageId,
        p_body: newText,
      });
      await analyseEntry(deps, { id: edited.id, text: newText, pick: null });
      await db.call("delete_diary_entry", { p_tg_id: anna.id, p_entry_id: written[0]!.id });
    });

    await t.step("more than 50 entries: the oldest leave the portrait", async () => {
      for (let i = 0; i < 52; i++) await write(boris.id, texts[i % texts.length]!);
      const [row] = await db.query<{ entry_count: number }>(
        "select entry_count from public.user_portraits where user_id = $1",
        [boris.userId],
      );
      assert.equal(row!.entry_count, 50);
    });

    await t.step("the fold of the log gives exactly the stored portraits", async () => {
      const users = await db.query<{ user_id: string }>(
        "select user_id from public.user_portraits order by user_id",
      );
      assert.equal(users.length, 2);
      for (const { user_id } of users) {
        const rebuilt = await db.call("rebuild_portrait", { p_user_id: user_id });
        const stored = await db.call("stored_portrait", { p_user_id: user_id });
        assert.deepEqual(rebuilt, stored);
      }
    });

    await t.step("the portrait has the themes written about, and a vector", async () => {
      const [portrait] = await db.query<{
        entry_count: number;
        themes: Record<string, number>;
        valence_mean: number;
        has_vector: boolean;
      }>(
        `select entry_count, themes, valence_mean, embedding is not null as has_vector
           from public.user_portraits where user_id = $1`,
        [anna.userId],
      );
      assert.equal(portrait!.entry_count, texts.length - 1);
      assert.ok(portrait!.valence_mean < 0);
      for (const slug of ["insomnia", "pet_loss", "job_loss"]) {
        assert.ok(slug in portrait!.themes, `${slug} in ${JSON.stringify(portrait!.themes)}`);
      }
      assert.ok(!("burnout" in portrait!.themes), "the deleted entry's theme left with it");
      assert.ok(portrait!.has_vector);
    });

    await t.step(
      "an entry that leaves the themes as they were makes no new embedding",
      async () => {
        const carol = await onboardUser(db, 895_003);
        const before = embeddings;
        await write(carol.id, "Бессонница, не могу уснуть");
        assert.equal(embeddings, before + 1, "the first entry's themes are embedded");
        const after = embeddings;
        await write(carol.id, "Снова бессонница, не могу уснуть");
        assert.equal(embeddings, after);
      },
    );

    await t.step("the log holds ids and numbers, never an entry's words", async () => {
      const rows = await db.query<{ data: unknown }>(
        "select data from public.domain_events where event in ('diary.entry_created', 'diary.entry_updated', 'diary.entry_deleted', 'mood.analyzed', 'portrait.updated')",
      );
      const log = JSON.stringify(rows);
      for (const word of ["выгорание", "кота", "парке", "сокращению", "уснуть"]) {
        assert.ok(!log.includes(word), word);
      }
    });

    await t.step("erasing the profile erases the portrait", async () => {
      await db.call("delete_user", { p_tg_id: anna.id });
      const [row] = await db.query<{ n: number }>(
        "select count(*)::int as n from public.user_portraits where user_id = $1",
        [anna.userId],
      );
      assert.equal(row!.n, 0);
    });
  } finally {
    await db.close();
  }
});
