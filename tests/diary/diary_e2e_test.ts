import assert from "node:assert/strict";
import { startTestBot, type TestBot } from "../support/harness.ts";
import { callbackUpdate, textUpdate } from "../support/updates.ts";
import { buttonsOf, lastWithButton, onboardUser, startChat } from "../chat/fixtures.ts";
import type { UploadedFile } from "../support/fake_telegram.ts";

async function entries(h: TestBot, userId: string) {
  return await h.db.query<{
    id: string;
    body: string;
    pick: string | null;
    valence: number | null;
    labels: Array<{ label: string }>;
    analyzer: string | null;
  }>(
    "select id, body, pick, valence, labels, analyzer from public.diary_entries where user_id = $1 order by created_at",
    [userId],
  );
}

async function aggregates(h: TestBot, userId: string) {
  return await h.db.query<{ period: string; entries: number }>(
    "select period, entries from public.mood_aggregates where user_id = $1 order by period",
    [userId],
  );
}

Deno.test("the diary: a mood pick, entries, an edit, the list, deleting, the export", async (t) => {
  const h = await startTestBot();
  try {
    const anna = await onboardUser(h.db, 880_001);

    await t.step(
      "/diary offers mood picks, writing, the list, the mood and the export",
      async () => {
        await h.post(textUpdate(anna, "/diary"));
        const menu = lastWithButton(h.telegram, anna.id, "d:w:")!;
        assert.match(menu.text, /видите только вы/);
        const buttons = buttonsOf(menu);
        for (
          const data of [
            "d:w:scale_1",
            "d:w:scale_5",
            "d:w:feel_anxious",
            "d:w:-",
            "d:l:0",
            "d:m",
            "d:e",
          ]
        ) {
          assert.ok(buttons.includes(data), data);
        }
      },
    );

    let first!: { update_id: number; message: { message_id: number } };
    await t.step("after a pick, a message becomes an analysed entry", async () => {
      await h.post(callbackUpdate(anna, "d:w:scale_2"));
      assert.match(h.telegram.lastTextTo(anna.id)!, /Напишите, что на душе/);
      first = textUpdate(anna, "Весь день тревожно, не могу успокоиться перед экзаменом") as never;
      await h.post(first as never);
      assert.match(h.telegram.lastTextTo(anna.id)!, /^Записано ✍️ Похоже, настроение .*тревога/);
      const [entry] = await entries(h, anna.userId);
      assert.equal(entry!.pick, "scale_2");
      assert.ok(entry!.valence! < 0, "a worried entry with a low pick is negative");
      assert.ok(entry!.labels.some((l) => l.label === "anxiety"));
      assert.equal(entry!.analyzer, "lexicon-ru");
      assert.deepEqual(
        (await aggregates(h, anna.userId)).map((a) => [a.period, a.entries]),
        [["day", 1], ["month", 1], ["week", 1]],
      );
    });

    await t.step("the event log has ids and numbers, never the text", async () => {
      const events = await h.db.query<{ event: string; data: Record<string, unknown> }>(
        "select event, data from public.domain_events where event like 'diary.%' or event like 'mood.%' order by id",
      );
      assert.deepEqual(events.map((e) => e.event), ["diary.entry_created", "mood.analyzed"]);
      assert.ok(!JSON.stringify(events).includes("экзамен"));
    });

    await t.step(
      "editing the message updates the entry and its analysis, not the counts",
      async () => {
        await h.post({
          update_id: first.update_id + 1_000_000,
          edited_message: {
            ...(first as unknown as { message: Record<string, unknown> }).message,
            text: "Сдала экзамен! Очень рада и спокойна",
            edit_date: 1,
          },
        } as never);
        const [entry] = await entries(h, anna.userId);
        assert.equal(entry!.body, "Сдала экзамен! Очень рада и спокойна");
        assert.ok(entry!.labels.some((l) => l.label === "joy" || l.label === "calm"));
        assert.equal((await aggregates(h, anna.userId))[0]!.entries, 1);
        assert.match(h.telegram.lastTextTo(anna.id)!, /исправлена/);
      },
    );

    await t.step("only text goes into the diary; /done leaves writing mode", async () => {
      await h.post(textUpdate(anna, "И ещё: вечером гуляла, стало легче"));
      assert.equal((await entries(h, anna.userId)).length, 2);
      await h.post(textUpdate(anna, "/done"));
      assert.match(h.telegram.lastTextTo(anna.id)!, /записи сохранены/);
      await h.post(textUpdate(anna, "это уже не в дневник"));
      assert.equal((await entries(h, anna.userId)).length, 2);
    });

    await t.step("the list pages the entries; one opens, and it can be deleted", async () => {
      await h.post(callbackUpdate(anna, "d:l:0"));
      const list = lastWithButton(h.telegram, anna.id, "d:o:")!;
      assert.match(list.text, /1–2 из 2/);
      const [newest] = buttonsOf(list);
      await h.post(callbackUpdate(anna, newest!));
      assert.match(h.telegram.lastTextTo(anna.id)!, /гуляла/);
      const id = newest!.slice("d:o:".length);
      await h.post(callbackUpdate(anna, `d:x:${id}`));
      await h.post(callbackUpdate(anna, `d:xy:${id}`));
      assert.equal((await entries(h, anna.userId)).length, 1);
      assert.equal((await aggregates(h, anna.userId))[0]!.entries, 1);
    });

    await t.step("someone else's entry cannot be opened or deleted", async () => {
      const boris = await onboardUser(h.db, 880_002);
      const [entry] = await entries(h, anna.userId);
      await h.post(callbackUpdate(boris, `d:o:${entry!.id}`));
      await h.post(callbackUpdate(boris, `d:xy:${entry!.id}`));
      assert.equal((await entries(h, anna.userId)).length, 1);
      assert.ok(!h.telegram.textsTo(boris.id).join("\n").includes("экзамен"));
    });

    await t.step("the export is a JSON file with every entry, sent to its owner only", async () => {
      h.telegram.clear();
      await h.post(callbackUpdate(anna, "d:e"));
      const call = h.telegram.callsOf("sendDocument", anna.id).at(-1)!;
      const file = call.payload.document as UploadedFile;
      const exported = JSON.parse(new TextDecoder().decode(file.bytes));
      assert.equal(exported.entries.length, 1);
      assert.equal(exported.entries[0].text, "Сдала экзамен! Очень рада и спокойна");
      assert.equal(String(call.payload.protect_content), "true");
    });

    await t.step("erasing the profile (/delete) erases the diary", async () => {
      await h.db.call("delete_user", { p_tg_id: anna.id });
      const [row] = await h.db.query<{ n: number }>(
        "select (select count(*) from public.diary_entries)::int + (select count(*) from public.mood_aggregates where user_id = $1)::int as n",
        [anna.userId],
      );
      assert.equal(row!.n, 0);
    });
  } finally {
    await h.close();
  }
});

