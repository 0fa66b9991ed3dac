import assert from "node:assert/strict";
import { startTestBot, type TestBot } from "../support/harness.ts";
import { callbackUpdate, textUpdate } from "../support/updates.ts";
import { buttonsOf, lastWithButton, onboardUser } from "../chat/fixtures.ts";

/**
 * An entry is answered with one line — the mood in words and up to two feelings — and one tap
 * corrects it: a step of the scale sets the mood, «✕ feeling» takes a feeling off. A correction
 * is stored with the entry, moves the aggregates and the portrait, survives a re-analysis of the
 * text, and forged or stale buttons change nothing.
 */

interface EntryRow {
  id: string;
  valence: number;
  labels: Array<{ label: string }>;
  analysed_valence: number;
  analysed_labels: Array<{ label: string }>;
  corrected_at: string | null;
}

async function entryOf(h: TestBot, userId: string): Promise<EntryRow> {
  const [row] = await h.db.query<EntryRow>(
    `select id, valence, labels, analysed_valence, analysed_labels, corrected_at
       from public.diary_entries where user_id = $1 order by created_at desc limit 1`,
    [userId],
  );
  return row!;
}

async function dayAggregate(h: TestBot, userId: string) {
  const [row] = await h.db.query<
    { entries: number; valence_sum: number; label_counts: Record<string, number> }
  >(
    `select entries, valence_sum, label_counts from public.mood_aggregates
      where user_id = $1 and period = 'day'`,
    [userId],
  );
  return row!;
}

/** Everything a tap could change. */
async function state(h: TestBot): Promise<string> {
  const [row] = await h.db.query<{ s: unknown }>(
    `select jsonb_build_object(
       'entries', (select jsonb_agg(to_jsonb(e) order by e.id) from public.diary_entries e),
       'aggregates', (select jsonb_agg(to_jsonb(a) order by a.user_id, a.period, a.period_start)
                        from public.mood_aggregates a),
       'portraits', (select jsonb_agg(to_jsonb(p) - 'embedding' - 'updated_at' order by p.user_id)
                       from public.user_portraits p),
       'events', (select count(*) from public.domain_events)
     ) as s`,
  );
  return JSON.stringify(row!.s);
}

