import assert from "node:assert/strict";
import type { SqlDb } from "../../shared/db/db.ts";
import { createTestDb } from "../support/test_db.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

const call = (db: SqlDb, fn: string, args: Record<string, unknown>) => db.call<Json>(fn, args);

/** A user taken through onboarding up to (not including) `until`. */
async function userAt(db: SqlDb, tgId: number, until: string): Promise<void> {
  const steps: [string, () => Promise<unknown>][] = [
    ["rules", () => call(db, "ensure_user", { p_tg_id: tgId })],
    ["birth_year", () => call(db, "accept_rules", { p_tg_id: tgId })],
    ["pseudonym", () => call(db, "set_birth_year", { p_tg_id: tgId, p_birth_year: 1990 })],
    ["timezone", () => call(db, "set_pseudonym", { p_tg_id: tgId, p_pseudonym: "Путник" })],
    ["topics", () =>
      call(db, "set_timezone", {
        p_tg_id: tgId,
        p_timezone: "Europe/Moscow",
        p_utc_offset_minutes: 180,
        p_country: "RU",
      })],
  ];
  for (const [step, run] of steps) {
    await run();
    if (step === until) return;
  }
}

Deno.test("profile SQL functions enforce the rules on their own", async (t) => {
  const db = await createTestDb();
  try {
    await t.step("ensure_user registers once and logs user.registered once", async () => {
      assert.equal((await call(db, "ensure_user", { p_tg_id: 1 })).created, true);
      const again = await call(db, "ensure_user", { p_tg_id: 1 });
      assert.equal(again.created, false);
      assert.equal(again.onboarding_step, "rules");
      const [events] = await db.query<{ n: number }>(
        "select count(*)::int as n from public.domain_events where event = 'user.registered'",
      );
      assert.equal(events?.n, 1);
    });

    await t.step("get_user_state never registers anyone", async () => {
      assert.equal(await call(db, "get_user_state", { p_tg_id: 404 }), null);
      const [users] = await db.query<{ n: number }>(
        "select count(*)::int as n from public.users where tg_id = 404",
      );
      assert.equal(users?.n, 0);
    });

    await t.step("steps refuse unknown users and users on another step", async () => {
      assert.deepEqual(await call(db, "set_pseudonym", { p_tg_id: 404, p_pseudonym: "Лис" }), {
        ok: false,
        reason: "no_user",
      });
      assert.deepEqual(await call(db, "set_pseudonym", { p_tg_id: 1, p_pseudonym: "Лис" }), {
        ok: false,
        reason: "wrong_step",
      });
      assert.deepEqual(await call(db, "set_purpose", { p_tg_id: 1, p_purpose: "support" }), {
        ok: false,
        reason: "wrong_step",
      });
    });

    await t.step("set_birth_year refuses under-16s and odd years, storing nothing", async () => {
      await call(db, "accept_rules", { p_tg_id: 1 });
      const thisYear = new Date().getUTCFullYear();
      for (
        const [year, reason] of [
          [thisYear - 15, "too_young"],
          [thisYear + 1, "implausible"],
          [thisYear - 101, "implausible"],
        ] as const
      ) {
        assert.deepEqual(await call(db, "set_birth_year", { p_tg_id: 1, p_birth_year: year }), {
          ok: false,
          reason,
        });
      }
      const [row] = await db.query<{ birth_year: number | null }>(
        "select birth_year from public.users where tg_id = 1",
      );
      assert.equal(row?.birth_year, null);
      const ok = await call(db, "set_birth_year", { p_tg_id: 1, p_birth_year: thisYear - 16 });
      assert.equal(ok.age_pool, "teen");
    });

    await t.step("set_pseudonym checks length and characters", async () => {
      for (
        const [pseudonym, reason] of [
          ["x", "too_short"],
          ["x".repeat(33), "too_long"],
          ["line\nbreak", "invalid"],
          ["12345", "invalid"],
        ]
      ) {
        assert.deepEqual(await call(db, "set_pseudonym", { p_tg_id: 1, p_pseudonym: pseudonym }), {
          ok: false,
          reason,
        });
      }
      const ok = await call(db, "set_pseudonym", { p_tg_id: 1, p_pseudonym: "  Лис  " });
      assert.equal(ok.state.pseudonym, "Лис");
      assert.equal(ok.state.awaiting_input, "timezone");
    });

    await t.step("set_timezone checks offset and country", async () => {
      for (
        const args of [
          { p_timezone: "UTC+15", p_utc_offset_minutes: 900, p_country: null },
          { p_timezone: "UTC+3:10", p_utc_offset_minutes: 190, p_country: null },
          { p_timezone: "Europe/Moscow", p_utc_offset_minutes: 180, p_country: "rus" },
          { p_timezone: "", p_utc_offset_minutes: 180, p_country: null },
        ]
      ) {
        assert.deepEqual(await call(db, "set_timezone", { p_tg_id: 1, ...args }), {
          ok: false,
          reason: "invalid",
        });
      }
    });
  } finally {
    await db.close();
  }
});

