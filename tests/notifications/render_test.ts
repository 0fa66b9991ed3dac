import assert from "node:assert/strict";
import { loadI18n } from "../../shared/bot/texts.ts";
import { renderOutboxItem, UnrenderableOutboxItem } from "../../shared/notifications/render.ts";
import { translatorFor } from "../../shared/notifications/translate.ts";
import { buttonsOf } from "../chat/fixtures.ts";

const matchId = "5b0a3f4e-7d2c-4b1a-9e8f-0123456789ab";

Deno.test("every outbox kind renders to Russian text with its buttons", async (t) => {
  const t_ = translatorFor(await loadI18n());
  const render = (kind: string, payload: unknown) => {
    const m = renderOutboxItem(t_, kind, payload);
    return { text: m.text, buttons: m.keyboard ? buttonsOf({ reply_markup: m.keyboard }) : [] };
  };

  await t.step("a proposal card shows pseudonym, topics, bio, time and two buttons", () => {
    const card = render("proposal", {
      match_id: matchId,
      partner_pseudonym: "Сова",
      shared_topics: ["Переезд", "Книги", "Бег", "Лишняя"],
      partner_bio: "Люблю книги",
      time_difference_hours: -2.5,
      expires_minutes: 5,
    });
    assert.match(card.text, /Нашёлся собеседник: Сова/);
    assert.match(card.text, /Общее у вас: Переезд, Книги, Бег$/m);
    assert.match(card.text, /О себе: Люблю книги/);
    assert.match(card.text, /на 2,5 ч\. раньше/);
    assert.match(card.text, /5 мин/);
    assert.deepEqual(card.buttons, [`m:y:${matchId}`, `m:n:${matchId}`]);
  });

  await t.step("same time zone and no bio are said plainly", () => {
    const card = render("proposal", {
      match_id: matchId,
      partner_pseudonym: "Ёж",
      shared_topics: [],
      partner_bio: null,
      time_difference_hours: 0,
      expires_minutes: 5,
    });
    assert.match(card.text, /одном часовом поясе/);
    assert.doesNotMatch(card.text, /О себе|Общее/);
  });

  await t.step("the chat intro carries end, report and block", () => {
    const intro = render("chat_started", { match_id: matchId, partner_pseudonym: "Ёж" });
    assert.match(intro.text, /«Ёж»/);
    assert.deepEqual(intro.buttons, ["c:end", `c:rep:${matchId}`, `c:blk:${matchId}`]);
  });

  await t.step("endings, expiries and rating requests", () => {
    assert.match(render("chat_ended", { match_id: matchId, reason: "stop" }).text, /завершил/);
    assert.match(render("chat_ended", { match_id: matchId, reason: "next" }).text, /следующему/);
    const byPartner = render("chat_ended", { match_id: matchId, reason: "ended_by_partner" });
    assert.equal(byPartner.text, "Чат завершён.");
    assert.deepEqual(byPartner.buttons, [`c:rep:${matchId}`, `c:blk:${matchId}`]);
    assert.deepEqual(
      render("chat_ended", { match_id: matchId, reason: "partner_gone" }).buttons,
      ["m:find"],
    );
    assert.match(render("proposal_declined", { match_id: matchId }).text, /продолжаю искать/);
    assert.match(
      render("proposal_expired", { match_id: matchId, requeued: true }).text,
      /продолжаю искать/,
    );
    assert.deepEqual(
      render("proposal_expired", { match_id: matchId, requeued: false }).buttons,
      ["m:find"],
    );
    assert.deepEqual(render("search_expired", {}).buttons, ["m:find"]);
    assert.deepEqual(render("rate_request", { match_id: matchId }).buttons, [
      ...[1, 2, 3, 4, 5].map((n) => `c:rate:${matchId}:${n}`),
      `p:o:${matchId}`,
      `c:rep:${matchId}`,
      `c:blk:${matchId}`,
    ]);
  });

  await t.step("an undelivered message is told as a reply to it", () => {
    const notice = (reason: string) =>
      renderOutboxItem(t_, "relay_undelivered", { match_id: matchId, message_id: 42, reason });
    assert.equal(notice("refused").replyTo, 42);
    assert.match(notice("refused").text, /не смог передать/);
    assert.match(notice("deleted").text, /удалили/);
    assert.match(notice("voice_forbidden").text, /голосовые/);
    assert.match(notice("temporary").text, /ещё раз/);
    assert.match(notice("something new").text, /не смог передать/);
    const gone = (undelivered: number) =>
      renderOutboxItem(t_, "chat_ended", {
        match_id: matchId,
        reason: "partner_gone",
        undelivered_message_id: 42,
        undelivered,
      });
    assert.equal(gone(1).replyTo, 42);
    assert.match(gone(1).text, /это сообщение не доставлено/);
    assert.match(gone(3).text, /это и следующие сообщения не доставлены/);
    const plain = renderOutboxItem(t_, "chat_ended", { match_id: matchId, reason: "partner_gone" });
    assert.equal(plain.replyTo, undefined);
  });

  await t.step("an unknown kind or a bad payload cannot be rendered", () => {
    assert.throws(() => render("birthday", {}), UnrenderableOutboxItem);
    assert.throws(() => render("chat_started", { match_id: "x" }), UnrenderableOutboxItem);
  });
});
