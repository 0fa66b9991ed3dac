/**
 * The topic-overlap term of the matching score, old and new, as plain functions over
 * topicId -> weight maps. They mirror the SQL (public.candidates_for) so the offline evaluation
 * in main.ts ranks exactly as the database would, and so tests can check the SQL against them.
 *
 * Weights: a chosen topic is 1, or 2 when marked most important. A diary topic the user did not
 * choose carries the diary topic weight (see withDiary); it only reaches newOverlap.
 */

/** topicId -> weight (1 or 2 for chosen topics; the diary weight for diary-only topics). */
export type TopicWeights = ReadonlyMap<number, number>;

/** Topics shared by both maps, whatever their weights: the hard filter counts these. */
export function sharedCount(a: TopicWeights, b: TopicWeights): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const topic of small.keys()) if (large.has(topic)) shared++;
  return shared;
}

/**
 * Today's term: least(1, (shared + shared weight-2 on both sides) / max(1, min(total_a, total_b)))
 * where total = topic count + count of weight-2 topics (match_queue.topic_weight, at least 1).
 */
export function oldOverlap(a: TopicWeights, b: TopicWeights): number {
  let shared = 0;
  let sharedTop = 0;
  for (const [topic, weight] of a) {
    const other = b.get(topic);
    if (other === undefined) continue;
    shared++;
    if (weight === 2 && other === 2) sharedTop++;
  }
  const total = (m: TopicWeights) => {
    let sum = 0;
    for (const weight of m.values()) sum += weight === 2 ? 2 : 1;
    return Math.max(sum, 1);
  };
  return Math.min(1, (shared + sharedTop) / Math.max(1, Math.min(total(a), total(b))));
}

/** idf = ln((1 + n) / (1 + df)) + 1: smoothed, never below 1, so a shared topic always counts. */
export function idf(n: number, df: number): number {
  return Math.log((1 + n) / (1 + df)) + 1;
}

/**
 * topicId -> idf over a population of users' topic maps. n counts users with at least one
 * topic; df_t counts users having topic t. Every id in `catalogue` gets an entry (df 0 when
 * nobody has it), as a SQL table built from public.topics left join user_topics would.
 */
export function idfTable(
  users: Iterable<TopicWeights>,
  catalogue: Iterable<number> = [],
): Map<number, number> {
  const df = new Map<number, number>();
  for (const topic of catalogue) df.set(topic, 0);
  let n = 0;
  for (const user of users) {
    if (user.size === 0) continue;
    n++;
    for (const topic of user.keys()) df.set(topic, (df.get(topic) ?? 0) + 1);
  }
  const table = new Map<number, number>();
  for (const [topic, count] of df) table.set(topic, idf(n, count));
  return table;
}

/**
 * The topics a user brings to the new term: the chosen ones at their own weight, plus, when the
 * user opted in to "use my diary to find people", the diary topics they did not choose at
 * `diaryWeight`. A diary weight of 0 (or no diary) leaves the chosen topics alone.
 */
export function withDiary(
  chosen: TopicWeights,
  diaryTopics: Iterable<number>,
  diaryWeight: number,
): Map<number, number> {
  const merged = new Map(chosen);
  if (diaryWeight <= 0) return merged;
  for (const topic of diaryTopics) if (!merged.has(topic)) merged.set(topic, diaryWeight);
  return merged;
}

/**
 * dot = sum over shared topics of v_a[t] * v_b[t], with v[t] = w_t * sqrt(idf_t), i.e.
 * sum of w_a * w_b * idf_t. Throws when a shared topic has no idf entry (a caller bug: the table
 * should cover the catalogue).
 */
export function idfDot(
  a: TopicWeights,
  b: TopicWeights,
  idfs: ReadonlyMap<number, number>,
): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [topic, weight] of small) {
    const other = large.get(topic);
    if (other === undefined) continue;
    const value = idfs.get(topic);
    if (value === undefined) throw new RangeError(`no idf for topic ${topic}`);
    dot += weight * other * value;
  }
  return dot;
}

/** Shrinkage: dot / (dot + k), 0 for no overlap, approaching 1 as the evidence grows. */
export function shrink(dot: number, k: number): number {
  return dot <= 0 ? 0 : dot / (dot + k);
}

/** The new term: the IDF-weighted dot product of the two topic maps, shrunk by k. */
export function newOverlap(
  a: TopicWeights,
  b: TopicWeights,
  idfs: ReadonlyMap<number, number>,
  k: number,
): number {
  return shrink(idfDot(a, b, idfs), k);
}
