import assert from "node:assert/strict";
import { startTestBot } from "../support/harness.ts";
import { callbackUpdate, textUpdate } from "../support/updates.ts";
import { buttonsOf, lastWithButton, onboardUser } from "../chat/fixtures.ts";

/** Non-zero entries of a sparsevec's text form, e.g. '{3:1.2,7:0.5}/1024' -> 2. */
function entriesOf(sparse: string): Map<number, number> {
  const body = sparse.slice(1, sparse.indexOf("}"));
  return new Map(
    body ? body.split(",").map((pair) => pair.split(":").map(Number) as [number, number]) : [],
  );
}

Deno.test("«use my diary to find people»: off by default, one tap each way, feeds the search", async (t) => {
  const h = await startTestBot();
  try {
    const anna = await onboardUser(h.db, 881_001, { topics: 2 });
    const flag = async () =>
      (await h.db.query<{ diary_matching: boolean }>(
        "select diary_matching from public.users where id = $1",
        [anna.userId],
      ))[0]!.diary_matching;

    await t.step("/diary offers it, and it starts switched off", async () => {
      await h.post(textUpdate(anna, "/diary"));
      assert.ok(buttonsOf(lastWithButton(h.telegram, anna.id, "d:w:")!).includes("d:fm"));
      assert.equal(await flag(), false);
      await h.post(callbackUpdate(anna, "d:fm"));
      const explain = lastWithButton(h.telegram, anna.id, "d:fm:on")!;
      assert.match(explain.text, /Тексты записей никто не увидит/);
      assert.deepEqual(buttonsOf(explain), ["d:fm:on", "d:fm:off"]);
    });

    await t.step("entries about burnout, written with it off, stay out of the search", async () => {
      await h.post(callbackUpdate(anna, "d:w:-"));
      for (
        const text of [
          "Опять выгорание на работе, ничего не хочется",
          "Выгорел окончательно, работа не радует",
          "Кажется, это профессиональное выгорание",
        ]
      ) await h.post(textUpdate(anna, text));
      await h.post(textUpdate(anna, "/done"));
      const [portrait] = await h.db.query<{ themes: Record<string, number> }>(
        "select themes from public.user_portraits where user_id = $1",
        [anna.userId],
      );
      assert.ok((portrait!.themes.burnout ?? 0) >= 0.2, JSON.stringify(portrait!.themes));
      await h.db.query("select public.enqueue_user($1, false)", [anna.userId]);
      const [row] = await h.db.query<{ topic_vec: string }>(
        "select topic_vec::text from public.match_queue where user_id = $1",
        [anna.userId],
      );
      assert.equal(entriesOf(row!.topic_vec).size, 2, "only the two chosen topics");
      await h.db.query("delete from public.match_queue");
    });

    await t.step("switched on, the diary's theme joins the search at a lower weight", async () => {
      await h.post(callbackUpdate(anna, "d:fm:on"));
      assert.equal(await flag(), true);
      assert.match(h.telegram.lastTextTo(anna.id)!, /со следующего поиска/);
      await h.db.query("select public.enqueue_user($1, false)", [anna.userId]);
      const [row] = await h.db.query<{ topic_vec: string; burnout: number }>(
        `select q.topic_vec::text, t.id % 1024 + 1 as burnout
           from public.match_queue q, public.topics t
          where q.user_id = $1 and t.slug = 'burnout'`,
        [anna.userId],
      );
      const vector = entriesOf(row!.topic_vec);
      assert.ok(vector.size >= 3, "the chosen two and burnout (the diary may add more)");
      assert.ok(vector.has(row!.burnout));
      const [chosen] = await h.db.query<{ indexes: number[] }>(
        "select array_agg(topic_id % 1024 + 1) as indexes from public.user_topics where user_id = $1",
        [anna.userId],
      );
      const chosenValues = chosen!.indexes.map((index) => vector.get(index)!);
      // Every topic weighs 1 until refresh_topic_idf() has seen people: 1 or 2 vs 0.5.
      assert.ok(chosenValues.every((value) => value >= 1));
      assert.equal(vector.get(row!.burnout), 0.5);
      await h.db.query("delete from public.match_queue");
    });

    await t.step("switched off again with one tap", async () => {
      await h.post(callbackUpdate(anna, "d:fm:off"));
      assert.equal(await flag(), false);
      assert.match(h.telegram.lastTextTo(anna.id)!, /дневник остаётся только вашим/);
    });

    await t.step("forged data is refused politely and changes nothing", async () => {
      await h.post(callbackUpdate(anna, "d:fm:maybe"));
      const answer = h.telegram.callsOf("answerCallbackQuery").at(-1)!;
      assert.ok(answer.payload.text, "a polite answer");
      assert.equal(await flag(), false);
      const events = await h.db.query<{ event: string }>(
        "select event from public.domain_events where user_id = $1 and event like 'diary.matching%' order by id",
        [anna.userId],
      );
      assert.deepEqual(events.map((e) => e.event), ["diary.matching_on", "diary.matching_off"]);
    });
  } finally {
    await h.close();
  }
});
