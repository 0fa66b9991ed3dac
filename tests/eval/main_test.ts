import assert from "node:assert/strict";
import { evaluate, noisyDiary, parseCatalogue, parseOptions, recommend } from "./main.ts";

const seedSql = () => Deno.readTextFile(new URL("../../supabase/seed.sql", import.meta.url));

Deno.test("parseCatalogue() reads every topic row of seed.sql with its group", async () => {
  const rows = parseCatalogue(await seedSql());
  const inserted = (await seedSql()).match(/^\s*\('[a-z0-9_]+',/gm) ?? [];
  assert.equal(rows.length, inserted.length);
  assert.ok(rows.length >= 20);
  assert.deepEqual(rows.find((r) => r.slug === "bereavement"), {
    slug: "bereavement",
    group: "experience",
    sensitivity: 2,
  });
  assert.throws(() => parseCatalogue("select 1;"), /no insert into public.topics/);
});

Deno.test("parseOptions() takes both --name value and --name=value, and refuses nonsense", () => {
  const options = parseOptions(["--users", "300", "--seed=7", "--out", "x.json"]);
  assert.equal(options.users, 300);
  assert.equal(options.seed, 7);
  assert.equal(options.out, "x.json");
  assert.equal(options.queries, 2000, "defaults stay");
  assert.throws(() => parseOptions(["--users", "many"]), /bad option/);
  assert.throws(() => parseOptions(["--colour", "1"]), /bad option/);
  assert.throws(() => parseOptions(["--diary-recall", "1.5"]), /0\.\.1/);
  assert.throws(() => parseOptions(["--seed"]), /needs a value/);
});

Deno.test("evaluate() is deterministic for a seed and differs across seeds", async () => {
  const sql = await seedSql();
  const small = (seed: string) =>
    parseOptions(["--users", "600", "--queries", "40", "--scan", "200", "--seed", seed]);
  const first = evaluate(small("3"), sql);
  assert.deepEqual(evaluate(small("3"), sql), first);
  assert.notDeepEqual(evaluate(small("4"), sql).rows, first.rows);
  // Sanity of the figures: the oracle is the best possible top-1, every share is a share.
  const all = first.rows.filter((r) => r.pool === "all");
  const oracle = all.find((r) => r.formula === "oracle")!;
  for (const row of all) {
    assert.ok(row.q1 <= oracle.q1 + 1e-9, `${row.formula} ${row.k} ${row.diaryWeight}`);
    for (const share of [row.experienceAt1, row.minimumAt1, row.q1OverBest]) {
      assert.ok(share >= 0 && share <= 1 + 1e-9);
    }
  }
  assert.equal(oracle.q1OverBest, 1);
  const rec = recommend(first, evaluate(noisyDiary(small("3")), sql));
  assert.ok(rec.k > 0 && rec.diaryWeight >= 0 && rec.diaryWeight < 1);
});
