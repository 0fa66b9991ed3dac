/**
 * `deno task eval`: offline evaluation of the matching score's topic-overlap term, old vs new
 * (issue 9). Prints tables to stdout; `--out file.json` also writes every figure as JSON.
 *
 *   deno task eval [--users 20000] [--queries 2000] [--seed 1] [--scan 500] [--out eval.json]
 *                  [--diary-share 0.35] [--diary-recall 0.6] [--diary-fp 0.15] [--filler 0.3]
 *                  [--min-shared 2]
 *
 * TERMS (tests/eval/overlap.ts mirrors the SQL)
 * - old: least(1, (shared + shared weight-2 on both sides) / max(1, min(total_a, total_b))),
 *   total = topic count + weight-2 count.
 * - new: dot / (dot + k), dot = sum over shared topics of w_a * w_b * idf_t, idf_t =
 *   ln((1 + N) / (1 + df_t)) + 1 with N and df_t counted over chosen topics (user_topics);
 *   w = the chosen weight (1 or 2) or, for an opted-in user's unchosen diary topic, the diary
 *   topic weight. The hard filter stays on chosen topics only.
 * - "new, idf 1": the new dot with every idf 1 (evidence without rarity), to see what IDF adds.
 * - Baselines: "queue order" (the first eligible candidate) and "oracle" (the best by the truth).
 *
 * POPULATION (generated, deterministic for a seed; see also tests/eval/README.md)
 * - Topics: the real catalogue, read from supabase/seed.sql. Groups `experience` and `feelings`
 *   are life experiences (loss, illness, divorce, migration, burnout, anxiety ...); every other
 *   group (hobbies, work, books, games, sport, music) is an interest.
 * - Popularity is Zipf-like (weight 1 / rank) over a rank order made of three tiers, each
 *   shuffled by the seed: a head of common topics, a tail of rare ones, the rest in between.
 *   Both tiers mix kinds on purpose, so that rarity is NOT importance: work stress, anxiety,
 *   studies, loneliness, breakup and burnout are common experiences; tabletop RPGs, chess,
 *   poetry and singing are rare hobbies (lists in HEAD and TAIL below).
 * - Each user has latent topics: 0-4 experiences and 2-9 interests, drawn by popularity within
 *   their kind; each latent topic is "core" (salience 1; experiences 60 %, interests 45 %) or
 *   "side" (salience 0.5).
 * - Chosen topics, the noisy partial view the profile stores (2-10 topics, 1-3 of them weight 2,
 *   as the onboarding enforces): a core topic is picked with p 0.85, a side one with p 0.45,
 *   painful experiences (catalogue sensitivity 2) only 0.7 times as often (people hesitate to
 *   name them); 30 % of users (--filler) also tap 1-2 popular "filler" topics they do not really
 *   care about; below 2 the user adds unpicked latent topics (or filler), above 10 side and
 *   filler topics go first. Weight 2 goes to 1-3 chosen topics, drawn with preference core
 *   experience 4, core interest 2, side experience 1, side interest 0.6, filler 0.2.
 * - Diary: a share of users (--diary-share, 0.35) keep a diary and opted in to "use my diary to
 *   find people". Their diary reveals each latent topic they did not choose with p
 *   --diary-recall (0.6: they write about it and the theme lexicon finds it), plus false
 *   positives: each of 4 draws adds a popularity-weighted random topic with p --diary-fp (0.15).
 *   A second, noisier diary population (half the recall, false-positive p + 0.35) is generated
 *   too, to check that the recommended diary weight does no harm when the diary is worse.
 * - Queue: 92 % adults, 8 % teens (separate pools). Free hours: 25 % unknown, the rest one window
 *   of 2-8 UTC hours, mostly starting between 14 and 20 UTC. Helpfulness: half are unrated (0.5),
 *   the rest 0.75 + 0.2 * gaussian, clipped to 0..1.
 *
 * GROUND TRUTH quality of a pair = sum over topics latent for both of importance * salience_a *
 * salience_b, importance 3 for an experience and 1 for an interest (independent of rarity).
 * "Shares a life experience" = some experience is latent for both. Time and helpfulness are not
 * part of it: the evaluation is about the topic term.
 *
 * PROTOCOL, like public.candidates_for: for each query user, scan --scan random users of the
 * same age pool; the candidates are those passing the hard rules (at least --min-shared chosen
 * topics in common, free hours overlapping, as in the SQL); rank them by each formula; ties go
 * to queue order (random here, as waiting time is unrelated to fit). Two rankings:
 * - "term": the overlap term alone. dot / (dot + k) is monotone in dot, so k cannot change this
 *   ranking; only the diary weight can.
 * - "full": the whole score with the matching_config defaults, 0.6 * overlap + 0.2 * time
 *   overlap + 0.2 * helpfulness (the 0.05 embedding term is left out: no embeddings here). Here
 *   k matters: it sets how much the overlap term varies between candidates next to the others.
 * Each is measured on the whole eligible pool and on the first 10 eligible in queue order
 * (candidate_pool_size = 10, what the product scores today).
 * Metrics: q@1 mean ground-truth quality of the top-1 (with a 95 % interval), q@1/best the same
 * over the mean best quality in the pool, NDCG@5 against the ground truth (queries whose pool
 * shares nothing latent are skipped), exp@1 top-1 shares a latent life experience, min@1 top-1
 * shares exactly the minimum number of chosen topics, help@1 and time@1 what the top-1 brings
 * on the other two terms (what the full score trades away).
 *
 * RECOMMENDATION (see recommend()): k with the best NDCG@5 of the full score averaged over the
 * diary weights; the diary weight below 1 (issue 9: diary themes weigh less than chosen topics)
 * with the best paired NDCG@5 gain over diary off, among those whose gain with the noisy diary
 * is not measurably negative.
 */