Deno.test("/mood answers in words and with a chart", async (t) => {
  const h = await startTestBot();
  try {
    const anna = await onboardUser(h.db, 881_001);
    await t.step("without entries: a calm hint, no picture", async () => {
      await h.post(textUpdate(anna, "/mood"));
      assert.match(h.telegram.lastTextTo(anna.id)!, /Записей за последний месяц нет/);
      assert.equal(h.telegram.callsOf("sendPhoto", anna.id).length, 0);
    });
    await t.step("with entries: the summary and a PNG", async () => {
      await h.post(callbackUpdate(anna, "d:w:feel_tired"));
      await h.post(textUpdate(anna, "Совсем нет сил, устала от работы"));
      await h.post(textUpdate(anna, "/mood"));
      const photo = h.telegram.callsOf("sendPhoto", anna.id).at(-1)!;
      assert.match(String(photo.payload.caption), /Записей: 1/);
      assert.match(String(photo.payload.caption), /усталость/);
      const png = (photo.payload.photo as UploadedFile).bytes;
      assert.deepEqual([...png.slice(1, 4)], [0x50, 0x4e, 0x47]);
    });
  } finally {
    await h.close();
  }
});

Deno.test("a diary entry that sounds like a crisis gets the crisis lines, and nobody is told", async () => {
  const h = await startTestBot();
  try {
    const anna = await onboardUser(h.db, 882_001);
    await h.post(callbackUpdate(anna, "d:w:-"));
    await h.post(textUpdate(anna, "не хочу больше жить"));
    const texts = h.telegram.textsTo(anna.id).join("\n");
    assert.match(texts, /112/);
    const [flags] = await h.db.query<{ n: number }>(
      "select count(*)::int as n from public.safety_flags",
    );
    assert.equal(flags!.n, 0);
  } finally {
    await h.close();
  }
});

