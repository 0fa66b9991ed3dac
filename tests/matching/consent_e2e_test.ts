import assert from "node:assert/strict";
import { registerMatchingMetrics } from "../../shared/matching/matching_metrics.ts";
import { startTestBot } from "../support/harness.ts";
import { callbackUpdate, messageUpdate, textUpdate } from "../support/updates.ts";
import { buttonsOf, lastWithButton, onboardUser, proposalMatchId } from "../chat/fixtures.ts";

Deno.test("two users find each other, both accept and talk anonymously until one stops", async (t) => {
  const h = await startTestBot();
  try {
    const anna = await onboardUser(h.db, 700_001, { pseudonym: "Сова", firstName: "Анна" });
    const boris = await onboardUser(h.db, 700_002, { pseudonym: "Ёж", firstName: "Борис" });
    let matchId = "";

    await t.step("the first user is queued and told how to stop searching", async () => {
      await h.post(textUpdate(anna, "/find"));
      assert.match(h.telegram.lastTextTo(anna.id) ?? "", /Ищу собеседника/);
      assert.match(h.telegram.lastTextTo(anna.id) ?? "", /\/cancel/);
    });

    await t.step("/find again says the search is already running", async () => {
      await h.post(textUpdate(anna, "/find"));
      assert.match(h.telegram.lastTextTo(anna.id) ?? "", /уже ищу/);
    });

    await t.step("the second user's /find pairs them and both get a proposal card", async () => {
      await h.post(textUpdate(boris, "/find"));
      matchId = proposalMatchId(h.telegram, anna.id);
      assert.equal(proposalMatchId(h.telegram, boris.id), matchId);
      const annaCard = lastWithButton(h.telegram, anna.id, "m:y:")!;
      assert.match(annaCard.text, /Ёж/);
      assert.doesNotMatch(annaCard.text, /Борис|user700002|700002/);
      assert.deepEqual(buttonsOf(annaCard), [`m:y:${matchId}`, `m:n:${matchId}`]);
      // Each delivered card records how long its receiver had waited.
      assert.match(await h.deps.metrics.render(), /time_to_proposal_seconds_count 2/);
    });

    await t.step("the first accept waits for the partner and edits the card", async () => {
      await h.post(callbackUpdate(anna, `m:y:${matchId}`));
      const edit = h.telegram.callsOf("editMessageText", anna.id).at(-1)!;
      assert.match(edit.payload.text, /Ждём ответа собеседника/);
      assert.equal(edit.payload.reply_markup, undefined);
    });

    await t.step("a double tap on «Принять» changes nothing", async () => {
      const before = h.telegram.calls.length;
      await h.post(callbackUpdate(anna, `m:y:${matchId}`));
      const after = h.telegram.calls.slice(before);
      assert.deepEqual(after.map((c) => c.method), ["answerCallbackQuery"]);
      assert.match(after[0]!.payload.text, /уже ответили/);
    });

    await t.step("the second accept starts the chat; both get the intro with buttons", async () => {
      await h.post(callbackUpdate(boris, `m:y:${matchId}`));
      for (const [who, partner] of [[anna, "Ёж"], [boris, "Сова"]] as const) {
        const intro = lastWithButton(h.telegram, who.id, "c:end")!;
        assert.match(intro.text, new RegExp(`Чат с собеседником «${partner}» начался`));
        assert.deepEqual(buttonsOf(intro), ["c:end", `c:rep:${matchId}`, `c:blk:${matchId}`]);
      }
    });

    await t.step("messages are copied both ways, protected, never forwarded", async () => {
      const mark = h.telegram.calls.length;
      const hello = textUpdate(anna, "Привет! Как ты?");
      await h.post(hello);
      const answer = textUpdate(boris, "Привет, нормально");
      await h.post(answer);
      const copies = h.telegram.calls.slice(mark).filter((c) => c.method === "copyMessage");
      assert.equal(copies.length, 2);
      assert.deepEqual(copies[0]!.payload, {
        chat_id: boris.id,
        from_chat_id: anna.id,
        message_id: hello.message!.message_id,
        protect_content: true,
      });
      assert.equal(copies[1]!.payload.chat_id, anna.id);
      assert.equal(copies[1]!.payload.from_chat_id, boris.id);
      assert.equal(h.telegram.callsOf("forwardMessage").length, 0);
    });

    await t.step("a photo with a caption is copied too", async () => {
      await h.post(messageUpdate(anna, {
        photo: [{ file_id: "photo-1", file_unique_id: "u1", width: 10, height: 10 }],
        caption: "Мой кот",
      }));
      const copy = h.telegram.callsOf("copyMessage", boris.id).at(-1)!;
      assert.equal(copy.payload.protect_content, true);
      assert.equal(copy.payload.caption, undefined);
    });

    await t.step("a reply is threaded to the partner's copy of the message", async () => {
      const original = textUpdate(anna, "Что читаешь?");
      await h.post(original);
      const bobsCopyId = (await copyIds(h)).at(-1)!;
      // Boris replies to his copy of Anna's message; Anna sees a reply to her original.
      await h.post(textUpdate(boris, "Толстого", {
        reply_to_message: {
          message_id: bobsCopyId,
          date: 0,
          chat: { id: boris.id, type: "private" },
        },
      }));
      const reply = h.telegram.callsOf("copyMessage", anna.id).at(-1)!;
      assert.deepEqual(reply.payload.reply_parameters, {
        message_id: original.message!.message_id,
        allow_sending_without_reply: true,
      });
    });

    await t.step("an edit is mirrored on the partner's copy", async () => {
      const sent = textUpdate(anna, "Увидимся завтра");
      await h.post(sent);
      const copyId = (await copyIds(h)).at(-1)!;
      await h.post({
        update_id: sent.update_id + 100_000,
        edited_message: { ...sent.message!, text: "Увидимся послезавтра", edit_date: 1 },
      });
      const edit = h.telegram.callsOf("editMessageText", boris.id).at(-1)!;
      assert.equal(edit.payload.message_id, copyId);
      assert.equal(edit.payload.text, "Увидимся послезавтра");
    });

    await t.step("/stop asks to confirm; confirming ends the chat for both", async () => {
      await h.post(textUpdate(anna, "/stop"));
      const confirm = lastWithButton(h.telegram, anna.id, "c:end:y")!;
      assert.match(confirm.text, /Завершить чат\?/);
      await h.post(callbackUpdate(anna, "c:end:y"));
      assert.match(h.telegram.textsTo(anna.id).join("\n"), /Чат завершён/);
      assert.match(h.telegram.textsTo(boris.id).join("\n"), /Собеседник завершил чат/);
    });

    await t.step("after the chat messages are not relayed any more", async () => {
      const copies = h.telegram.callsOf("copyMessage").length;
      await h.post(textUpdate(anna, "Ты тут?"));
      assert.equal(h.telegram.callsOf("copyMessage").length, copies);
    });

    await t.step("both are asked to rate 1–5 and a rating is saved once", async () => {
      for (const who of [anna, boris]) {
        const ask = lastWithButton(h.telegram, who.id, "c:rate:")!;
        assert.deepEqual(
          buttonsOf(ask).filter((d) => d.startsWith("c:rate:")),
          [1, 2, 3, 4, 5].map((n) => `c:rate:${matchId}:${n}`),
        );
      }
      await h.post(callbackUpdate(anna, `c:rate:${matchId}:5`));
      assert.match(h.telegram.lastTextTo(anna.id)!, /Спасибо за оценку: 5 из 5/);
      await h.post(callbackUpdate(anna, `c:rate:${matchId}:1`));
      const answer = h.telegram.callsOf("answerCallbackQuery").at(-1)!;
      assert.match(answer.payload.text, /уже оценили/);
      const rows = await h.db.query<{ score: number }>(
        "select score from public.ratings where match_id = $1",
        [matchId],
      );
      assert.deepEqual(rows.map((r) => r.score), [5]);
    });

    await t.step(
      "no payload of the whole conversation carries a sender's id, name or username",
      () => {
        for (const call of h.telegram.calls) {
          const { chat_id: _c, from_chat_id: _f, ...rest } = call.payload;
          const text = JSON.stringify(rest);
          for (const u of [anna, boris]) {
            assert.ok(!text.includes(String(u.id)), `${call.method} leaks an id`);
            assert.ok(!text.includes(u.first_name), `${call.method} leaks a name`);
            assert.ok(!text.includes(u.username!), `${call.method} leaks a username`);
          }
        }
      },
    );

    await t.step("metrics count relays, responses, ratings and the chat's length", async () => {
      registerMatchingMetrics(h.deps.metrics, h.db);
      const text = await h.deps.metrics.render();
      assert.match(text, /relayed_messages_total\{kind="text"\} \d+/);
      assert.match(text, /relayed_messages_total\{kind="photo"\} 1/);
      assert.match(text, /proposal_responses_total\{answer="accept"\} 2/);
      assert.match(text, /ratings_total\{score="5"\} 1/);
      assert.match(text, /chat_duration_seconds_count 1/);
      assert.match(text, /proposals_total 1/);
      assert.match(text, /matching_active_chats 0/);
    });
  } finally {
    await h.close();
  }
});

/** Message ids of the partners' copies, oldest first. */
async function copyIds(h: Awaited<ReturnType<typeof startTestBot>>): Promise<number[]> {
  const rows = await h.db.query<{ receiver_message_id: number }>(
    "select receiver_message_id from public.relay_messages order by receiver_message_id",
  );
  return rows.map((r) => Number(r.receiver_message_id));
}
