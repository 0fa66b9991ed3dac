/**
 * The moderators' group, from outside: a report and an urgent crisis flag are posted as cards
 * (pseudonym, reason, counts; no Telegram ids, no text), only members of the group can decide
 * with the buttons, a decision is applied and audited once, and the bot stays in that group
 * while it still leaves any other.
 */
import assert from "node:assert/strict";
import type { Update } from "grammy/types";
import { buttonsOf, onboardUser, proposalMatchId, startChat } from "../chat/fixtures.ts";
import { startTestBot } from "../support/harness.ts";
import { callbackUpdate, groupTextUpdate, textUpdate, user } from "../support/updates.ts";

const GROUP_ID = -1001234567890;
const moderator = user(4242, "Аня");
const outsider = user(4343, "Чужой");

/** A button press on a card in the moderators' group. */
function pressInGroup(from: typeof moderator, data: string, text: string): Update {
  const update = callbackUpdate(from, data);
  const message = update.callback_query!.message!;
  Object.assign(message, { chat: { id: GROUP_ID, type: "supergroup", title: "Модерация" }, text });
  return update;
}

Deno.test("reports and crisis flags reach the moderators' group; only members decide", async (t) => {
  const h = await startTestBot({ moderationChatId: GROUP_ID });
  h.telegram.chatMembers.set(`${GROUP_ID}:${moderator.id}`, "member");
  try {
    const { anna, boris, matchId } = await startChat(h, [793_001, 793_002]);
    const cardsInGroup = () =>
      h.telegram.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === GROUP_ID);

    await t.step("a report is posted with pseudonym, reason and buttons; no ids", async () => {
      await h.post(callbackUpdate(boris, `c:rep:${matchId}:abuse`));
      const [card] = cardsInGroup();
      assert.ok(card, "a card was posted");
      const text = String(card.payload.text);
      assert.match(text, /Жалоба №\d+/);
      assert.match(text, /На кого: Сова/);
      assert.match(text, /оскорбления или угрозы/);
      assert.doesNotMatch(text, /793001|793002|Ёж/);
      assert.deepEqual(
        buttonsOf(card.payload).map((d) => d.replace(/:\d+:/, ":<id>:")),
        ["mod:r:<id>:d", "mod:r:<id>:w", "mod:r:<id>:m", "mod:r:<id>:t", "mod:r:<id>:b"],
      );
    });

    const card = cardsInGroup()[0]!;
    const banButton = buttonsOf(card.payload).find((d) => d.endsWith(":b"))!;

    await t.step("someone outside the group cannot decide", async () => {
      h.telegram.clear();
      await h.post(pressInGroup(outsider, banButton, String(card.payload.text)));
      const answer = h.telegram.callsOf("answerCallbackQuery")[0]!;
      assert.match(String(answer.payload.text), /только для участников/);
      const [sanctions] = await h.db.query<{ n: number }>(
        "select count(*)::int as n from public.sanctions",
      );
      assert.equal(sanctions?.n, 0);
    });

    await t.step("a member bans: applied, the person told, the card updated, audited", async () => {
      h.telegram.clear();
      await h.post(pressInGroup(moderator, banButton, String(card.payload.text)));
      const [sanction] = await h.db.query<{ kind: string; imposed_by: string }>(
        "select kind, imposed_by from public.sanctions where user_id = $1",
        [anna.userId],
      );
      assert.deepEqual({ ...sanction }, {
        kind: "ban",
        imposed_by: `moderation_chat:${moderator.id}`,
      });
      assert.match(h.telegram.lastTextTo(anna.id) ?? "", /серьёзного нарушения/);
      const edit = h.telegram.callsOf("editMessageText", GROUP_ID)[0]!;
      assert.match(String(edit.payload.text), /Решение: бан навсегда — @user4242/);
      const [event] = await h.db.query<{ data: Record<string, unknown> }>(
        "select data from public.domain_events where event = 'report.resolved'",
      );
      assert.equal(event!.data.resolved_by, `moderation_chat:${moderator.id}`);
    });

    await t.step("a second press changes nothing", async () => {
      h.telegram.clear();
      await h.post(pressInGroup(moderator, banButton, String(card.payload.text)));
      assert.match(String(h.telegram.callsOf("answerCallbackQuery")[0]!.payload.text), /уже есть/);
      const [sanctions] = await h.db.query<{ n: number }>(
        "select count(*)::int as n from public.sanctions",
      );
      assert.equal(sanctions?.n, 1);
    });

    await t.step("forged button data is refused", async () => {
      h.telegram.clear();
      await h.post(pressInGroup(moderator, "mod:r:abc:b", "…"));
      await h.post(pressInGroup(moderator, "mod:r:1:x", "…"));
      for (const answer of h.telegram.callsOf("answerCallbackQuery")) {
        assert.match(String(answer.payload.text), /устарела/);
      }
    });

    await t.step("the bot stays in the moderators' group, and still leaves others", async () => {
      h.telegram.clear();
      await h.post(groupTextUpdate(moderator, GROUP_ID, "всем привет"));
      assert.equal(h.telegram.callsOf("leaveChat").length, 0);
      assert.equal(h.telegram.calls.filter((c) => c.payload.chat_id === GROUP_ID).length, 0);
      await h.post(groupTextUpdate(moderator, -100999, "привет"));
      assert.equal(h.telegram.callsOf("leaveChat").length, 1);
    });
  } finally {
    await h.close();
  }
});