Deno.test("in a chat, messages go to the partner and /diary waits for the chat to end", async () => {
  const h = await startTestBot();
  try {
    const { anna, boris } = await startChat(h, [883_001, 883_002]);
    await h.post(textUpdate(anna, "/diary"));
    await h.post(callbackUpdate(anna, "d:w:scale_3"));
    assert.match(h.telegram.lastTextTo(anna.id)!, /Дневник откроется после чата/);
    h.telegram.clear();
    await h.post(textUpdate(anna, "привет"));
    assert.equal(h.telegram.callsOf("copyMessage", boris.id).length, 1);
    const [row] = await h.db.query<{ n: number }>(
      "select count(*)::int as n from public.diary_entries",
    );
    assert.equal(row!.n, 0);
  } finally {
    await h.close();
  }
});

Deno.test("a daily reminder at a chosen local time, once a day, off with one tap", async (t) => {
  const h = await startTestBot();
  try {
    const anna = await onboardUser(h.db, 884_001);
    // Whatever the hour the suite runs at, Anna's local time is about noon (within 15 min).
    const noonOffset = `((720 - (extract(hour from now() at time zone 'utc') * 60
                        + extract(minute from now() at time zone 'utc'))::integer) / 15) * 15`;
    const sweep = () => h.db.call<number>("queue_diary_reminders");

    await t.step("the menu offers times; a time is set", async () => {
      await h.post(callbackUpdate(anna, "d:r"));
      const times = buttonsOf(lastWithButton(h.telegram, anna.id, "d:r:")!);
      assert.deepEqual(times, ["d:r:540", "d:r:780", "d:r:1200", "d:r:1320", "d:r:off"]);
      await h.post(callbackUpdate(anna, "d:r:780"));
      assert.match(h.telegram.lastTextTo(anna.id)!, /каждый день в 13:00/);
    });

    await t.step("a night time or a forged one is refused", async () => {
      const before = await h.db.query(
        "select diary_reminder_minute from public.users where id = $1",
        [
          anna.userId,
        ],
      );
      await h.post(callbackUpdate(anna, "d:r:180"));
      await h.post(callbackUpdate(anna, "d:r:99999"));
      const after = await h.db.query(
        "select diary_reminder_minute from public.users where id = $1",
        [
          anna.userId,
        ],
      );
      assert.deepEqual(after, before);
    });

    await t.step("the sweep sends it once within the hour after its time", async () => {
      await h.db.query(
        `update public.users set utc_offset_minutes = ${noonOffset}, diary_reminder_minute = 690
          where id = $1`,
        [anna.userId],
      );
      assert.equal(await sweep(), 1);
      assert.equal(await sweep(), 0, "once a day");
      h.telegram.clear();
      await h.post(textUpdate(anna, "/help"));
      const reminder = h.telegram.callsOf("sendMessage", anna.id).find((c) =>
        /Как прошёл день/.test(c.payload.text)
      )!;
      assert.deepEqual(buttonsOf(reminder.payload), ["d:w:-", "d:r:off"]);
    });

    await t.step("not when it is not yet time, and not after writing today", async () => {
      await h.db.query(
        "update public.users set diary_reminder_sent_on = null, diary_reminder_minute = 780 where id = $1",
        [anna.userId],
      );
      assert.equal(await sweep(), 0, "13:00 has not come at noon");
      await h.db.query("update public.users set diary_reminder_minute = 690 where id = $1", [
        anna.userId,
      ]);
      await h.post(callbackUpdate(anna, "d:w:-"));
      await h.post(textUpdate(anna, "Сегодня спокойный день"));
      assert.equal(await sweep(), 0, "already wrote today");
    });

    await t.step("«Не напоминать» switches it off", async () => {
      await h.post(callbackUpdate(anna, "d:r:off"));
      const [row] = await h.db.query<{ m: number | null }>(
        "select diary_reminder_minute as m from public.users where id = $1",
        [anna.userId],
      );
      assert.equal(row!.m, null);
    });
  } finally {
    await h.close();
  }
});
