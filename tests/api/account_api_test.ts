import assert from "node:assert/strict";
import { onboardUser } from "../chat/fixtures.ts";
import { personState, startMiniAppApi } from "./mini_app_fixture.ts";

Deno.test("GET /account/export and DELETE /account: everything, never the partner; /delete's erasure", async (t) => {
  const { db, request, metrics, close } = await startMiniAppApi();
  try {
    const anna = await onboardUser(db, 920_001, { pseudonym: "Анна-Путница" });
    const boris = await onboardUser(db, 920_002, { pseudonym: "Борис-Странник" });
    // A chat between them, through the API as the Mini App would start it.
    await request(anna.id, "POST", "/match/find");
    const proposed = await request(boris.id, "POST", "/match/find");
    const matchId = proposed.body.match_id;
    assert.ok(matchId, JSON.stringify(proposed.body));
    await request(anna.id, "POST", "/match/confirm", { match_id: matchId, accept: true });
    const started = await request(boris.id, "POST", "/match/confirm", {
      match_id: matchId,
      accept: true,
    });
    assert.equal(started.body.status, "chat_started");
    await db.query(
      `insert into public.diary_entries (user_id, body, local_date)
       values ($1, 'Сегодня было спокойно', current_date)`,
      [anna.userId],
    );

    await t.step("the export holds the person's data and names no partner", async () => {
      const res = await request(anna.id, "GET", "/account/export");
      assert.equal(res.status, 200);
      assert.match(
        res.headers.get("content-disposition") ?? "",
        /attachment; filename="account\.json"/,
      );
      const data = res.body;
      assert.equal(data.profile.pseudonym, "Анна-Путница");
      assert.equal(data.profile.tg_id, anna.id);
      assert.equal(data.preferences.purpose, "support");
      assert.equal(data.topics.length, 3);
      assert.deepEqual(data.diary.map((e: { text: string }) => e.text), ["Сегодня было спокойно"]);
      assert.equal(data.chats.length, 1);
      assert.equal(data.chats[0].state, "active");
      assert.ok(data.activity.length > 0);
      const text = JSON.stringify(data);
      assert.ok(!text.includes("Борис-Странник"), "the partner's pseudonym");
      assert.ok(!text.includes(String(boris.id)), "the partner's Telegram id");
      assert.ok(!text.includes(boris.userId), "the partner's user id");
      assert.ok(!("embedding" in (data.portrait ?? {})));
    });

    await t.step("DELETE without the confirmation refuses and deletes nothing", async () => {
      const before = await personState(db, anna.id);
      for (const body of [{}, { confirm: false }, { confirm: "yes" }, { confirm: true, x: 1 }]) {
        const res = await request(anna.id, "DELETE", "/account", body);
        assert.deepEqual([res.status, res.body.error.code], [400, "confirmation_required"]);
        assert.match(res.body.error.message, /ничего не удалено/);
      }
      const noBody = await request(anna.id, "DELETE", "/account");
      assert.equal(noBody.status, 400);
      assert.equal(await personState(db, anna.id), before);
      assert.equal((await request(null, "DELETE", "/account", { confirm: true })).status, 401);
      assert.equal(await personState(db, anna.id), before);
    });

    await t.step("with it: the same erasure as /delete, the partner told", async () => {
      const notices = async () =>
        (await db.query<{ n: number }>(
          "select count(*)::int as n from public.outbox where tg_id = $1",
          [boris.id],
        ))[0]!.n;
      const before = await notices();
      const res = await request(anna.id, "DELETE", "/account", { confirm: true });
      assert.deepEqual([res.status, res.body], [200, { status: "deleted" }]);
      const [left] = await db.query<{ n: number }>(
        "select count(*)::int as n from public.users where tg_id = $1",
        [anna.id],
      );
      assert.equal(left!.n, 0);
      const [chat] = await db.query<{ state: string; end_reason: string }>(
        "select state, end_reason from public.matches where id = $1",
        [matchId],
      );
      assert.deepEqual(chat, { state: "ended", end_reason: "deleted" });
      assert.ok(await notices() > before, "the partner has a notice waiting");
      const [erased] = await db.query<{ n: number }>(
        "select coalesce(sum(erased_users), 0)::int as n from public.erasure_stats",
      );
      assert.equal(erased!.n, 1);
      assert.match(await metrics.render(), /profile_erasures_total 1/);
    });

    await t.step("afterwards, and for a stranger: 404 not_registered", async () => {
      for (const [method, path] of [["GET", "/account/export"], ["GET", "/profile"]]) {
        const res = await request(anna.id, method!, path!);
        assert.deepEqual([res.status, res.body.error.code], [404, "not_registered"]);
        assert.match(res.body.error.message, /\/start/);
      }
      const again = await request(anna.id, "DELETE", "/account", { confirm: true });
      assert.deepEqual([again.status, again.body.error.code], [404, "not_registered"]);
      assert.equal((await request(null, "GET", "/account/export")).status, 401);
    });
  } finally {
    await close();
  }
});
