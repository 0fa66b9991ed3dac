import assert from "node:assert/strict";
import {
  idf,
  idfDot,
  idfTable,
  newOverlap,
  oldOverlap,
  sharedCount,
  shrink,
  withDiary,
} from "./overlap.ts";

/** topicId -> weight from a list of ids at one weight, or [id, weight] pairs. */
const topics = (...entries: (number | [number, number])[]) =>
  new Map(entries.map((e) => (typeof e === "number" ? [e, 1] : e)));

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * A population in which topics 1-10 are equally common (every user has them), topic 20 (a
 * popular hobby) is held by 60 users and topic 21 (a rare experience) by 3.
 */
function population(): Map<number, number>[] {
  const users: Map<number, number>[] = [];
  for (let i = 0; i < 100; i++) {
    const user = topics(...range(1, 10));
    if (i < 60) user.set(20, 1);
    if (i >= 97) user.set(21, 1);
    users.push(user);
  }
  return users;
}

Deno.test("oldOverlap() scores two of two like eight of eight (the flaw being replaced)", () => {
  const two = topics(1, 2);
  const eight = topics(...range(1, 8));
  assert.equal(oldOverlap(two, two), 1);
  assert.equal(oldOverlap(eight, eight), 1);
});

Deno.test("oldOverlap() divides shared plus shared weight-2 topics by the smaller total", () => {
  // Shared 1 and 2, both weight 2 only on topic 1: (2 + 1) / min(1+1+1+1, 1+1+1+1+1+1) = 0.75.
  const a = topics([1, 2], 2, 3);
  const b = topics([1, 2], [2, 2], 4, 5);
  assert.equal(oldOverlap(a, b), 3 / 4);
  assert.equal(oldOverlap(b, a), 3 / 4);
  assert.equal(oldOverlap(topics(1), topics(2)), 0);
  assert.equal(oldOverlap(new Map(), new Map()), 0);
});

Deno.test("idf() and idfTable() follow ln((1 + N) / (1 + df)) + 1 over users with topics", () => {
  assert.equal(idf(9, 9), 1);
  assert.equal(idf(9, 0), Math.log(10) + 1);
  const table = idfTable([topics(1, 2), topics(1), new Map()], [1, 2, 3]);
  // N = 2: the user without topics does not count.
  assert.equal(table.get(1), Math.log(3 / 3) + 1);
  assert.equal(table.get(2), Math.log(3 / 2) + 1);
  assert.equal(table.get(3), Math.log(3 / 1) + 1, "catalogue topics nobody chose get df 0");
  assert.equal(table.size, 3);
});

Deno.test("newOverlap() grows with evidence: eight shared topics beat two", () => {
  const table = idfTable(population());
  const two = topics(1, 2);
  const eight = topics(...range(1, 8));
  for (const k of [0.5, 3, 13]) {
    const small = newOverlap(two, two, table, k);
    const large = newOverlap(eight, eight, table, k);
    assert.ok(small > 0 && small < large && large < 1, `k ${k}: ${small} < ${large} < 1`);
  }
  // Evidence, not proportion: two shared topics count the same whatever else the other chose.
  assert.equal(newOverlap(two, eight, table, 3), newOverlap(two, two, table, 3));
});

Deno.test("newOverlap() ranks a shared rare topic above a shared popular one", () => {
  const table = idfTable(population());
  assert.ok(table.get(21)! > table.get(20)!);
  const rare = newOverlap(topics(1, 21), topics(2, 21), table, 3);
  const popular = newOverlap(topics(1, 20), topics(2, 20), table, 3);
  assert.ok(rare > popular, `${rare} > ${popular}`);
  // Both sides marking the topic most important quadruples its contribution.
  const dot = idfDot(topics(20), topics(20), table);
  assert.equal(idfDot(topics([20, 2]), topics([20, 2]), table), 4 * dot);
});

Deno.test("shrink() is 0 without overlap, below 1, and smaller for a larger k", () => {
  assert.equal(shrink(0, 3), 0);
  assert.equal(shrink(3, 3), 0.5);
  assert.ok(shrink(10, 1) > shrink(10, 5));
  assert.ok(shrink(1e6, 13) < 1);
});

Deno.test("withDiary() adds unchosen diary topics at the diary weight, never over a choice", () => {
  const chosen = topics([1, 2], 2);
  assert.deepEqual(withDiary(chosen, [1, 3], 0.5), topics([1, 2], 2, [3, 0.5]));
  assert.deepEqual(withDiary(chosen, [1, 3], 0), chosen, "weight 0 is the diary off");
  assert.equal(chosen.size, 2, "the chosen map is not modified");
  // A diary topic meets a chosen one: 0.5 * 1 * idf.
  const table = idfTable(population());
  const withTheirDiary = withDiary(topics(1), [21], 0.5);
  assert.equal(idfDot(topics(21), withTheirDiary, table), 0.5 * table.get(21)!);
});

Deno.test("sharedCount() counts common topics whatever their weights", () => {
  assert.equal(sharedCount(topics([1, 2], 2, 3), topics(1, [2, 2], 4)), 2);
  assert.equal(sharedCount(topics(1), new Map()), 0);
});

Deno.test("idfDot() refuses a shared topic missing from the idf table", () => {
  assert.throws(() => idfDot(topics(99), topics(99), new Map()), RangeError);
  assert.equal(idfDot(topics(99), topics(98), new Map()), 0, "unshared topics need no idf");
});
