import { normalizeText } from "../safety/normalize.ts";
import {
  CYRILLIC,
  LATIN,
  LATIN_LOOKALIKES,
  PARTICLE_SUFFIX,
  stemOf,
  STRETCH,
} from "./russian_words.ts";
import {
  ACTIVITY_TOPICS,
  FIRST_PERSON,
  NEGATION_TRANSPARENT,
  NEGATORS,
  OTHER_PEOPLE,
  THEME_BLOCKERS,
  THEME_COVERS,
  THEME_LEXICON,
  type ThemeRow,
} from "./theme_lexicon.ts";

/**
 * Which topics of the catalogue (supabase/seed.sql) a Russian diary entry is about: offline, no
 * model, deterministic, a 4000-character entry in a few milliseconds once warm.
 *
 * 1. The text is normalised (`normalizeText`), lowercased with ё → е and split into words,
 *    sentences and clauses. A word mixing Cyrillic and Latin letters has its Latin look-alikes
 *    read as Cyrillic; a hyphenated word is also read as its parts ("ux-дизайнера").
 * 2. Phrases and combinations from the lexicon (theme_lexicon.ts) are found first: a phrase's
 *    words in order with at most 2 words between them, a combination's two parts anywhere in one
 *    sentence at most 10 words apart («кот ... умер»). Words they matched are not read again as
 *    single words; blocker phrases («бегала по магазинам») only take their words out. Then single
 *    words, by exact form or by Snowball stem (@orama/stemmers) when the stem has 4 letters or
 *    more.
 * 3. A cue right after a negation («не», «ни», «никакого»; «это», «был»... may stand between) is
 *    not counted: «это не развод». Phrases that carry their own negation («не могу уснуть») are
 *    read as written.
 * 4. Each topic sums the weights of its cues; the same cue again counts half as much each time.
 *    Weak cues (under 0.4: «начальник», «отчёт», «работа») only support: together they add at
 *    most 0.5, so they never make a topic on their own. The score is 1 − e^(−evidence): one
 *    decisive cue (weight 1) gives 0.63, one of 0.6 gives 0.45, a weak one alone 0.3. Topics
 *    scoring 0.4 or more are kept, strongest first, at most 5, rounded to 3 decimals. A topic
 *    that covers another (pet loss covers pets) keeps 30 % of that one's evidence.
 *
 * Limits (see LEXICON.md): it reads words, not meaning. It cannot tell whose experience it is
 * («мама болеет» is the writer's relative; «подруга развелась» is read as divorce), misses
 * topics told without their words («он собрал вещи и ушёл»), and hypotheticals count
 * («боюсь, что уволят» hints at job loss only through the work-stress words).
 */
export const THEMES_DETECTOR_NAME = "themes-ru";
export const THEMES_DETECTOR_VERSION = "1.1.0";

export interface Theme {
  /** A topic slug from the catalogue. */
  slug: string;
  /** How strongly the entry is about it, 0..1. */
  weight: number;
}

/** One cue found, for explaining a result. */
export interface ThemeHit {
  slug: string;
  /** The lexicon form, phrase or combination that matched. */
  match: string;
  /** The words of the text it matched. */
  text: string;
  weight: number;
  /** Found after a negation, so not counted. */
  negated: boolean;
}