import { idfDot, idfTable, oldOverlap, sharedCount, shrink, withDiary } from "./overlap.ts";

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  users: number;
  queries: number;
  seed: number;
  scan: number;
  minShared: number;
  diaryShare: number;
  diaryRecall: number;
  diaryFp: number;
  filler: number;
  out?: string;
}

const K_GRID = [0.5, 1, 2, 3, 5, 8, 13, 20, 30];
const DIARY_WEIGHTS = [0, 0.25, 0.5, 0.75, 1];
/** Issue 9: diary themes weigh less than chosen topics (1 or 2): 1 is shown, never picked. */
const MAX_DIARY_WEIGHT = 1;
const PRODUCT_POOL = 10;
/** matching_config defaults (20261122010000_create_matching_tables.sql). */
const SCORE_WEIGHTS = { tag: 0.6, time: 0.2, helpfulness: 0.2 };
const WINDOW_TOLERANCE_HOURS = 3;

/** Parses `--name value` and `--name=value`; unknown or malformed options throw. */
export function parseOptions(args: string[]): Options {
  const options: Options = {
    users: 20000,
    queries: 2000,
    seed: 1,
    scan: 500,
    minShared: 2,
    diaryShare: 0.35,
    diaryRecall: 0.6,
    diaryFp: 0.15,
    filler: 0.3,
  };
  const numeric: Record<string, keyof Omit<Options, "out">> = {
    users: "users",
    queries: "queries",
    seed: "seed",
    scan: "scan",
    "min-shared": "minShared",
    "diary-share": "diaryShare",
    "diary-recall": "diaryRecall",
    "diary-fp": "diaryFp",
    filler: "filler",
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unexpected argument ${arg}`);
    const name = match[1]!;
    const value = match[2] ?? args[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    if (name === "out") {
      options.out = value;
      continue;
    }
    const key = numeric[name];
    const parsed = Number(value);
    if (!key || !Number.isFinite(parsed)) throw new Error(`bad option --${name} ${value}`);
    options[key] = parsed;
  }
  const probabilities = [options.diaryShare, options.diaryRecall, options.diaryFp, options.filler];
  if (probabilities.some((p) => p < 0 || p > 1)) throw new Error("probabilities are 0..1");
  if (options.users < 2 || options.queries < 1 || options.scan < 1 || options.minShared < 1) {
    throw new Error("--users >= 2, --queries, --scan and --min-shared >= 1");
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** sfc32 seeded through splitmix32: small, fast and deterministic. */
export function makeRng(seed: number): () => number {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(), b = split(), c = split(), d = split();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

type Rng = () => number;

const randInt = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

function gaussian(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Index drawn with probability proportional to weights (all >= 0, some > 0). */
function pickWeighted(rng: Rng, weights: number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/** `count` distinct items drawn by weight, without replacement. */
function drawDistinct<T>(rng: Rng, items: T[], weight: (item: T) => number, count: number): T[] {
  const pool = [...items];
  const weights = pool.map(weight);
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) {
    const i = pickWeighted(rng, weights);
    chosen.push(pool[i]!);
    pool.splice(i, 1);
    weights.splice(i, 1);
  }
  return chosen;
}

// ---------------------------------------------------------------------------------------------
// Catalogue

type Kind = "experience" | "interest";

export interface Topic {
  id: number;
  slug: string;
  group: string;
  sensitivity: number;
  kind: Kind;
  popularity: number;
}

const EXPERIENCE_GROUPS = new Set(["experience", "feelings"]);
/** Common topics, experiences among them. */
const HEAD = [
  "work_stress",
  "music_listening",
  "anxiety",
  "cinema",
  "series",
  "travel",
  "studies",
  "self_doubt",
  "loneliness",
  "cooking",
  "work_it",
  "fitness",
  "breakup",
  "burnout",
];
/** Rare topics, hobbies among them. */
const TAIL = [
  "infertility",
  "addiction_in_family",
  "disability",
  "pet_loss",
  "retirement",
  "tabletop_rpg",
  "chess",
  "poetry",
  "singing",
  "martial_arts",
  "winter_sports",
  "work_law",
  "documentaries",
  "puzzles",
  "diy",
  "work_science",
];

/** (slug, group, sensitivity) rows of the `insert into public.topics` in seed.sql, in order. */
export function parseCatalogue(
  sql: string,
): { slug: string; group: string; sensitivity: number }[] {
  const start = sql.indexOf("insert into public.topics");
  if (start < 0) throw new Error("seed.sql has no insert into public.topics");
  const body = sql.slice(start, sql.indexOf("on conflict", start));
  const row = /\('([a-z0-9_]+)',\s*'[^']*',\s*'([a-z0-9_]+)',\s*'[^']*',\s*(\d+),\s*\d+\)/g;
  return [...body.matchAll(row)].map((m) => ({
    slug: m[1]!,
    group: m[2]!,
    sensitivity: Number(m[3]),
  }));
}

/** Ids in seed order (as the identity column hands them out); Zipf popularity by tier rank. */
function buildCatalogue(rows: ReturnType<typeof parseCatalogue>, rng: Rng): Topic[] {
  const slugs = rows.map((r) => r.slug);
  const head = shuffle(rng, slugs.filter((s) => HEAD.includes(s)));
  const tail = shuffle(rng, slugs.filter((s) => TAIL.includes(s)));
  const middle = shuffle(rng, slugs.filter((s) => !HEAD.includes(s) && !TAIL.includes(s)));
  const rank = new Map([...head, ...middle, ...tail].map((slug, i) => [slug, i]));
  return rows.map((r, i) => ({
    id: i + 1,
    slug: r.slug,
    group: r.group,
    sensitivity: r.sensitivity,
    kind: EXPERIENCE_GROUPS.has(r.group) ? "experience" : "interest",
    popularity: 1 / (rank.get(r.slug)! + 1),
  }));
}

// ---------------------------------------------------------------------------------------------
// Population

const CORE = 1;
const SIDE = 0.5;
const IMPORTANCE: Record<Kind, number> = { experience: 3, interest: 1 };

export interface User {
  pool: "adult" | "teen";
  /** topicId -> salience (1 core, 0.5 side). */
  latent: Map<number, number>;
  /** topicId -> 1 or 2, what user_topics holds. */
  chosen: Map<number, number>;
  /** Chosen topics that are not latent (tapped without caring). */
  filler: Set<number>;
  /** Keeps a diary and opted in to "use my diary to find people". */
  diaryOptIn: boolean;
  /** Topics the diary found that the user did not choose (empty without the opt-in). */
  diary: number[];
  /** 24-bit UTC free-hours mask, null when unknown. */
  hours: number | null;
  helpfulness: number;
}

interface Catalogue {
  topics: Topic[];
  byId: Map<number, Topic>;
  experiences: Topic[];
  interests: Topic[];
}

function makeUser(rng: Rng, catalogue: Catalogue, options: Options): User {
  const { topics, byId, experiences, interests } = catalogue;
  const latent = new Map<number, number>();
  const nExp = [0, 1, 1, 2, 2, 2, 3, 3, 4][randInt(rng, 0, 8)]!;
  const nInt = randInt(rng, 2, 9);
  for (const t of drawDistinct(rng, experiences, (t) => t.popularity, nExp)) {
    latent.set(t.id, rng() < 0.6 ? CORE : SIDE);
  }
  for (const t of drawDistinct(rng, interests, (t) => t.popularity, nInt)) {
    latent.set(t.id, rng() < 0.45 ? CORE : SIDE);
  }

  const picked = new Set<number>();
  for (const [id, salience] of latent) {
    const reluctance = byId.get(id)!.sensitivity >= 2 ? 0.7 : 1;
    if (rng() < (salience === CORE ? 0.85 : 0.45) * reluctance) picked.add(id);
  }
  const filler = new Set<number>();
  const addFiller = () => {
    const others = topics.filter((t) => !latent.has(t.id) && !picked.has(t.id));
    const [t] = drawDistinct(rng, others, (t) => t.popularity, 1);
    if (t) {
      picked.add(t.id);
      filler.add(t.id);
    }
  };
  if (rng() < options.filler) {
    addFiller();
    if (rng() < 0.3) addFiller();
  }
  const unpicked = [...latent].filter(([id]) => !picked.has(id)).sort((x, y) => y[1] - x[1]);
  while (picked.size < 2) {
    const next = unpicked.shift();
    if (next) picked.add(next[0]);
    else addFiller();
  }
  while (picked.size > 10) {
    const droppable = [...picked].filter((id) => filler.has(id) || latent.get(id) === SIDE);
    const pool = droppable.length > 0 ? droppable : [...picked];
    const id = pool[Math.floor(rng() * pool.length)]!;
    picked.delete(id);
    filler.delete(id);
  }

  const chosen = new Map<number, number>();
  for (const id of picked) chosen.set(id, 1);
  const preference = (id: number) => {
    if (filler.has(id)) return 0.2;
    const core = latent.get(id) === CORE;
    return byId.get(id)!.kind === "experience" ? (core ? 4 : 1) : (core ? 2 : 0.6);
  };
  const nTop = Math.min([1, 1, 1, 1, 2, 2, 2, 3, 3, 3][randInt(rng, 0, 9)]!, picked.size);
  for (const id of drawDistinct(rng, [...picked], preference, nTop)) chosen.set(id, 2);

  const diary: number[] = [];
  const diaryOptIn = rng() < options.diaryShare;
  if (diaryOptIn) {
    for (const id of latent.keys()) {
      if (!chosen.has(id) && rng() < options.diaryRecall) diary.push(id);
    }
    for (let i = 0; i < 4; i++) {
      if (rng() >= options.diaryFp) continue;
      const others = topics.filter((t) => !chosen.has(t.id) && !diary.includes(t.id));
      const [t] = drawDistinct(rng, others, (t) => t.popularity, 1);
      if (t) diary.push(t.id);
    }
  }

  let hours: number | null = null;
  if (rng() >= 0.25) {
    const start = rng() < 0.7 ? randInt(rng, 14, 20) : randInt(rng, 0, 23);
    const length = randInt(rng, 2, 8);
    hours = 0;
    for (let h = 0; h < length; h++) hours |= 1 << ((start + h) % 24);
  }
  const helpfulness = rng() < 0.5 ? 0.5 : Math.min(1, Math.max(0, 0.75 + 0.2 * gaussian(rng)));
  return {
    pool: rng() < 0.08 ? "teen" : "adult",
    latent,
    chosen,
    filler,
    diaryOptIn,
    diary,
    hours,
    helpfulness,
  };
}

/** Ground truth: sum over shared latent topics of importance * salience_a * salience_b. */
function quality(
  a: User,
  b: User,
  byId: Map<number, Topic>,
): { value: number; experience: boolean } {
  let value = 0;
  let experience = false;
  for (const [id, salience] of a.latent) {
    const other = b.latent.get(id);
    if (other === undefined) continue;
    const kind = byId.get(id)!.kind;
    value += IMPORTANCE[kind] * salience * other;
    if (kind === "experience") experience = true;
  }
  return { value, experience };
}

const popcount = (x: number) => {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
};

/** public.hours_near_mask: hours within ±tolerance of `hour`. */
function nearMask(hour: number, tolerance: number): number {
  let mask = 0;
  for (let d = -tolerance; d <= tolerance; d++) mask |= 1 << ((hour + d + 24) % 24);
  return mask;
}

/** The free-hours rule and term of candidates_for. */
function hoursPass(a: number | null, b: number | null, near: number): boolean {
  if (a === null && b === null) return true;
  if (a === null) return (b! & near) !== 0;
  if (b === null) return (a & near) !== 0;
  return (a & b) !== 0;
}

function timeTerm(a: number | null, b: number | null): number {
  if (a === null || b === null) return 0.5;
  return popcount(a & b) / Math.max(Math.min(popcount(a), popcount(b)), 1);
}

// ---------------------------------------------------------------------------------------------
// Evaluation

interface Candidate {
  quality: number;
  experience: boolean;
  shared: number;
  old: number;
  /** idfDot per DIARY_WEIGHTS entry. */
  dots: number[];
  /** The same dot product with every idf 1 (ablation: evidence without rarity), no diary. */
  flatDot: number;
  time: number;
  helpfulness: number;
}

interface Config {
  ranking: "term" | "full" | "baseline";
  formula: "old" | "new" | "new, idf 1" | "queue order" | "oracle";
  k: number | null;
  diaryWeight: number | null;
  score: (c: Candidate) => number;
}

function configs(): Config[] {
  const list: Config[] = [
    { ranking: "baseline", formula: "queue order", k: null, diaryWeight: null, score: () => 0 },
    { ranking: "baseline", formula: "oracle", k: null, diaryWeight: null, score: (c) => c.quality },
    { ranking: "term", formula: "old", k: null, diaryWeight: null, score: (c) => c.old },
  ];
  list.push({
    ranking: "term",
    formula: "new, idf 1",
    k: null,
    diaryWeight: 0,
    score: (c) => c.flatDot,
  });
  DIARY_WEIGHTS.forEach((diaryWeight, d) => {
    list.push({
      ranking: "term",
      formula: "new",
      k: null,
      diaryWeight,
      score: (c) => c.dots[d]!,
    });
  });
  const rest = (c: Candidate) =>
    SCORE_WEIGHTS.time * c.time + SCORE_WEIGHTS.helpfulness * c.helpfulness;
  list.push({
    ranking: "full",
    formula: "old",
    k: null,
    diaryWeight: null,
    score: (c) => SCORE_WEIGHTS.tag * c.old + rest(c),
  });
  for (const k of K_GRID) {
    DIARY_WEIGHTS.forEach((diaryWeight, d) => {
      list.push({
        ranking: "full",
        formula: "new",
        k,
        diaryWeight,
        score: (c) => SCORE_WEIGHTS.tag * shrink(c.dots[d]!, k) + rest(c),
      });
    });
  }
  return list;
}

/** Per-query figures of one config on one pool mode. */
class Tally {
  q1: number[] = [];
  best: number[] = [];
  ndcg: number[] = [];
  experience = 0;
  minimum = 0;
  helpfulness = 0;
  time = 0;
}

/** Indices of the top `n` by score, ties to the lower index (queue order). */
function topN(pool: Candidate[], score: (c: Candidate) => number, n: number): number[] {
  const top: number[] = [];
  const scores: number[] = [];
  for (let i = 0; i < pool.length; i++) {
    const s = score(pool[i]!);
    if (top.length === n && s <= scores[n - 1]!) continue;
    let at = Math.min(top.length, n - 1);
    if (top.length < n) {
      top.push(i);
      scores.push(s);
      at = top.length - 1;
    }
    while (at > 0 && scores[at - 1]! < s) {
      top[at] = top[at - 1]!;
      scores[at] = scores[at - 1]!;
      at--;
    }
    top[at] = i;
    scores[at] = s;
  }
  return top;
}

/** DCG of the first five gains (linear gain, log2 discount). */
function dcg5(gains: number[]): number {
  let sum = 0;
  for (let i = 0; i < Math.min(gains.length, 5); i++) sum += gains[i]! / Math.log2(i + 2);
  return sum;
}

/** One query's pool, with its best quality and ideal DCG worked out once for every config. */
interface Judged {
  pool: Candidate[];
  best: number;
  idcg: number;
}

function judge(pool: Candidate[]): Judged {
  const ideal = pool.map((c) => c.quality).sort((x, y) => y - x);
  return { pool, best: ideal[0]!, idcg: dcg5(ideal) };
}

function record(tally: Tally, judged: Judged, config: Config, minShared: number): void {
  const { pool } = judged;
  const top = topN(pool, config.score, 5);
  const first = pool[top[0]!]!;
  tally.q1.push(first.quality);
  tally.best.push(judged.best);
  if (judged.idcg > 0) tally.ndcg.push(dcg5(top.map((i) => pool[i]!.quality)) / judged.idcg);
  if (first.experience) tally.experience++;
  if (first.shared === minShared) tally.minimum++;
  tally.helpfulness += first.helpfulness;
  tally.time += first.time;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(xs.length, 1);

/** Half-width of a 95 % normal interval for the mean. */
function ci95(xs: number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  const variance = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
  return 1.96 * Math.sqrt(variance / xs.length);
}

export interface Row {
  pool: "all" | "first10";
  ranking: Config["ranking"];
  formula: Config["formula"];
  k: number | null;
  diaryWeight: number | null;
  queries: number;
  q1: number;
  q1Ci95: number;
  q1OverBest: number;
  ndcg5: number;
  experienceAt1: number;
  minimumAt1: number;
  helpfulnessAt1: number;
  timeAt1: number;
  /** Paired per-query q@1 difference to the old formula, same ranking and pool (new rows). */
  q1VsOld: number | null;
  q1VsOldCi95: number | null;
  /** Paired per-query NDCG@5 difference to the same formula and k with the diary off. */
  ndcg5VsDiaryOff: number | null;
  ndcg5VsDiaryOffCi95: number | null;
}

/** Tallies of one pool mode are paired: the same queries, and NDCG skips the same ones. */
function summarise(
  pool: Row["pool"],
  config: Config,
  tally: Tally,
  old: Tally | null,
  diaryOff: Tally | null,
): Row {
  const n = tally.q1.length;
  const diffs = old ? tally.q1.map((x, i) => x - old.q1[i]!) : null;
  const ndcgDiffs = diaryOff ? tally.ndcg.map((x, i) => x - diaryOff.ndcg[i]!) : null;
  return {
    pool,
    ranking: config.ranking,
    formula: config.formula,
    k: config.k,
    diaryWeight: config.diaryWeight,
    queries: n,
    q1: mean(tally.q1),
    q1Ci95: ci95(tally.q1),
    q1OverBest: mean(tally.q1) / Math.max(mean(tally.best), 1e-12),
    ndcg5: mean(tally.ndcg),
    experienceAt1: tally.experience / Math.max(n, 1),
    minimumAt1: tally.minimum / Math.max(n, 1),
    helpfulnessAt1: tally.helpfulness / Math.max(n, 1),
    timeAt1: tally.time / Math.max(n, 1),
    q1VsOld: diffs ? mean(diffs) : null,
    q1VsOldCi95: diffs ? ci95(diffs) : null,
    ndcg5VsDiaryOff: ndcgDiffs ? mean(ndcgDiffs) : null,
    ndcg5VsDiaryOffCi95: ndcgDiffs ? ci95(ndcgDiffs) : null,
  };
}

export interface EvalResult {
  options: Options;
  population: Record<string, number>;
  idf: { slug: string; kind: Kind; df: number; idf: number }[];
  rows: Row[];
  /** The first two / eight catalogue topics at weight 1 on both sides. */
  evidence: {
    twoOfTwoDot: number;
    eightOfEightDot: number;
    oldTwoOfTwo: number;
    oldEightOfEight: number;
  };
}

export function evaluate(options: Options, catalogueSql: string): EvalResult {
  const rng = makeRng(options.seed);
  const topics = buildCatalogue(parseCatalogue(catalogueSql), rng);
  if (topics.length < 10) throw new Error(`catalogue too small (${topics.length} topics)`);
  const byId = new Map(topics.map((t) => [t.id, t]));
  const catalogue: Catalogue = {
    topics,
    byId,
    experiences: topics.filter((t) => t.kind === "experience"),
    interests: topics.filter((t) => t.kind === "interest"),
  };
  const users = Array.from({ length: options.users }, () => makeUser(rng, catalogue, options));
  // The hard filter counts shared chosen topics as the SQL does, with bit sets (one bit per
  // topic id); sharedCount() gives the same number and is what the eligible pairs report.
  const words = Math.ceil((Math.max(...topics.map((t) => t.id)) + 1) / 32);
  const bits = users.map((u) => {
    const set = new Uint32Array(words);
    for (const id of u.chosen.keys()) set[id >>> 5]! |= 1 << (id & 31);
    return set;
  });
  const idfs = idfTable(users.map((u) => u.chosen), topics.map((t) => t.id));
  const flat = new Map(topics.map((t) => [t.id, 1]));
  const vectors = users.map((u) => DIARY_WEIGHTS.map((w) => withDiary(u.chosen, u.diary, w)));
  const pools = { adult: [] as number[], teen: [] as number[] };
  users.forEach((u, i) => pools[u.pool].push(i));

  const list = configs();
  const tallies = { all: list.map(() => new Tally()), first10: list.map(() => new Tally()) };
  let scanned = 0;
  let eligible = 0;
  let empty = 0;
  for (let q = 0; q < options.queries; q++) {
    const me = Math.floor(rng() * users.length);
    const user = users[me]!;
    const queue = pools[user.pool];
    const near = nearMask(randInt(rng, 0, 23), WINDOW_TOLERANCE_HOURS);
    // A random scan of the queue: a partial Fisher-Yates shuffle of the pool, skipping me.
    const order: number[] = [];
    const want = Math.min(options.scan, queue.length - 1);
    for (let i = 0; order.length < want; i++) {
      const j = i + Math.floor(rng() * (queue.length - i));
      [queue[i], queue[j]] = [queue[j]!, queue[i]!];
      if (queue[i] !== me) order.push(queue[i]!);
    }
    scanned += order.length;
    const mine = bits[me]!;
    const pool: Candidate[] = [];
    for (const other of order) {
      const them = users[other]!;
      const theirs = bits[other]!;
      let common = 0;
      for (let w = 0; w < words; w++) common += popcount(mine[w]! & theirs[w]!);
      if (common < options.minShared || !hoursPass(user.hours, them.hours, near)) continue;
      const shared = sharedCount(user.chosen, them.chosen);
      if (shared !== common) throw new Error("bit set and map disagree on shared topics");
      const truth = quality(user, them, byId);
      pool.push({
        quality: truth.value,
        experience: truth.experience,
        shared,
        old: oldOverlap(user.chosen, them.chosen),
        dots: DIARY_WEIGHTS.map((_, d) => idfDot(vectors[me]![d]!, vectors[other]![d]!, idfs)),
        flatDot: idfDot(user.chosen, them.chosen, flat),
        time: timeTerm(user.hours, them.hours),
        helpfulness: them.helpfulness,
      });
    }
    eligible += pool.length;
    if (pool.length === 0) {
      empty++;
      continue;
    }
    const all = judge(pool);
    const head = judge(pool.slice(0, PRODUCT_POOL));
    list.forEach((config, i) => {
      record(tallies.all[i]!, all, config, options.minShared);
      record(tallies.first10[i]!, head, config, options.minShared);
    });
  }

  const oldOf = (c: Config) =>
    c.formula === "new" || c.formula === "new, idf 1"
      ? list.findIndex((o) => o.ranking === c.ranking && o.formula === "old")
      : -1;
  const diaryOffOf = (c: Config) =>
    c.formula === "new" && c.diaryWeight! > 0
      ? list.findIndex((o) =>
        o.ranking === c.ranking && o.formula === "new" && o.k === c.k && o.diaryWeight === 0
      )
      : -1;
  const rows = (["all", "first10"] as const).flatMap((pool) =>
    list.map((c, i) => {
      const at = (j: number) => (j >= 0 ? tallies[pool][j]! : null);
      return summarise(pool, c, tallies[pool][i]!, at(oldOf(c)), at(diaryOffOf(c)));
    })
  );

  const df = new Map<number, number>();
  for (const u of users) for (const id of u.chosen.keys()) df.set(id, (df.get(id) ?? 0) + 1);
  const optedIn = users.filter((u) => u.diaryOptIn);
  const diaryTopics = optedIn.reduce((s, u) => s + u.diary.length, 0);
  const diaryTrue = optedIn.reduce(
    (s, u) => s + u.diary.filter((id) => u.latent.has(id)).length,
    0,
  );
  const chosenTotal = users.reduce((s, u) => s + u.chosen.size, 0);
  const latentTotal = users.reduce((s, u) => s + u.latent.size, 0);
  const latentChosen = users.reduce(
    (s, u) => s + [...u.latent.keys()].filter((id) => u.chosen.has(id)).length,
    0,
  );
  const sized = (n: number) => users.filter((u) => u.chosen.size === n).length / users.length;
  const catalogueIds = topics.map((t) => t.id);
  const one = (ids: number[], w: number) => new Map(ids.map((id) => [id, w]));
  const eight = catalogueIds.slice(0, 8);
  const two = catalogueIds.slice(0, 2);

  return {
    options,
    population: {
      topics: topics.length,
      experienceTopics: topics.filter((t) => t.kind === "experience").length,
      users: users.length,
      teens: pools.teen.length,
      meanLatent: latentTotal / users.length,
      meanChosen: chosenTotal / users.length,
      shareChosenTwo: sized(2),
      shareChosenTen: sized(10),
      shareLatentChosen: latentChosen / latentTotal,
      shareChosenFiller: users.reduce((s, u) => s + u.filler.size, 0) / chosenTotal,
      shareDiaryOptIn: optedIn.length / users.length,
      meanDiaryTopics: diaryTopics / Math.max(optedIn.length, 1),
      diaryPrecision: diaryTrue / Math.max(diaryTopics, 1),
      queries: options.queries,
      queriesWithEmptyPool: empty,
      meanScanned: scanned / options.queries,
      meanEligible: eligible / options.queries,
    },
    idf: topics
      .map((t) => ({ slug: t.slug, kind: t.kind, df: df.get(t.id) ?? 0, idf: idfs.get(t.id)! }))
      .sort((x, y) => y.df - x.df),
    rows,
    evidence: {
      twoOfTwoDot: idfDot(one(two, 1), one(two, 1), idfs),
      eightOfEightDot: idfDot(one(eight, 1), one(eight, 1), idfs),
      oldTwoOfTwo: oldOverlap(one(two, 1), one(two, 1)),
      oldEightOfEight: oldOverlap(one(eight, 1), one(eight, 1)),
    },
  };
}

export interface Recommendation {
  k: number;
  diaryWeight: number;
  rule: string;
  /** NDCG@5 gain (paired 95 % half-width) of each diary weight over diary off, full score, k. */
  diaryGains: {
    diaryWeight: number;
    assumed: number;
    assumedCi95: number;
    noisy: number;
    noisyCi95: number;
  }[];
  /** Full score, whole pool, the recommended setting vs the old formula. */
  q1VsOld: number;
  q1VsOldCi95: number;
  ndcg5VsOld: number;
}

const fullRows = (result: EvalResult) =>
  result.rows.filter((r) => r.pool === "all" && r.ranking === "full");

/**
 * k: the best NDCG@5 of the full score over the whole pool, averaged over the diary weights (k
 * should not depend on who opted in). Diary weight: below the chosen weight (issue 9), the one
 * with the best NDCG@5 gain over diary off with the assumed diary, among those that do no
 * measurable harm with the noisy diary (the upper end of the gain's paired 95 % interval >= 0);
 * 0 when none qualifies.
 */
export function recommend(assumed: EvalResult, noisy: EvalResult): Recommendation {
  const full = fullRows(assumed);
  const byK = K_GRID.map((k) => ({
    k,
    ndcg: mean(full.filter((r) => r.formula === "new" && r.k === k).map((r) => r.ndcg5)),
  }));
  const k = byK.reduce((best, x) => (x.ndcg > best.ndcg ? x : best)).k;
  const at = (result: EvalResult, w: number) =>
    fullRows(result).find((r) => r.formula === "new" && r.k === k && r.diaryWeight === w)!;
  const diaryGains = DIARY_WEIGHTS.map((w) => ({
    diaryWeight: w,
    assumed: at(assumed, w).ndcg5VsDiaryOff ?? 0,
    assumedCi95: at(assumed, w).ndcg5VsDiaryOffCi95 ?? 0,
    noisy: at(noisy, w).ndcg5VsDiaryOff ?? 0,
    noisyCi95: at(noisy, w).ndcg5VsDiaryOffCi95 ?? 0,
  }));
  const diaryWeight = diaryGains
    .filter((g) => g.diaryWeight < MAX_DIARY_WEIGHT && g.noisy + g.noisyCi95 >= 0)
    .reduce((best, g) => (g.assumed > best.assumed ? g : best)).diaryWeight;
  const chosen = at(assumed, diaryWeight);
  const old = full.find((r) => r.formula === "old")!;
  return {
    k,
    diaryWeight,
    rule: "k: best mean NDCG@5 of the full score over the diary weights; diary weight: below " +
      `${MAX_DIARY_WEIGHT} (the chosen weight), the best NDCG@5 gain over diary off with the ` +
      "assumed diary among those doing no measurable harm with the noisy one",
    diaryGains,
    q1VsOld: chosen.q1VsOld!,
    q1VsOldCi95: chosen.q1VsOldCi95!,
    ndcg5VsOld: chosen.ndcg5 - old.ndcg5,
  };
}

/** The pessimistic diary: half the recall, false positives 0.35 more likely. */
export function noisyDiary(options: Options): Options {
  return {
    ...options,
    diaryRecall: options.diaryRecall / 2,
    diaryFp: Math.min(1, options.diaryFp + 0.35),
    out: undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Output

const fixed = (x: number, digits = 3) => x.toFixed(digits);
const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Aligned Markdown table; the first `textColumns` columns left-aligned, numbers right. */
function table(header: string[], rows: string[][], textColumns = 4): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${
      cells.map((c, i) => (i < textColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(
        " | ",
      )
    } |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** One cell per (k, diary weight) of the full-score rows; the old formula as its own line. */
function pivot(rows: Row[], cell: (r: Row) => string): string {
  const old = rows.find((r) => r.formula === "old");
  const body = K_GRID.map((k) => [
    `new, k ${k}`,
    ...DIARY_WEIGHTS.map((w) => {
      const row = rows.find((r) => r.formula === "new" && r.k === k && r.diaryWeight === w);
      return row ? cell(row) : "";
    }),
  ]);
  const oldLine = ["old", ...DIARY_WEIGHTS.map((w) => (w === 0 && old ? cell(old) : "-"))];
  return table(
    ["formula", ...DIARY_WEIGHTS.map((w) => `diary ${w}`)],
    [oldLine, ...body],
    1,
  );
}

function rowTable(rows: Row[]): string {
  return table(
    [
      "ranking",
      "formula",
      "k",
      "diary w",
      "q@1",
      "q@1/best",
      "NDCG@5",
      "exp@1",
      "min@1",
      "help@1",
      "time@1",
    ],
    rows.map((r) => [
      r.ranking,
      r.formula,
      r.k === null ? "-" : String(r.k),
      r.diaryWeight === null ? "-" : String(r.diaryWeight),
      `${fixed(r.q1, 2)} ±${fixed(r.q1Ci95, 2)}`,
      percent(r.q1OverBest),
      fixed(r.ndcg5),
      percent(r.experienceAt1),
      percent(r.minimumAt1),
      fixed(r.helpfulnessAt1, 2),
      fixed(r.timeAt1, 2),
    ]),
  );
}

const signed = (x: number, digits = 3) => `${x >= 0 ? "+" : ""}${x.toFixed(digits)}`;

export function report(result: EvalResult, noisy: EvalResult, rec: Recommendation): string {
  const p = result.population;
  const q = noisy.population;
  const pick = (pool: Row["pool"], ranking: Row["ranking"]) =>
    result.rows.filter((r) => r.pool === pool && r.ranking === ranking);
  const lines = [
    `# Topic-overlap term: old vs new (seed ${result.options.seed})`,
    "",
    `Population: ${p.users} users (${p.teens} teens), ${p.topics} catalogue topics ` +
    `(${p.experienceTopics} life experiences). Latent topics per user ${
      fixed(p.meanLatent!, 1)
    }, ` +
    `chosen ${fixed(p.meanChosen!, 1)} (${percent(p.shareChosenTwo!)} chose 2, ` +
    `${percent(p.shareChosenTen!)} chose 10); ${percent(p.shareLatentChosen!)} of latent topics ` +
    `were chosen, ${percent(p.shareChosenFiller!)} of chosen topics are filler.`,
    `Diary: ${percent(p.shareDiaryOptIn!)} of users opted in; their diary adds ` +
    `${fixed(p.meanDiaryTopics!, 2)} unchosen topics each, ${
      percent(p.diaryPrecision!)
    } of them latent.`,
    `Queries: ${p.queries}, scanned ${fixed(p.meanScanned!, 0)} queue rows each, ` +
    `${fixed(p.meanEligible!, 1)} passed the hard rules on average; ` +
    `${p.queriesWithEmptyPool} had nobody and are left out.`,
    "",
    "Most and least chosen topics (df = users, idf = ln((1+N)/(1+df))+1):",
    ...[...result.idf.slice(0, 5), ...result.idf.slice(-5)].map((t) =>
      `  ${t.slug.padEnd(20)} ${t.kind.padEnd(10)} df ${String(t.df).padStart(6)}  idf ${
        fixed(t.idf, 2)
      }`
    ),
    "",
    "## Baselines (whole eligible pool)",
    "",
    rowTable(pick("all", "baseline")),
    "",
    "## Overlap term alone (k cannot change this ranking; 'idf 1' = no rarity weighting)",
    "",
    rowTable(pick("all", "term")),
    "",
    "## Full score: 0.6 * overlap + 0.2 * time + 0.2 * helpfulness (whole eligible pool)",
    "",
    "NDCG@5 by k (rows) and diary topic weight (columns):",
    "",
    pivot(pick("all", "full"), (r) => fixed(r.ndcg5)),
    "",
    "q@1 by k and diary topic weight:",
    "",
    pivot(pick("all", "full"), (r) => fixed(r.q1, 2)),
    "",
    `Every k at diary weight ${rec.diaryWeight}, and every diary weight at k = ${rec.k}:`,
    "",
    rowTable(
      pick("all", "full").filter((r) =>
        r.formula === "old" || r.diaryWeight === rec.diaryWeight || r.k === rec.k
      ),
    ),
    "",
    `## Product pool: the first ${PRODUCT_POOL} eligible in queue order (candidate_pool_size)`,
    "",
    rowTable([
      ...pick("first10", "baseline"),
      ...pick("first10", "term"),
      ...pick("first10", "full").filter((r) => r.formula === "old" || r.k === rec.k),
    ]),
    "",
    `## Diary weight under a noisier diary (recall ${noisy.options.diaryRecall}, ` +
    `false-positive draws ${noisy.options.diaryFp}: ${
      percent(q.diaryPrecision!)
    } of diary topics ` +
    `latent, ${fixed(q.meanDiaryTopics!, 2)} each)`,
    "",
    `NDCG@5 gain over diary off (paired 95 %), full score at k = ${rec.k}:`,
    "",
    table(
      ["diary weight", "assumed diary", "noisy diary"],
      rec.diaryGains.map((g) => [
        String(g.diaryWeight),
        `${signed(g.assumed)} ±${fixed(g.assumedCi95)}`,
        `${signed(g.noisy)} ±${fixed(g.noisyCi95)}`,
      ]),
      1,
    ),
    "",
    "## Recommendation",
    "",
    `k = ${rec.k}, diary_topic_weight = ${rec.diaryWeight}`,
    `(${rec.rule}).`,
    `Full score, whole pool, new vs old: q@1 ${signed(rec.q1VsOld, 2)} ±${
      fixed(rec.q1VsOldCi95, 2)
    } ` +
    `(paired 95 %), NDCG@5 ${signed(rec.ndcg5VsOld)}.`,
    `Evidence check at k = ${rec.k} (same two / eight topics, weight 1): new 2 of 2 = ` +
    `${fixed(shrink(result.evidence.twoOfTwoDot, rec.k))}, 8 of 8 = ` +
    `${fixed(shrink(result.evidence.eightOfEightDot, rec.k))}; old ` +
    `${fixed(result.evidence.oldTwoOfTwo)} and ${fixed(result.evidence.oldEightOfEight)}.`,
  ];
  return lines.join("\n");
}

async function main(): Promise<void> {
  const options = parseOptions(Deno.args);
  const started = performance.now();
  const sql = await Deno.readTextFile(new URL("../../supabase/seed.sql", import.meta.url));
  const assumed = evaluate(options, sql);
  const noisy = evaluate(noisyDiary(options), sql);
  const recommendation = recommend(assumed, noisy);
  console.log(report(assumed, noisy, recommendation));
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  if (options.out) {
    const json = { assumed, noisyDiary: noisy, recommendation };
    await Deno.writeTextFile(options.out, JSON.stringify(json, null, 2) + "\n");
    console.log(`wrote ${options.out}`);
  }
}

if (import.meta.main) await main();
