import assert from "node:assert/strict";
import type { Update } from "grammy/types";
import { startTestBot } from "../support/harness.ts";
import { callbackUpdate, textUpdate, user } from "../support/updates.ts";
import { buttonsOf, lastWithButton, onboardUser } from "../chat/fixtures.ts";

const GROUP_ID = -1009876543210;
const moderator = user(5252, "Модератор");
const outsider = user(5353, "Чужой");

function pressInGroup(from: typeof moderator, data: string, text: string): Update {
  const update = callbackUpdate(from, data);
  Object.assign(update.callback_query!.message!, {
    chat: { id: GROUP_ID, type: "supergroup", title: "Модерация" },
    text,
  });
  return update;
}

Deno.test("an announced event reaches the moderators' group; a member approves it", async () => {
  const h = await startTestBot({ moderationChatId: GROUP_ID });
  h.telegram.chatMembers.set(`${GROUP_ID}:${moderator.id}`, "member");
  try {
    const anna = await onboardUser(h.db, 886_001);
    await h.post(textUpdate(anna, "/newevent"));
    await h.post(textUpdate(anna, "Одиночество в большом городе"));
    await h.post(textUpdate(anna, "Поговорим о том, как находить своих"));
    const later = new Date(Date.now() + 5 * 86_400_000 + 180 * 60_000);
    await h.post(textUpdate(anna, `${later.getUTCDate()}.${later.getUTCMonth() + 1} 20:00`));
    assert.ok(lastWithButton(h.telegram, anna.id, "e:ns"), "the confirmation card");
    await h.post(callbackUpdate(anna, "e:ns"));

    const cards = h.telegram.calls.filter((c) =>
      c.method === "sendMessage" && c.payload.chat_id === GROUP_ID
    );
    assert.equal(cards.length, 1);
    const card = cards[0]!;
    const text = String(card.payload.text);
    assert.match(text, /Новая встреча на проверку/);
    assert.match(text, /Одиночество в большом городе/);
    assert.doesNotMatch(text, /886001/);
    const [approve, reject] = buttonsOf(card.payload);
    assert.match(approve!, /^mod:e:[0-9a-f-]{36}:a$/);
    assert.match(reject!, /^mod:e:[0-9a-f-]{36}:r$/);

    await h.post(pressInGroup(outsider, approve!, text));
    assert.match(
      String(h.telegram.callsOf("answerCallbackQuery").at(-1)!.payload.text),
      /только для участников/,
    );
    await h.post(pressInGroup(moderator, approve!, text));
    const [event] = await h.db.query<{ moderation: string }>(
      "select moderation from public.events",
    );
    assert.equal(event!.moderation, "approved");
    assert.match(
      String(h.telegram.callsOf("editMessageText").at(-1)!.payload.text),
      /Решение: встреча одобрена — @user5252/,
    );
    await h.post(pressInGroup(moderator, reject!, text));
    assert.match(
      String(h.telegram.callsOf("answerCallbackQuery").at(-1)!.payload.text),
      /уже есть решение/,
    );
    const [audit] = await h.db.query<{ n: number }>(
      "select count(*)::int as n from public.domain_events where event = 'event.moderated'",
    );
    assert.equal(audit!.n, 1);
  } finally {
    await h.close();
  }
});
