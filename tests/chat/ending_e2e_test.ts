import assert from "node:assert/strict";
import { startTestBot } from "../support/harness.ts";
import { callbackUpdate, textUpdate } from "../support/updates.ts";
import { buttonsOf, lastWithButton, proposalMatchId, startChat } from "./fixtures.ts";
import { onboardUser } from "./fixtures.ts";

async function matchState(h: Awaited<ReturnType<typeof startTestBot>>, matchId: string) {
  const [row] = await h.db.query<{ state: string; end_reason: string | null }>(
    "select state, end_reason from public.matches where id = $1",
    [matchId],
  );
  return row;
}

Deno.test("«Завершить» asks first; «Продолжить чат» keeps the chat going", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris, matchId } = await startChat(h, [730_001, 730_002]);
    await t.step("the intro's button asks to confirm", async () => {
      await h.post(callbackUpdate(anna, "c:end"));
      assert.deepEqual(buttonsOf(lastWithButton(h.telegram, anna.id, "c:end:y")!), [
        "c:end:y",
        "c:end:n",
      ]);
    });
    await t.step("declining keeps the chat active", async () => {
      await h.post(callbackUpdate(anna, "c:end:n"));
      assert.match(h.telegram.lastTextTo(anna.id)!, /продолжаем/);
      assert.equal((await matchState(h, matchId))!.state, "active");
      h.telegram.clear();
      await h.post(textUpdate(anna, "я ещё тут"));
      assert.equal(h.telegram.callsOf("copyMessage", boris.id).length, 1);
    });
  } finally {
    await h.close();
  }
});

Deno.test("/next ends the chat, asks both to rate and searches again", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris, matchId } = await startChat(h, [731_001, 731_002]);
    const clara = await onboardUser(h.db, 731_003, { pseudonym: "Лиса" });
    await h.post(textUpdate(clara, "/find"));

    await t.step("the partner is told and both get a rating request", async () => {
      await h.post(textUpdate(anna, "/next"));
      assert.equal((await matchState(h, matchId))!.end_reason, "next");
      assert.match(h.telegram.textsTo(boris.id).join("\n"), /перейти к следующему/);
      assert.ok(lastWithButton(h.telegram, anna.id, `c:rate:${matchId}:`));
      assert.ok(lastWithButton(h.telegram, boris.id, `c:rate:${matchId}:`));
    });

    await t.step("the one who pressed /next is proposed someone new", () => {
      const next = proposalMatchId(h.telegram, anna.id);
      assert.notEqual(next, matchId);
      assert.equal(proposalMatchId(h.telegram, clara.id), next);
    });
  } finally {
    await h.close();
  }
});

Deno.test("block and report end the chat without telling the partner why", async (t) => {
  const h = await startTestBot();
  try {
    await t.step("«Заблокировать» asks to confirm, then blocks and ends the chat", async () => {
      const { anna, boris, matchId } = await startChat(h, [732_001, 732_002]);
      await h.post(callbackUpdate(anna, `c:blk:${matchId}`));
      assert.ok(lastWithButton(h.telegram, anna.id, `c:blk:${matchId}:y`));
      await h.post(callbackUpdate(anna, `c:blk:${matchId}:y`));
      assert.match(h.telegram.lastTextTo(anna.id)!, /заблокирован/);
      assert.equal((await matchState(h, matchId))!.state, "ended");
      const told = h.telegram.textsTo(boris.id).join("\n");
      assert.match(told, /Чат завершён/);
      assert.doesNotMatch(told, /заблок|жалоб/i);
      const blocks = await h.db.query("select 1 from public.blocks where blocker_user_id = $1", [
        anna.userId,
      ]);
      assert.equal(blocks.length, 1);
      const metrics = await h.deps.metrics.render();
      assert.match(metrics, /chats_ended_total\{reason="block"\} 1/);
      assert.match(metrics, /chat_duration_seconds_count 1/);
    });

    await t.step("a report picks a reason, is stored and works after the chat too", async () => {
      const { anna, boris, matchId } = await startChat(h, [732_003, 732_004]);
      await h.post(textUpdate(anna, "/stop"));
      await h.post(callbackUpdate(anna, "c:end:y"));
      await h.post(callbackUpdate(boris, `c:rep:${matchId}`));
      const picker = lastWithButton(h.telegram, boris.id, `c:rep:${matchId}:`)!;
      assert.deepEqual(
        buttonsOf(picker),
        [
          ...["spam", "abuse", "inappropriate", "minor", "other"].map((r) =>
            `c:rep:${matchId}:${r}`
          ),
          "c:x",
        ],
      );
      await h.post(callbackUpdate(boris, `c:rep:${matchId}:abuse`));
      assert.match(h.telegram.lastTextTo(boris.id)!, /жалоба отправлена/);
      const reports = await h.db.query<{ reason: string }>(
        "select reason from public.reports where match_id = $1",
        [matchId],
      );
      assert.deepEqual(reports.map((r) => r.reason), ["abuse"]);
      // The chat had already ended by /stop: the report adds no second ending.
      const metrics = await h.deps.metrics.render();
      assert.doesNotMatch(metrics, /chats_ended_total\{reason="report"\}/);
    });

    await t.step("a report for a chat the user was not in is refused politely", async () => {
      const [other] = await h.db.query<{ id: string }>("select id from public.matches limit 1");
      const mallory = await onboardUser(h.db, 732_099);
      const before = h.telegram.calls.length;
      await h.post(callbackUpdate(mallory, `c:rep:${other!.id}:spam`));
      assert.deepEqual(h.telegram.calls.slice(before).map((c) => c.method), [
        "answerCallbackQuery",
      ]);
    });
  } finally {
    await h.close();
  }
});

Deno.test("when the partner has blocked the bot the chat ends and the sender is told", async () => {
  const h = await startTestBot();
  try {
    const { anna, boris, matchId } = await startChat(h, [733_001, 733_002]);
    h.telegram.failNext("copyMessage", {
      chatId: boris.id,
      errorCode: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    await h.post(textUpdate(anna, "Ты здесь?"));
    assert.equal((await matchState(h, matchId))!.state, "ended");
    assert.match(h.telegram.lastTextTo(anna.id)!, /больше недоступен/);
    h.telegram.clear();
    await h.post(textUpdate(anna, "Алло?"));
    assert.equal(h.telegram.callsOf("copyMessage").length, 0);
  } finally {
    await h.close();
  }
});

Deno.test("when the partner deletes their profile mid-chat the other one is told", async () => {
  const h = await startTestBot();
  try {
    const { anna, boris, matchId } = await startChat(h, [734_001, 734_002]);
    await h.db.call("delete_user", { p_tg_id: boris.id });
    // Any next update runs the after-update dispatch that sends the notice.
    await h.post(textUpdate(anna, "Ты здесь?"));
    assert.match(h.telegram.textsTo(anna.id).join("\n"), /больше недоступен/);
    assert.equal((await matchState(h, matchId))!.state, "ended");
    const before = h.telegram.callsOf("copyMessage").length;
    await h.post(textUpdate(anna, "Алло?"));
    assert.equal(h.telegram.callsOf("copyMessage").length, before);
  } finally {
    await h.close();
  }
});