/** The topics `text` is about, strongest first (at most 5). Never throws. */
export function detectThemes(text: string): Array<{ slug: string; weight: number }> {
  const hits = scan(text).filter((hit) => !hit.negated);
  const byRow = new Map<number, { rule: Rule; weights: number[] }>();
  for (const hit of hits) {
    const row = byRow.get(hit.rule.row);
    if (row) row.weights.push(hit.weight);
    else byRow.set(hit.rule.row, { rule: hit.rule, weights: [hit.weight] });
  }
  const evidence = new Map<string, number>();
  const weak = new Map<string, number>();
  for (const { rule, weights } of byRow.values()) {
    weights.sort((a, b) => b - a);
    // Someone else's pastime only supports (it is theirs, not the writer's).
    const theirs = ACTIVITY_TOPICS.has(rule.slug) &&
      !hits.some((hit) => hit.rule.row === rule.row && !hit.someoneElse);
    if (theirs) { for (let k = 0; k < weights.length; k++) weights[k]! *= SOMEONE_ELSES; }
    let sum = 0;
    for (let k = 0; k < weights.length; k++) sum += weights[k]! * REPEAT ** k;
    const into = rule.weight < WEAK || theirs ? weak : evidence;
    into.set(rule.slug, (into.get(rule.slug) ?? 0) + sum);
  }
  // Weak cues only support: together they stay just under the threshold.
  for (const [slug, sum] of weak) {
    evidence.set(slug, (evidence.get(slug) ?? 0) + Math.min(sum, WEAK_CAP));
  }
  const score = (slug: string) => 1 - Math.exp(-GAIN * (evidence.get(slug) ?? 0));
  for (const [cover, covered] of Object.entries(THEME_COVERS)) {
    if (score(cover) < THRESHOLD) continue;
    for (const slug of covered) {
      const e = evidence.get(slug);
      if (e !== undefined) evidence.set(slug, e * COVERED);
    }
  }
  const order = lexicon().order;
  return [...evidence.keys()]
    .map((slug) => ({ slug, weight: round(score(slug)) }))
    .filter((t) => t.weight >= THRESHOLD)
    .sort((a, b) => b.weight - a.weight || order.get(a.slug)! - order.get(b.slug)!)
    .slice(0, MAX_THEMES);
}

/** What the detector found in `text`, in text order (for support and for tuning the lists). */
export function explainThemes(text: string): ThemeHit[] {
  return scan(text).map((hit) => ({
    slug: hit.rule.slug,
    match: hit.match,
    text: hit.text,
    weight: hit.weight,
    negated: hit.negated,
  }));
}

/**
 * Problems in the theme lists: weights out of range, forms not written the way text is folded,
 * malformed phrases, a form or stem claimed by two rows. Empty when the lists are sound.
 */
export function checkThemeLexicon(): string[] {
  return lexicon().problems;
}

// ---------------------------------------------------------------------------------------------
// Tuning constants (see LEXICON.md, "Theme lists", for how they were chosen).

/** Only this much of an entry is read: bounds the time a hostile text can take. */
const MAX_CHARS = 20_000;
/** Shorter stems are too ambiguous ("кот"/"код", "рис" for "рисую"): exact forms only. */
const MIN_STEM_LENGTH = 4;
/** Words allowed between two words of a phrase. */
const PHRASE_GAP = 2;
/** The furthest apart (in words) the two parts of a combination may be. */
const COMBO_WINDOW = 10;
/** Words a negation may stand before a cue (only "это", "был" and the like count). */
const NEGATION_REACH = 3;
const GAIN = 1;
/** Cues weaker than this ("начальник", "отчёт", "тренер") only support a topic... */
const WEAK = 0.4;
/** ...with at most this much evidence together: 1 − e^(−0.5) = 0.39, under the threshold. */
const WEAK_CAP = 0.5;
const THRESHOLD = 0.4;
const MAX_THEMES = 5;
/** The second hit of the same cue counts this much, the third this squared... */
const REPEAT = 0.5;
/** What is left of a covered topic's evidence ("pets" once "pet_loss" is found). */
const COVERED = 0.3;
/** What is left of an activity cue when someone else does it ("подруга занимается йогой"). */
const SOMEONE_ELSES = 0.3;

// ---------------------------------------------------------------------------------------------
// The compiled lexicon.

interface Slot {
  /** Forms that match as written. */
  forms: Set<string>;
  /** Stems that match (any length: the phrase around them is context enough). */
  stems: Set<string>;
  prefixes: string[];
}

interface Pattern {
  slots: Slot[];
  /** The pattern has a negation of its own: it may reach over another one. */
  negative: boolean;
  rule: Rule;
  /** Which part of a combination (0 or 1); 0 for phrases and blockers. */
  part: number;
}

interface Rule {
  /** The row it comes from: repeats of one row count less, whichever form matched. */
  row: number;
  slug: string;
  weight: number;
  kind: "word" | "phrase" | "combo" | "blocker";
  match: string;
}

interface Lexicon {
  exact: Map<string, Rule>;
  stems: Map<string, Rule>;
  /** Patterns by the forms ("=form") and stems ("~stem") of their first word. */
  firsts: Map<string, Pattern[]>;
  /** Patterns whose first word is a prefix ("прос*"): tried at every word. */
  prefixFirst: Pattern[];
  /** Topic slugs in lexicon order, for stable ties. */
  order: Map<string, number>;
  problems: string[];
}

let compiled: Lexicon | undefined;

