import assert from "node:assert/strict";
import type { Update } from "grammy/types";
import { startTestBot } from "../support/harness.ts";
import { blockedBotUpdate, textUpdate } from "../support/updates.ts";
import { startChat } from "../chat/fixtures.ts";

const count = async (h: Awaited<ReturnType<typeof startTestBot>>, sql: string) =>
  (await h.db.query<{ n: number }>(sql))[0]!.n;

Deno.test("the webhook stores an update and answers before handling it", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris } = await startChat(h, [730_001, 730_002]);
    h.telegram.clear();

    await t.step("the answer comes with the update stored and nothing sent yet", async () => {
      const update = textUpdate(anna, "Привет! Как ты?");
      const response = await h.postOnly(update);
      assert.equal(response.status, 200);
      await response.body?.cancel();
      assert.equal(h.telegram.calls.length, 0);
      assert.equal(await count(h, "select count(*)::int as n from public.update_inbox"), 1);
    });

    await t.step("the worker handles it and the outbox delivers the copy", async () => {
      await h.settle();
      assert.equal(h.telegram.callsOf("copyMessage", boris.id).length, 1);
    });

    await t.step("the raw update is gone once it is done", async () => {
      assert.equal(await count(h, "select count(*)::int as n from public.update_inbox"), 0);
      assert.equal(
        await count(h, "select count(*)::int as n from public.outbox where kind = 'relay'"),
        0,
        "a delivered relay leaves no row (and no text) behind",
      );
    });
  } finally {
    await h.close();
  }
});

Deno.test("handling the same update twice relays it once", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris } = await startChat(h, [731_001, 731_002]);
    h.telegram.clear();
    const update = textUpdate(anna, "Это сообщение придёт один раз");

    await t.step("a worker finishing after the one that took over adds nothing", async () => {
      // A worker whose lease ran out while it was still working, and the one that took the
      // update over: both handle it, the first to complete wins, the other's effects go.
      await h.db.call("enqueue_update", {
        p_update_id: update.update_id,
        p_chat_key: anna.id,
        p_tg_user_id: anna.id,
        p_payload: update,
      });
      await h.bot.handleUpdate(structuredClone(update));
      await h.settle();
      await h.bot.handleUpdate(structuredClone(update));
      await h.settle();
      await h.pipeline.worker.kick();
      await h.settle();
      assert.equal(h.telegram.callsOf("copyMessage", boris.id).length, 1);
      assert.equal(
        await count(h, "select count(*)::int as n from public.relay_messages"),
        1,
      );
    });

    await t.step("Telegram re-delivering it is dropped at the door", async () => {
      const response = await h.post(update);
      assert.equal(response.status, 200);
      await response.body?.cancel();
      assert.equal(h.telegram.callsOf("copyMessage", boris.id).length, 1);
    });
  } finally {
    await h.close();
  }
});

Deno.test("a burst in one chat is relayed in order, each message once", async () => {
  const h = await startTestBot();
  try {
    const { anna, boris } = await startChat(h, [732_001, 732_002]);
    h.telegram.clear();
    const updates: Update[] = Array.from(
      { length: 30 },
      (_, i) => textUpdate(anna, `Сообщение ${i + 1}`),
    );
    // Telegram sends one chat's updates one after another; the answers come before handling.
    for (const update of updates) {
      const response = await h.postOnly(update);
      assert.equal(response.status, 200);
      await response.body?.cancel();
    }
    await h.settle();
    const copied = h.telegram.callsOf("copyMessage", boris.id).map((c) =>
      Number(c.payload.message_id)
    );
    assert.deepEqual(copied, updates.map((u) => u.message!.message_id));
  } finally {
    await h.close();
  }
});

Deno.test("a masked relay that meets 429 three times is delivered later", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris } = await startChat(h, [733_001, 733_002]);
    h.telegram.clear();

    await t.step("the first attempt gives up after auto-retry; the row waits", async () => {
      // auto-retry tries 4 times in all (3 retries); each answer says retry after 1 s.
      h.telegram.failNext(
        "sendMessage",
        {
          chatId: boris.id,
          errorCode: 429,
          description: "Too Many Requests: retry after 1",
          retryAfter: 1,
        },
        4,
      );
      await h.post(textUpdate(anna, "Мой номер +7 912 345-67-89"));
      assert.equal(h.telegram.callsOf("sendMessage", boris.id).length, 4);
      assert.equal(h.telegram.deliveredTextsTo(boris.id).length, 0);
      assert.equal(
        await count(
          h,
          "select count(*)::int as n from public.outbox where kind = 'relay' and status = 'pending'",
        ),
        1,
      );
    });

    await t.step("the next sweep after retry_after delivers it, masked, once", async () => {
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await h.pipeline.worker.kick();
      await h.post(textUpdate(anna, "/help"));
      const texts = h.telegram.deliveredTextsTo(boris.id);
      assert.equal(texts.length, 1);
      assert.match(texts[0]!, /\[скрыто\]/);
      assert.doesNotMatch(texts[0]!, /912/);
    });
  } finally {
    await h.close();
  }
});

Deno.test("a user who blocks the bot leaves the chat and the queue", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris } = await startChat(h, [734_001, 734_002]);
    h.telegram.clear();

    await t.step("'kicked' ends the chat and the partner is told kindly", async () => {
      const response = await h.post(blockedBotUpdate(anna));
      assert.equal(response.status, 200);
      await response.body?.cancel();
      assert.equal(
        await count(h, "select count(*)::int as n from public.matches where state = 'active'"),
        0,
      );
      assert.match(h.telegram.lastTextTo(boris.id) ?? "", /.+/);
      assert.equal(h.telegram.textsTo(anna.id).length, 0, "nothing is sent to who blocked us");
    });

    await t.step("a queued user who blocks the bot leaves the queue", async () => {
      await h.post(textUpdate(boris, "/find"));
      assert.equal(await count(h, "select count(*)::int as n from public.match_queue"), 1);
      await h.post(blockedBotUpdate(boris));
      assert.equal(await count(h, "select count(*)::int as n from public.match_queue"), 0);
    });
  } finally {
    await h.close();
  }
});
