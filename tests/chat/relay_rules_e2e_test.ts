import assert from "node:assert/strict";
import { startTestBot } from "../support/harness.ts";
import { messageUpdate, textUpdate } from "../support/updates.ts";
import { startChat } from "./fixtures.ts";

Deno.test("the relay hides contact details and refuses what could identify someone", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris } = await startChat(h, [720_001, 720_002]);

    await t.step("a phone number is masked; the sender is told what was hidden", async () => {
      h.telegram.clear();
      await h.post(textUpdate(anna, "Позвони мне: +7 912 345-67-89"));
      assert.equal(h.telegram.callsOf("copyMessage").length, 0);
      const sent = h.telegram.callsOf("sendMessage", boris.id).at(-1)!;
      assert.doesNotMatch(sent.payload.text, /912/);
      assert.match(sent.payload.text, /\[скрыто\]/);
      assert.equal(sent.payload.protect_content, true);
      assert.match(h.telegram.lastTextTo(anna.id)!, /скрыл.*номер телефона/);
      const rows = await h.db.query<{ n: number }>(
        "select count(*)::int as n from public.relay_messages",
      );
      assert.equal(rows[0]!.n, 1, "the masked copy is still mapped for replies and edits");
    });

    await t.step("a username in a photo caption is replaced in the copy", async () => {
      h.telegram.clear();
      await h.post(messageUpdate(anna, {
        photo: [{ file_id: "p", file_unique_id: "u", width: 1, height: 1 }],
        caption: "пиши @anna_real_2000",
      }));
      const copy = h.telegram.callsOf("copyMessage", boris.id).at(-1)!;
      assert.ok(!String(copy.payload.caption).includes("anna_real_2000"));
      assert.match(h.telegram.lastTextTo(anna.id)!, /имя пользователя/);
    });

    await t.step("a hidden link behind ordinary words is not passed on", async () => {
      h.telegram.clear();
      await h.post(textUpdate(anna, "мой профиль", {
        entities: [{ type: "text_link", offset: 0, length: 11, url: "https://vk.com/id1" }],
      }));
      assert.equal(h.telegram.callsOf("copyMessage").length, 0);
      const sent = h.telegram.callsOf("sendMessage", boris.id).at(-1)!;
      assert.equal(sent.payload.entities, undefined);
    });

    await t.step("an edit that adds an e-mail is mirrored masked", async () => {
      const sent = textUpdate(anna, "напишу позже");
      await h.post(sent);
      h.telegram.clear();
      await h.post({
        update_id: sent.update_id + 200_000,
        edited_message: { ...sent.message!, text: "пиши на anna@example.com", edit_date: 2 },
      });
      const edit = h.telegram.callsOf("editMessageText", boris.id).at(-1)!;
      assert.doesNotMatch(edit.payload.text, /example/);
      assert.match(h.telegram.lastTextTo(anna.id)!, /адрес почты/);
    });

    const refusals: Array<[string, Record<string, unknown>, RegExp]> = [
      ["a contact", { contact: { phone_number: "+79123456789", first_name: "Анна" } }, /Контакты/],
      ["a location", { location: { latitude: 55.75, longitude: 37.61 } }, /Геолокацию/],
      ["a venue", {
        location: { latitude: 55.75, longitude: 37.61 },
        venue: {
          location: { latitude: 55.75, longitude: 37.61 },
          title: "Кафе",
          address: "Тверская, 1",
        },
      }, /Геолокацию/],
      ["a poll", {
        poll: {
          id: "1",
          question: "?",
          options: [],
          total_voter_count: 0,
          is_closed: false,
          is_anonymous: true,
          type: "regular",
          allows_multiple_answers: false,
        },
      }, /Опросы/],
      ["a dice", { dice: { emoji: "🎲", value: 3 } }, /кубики/],
      ["a forwarded message", {
        text: "чужой текст",
        forward_origin: { type: "hidden_user", sender_user_name: "Кто-то", date: 1 },
      }, /Пересланные/],
      ["a file", { document: { file_id: "d", file_unique_id: "d" } }, /Файлы/],
    ];
    for (const [what, message, reason] of refusals) {
      await t.step(`${what} is refused with a reason and not relayed`, async () => {
        h.telegram.clear();
        await h.post(messageUpdate(anna, message));
        assert.equal(h.telegram.callsOf("copyMessage").length, 0);
        assert.equal(h.telegram.callsOf("sendMessage", boris.id).length, 0);
        assert.match(h.telegram.lastTextTo(anna.id)!, reason);
      });
    }

    await t.step(
      "a service notice (a pinned message) is neither relayed nor answered",
      async () => {
        h.telegram.clear();
        await h.post(messageUpdate(anna, {
          pinned_message: { message_id: 1, date: 0, chat: { id: anna.id, type: "private" } },
        }));
        assert.deepEqual(h.telegram.calls, []);
      },
    );

    await t.step("voice, sticker and video notes are copied", async () => {
      h.telegram.clear();
      await h.post(
        messageUpdate(anna, { voice: { file_id: "v", file_unique_id: "v", duration: 1 } }),
      );
      await h.post(messageUpdate(anna, {
        sticker: {
          file_id: "s",
          file_unique_id: "s",
          type: "regular",
          width: 1,
          height: 1,
          is_animated: false,
          is_video: false,
        },
      }));
      await h.post(messageUpdate(anna, {
        video_note: { file_id: "n", file_unique_id: "n", length: 1, duration: 1 },
      }));
      assert.equal(h.telegram.callsOf("copyMessage", boris.id).length, 3);
    });
  } finally {
    await h.close();
  }
});