function lexicon(): Lexicon {
  compiled ??= compile();
  return compiled;
}

const FOLDED_FORM = /^=?[a-zа-я0-9]+(?:-[a-zа-я0-9]+)*$/;
const FOLDED_SLOT_WORD = /^=?[a-zа-я0-9]+(?:-[a-zа-я0-9]+)*\*?$/;
const SLUG = /^[a-z][a-z0-9_]*$/;

function compile(): Lexicon {
  const problems: string[] = [];
  const exact = new Map<string, Rule>();
  const stems = new Map<string, Rule>();
  const firsts = new Map<string, Pattern[]>();
  const prefixFirst: Pattern[] = [];
  const order = new Map<string, number>();
  /** Where each form and stem was claimed, for conflict reports. */
  const formOwner = new Map<string, string>();
  const stemOwner = new Map<string, string>();
  let rows = 0;

  const checkWeight = (slug: string, [cues, weight]: ThemeRow) => {
    if (!(weight > 0 && weight <= 1)) problems.push(`${slug}: "${cues}" weight ${weight}`);
  };
  const parseSlots = (text: string, where: string): Slot[] =>
    text.split(/\s+/).filter(Boolean).map((word) => {
      const slot: Slot = { forms: new Set(), stems: new Set(), prefixes: [] };
      const alts = word.split("/");
      // "сплю/не спала" would split at the space into "сплю/не" and "спала": write two phrases.
      if (alts.length > 1 && alts.some((alt) => NEGATORS.has(alt.replace(/^=/, "")))) {
        problems.push(`${where}: a negation among alternatives ("${word}")`);
      }
      for (const alt of alts) {
        if (!FOLDED_SLOT_WORD.test(alt)) {
          problems.push(`${where}: "${alt}" is not lowercase/folded`);
        }
        if (alt.endsWith("*")) {
          slot.prefixes.push(alt.slice(0, -1));
        } else if (alt.startsWith("=")) {
          slot.forms.add(alt.slice(1));
        } else {
          slot.forms.add(alt);
          slot.stems.add(stemOf(alt));
        }
      }
      return slot;
    });
  const addPattern = (slots: Slot[], rule: Rule, part: number) => {
    const negative = slots.some((slot) => [...slot.forms].some((f) => NEGATORS.has(f)));
    const pattern: Pattern = { slots, negative, rule, part };
    const first = slots[0]!;
    if (first.prefixes.length > 0) prefixFirst.push(pattern);
    const keys = new Set([
      ...[...first.forms].map((f) => `=${f}`),
      ...[...first.stems].map((s) => `~${s}`),
    ]);
    for (const key of keys) {
      const list = firsts.get(key);
      if (list) list.push(pattern);
      else firsts.set(key, [pattern]);
    }
  };

  for (const [slug, entry] of Object.entries(THEME_LEXICON)) {
    order.set(slug, order.size);
    if (!SLUG.test(slug)) problems.push(`${slug}: not a slug`);
    if ((entry.words?.length ?? 0) + (entry.phrases?.length ?? 0) === 0) {
      problems.push(`${slug}: no rows`);
    }
    for (const row of entry.words ?? []) {
      checkWeight(slug, row);
      const [forms, weight] = row;
      const rule: Rule = { row: rows++, slug, weight, kind: "word", match: forms };
      const label = `${slug} "${forms}"`;
      for (const written of forms.split(/\s+/).filter(Boolean)) {
        if (!FOLDED_FORM.test(written)) problems.push(`${label}: "${written}" is not folded`);
        const exactOnly = written.startsWith("=");
        const form = exactOnly ? written.slice(1) : written;
        const owner = formOwner.get(form);
        if (owner !== undefined) {
          problems.push(`${label}: "${form}" is also in ${owner}`);
          continue;
        }
        formOwner.set(form, label);
        exact.set(form, { ...rule, match: form });
        if (exactOnly) continue;
        const stem = stemOf(form);
        if (stem.length < MIN_STEM_LENGTH) continue;
        const stemmed = stemOwner.get(stem);
        if (stemmed === undefined) {
          stemOwner.set(stem, label);
          stems.set(stem, { ...rule, match: form });
        } else if (stemmed !== label) {
          problems.push(`${label}: stem "${stem}" of "${form}" is also a stem in ${stemmed}`);
        }
      }
    }
    const seen = new Set<string>();
    for (const row of entry.phrases ?? []) {
      checkWeight(slug, row);
      const [cues, weight] = row;
      const id = rows++;
      for (const cue of cues.split("|").map((c) => c.trim())) {
        if (seen.has(cue)) problems.push(`${slug}: phrase "${cue}" listed twice`);
        seen.add(cue);
        const parts = cue.split("&").map((p) => p.trim());
        const where = `${slug} "${cue.length > 60 ? cue.slice(0, 60) + "…" : cue}"`;
        if (parts.length > 2 || parts.some((p) => p === "")) {
          problems.push(`${where}: a combination has exactly two parts`);
          continue;
        }
        const short = cue.length > 60 ? `${cue.slice(0, 60)}…` : cue;
        if (parts.length === 2) {
          const rule: Rule = { row: id, slug, weight, kind: "combo", match: short };
          parts.forEach((p, k) => addPattern(parseSlots(p, where), rule, k));
          continue;
        }
        const slots = parseSlots(cue, where);
        if (slots.length < 2) problems.push(`${where}: a phrase has two words or more`);
        addPattern(slots, { row: id, slug, weight, kind: "phrase", match: short }, 0);
      }
    }
  }
  for (const cue of THEME_BLOCKERS.flatMap((b) => b.split("|"))) {
    const slots = parseSlots(cue, `blocker "${cue}"`);
    if (slots.length < 2) problems.push(`blocker "${cue}": a phrase has two words or more`);
    addPattern(slots, { row: rows++, slug: "", weight: 0, kind: "blocker", match: cue }, 0);
  }
  for (const [cover, covered] of Object.entries(THEME_COVERS)) {
    for (const slug of [cover, ...covered]) {
      if (!order.has(slug)) problems.push(`covers: unknown topic ${slug}`);
    }
  }
  return { exact, stems, firsts, prefixFirst, order, problems };
}