Deno.test("an entry is answered in one line, and one tap corrects its mood or a feeling", async (t) => {
  const h = await startTestBot();
  try {
    const anna = await onboardUser(h.db, 881_001);
    const boris = await onboardUser(h.db, 881_002);
    await h.post(callbackUpdate(anna, "d:w:-"));
    await h.post(textUpdate(anna, "Весь день тревожно и грустно, не могу успокоиться"));
    const entry = await entryOf(h, anna.userId);

    await t.step("the answer names the mood in words and up to two feelings", () => {
      const answer = lastWithButton(h.telegram, anna.id, "d:c:")!;
      assert.match(
        answer.text,
        /^Записано ✍️ Похоже, настроение (очень плохое|скорее плохое): (тревога|грусть), (тревога|грусть)$/,
      );
      assert.deepEqual(buttonsOf(answer), [
        ...[1, 2, 3, 4, 5].map((step) => `d:c:${entry.id}:${step}`),
        ...entry.labels.slice(0, 2).map((l) => `d:cl:${entry.id}:${l.label}`),
      ]);
      assert.ok(buttonsOf(answer).every((data) => new TextEncoder().encode(data).length <= 64));
    });

    await t.step("a neutral entry without feelings is answered in words too", async () => {
      await h.post(textUpdate(anna, "Сходила в магазин за хлебом."));
      assert.equal(
        lastWithButton(h.telegram, anna.id, "d:c:")!.text,
        "Записано ✍️ Похоже, настроение ровное",
      );
      const [neutral] = await h.db.query<{ id: string }>(
        `select id from public.diary_entries where body like 'Сходила%'`,
      );
      await h.db.call("delete_diary_entry", { p_tg_id: anna.id, p_entry_id: neutral!.id });
    });

    const before = await dayAggregate(h, anna.userId);
    await t.step("a step of the scale sets the mood; the aggregates follow", async () => {
      h.telegram.clear();
      await h.post(callbackUpdate(anna, `d:c:${entry.id}:4`));
      const row = await entryOf(h, anna.userId);
      assert.ok(Math.abs(row.valence - 0.4) < 1e-6, `${row.valence}`);
      assert.equal(row.analysed_valence, entry.valence, "what the analyser said is kept");
      assert.ok(row.corrected_at !== null);
      const after = await dayAggregate(h, anna.userId);
      assert.equal(after.entries, before.entries);
      assert.ok(
        Math.abs(after.valence_sum - (before.valence_sum - entry.valence + 0.4)) < 1e-4,
        `${before.valence_sum} → ${after.valence_sum}`,
      );
      const answered = h.telegram.callsOf("answerCallbackQuery").at(-1)!;
      assert.match(String(answered.payload.text), /Поправлено/);
      const edited = h.telegram.callsOf("editMessageText", anna.id).at(-1)!;
      assert.match(String(edited.payload.text), /^Записано ✍️ Настроение скорее хорошее — как вы/);
      const [event] = await h.db.query<{ data: Record<string, unknown> }>(
        `select data from public.domain_events where event = 'mood.corrected' order by id desc`,
      );
      assert.equal(event!.data.entry_id, entry.id);
      assert.ok(!JSON.stringify(event!.data).includes("тревожно"), "numbers only");
    });

    await t.step("«✕ feeling» takes that feeling off, in the aggregates too", async () => {
      const label = entry.labels[0]!.label;
      const counted = (await dayAggregate(h, anna.userId)).label_counts[label] ?? 0;
      await h.post(callbackUpdate(anna, `d:cl:${entry.id}:${label}`));
      const row = await entryOf(h, anna.userId);
      assert.ok(!row.labels.some((l) => l.label === label));
      assert.ok(row.analysed_labels.some((l) => l.label === label));
      assert.equal(
        (await dayAggregate(h, anna.userId)).label_counts[label],
        counted - 1 || undefined,
      );
      const edited = h.telegram.callsOf("editMessageText", anna.id).at(-1)!;
      assert.ok(!buttonsOf(edited.payload).includes(`d:cl:${entry.id}:${label}`));
    });

    await t.step("the portrait takes the correction, and the log alone rebuilds it", async () => {
      const [p] = await h.db.query<{ valence_mean: number; labels: Record<string, number> }>(
        "select valence_mean, labels from public.user_portraits where user_id = $1",
        [anna.userId],
      );
      assert.ok(Math.abs(p!.valence_mean - 0.4) < 1e-4, `${p!.valence_mean}`);
      assert.ok(!(entry.labels[0]!.label in p!.labels));
      const [check] = await h.db.query<{ same: boolean }>(
        `select public.rebuild_portrait($1) = public.stored_portrait($1) as same`,
        [anna.userId],
      );
      assert.equal(check!.same, true);
    });

    await t.step("an edit re-analyses the text but keeps what the person said", async () => {
      const [row] = await h.db.query<{ tg_message_id: number }>(
        "select tg_message_id from public.diary_entries where id = $1",
        [entry.id],
      );
      await h.post({
        update_id: 9_881_001,
        edited_message: {
          message_id: Number(row!.tg_message_id),
          date: Math.floor(Date.now() / 1000),
          edit_date: Math.floor(Date.now() / 1000),
          chat: { id: anna.id, type: "private", first_name: "Анна" },
          from: { id: anna.id, is_bot: false, first_name: "Анна" },
          text: "Весь день тревожно и очень грустно, не могу успокоиться",
        },
      } as never);
      const edited = await entryOf(h, anna.userId);
      assert.ok(Math.abs(edited.valence - 0.4) < 1e-6);
      assert.ok(edited.analysed_valence < 0);
      const [check] = await h.db.query<{ same: boolean }>(
        `select public.rebuild_portrait($1) = public.stored_portrait($1) as same`,
        [anna.userId],
      );
      assert.equal(check!.same, true);
    });

    await t.step(
      "forged, stale and someone else's taps are answered politely and change nothing",
      async () => {
        const unchanged = await state(h);
        const other = crypto.randomUUID();
        for (
          const [who, data] of [
            [boris, `d:c:${entry.id}:1`],
            [boris, `d:cl:${entry.id}:sadness`],
            [anna, `d:c:${other}:2`],
            [anna, `d:c:${entry.id}:9`],
            [anna, `d:c:${entry.id}:0`],
            [anna, `d:cl:${entry.id}:happiness`],
            [anna, `d:cl:${entry.id}:joy`],
            [anna, `d:c:${entry.id.slice(0, 30)}:2`],
            [anna, `d:c:${entry.id}:2:extra`],
          ] as const
        ) {
          h.telegram.clear();
          await h.post(callbackUpdate(who, data));
          const answered = h.telegram.callsOf("answerCallbackQuery").at(-1);
          assert.match(String(answered?.payload.text), /неактуальна/, data);
          assert.equal(h.telegram.callsOf("editMessageText").length, 0, data);
        }
        assert.equal(await state(h), unchanged);
      },
    );

    await t.step("the same tap twice is answered and logs nothing new", async () => {
      await h.post(callbackUpdate(anna, `d:c:${entry.id}:3`));
      const once = await state(h);
      h.telegram.clear();
      await h.post(callbackUpdate(anna, `d:c:${entry.id}:3`));
      assert.equal(await state(h), once);
      assert.match(
        String(h.telegram.callsOf("answerCallbackQuery").at(-1)?.payload.text),
        /Поправлено/,
      );
    });

    await t.step("the export has the analyser's reading and the correction", async () => {
      const [exported] = await h.db.query<{ e: Array<Record<string, unknown>> }>(
        "select public.diary_export($1) as e",
        [anna.id],
      );
      const item = exported!.e.find((x) => x.id === entry.id)!;
      assert.equal(item.valence, 0);
      assert.ok((item.analysed_valence as number) < 0);
      assert.ok(item.corrected_at);
    });
  } finally {
    await h.close();
  }
});