Deno.test("an urgent crisis flag is posted once per chat and can be marked seen", async () => {
  const h = await startTestBot({ moderationChatId: GROUP_ID });
  h.telegram.chatMembers.set(`${GROUP_ID}:${moderator.id}`, "administrator");
  try {
    const { anna } = await startChat(h, [794_001, 794_002]);
    h.telegram.clear();
    await h.post(textUpdate(anna, "я больше не хочу жить"));
    await h.post(textUpdate(anna, "я хочу умереть"));
    const cards = h.telegram.calls.filter((c) =>
      c.method === "sendMessage" && c.payload.chat_id === GROUP_ID
    );
    assert.equal(cards.length, 1);
    const text = String(cards[0]!.payload.text);
    assert.match(text, /Возможный кризис · высокая срочность/);
    assert.match(text, /Кто: Сова/);
    assert.doesNotMatch(text, /жить|умереть|794001/);
    const seen = buttonsOf(cards[0]!.payload)[0]!;
    await h.post(pressInGroup(moderator, seen, text));
    const [flag] = await h.db.query<{ reviewed_by: string | null }>(
      "select reviewed_by from public.safety_flags order by id limit 1",
    );
    assert.equal(flag?.reviewed_by, `moderation_chat:${moderator.id}`);
  } finally {
    await h.close();
  }
});

Deno.test("a sanction decided from a report says it follows a report, not rude messages", async (t) => {
  const h = await startTestBot({ moderationChatId: GROUP_ID });
  h.telegram.chatMembers.set(`${GROUP_ID}:${moderator.id}`, "member");
  try {
    const { anna, boris, matchId } = await startChat(h, [795_001, 795_002]);
    const carol = await onboardUser(h.db, 795_003, { pseudonym: "Лиса" });
    const cardsInGroup = () =>
      h.telegram.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === GROUP_ID);
    const decide = async (code: string) => {
      const card = cardsInGroup().at(-1)!;
      const button = buttonsOf(card.payload).find((d) => d.endsWith(`:${code}`))!;
      h.telegram.clear();
      await h.post(pressInGroup(moderator, button, String(card.payload.text)));
      await h.settle();
    };

    await t.step("a warning for spam names the report", async () => {
      await h.post(callbackUpdate(boris, `c:rep:${matchId}:spam`));
      await decide("w");
      const notice = h.telegram.lastTextTo(anna.id) ?? "";
      assert.match(notice, /Предупреждение/);
      assert.match(notice, /жалоб/);
      assert.doesNotMatch(notice, /грубыми|не передал/);
    });

    await t.step("a mute for «другое» names the report and the time", async () => {
      await h.post(textUpdate(anna, "/find"));
      await h.post(textUpdate(carol, "/find"));
      const second = proposalMatchId(h.telegram, carol.id);
      await h.post(callbackUpdate(anna, `m:y:${second}`));
      await h.post(callbackUpdate(carol, `m:y:${second}`));
      await h.post(callbackUpdate(carol, `c:rep:${second}:other`));
      await decide("m");
      const [sanction] = await h.db.query<{ kind: string; reason: string }>(
        "select kind, reason from public.sanctions where user_id = $1 order by id desc limit 1",
        [anna.userId],
      );
      assert.deepEqual({ ...sanction }, { kind: "mute", reason: "report" });
      const notice = h.telegram.lastTextTo(anna.id) ?? "";
      assert.match(notice, /жалоб/);
      assert.match(notice, /на 30 минут/);
      assert.doesNotMatch(notice, /грубых/);
    });
  } finally {
    await h.close();
  }
});
