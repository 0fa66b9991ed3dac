import assert from "node:assert/strict";
import type { Update } from "grammy/types";
import { buildDispatcher } from "../../shared/notifications/build_dispatcher.ts";
import { silentLogger } from "../../shared/platform/logger.ts";
import { startTestBot, type TestBot } from "../support/harness.ts";
import { blockedBotUpdate, messageUpdate, textUpdate } from "../support/updates.ts";
import { startChat } from "./fixtures.ts";

/** The outbox as the scheduled dispatcher sends it (the bot's own runs after each update). */
async function sendOutbox(h: TestBot): Promise<void> {
  const dispatcher = await buildDispatcher({
    db: h.db,
    api: h.bot.api,
    logger: silentLogger,
    metrics: h.deps.metrics,
  });
  await dispatcher.kick();
}

/** Makes every waiting row due now, as if its wait were over. */
async function waitIsOver(h: TestBot): Promise<void> {
  await h.db.query("update public.outbox set next_attempt_at = now() where status = 'pending'");
}

async function matchState(h: TestBot, matchId: string): Promise<string> {
  const [row] = await h.db.query<{ state: string }>(
    "select state from public.matches where id = $1",
    [matchId],
  );
  return row!.state;
}

/** What the sender was told about one of their messages (a reply to it). */
function replyTo(h: TestBot, chatId: number, messageId: number): string | undefined {
  const reply = h.telegram.callsOf("sendMessage", chatId).find((c) =>
    c.payload.reply_parameters?.message_id === messageId
  );
  return reply ? String(reply.payload.text) : undefined;
}

function edited(sent: Update, text: string): Update {
  return {
    update_id: sent.update_id + 500_000,
    edited_message: { ...sent.message!, text, edit_date: sent.message!.date + 5 },
  } as Update;
}

/** Telegram slows the chat down: the copy waits in the outbox (longer than auto-retry waits). */
function slowDown(h: TestBot, chatId: number, method = "copyMessage"): void {
  h.telegram.failNext(method, {
    chatId,
    errorCode: 429,
    description: "Too Many Requests: retry after 30",
    retryAfter: 30,
  });
}

Deno.test("a relay Telegram refuses is not dropped silently", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris, matchId } = await startChat(h, [760_001, 760_002]);
    h.telegram.clear();

    await t.step("the sender is told, in a reply to that message, and it is counted", async () => {
      h.telegram.failNext("copyMessage", {
        chatId: boris.id,
        errorCode: 400,
        description: "Bad Request: message can't be copied",
      });
      const sent = textUpdate(anna, "Вот что я хотела сказать");
      await h.post(sent);
      assert.equal(h.telegram.callsOf("copyMessage", boris.id).length, 1, "tried once");
      assert.match(replyTo(h, anna.id, sent.message!.message_id) ?? "", /не смог передать/);
      assert.match(
        await h.deps.metrics.render(),
        /relay_undelivered_total\{reason="refused"\} 1/,
      );
    });

    await t.step("a retry cannot fix it: nothing is retried later", async () => {
      const left = await h.db.query(
        "select 1 from public.outbox where kind = 'relay' and status = 'pending'",
      );
      assert.equal(left.length, 0);
      await waitIsOver(h);
      await sendOutbox(h);
      assert.equal(h.telegram.callsOf("copyMessage", boris.id).length, 1);
    });

    await t.step("the chat goes on: the next message is relayed", async () => {
      assert.equal(await matchState(h, matchId), "active");
      await h.post(textUpdate(anna, "Попробую иначе"));
      assert.equal(h.telegram.callsOf("copyMessage", boris.id).length, 2);
    });

    await t.step("a voice message the partner does not accept says so", async () => {
      h.telegram.failNext("copyMessage", {
        chatId: boris.id,
        errorCode: 400,
        description: "Bad Request: VOICE_MESSAGES_FORBIDDEN",
      });
      const voice = messageUpdate(anna, {
        voice: { file_id: "voice-1", file_unique_id: "v1", duration: 3 },
      });
      await h.post(voice);
      assert.match(replyTo(h, anna.id, voice.message!.message_id) ?? "", /голосовые/);
    });

    await t.step("a copy still failing after the last retry is reported too", async () => {
      slowDown(h, boris.id);
      const sent = textUpdate(anna, "Ты тут?");
      await h.post(sent);
      assert.equal(replyTo(h, anna.id, sent.message!.message_id), undefined, "still trying");
      // The row's eighth and last attempt meets another 429.
      await h.db.query(
        "update public.outbox set attempts = 7, next_attempt_at = now() where kind = 'relay'",
      );
      slowDown(h, boris.id);
      await sendOutbox(h);
      assert.match(replyTo(h, anna.id, sent.message!.message_id) ?? "", /ещё раз/);
      assert.match(
        await h.deps.metrics.render(),
        /relay_undelivered_total\{reason="temporary"\} 1/,
      );
    });
  } finally {
    await h.close();
  }
});