Deno.test("topic functions keep 2-10 topics with 1-3 most important", async (t) => {
  const db = await createTestDb();
  try {
    await userAt(db, 2, "topics");
    const slugs = (await db.query<{ slug: string }>(
      "select slug from public.topics order by sort_order limit 12",
    )).map((r) => r.slug);

    await t.step("fewer than 2 topics cannot be finished", async () => {
      await call(db, "toggle_topic", { p_tg_id: 2, p_topic_slug: slugs[0] });
      assert.deepEqual(await call(db, "finish_topics", { p_tg_id: 2 }), {
        ok: false,
        reason: "too_few",
        count: 1,
      });
    });

    await t.step("an 11th topic is refused, even when tapped all at once", async () => {
      const results = await Promise.all(
        slugs.slice(1).map((slug) => call(db, "toggle_topic", { p_tg_id: 2, p_topic_slug: slug })),
      );
      assert.equal(results.filter((r) => r.ok).length, 9);
      assert.ok(results.some((r) => r.reason === "too_many"));
      const picker = await call(db, "get_topic_picker", { p_tg_id: 2 });
      assert.equal(picker.count, 10);
    });

    await t.step("unknown topics are refused", async () => {
      assert.deepEqual(await call(db, "toggle_topic", { p_tg_id: 2, p_topic_slug: "nope" }), {
        ok: false,
        reason: "unknown_topic",
      });
    });

    await t.step("importance needs a selected topic and stops at 3", async () => {
      assert.deepEqual(await call(db, "finish_important_topics", { p_tg_id: 2 }), {
        ok: false,
        reason: "no_important",
      });
      assert.deepEqual(
        await call(db, "toggle_important_topic", { p_tg_id: 2, p_topic_slug: slugs[11] }),
        { ok: false, reason: "not_selected" },
      );
      for (const slug of slugs.slice(0, 3)) {
        assert.equal(
          (await call(db, "toggle_important_topic", { p_tg_id: 2, p_topic_slug: slug })).ok,
          true,
        );
      }
      assert.deepEqual(
        await call(db, "toggle_important_topic", { p_tg_id: 2, p_topic_slug: slugs[3] }),
        { ok: false, reason: "too_many_important" },
      );
    });

    await t.step("unselecting an important topic drops its star too", async () => {
      await call(db, "toggle_topic", { p_tg_id: 2, p_topic_slug: slugs[0] });
      const picker = await call(db, "get_topic_picker", { p_tg_id: 2 });
      assert.equal(picker.important_count, 2);
    });

    await t.step("finishing moves on to the bio", async () => {
      const result = await call(db, "finish_important_topics", { p_tg_id: 2 });
      assert.equal(result.outcome, "advanced");
      assert.equal(result.state.onboarding_step, "bio");
      assert.equal(result.state.awaiting_input, "bio");
    });
  } finally {
    await db.close();
  }
});

