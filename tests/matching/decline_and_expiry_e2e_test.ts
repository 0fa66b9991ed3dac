import assert from "node:assert/strict";
import { buildDispatcher } from "../../shared/notifications/build_dispatcher.ts";
import { runMatchingCycle } from "../../shared/notifications/dispatcher_http.ts";
import { silentLogger } from "../../shared/platform/logger.ts";
import { startTestBot, type TestBot } from "../support/harness.ts";
import { callbackUpdate, textUpdate, user } from "../support/updates.ts";
import { buttonsOf, lastWithButton, onboardUser, proposalMatchId } from "../chat/fixtures.ts";

/** What pg_cron does every 10 s: the matching tick, then the outbox. */
async function schedulerBeat(h: TestBot) {
  const dispatcher = await buildDispatcher({
    db: h.db,
    api: h.bot.api,
    logger: silentLogger,
    metrics: h.deps.metrics,
  });
  return runMatchingCycle({ db: h.db, dispatcher, metrics: h.deps.metrics });
}

async function pair(h: TestBot, a: number, b: number) {
  const anna = await onboardUser(h.db, a, { pseudonym: "Сова" });
  const boris = await onboardUser(h.db, b, { pseudonym: "Ёж" });
  await h.post(textUpdate(anna, "/find"));
  await h.post(textUpdate(boris, "/find"));
  return { anna, boris, matchId: proposalMatchId(h.telegram, anna.id) };
}

Deno.test("find and cancel explain themselves", async (t) => {
  const h = await startTestBot();
  try {
    await t.step("a user without a finished profile is sent back to /start", async () => {
      const stranger = user(710_001);
      await h.post(textUpdate(stranger, "/find"));
      assert.match(h.telegram.lastTextTo(stranger.id)!, /\/start/);
    });

    const vera = await onboardUser(h.db, 710_002);
    await t.step("the «Найти собеседника» button searches like /find", async () => {
      await h.post(callbackUpdate(vera, "m:find"));
      assert.match(h.telegram.lastTextTo(vera.id)!, /Ищу собеседника/);
      const search = lastWithButton(h.telegram, vera.id, "m:cancel");
      assert.ok(search, "the reply offers a stop-searching button");
    });

    await t.step("/cancel leaves the queue, a second /cancel says there was nothing", async () => {
      await h.post(textUpdate(vera, "/cancel"));
      assert.match(h.telegram.lastTextTo(vera.id)!, /больше не ищу/);
      await h.post(textUpdate(vera, "/cancel"));
      assert.match(h.telegram.lastTextTo(vera.id)!, /никого не ищу/);
    });

    await t.step("forged callback data gets a polite answer and changes nothing", async () => {
      for (const data of ["m:y:not-a-uuid", "m:zzz", "m:y:1:2"]) {
        const before = h.telegram.calls.length;
        await h.post(callbackUpdate(vera, data));
        const calls = h.telegram.calls.slice(before);
        assert.deepEqual(calls.map((c) => c.method), ["answerCallbackQuery"]);
      }
    });
  } finally {
    await h.close();
  }
});

Deno.test("a skipped proposal tells the partner gently and queues them first", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris, matchId } = await pair(h, 711_001, 711_002);

    await t.step("a third user cannot answer someone else's proposal", async () => {
      const mallory = await onboardUser(h.db, 711_003);
      const before = h.telegram.calls.length;
      await h.post(callbackUpdate(mallory, `m:y:${matchId}`));
      const calls = h.telegram.calls.slice(before);
      assert.deepEqual(calls.map((c) => c.method), ["answerCallbackQuery"]);
      assert.match(calls[0]!.payload.text, /неактуально/);
      const [m] = await h.db.query<{ state: string }>(
        "select state from public.matches where id = $1",
        [matchId],
      );
      assert.equal(m!.state, "proposed");
    });

    await t.step("«Пропустить» closes the card and offers another search", async () => {
      await h.post(callbackUpdate(boris, `m:n:${matchId}`));
      const edit = h.telegram.callsOf("editMessageText", boris.id).at(-1)!;
      assert.match(edit.payload.text, /пропустили/);
      assert.deepEqual(buttonsOf(edit.payload), ["m:find"]);
    });

    await t.step("the partner hears that it did not work out, not who declined", async () => {
      const text = h.telegram.lastTextTo(anna.id)!;
      assert.match(text, /не смог начать разговор/);
      assert.doesNotMatch(text, /Ёж/);
      const [q] = await h.db.query<{ priority: boolean }>(
        "select priority from public.match_queue where user_id = $1",
        [anna.userId],
      );
      assert.equal(q?.priority, true);
    });

    await t.step("a late accept of the declined proposal is answered as expired", async () => {
      await h.post(callbackUpdate(anna, `m:y:${matchId}`));
      assert.match(h.telegram.lastTextTo(anna.id)!, /истекло/);
    });

    await t.step("the two are not proposed to each other again (cooldown)", async () => {
      await h.post(textUpdate(boris, "/find"));
      await schedulerBeat(h);
      const [n] = await h.db.query<{ n: number }>(
        "select count(*)::int as n from public.matches",
      );
      assert.equal(n!.n, 1);
    });
  } finally {
    await h.close();
  }
});

Deno.test("an unanswered proposal expires; who accepted keeps searching", async (t) => {
  const h = await startTestBot();
  try {
    const { anna, boris, matchId } = await pair(h, 712_001, 712_002);
    await h.post(callbackUpdate(anna, `m:y:${matchId}`));
    await h.db.query("update public.matches set expires_at = now() - interval '1 second'");

    await t.step("the scheduler beat expires it and tells both", async () => {
      const report = await schedulerBeat(h);
      assert.equal(report.expired_proposals, 1);
      assert.match(h.telegram.lastTextTo(anna.id)!, /продолжаю искать/);
      assert.match(h.telegram.lastTextTo(boris.id)!, /остановил поиск/);
      assert.ok(lastWithButton(h.telegram, boris.id, "m:find"));
    });

    await t.step("the accept that comes too late is refused politely", async () => {
      await h.post(callbackUpdate(boris, `m:y:${matchId}`));
      assert.match(h.telegram.lastTextTo(boris.id)!, /истекло/);
      const [m] = await h.db.query<{ state: string }>(
        "select state from public.matches where id = $1",
        [matchId],
      );
      assert.equal(m!.state, "expired");
    });
  } finally {
    await h.close();
  }
});