Deno.test("a 403 on a relay ends the chat at once, as a block does", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris, matchId } = await startChat(h, [761_001, 761_002]);
    h.telegram.clear();
    h.telegram.failNext("copyMessage", {
      chatId: boris.id,
      errorCode: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    const sent = textUpdate(anna, "Ты здесь?");
    await h.post(sent);

    await t.step("the chat has ended without waiting for Telegram's my_chat_member", async () => {
      assert.equal(await matchState(h, matchId), "ended");
    });

    await t.step("the sender learns this message did not arrive", () => {
      const told = replyTo(h, anna.id, sent.message!.message_id);
      assert.match(told ?? "", /больше недоступен: это сообщение не доставлено/);
      assert.equal(h.telegram.textsTo(anna.id).length, 1, "one notice, not two");
    });

    await t.step("nothing more goes to the partner; the later block changes nothing", async () => {
      await h.post(textUpdate(anna, "Алло?"));
      await h.post(blockedBotUpdate(boris));
      assert.equal(h.telegram.callsOf("copyMessage", boris.id).length, 1);
      assert.equal(h.telegram.textsTo(anna.id).filter((t) => /недоступен/.test(t)).length, 1);
      assert.match(
        await h.deps.metrics.render(),
        /relay_undelivered_total\{reason="partner_gone"\} 1/,
      );
    });
  } finally {
    await h.close();
  }
});

Deno.test("an edit made before the copy has gone out reaches the partner", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris } = await startChat(h, [762_001, 762_002]);
    h.telegram.clear();

    await t.step("the typo fix waits behind its copy, then corrects it", async () => {
      slowDown(h, boris.id);
      const sent = textUpdate(anna, "Привет, как дила?");
      await h.post(sent);
      await h.post(edited(sent, "Привет, как дела?"));
      assert.equal(
        h.telegram.callsOf("editMessageText", boris.id).length,
        0,
        "nothing to edit yet",
      );

      await waitIsOver(h);
      await sendOutbox(h);
      const [copy] = await h.db.query<{ receiver_message_id: number }>(
        "select receiver_message_id from public.relay_messages where sender_message_id = $1",
        [sent.message!.message_id],
      );
      const methods = h.telegram.calls
        .filter((c) => Number(c.payload.chat_id) === boris.id && !c.failed)
        .map((c) => c.method);
      assert.deepEqual(methods, ["copyMessage", "editMessageText"]);
      const edit = h.telegram.callsOf("editMessageText", boris.id)[0]!;
      assert.equal(edit.payload.message_id, copy!.receiver_message_id);
      assert.equal(edit.payload.text, "Привет, как дела?");
    });

    await t.step(
      "a reply to a copy sent just before in the same batch keeps its thread",
      async () => {
        h.telegram.clear();
        slowDown(h, boris.id);
        const first = textUpdate(anna, "Первое");
        await h.post(first);
        await h.post(
          textUpdate(anna, "Ответ на первое", { reply_to_message: first.message }),
        );
        await waitIsOver(h);
        await sendOutbox(h);
        const [copy] = await h.db.query<{ receiver_message_id: number }>(
          "select receiver_message_id from public.relay_messages where sender_message_id = $1",
          [first.message!.message_id],
        );
        const reply = h.telegram.callsOf("copyMessage", boris.id).filter((c) => !c.failed).at(-1)!;
        assert.equal(reply.payload.reply_parameters?.message_id, copy!.receiver_message_id);
      },
    );

    await t.step("an edit of a copy that was never delivered is dropped quietly", async () => {
      h.telegram.clear();
      slowDown(h, boris.id);
      const sent = textUpdate(anna, "Смотри");
      await h.post(sent);
      await h.post(edited(sent, "Смотри-ка"));
      h.telegram.failNext("copyMessage", {
        chatId: boris.id,
        errorCode: 400,
        description: "Bad Request: message to copy not found",
      });
      await waitIsOver(h);
      await sendOutbox(h);
      assert.equal(h.telegram.callsOf("editMessageText", boris.id).length, 0);
      const notices = h.telegram.callsOf("sendMessage", anna.id);
      assert.equal(notices.length, 1, "one notice: the message did not arrive");
      assert.match(String(notices[0]!.payload.text), /удалили/);
      const left = await h.db.query("select 1 from public.outbox where status = 'pending'");
      assert.equal(left.length, 0);
    });
  } finally {
    await h.close();
  }
});