// ---------------------------------------------------------------------------------------------
// Tokens.

interface Token {
  /** Candidate forms, best first: folded, then shrunk, then parts of a hyphenated word. */
  forms: string[];
  /** The Snowball stem of each form. */
  stems: string[];
  raw: string;
  sentence: number;
  /** Split at every comma, dash, colon and sentence end: a negation stays in its clause. */
  clause: number;
}

const TOKEN = new RegExp(
  [
    String.raw`(?<word>[\p{L}\p{M}\p{N}]+(?:[-‐'’][\p{L}\p{M}\p{N}]+)*)`,
    String.raw`(?<stop>[.!?…;\n]+)`,
    String.raw`(?<comma>[,:()—–]|\s-\s)`,
  ].join("|"),
  "gu",
);

/** Forms and stems of words already seen (the same words come back in every entry). */
const wordCache = new Map<string, { forms: string[]; stems: string[] }>();

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let clause = 0;
  // "D&D" has no letters between its parts: read it as one word.
  const prepared = text.replace(/\bd\s?&\s?d\b/gi, "dnd");
  for (const m of prepared.matchAll(TOKEN)) {
    const g = m.groups!;
    if (g.word !== undefined) {
      let read = wordCache.get(g.word);
      if (read === undefined) {
        if (wordCache.size > 50_000) wordCache.clear();
        const forms = wordForms(g.word);
        read = { forms, stems: forms.map(stemOf) };
        wordCache.set(g.word, read);
      }
      tokens.push({ ...read, raw: g.word, sentence, clause });
    } else if (g.stop !== undefined) {
      sentence++;
      clause++;
    } else {
      clause++;
    }
  }
  return tokens;
}