Deno.test("the last steps check their input and complete onboarding", async (t) => {
  const db = await createTestDb();
  try {
    await userAt(db, 3, "topics");
    for (const slug of ["burnout", "chess"]) {
      await call(db, "toggle_topic", { p_tg_id: 3, p_topic_slug: slug });
    }
    await call(db, "toggle_important_topic", { p_tg_id: 3, p_topic_slug: "chess" });
    await call(db, "finish_important_topics", { p_tg_id: 3 });

    await t.step("a bio over 160 characters is refused", async () => {
      assert.deepEqual(await call(db, "set_bio", { p_tg_id: 3, p_bio: "я".repeat(161) }), {
        ok: false,
        reason: "too_long",
      });
      assert.equal((await call(db, "set_bio", { p_tg_id: 3, p_bio: "я".repeat(160) })).ok, true);
    });

    await t.step("purpose must be one of three", async () => {
      assert.deepEqual(await call(db, "set_purpose", { p_tg_id: 3, p_purpose: "dating" }), {
        ok: false,
        reason: "invalid",
      });
      assert.equal((await call(db, "set_purpose", { p_tg_id: 3, p_purpose: "advice" })).ok, true);
    });

    await t.step("available hours must be distinct 0-23, at least one", async () => {
      for (const hours of [[], [24], [-1], ["7"], [1.5], { h: 1 }]) {
        assert.deepEqual(await call(db, "set_available_hours", { p_tg_id: 3, p_hours: hours }), {
          ok: false,
          reason: "invalid",
        });
      }
      const done = await call(db, "set_available_hours", { p_tg_id: 3, p_hours: [20, 8, 20] });
      assert.equal(done.outcome, "completed");
      assert.equal(done.state.onboarding_completed, true);
      const card = await call(db, "get_profile_card", { p_tg_id: 3 });
      assert.deepEqual(card.available_hours, [8, 20]);
      const [mask] = await db.query<{ available_utc_mask: number }>(
        `select p.available_utc_mask from public.preferences p
           join public.users u on u.id = p.user_id where u.tg_id = 3`,
      );
      // 8 and 20 Moscow time are 5 and 17 UTC.
      assert.equal(mask?.available_utc_mask, (1 << 5) | (1 << 17));
    });

    await t.step("after onboarding, free-text fields change only while asked for", async () => {
      assert.deepEqual(await call(db, "set_bio", { p_tg_id: 3, p_bio: null }), {
        ok: false,
        reason: "wrong_step",
      });
      await call(db, "set_awaiting_input", { p_tg_id: 3, p_input: "bio" });
      const edited = await call(db, "set_bio", { p_tg_id: 3, p_bio: "Новый текст" });
      assert.equal(edited.outcome, "edited");
      assert.equal(edited.state.awaiting_input, null);
    });

    await t.step("the embedding must have 384 dimensions", async () => {
      await assert.rejects(
        call(db, "save_profile_embedding", {
          p_tg_id: 3,
          p_embedding: JSON.stringify([1, 2, 3]),
          p_model: "test",
        }),
      );
      const ok = await call(db, "save_profile_embedding", {
        p_tg_id: 3,
        p_embedding: JSON.stringify(Array.from({ length: 384 }, (_, i) => (i === 0 ? 1 : 0))),
        p_model: "test",
      });
      assert.deepEqual(ok, { ok: true });
    });
  } finally {
    await db.close();
  }
});

Deno.test("delete_user without a profile still drops stored updates", async () => {
  const db = await createTestDb();
  try {
    await call(db, "record_failed_update", {
      p_update_id: 77,
      p_payload: { update_id: 77 },
      p_tg_user_id: 555,
      p_error_name: "Error",
    });
    assert.deepEqual(await call(db, "delete_user", { p_tg_id: 555 }), { deleted: false });
    const [left] = await db.query<{ n: number }>(
      "select count(*)::int as n from public.failed_updates",
    );
    assert.equal(left?.n, 0);
    const [stats] = await db.query<{ n: number }>(
      "select count(*)::int as n from public.erasure_stats",
    );
    assert.equal(stats?.n, 0);
  } finally {
    await db.close();
  }
});

Deno.test("the topic catalogue is rich, grouped and seeded idempotently", async (t) => {
  const db = await createTestDb();
  try {
    const before = await db.query<{ id: number; slug: string }>(
      "select id, slug from public.topics order by id",
    );
    await t.step("at least 40 topics in the expected groups", async () => {
      assert.ok(before.length >= 40);
      const groups = (await db.query<{ group_slug: string }>(
        "select distinct group_slug from public.topics",
      )).map((r) => r.group_slug);
      for (
        const group of ["experience", "feelings", "hobbies", "work", "books", "games", "sport"]
      ) {
        assert.ok(groups.includes(group), group);
      }
    });
    await t.step("painful experiences are marked sensitive", async () => {
      const rows = await db.query<{ slug: string; sensitivity: number }>(
        "select slug, sensitivity from public.topics where slug in ('divorce', 'bereavement', 'pet_loss', 'chess')",
      );
      const bySlug = Object.fromEntries(rows.map((r) => [r.slug, r.sensitivity]));
      assert.deepEqual(bySlug, { divorce: 2, bereavement: 2, pet_loss: 2, chess: 1 });
    });
    await t.step("running the seed again keeps every id", async () => {
      await db.exec(await Deno.readTextFile(new URL("../../supabase/seed.sql", import.meta.url)));
      const after = await db.query<{ id: number; slug: string }>(
        "select id, slug from public.topics order by id",
      );
      assert.deepEqual(after, before);
    });
  } finally {
    await db.close();
  }
});