function wordForms(raw: string): string[] {
  const lower = raw.toLowerCase().replaceAll("ё", "е").replace(
    /[‐'’]/g,
    (c) => c === "‐" ? "-" : "",
  );
  const parts = lower.split("-").map((part) =>
    CYRILLIC.test(part) && LATIN.test(part)
      ? part.replace(/[a-z]/g, (c) => LATIN_LOOKALIKES[c] ?? c)
      : part
  );
  const folded = parts.join("-");
  const forms = [folded];
  STRETCH.lastIndex = 0;
  if (STRETCH.test(folded)) {
    forms.push(folded.replace(STRETCH, "$1"), folded.replace(STRETCH, "$1$1"));
  }
  if (parts.length > 1) {
    const stripped = folded.replace(PARTICLE_SUFFIX, "");
    if (stripped !== folded) forms.push(stripped);
    for (const part of stripped.split("-")) if (part) forms.push(part);
  }
  return [...new Set(forms)];
}

// ---------------------------------------------------------------------------------------------
// Matching.

interface Hit {
  rule: Rule;
  match: string;
  text: string;
  weight: number;
  negated: boolean;
  first: number;
  /** Someone else is the one doing it in its sentence ("муж играет на гитаре"). */
  someoneElse?: boolean;
}

interface Occurrence {
  pattern: Pattern;
  at: number[];
  negated: boolean;
}

function scan(input: unknown): Hit[] {
  const normalized = normalizeText(typeof input === "string" ? input : "").text;
  const text = normalized.length > MAX_CHARS ? normalized.slice(0, MAX_CHARS) : normalized;
  const lex = lexicon();
  const tokens = tokenize(text);
  const n = tokens.length;

  const slotMatches = (t: Token, slot: Slot) =>
    t.forms.some((f, k) =>
      slot.forms.has(f) || slot.stems.has(t.stems[k]!) ||
      (slot.prefixes.length > 0 && slot.prefixes.some((p) => f.startsWith(p)))
    );
  /** Where `pattern` matches starting at token i: the positions of its words, or null. */
  const matchAt = (pattern: Pattern, i: number): number[] | null => {
    if (!slotMatches(tokens[i]!, pattern.slots[0]!)) return null;
    const at = [i];
    for (let s = 1; s < pattern.slots.length; s++) {
      let found = -1;
      for (let m = at[s - 1]! + 1; m < n && m - at[s - 1]! - 1 <= PHRASE_GAP; m++) {
        const t = tokens[m]!;
        if (t.sentence !== tokens[i]!.sentence) break;
        if (slotMatches(t, pattern.slots[s]!)) {
          found = m;
          break;
        }
        // Only a pattern with a negation of its own reaches over one.
        if (!pattern.negative && NEGATORS.has(t.forms[0]!)) break;
      }
      if (found < 0) return null;
      at.push(found);
    }
    return at;
  };

  // Every place a phrase, a part of a combination or a blocker matches.
  const occurrences: Occurrence[] = [];
  /** The last token each pattern was tried at, so a pattern found twice is tried once. */
  const tried = new Map<Pattern, number>();
  const tryAt = (pattern: Pattern, i: number) => {
    if (tried.get(pattern) === i) return;
    tried.set(pattern, i);
    const at = matchAt(pattern, i);
    if (at) occurrences.push({ pattern, at, negated: negatedBefore(tokens, i) });
  };
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    for (const f of t.forms) for (const p of lex.firsts.get(`=${f}`) ?? []) tryAt(p, i);
    for (const s of t.stems) for (const p of lex.firsts.get(`~${s}`) ?? []) tryAt(p, i);
    for (const p of lex.prefixFirst) tryAt(p, i);
  }

  const hits: Hit[] = [];
  /** Tokens taken by a phrase, a combination or a blocker: not read as single words. */
  const taken = new Uint8Array(n);
  /** Tokens used by each topic's phrases and combinations, so they do not count twice. */
  const usedBy = new Map<string, Set<number>>();
  const use = (slug: string, at: number[]) => {
    let used = usedBy.get(slug);
    if (!used) usedBy.set(slug, used = new Set());
    for (const k of at) {
      used.add(k);
      taken[k] = 1;
    }
  };
  const overlaps = (slug: string, at: number[]) => {
    const used = usedBy.get(slug);
    return used !== undefined && at.some((k) => used.has(k));
  };
  const words = (at: number[]) => at.map((k) => tokens[k]!.raw).join(" ");

  for (const o of occurrences) {
    if (o.pattern.rule.kind === "blocker") { for (const k of o.at) taken[k] = 1; }
  }

  /** Phrase and combination matches so far, to drop a phrase inside a longer one. */
  const longer: Array<{ slug: string; at: number[] }> = [];

  // Combinations: the nearest pair of parts in a sentence, once per sentence.
  const parts = new Map<Rule, [Occurrence[], Occurrence[]]>();
  for (const o of occurrences) {
    if (o.pattern.rule.kind !== "combo" || o.negated) continue;
    let pair = parts.get(o.pattern.rule);
    if (!pair) parts.set(o.pattern.rule, pair = [[], []]);
    pair[o.pattern.part]!.push(o);
  }
  for (const [rule, [as, bs]] of parts) {
    const done = new Set<number>();
    for (const a of as) {
      const sentence = tokens[a.at[0]!]!.sentence;
      if (done.has(sentence)) continue;
      let best: Occurrence | undefined;
      let bestDistance = Infinity;
      for (const b of bs) {
        if (tokens[b.at[0]!]!.sentence !== sentence || b.at.some((k) => a.at.includes(k))) {
          continue;
        }
        const distance = Math.min(
          Math.abs(a.at[0]! - b.at.at(-1)!),
          Math.abs(b.at[0]! - a.at.at(-1)!),
        );
        if (distance <= COMBO_WINDOW && distance < bestDistance) {
          best = b;
          bestDistance = distance;
        }
      }
      if (!best) continue;
      const at = [...a.at, ...best.at].sort((x, y) => x - y);
      if (overlaps(rule.slug, at)) continue;
      done.add(sentence);
      longer.push({ slug: rule.slug, at });
      use(rule.slug, at);
      hits.push({
        rule,
        match: rule.match,
        text: words(at),
        weight: rule.weight,
        negated: false,
        first: at[0]!,
      });
    }
  }

  // Phrases: longest first, then strongest; a negated one still takes its words.
  const phrases = occurrences
    .filter((o) => o.pattern.rule.kind === "phrase")
    .sort((a, b) =>
      b.at.length - a.at.length || b.pattern.rule.weight - a.pattern.rule.weight ||
      a.at[0]! - b.at[0]!
    );
  for (const o of phrases) {
    const { rule } = o.pattern;
    if (overlaps(rule.slug, o.at)) continue;
    // A phrase inside a longer match of another topic is part of that one: «не стало» in
    // «не стало котика» is pet loss, «нет сил» in «нет сил работать» is burnout.
    if (
      longer.some((h) =>
        h.slug !== rule.slug && h.at.length > o.at.length && o.at.every((k) => h.at.includes(k))
      )
    ) {
      continue;
    }
    longer.push({ slug: rule.slug, at: o.at });
    use(rule.slug, o.at);
    hits.push({
      rule,
      match: rule.match,
      text: words(o.at),
      weight: rule.weight,
      negated: o.negated,
      first: o.at[0]!,
    });
  }

  // Single words.
  for (let i = 0; i < n; i++) {
    if (taken[i]) continue;
    const t = tokens[i]!;
    let rule: Rule | undefined;
    for (let k = 0; k < t.forms.length && !rule; k++) {
      const stem = t.stems[k]!;
      rule = lex.exact.get(t.forms[k]!) ??
        (stem.length >= MIN_STEM_LENGTH ? lex.stems.get(stem) : undefined);
    }
    if (!rule) continue;
    hits.push({
      rule,
      match: rule.match,
      text: t.raw,
      weight: rule.weight,
      negated: negatedBefore(tokens, i),
      first: i,
    });
  }
  for (const hit of hits) hit.someoneElse = doneBySomeoneElse(tokens, hit.first);
  return hits.sort((a, b) => a.first - b.first);
}

/**
 * Whether the cue at `at` is someone else's doing: looking back through its sentence, a person
 * other than the writer («подруга», «муж», «он») comes before any sign of the writer («я», «мы»,
 * «меня», «вместе»). A verb with no subject is the writer's («хожу на йогу»).
 */
function doneBySomeoneElse(tokens: Token[], at: number): boolean {
  const sentence = tokens[at]!.sentence;
  for (let k = at - 1; k >= 0 && tokens[k]!.sentence === sentence; k--) {
    const form = tokens[k]!.forms[0]!;
    if (FIRST_PERSON.has(form)) return false;
    if (OTHER_PEOPLE.has(form)) {
      // «мы с подругой», «с мужем»: together with the writer.
      const before = tokens[k - 1]?.forms[0];
      return before !== "с" && before !== "со";
    }
  }
  return false;
}

/** Whether a negation stands right before token i in its clause («это не развод»). */
function negatedBefore(tokens: Token[], i: number): boolean {
  const clause = tokens[i]!.clause;
  for (let k = i - 1; k >= 0 && i - k <= NEGATION_REACH; k--) {
    const t = tokens[k]!;
    if (t.clause !== clause) return false;
    if (t.forms.some((f) => NEGATORS.has(f))) return true;
    if (!NEGATION_TRANSPARENT.has(t.forms[0]!)) return false;
  }
  return false;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
