import type { MessageEntity } from "grammy/types";

/**
 * Cleans text people send before anything checks, stores or relays it, so that what is checked
 * is what a reader sees and the database never gets a character it cannot hold (Postgres `text`
 * refuses U+0000).
 *
 * - Control characters (C0, DEL, C1) go, except `\n` and `\t`; `\r\n`, a lone `\r` and the
 *   Unicode line/paragraph separators (U+2028/U+2029) become `\n`.
 * - Invisible characters go: every Default_Ignorable_Code_Point (soft hyphen, zero-width space
 *   and joiners, word joiner, bidi marks/embeddings/isolates, Hangul fillers, variation
 *   selectors, tag characters...) and the other invisible format controls (U+FFF9–U+FFFB,
 *   Egyptian hieroglyph format controls, U+1D159). Kept, so emoji stay intact: a ZWJ between two
 *   pictographs (👨‍👩‍👧), VS15/VS16 right after an emoji (❤️; after 0-9 # * only in a keycap 1️⃣),
 *   and tag characters in a valid flag tag sequence (🏴 + tags + cancel tag). The other
 *   variation selectors (VS1–14, VS17–256) go: they only pick glyph variants of CJK or math
 *   symbols and are a known way to smuggle invisible data.
 * - A right-to-left override (U+202E) displays the rest of its line reversed, so its run (until
 *   U+202C/U+2069, a line break or the end) is written out in the order a reader sees it, with
 *   brackets mirrored. The other bidi controls only go: in the Latin and Cyrillic text this bot
 *   gets they move at most a neutral character (see pii.ts for `name@`).
 * - A lone UTF-16 surrogate becomes U+FFFD.
 * - NFKC, one segment (a base character with its combining marks) at a time, so entity offsets
 *   can be carried over: fullwidth letters and digits, ①, 𝟖, ﬁ, NBSP become plain. A few
 *   compatibility mappings that would visibly change ordinary Russian text are not applied: №,
 *   …, superscript/subscript digits (м²), vulgar fractions (1½), ™, spacing accents (´ would
 *   become a space plus a mark) and mappings longer than four characters (ﷺ). Contact detection
 *   still reads superscript digits as digits (`foldLookalikes`).
 *
 * Telegram entity offsets and lengths (UTF-16 code units) are carried over to the new text; an
 * entity left with no visible text is dropped. The result can be longer than the input (ﬁ → fi,
 * ⑽ → (10)): check length limits after normalising.
 */
export interface NormalizedText {
  text: string;
  /** Present when entities were given: carried over to `text`, empty ones dropped. */
  entities?: MessageEntity[];
  /** Whether `text` or `entities` differ from the input. */
  changed: boolean;
}

/** Normalises `text` (see above) and carries `entities` over to it. Never throws. */
export function normalizeText(text: string, entities?: MessageEntity[]): NormalizedText {
  try {
    const input = typeof text === "string" ? text : String(text ?? "");
    if (isClean(input) && (entities === undefined || entitiesFit(entities, input.length))) {
      return entities === undefined
        ? { text: input, changed: input !== text }
        : { text: input, entities, changed: input !== text };
    }
    return normalizeSlow(input, entities);
  } catch {
    return fallback(text, entities);
  }
}

// ---------------------------------------------------------------------------------------------
// Fast path: most messages need nothing.

// Everything the slow path may remove or treat specially, apart from NFKC changes and lone
// surrogates (checked natively). Regional indicators, skin tones and Hangul jamo need the slow
// path only next to something else that does.
const SPECIAL = new RegExp(
  String
    .raw`[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufff9-\ufffb\u{13430}-\u{1343f}\u{1d159}]|\p{Default_Ignorable_Code_Point}`,
  "u",
);

function isClean(text: string): boolean {
  return !SPECIAL.test(text) && text.isWellFormed() && text.normalize("NFKC") === text;
}

/** Telegram's entities always fit; anything else goes through remapping, which trims them. */
function entitiesFit(entities: MessageEntity[], length: number): boolean {
  return entities.every((e) =>
    Number.isInteger(e.offset) && Number.isInteger(e.length) && e.offset >= 0 && e.length > 0 &&
    e.offset + e.length <= length
  );
}

/** If the slow path ever failed: controls, invisibles and lone surrogates out, entities dropped. */
function fallback(text: unknown, entities: MessageEntity[] | undefined): NormalizedText {
  try {
    const input = typeof text === "string" ? text : String(text ?? "");
    const cleaned = input.toWellFormed().replace(new RegExp(SPECIAL.source, "gu"), "");
    return entities === undefined
      ? { text: cleaned, changed: cleaned !== text }
      : { text: cleaned, entities: [], changed: true };
  } catch {
    return entities === undefined
      ? { text: "", changed: text !== "" }
      : { text: "", entities: [], changed: true };
  }
}

// ---------------------------------------------------------------------------------------------
// Character classes.

const PLAIN = 1; // kept as is, starts a segment
const MARK = 2; // extends the segment before it (combining marks, skin tones, Hangul V/T jamo)
const REMOVE = 3; // invisible or control
const COMPAT = 4; // starts a segment whose NFKC form differs
const SPECIAL_CP = 5; // decided in context: \r, U+2028/9, ZWJ, VS15/16, RLO, PDF, PDI, RI, tags

const ZWJ = 0x200d;
const RLO = 0x202e;
const PDF = 0x202c;
const PDI = 0x2069;
const BLACK_FLAG = 0x1f3f4;
const CANCEL_TAG = 0xe007f;
const KEYCAP = 0x20e3;

// Format characters that are visible (Arabic number signs and the like): kept.
const VISIBLE_FORMAT = new Set([
  0x600,
  0x601,
  0x602,
  0x603,
  0x604,
  0x605,
  0x6dd,
  0x70f,
  0x890,
  0x891,
  0x8e2,
  0x110bd,
  0x110cd,
]);

const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;
const FORMAT = /^\p{Cf}$/u;
const COMBINING = /^\p{M}$/u;

function classify(cp: number): number {
  if (cp < 0x20) return cp === 0x09 || cp === 0x0a ? PLAIN : cp === 0x0d ? SPECIAL_CP : REMOVE;
  if (cp < 0x7f) return PLAIN;
  if (cp <= 0x9f) return REMOVE;
  if (
    cp === 0x2028 || cp === 0x2029 || cp === ZWJ || cp === RLO || cp === PDF || cp === PDI ||
    cp === 0xfe0e || cp === 0xfe0f || (cp >= 0x1f1e6 && cp <= 0x1f1ff) ||
    (cp >= 0xe0000 && cp <= 0xe007f)
  ) {
    return SPECIAL_CP;
  }
  if ((cp >= 0x1161 && cp <= 0x11ff) || (cp >= 0x1f3fb && cp <= 0x1f3ff)) return MARK;
  const s = String.fromCodePoint(cp);
  if (IGNORABLE.test(s) || cp === 0x1d159) return REMOVE;
  if (FORMAT.test(s) && !VISIBLE_FORMAT.has(cp)) return REMOVE;
  if (COMBINING.test(s)) return MARK;
  return s.normalize("NFKC") === s ? PLAIN : COMPAT;
}

let bmpClasses: Uint8Array | undefined;
const astralClasses = new Map<number, number>();

function classOf(cp: number): number {
  if (cp < 0x80) return cp < 0x20 || cp === 0x7f ? classify(cp) : PLAIN;
  if (cp < 0x10000) {
    bmpClasses ??= new Uint8Array(0x10000);
    let cls = bmpClasses[cp]!;
    if (cls === 0) bmpClasses[cp] = cls = classify(cp);
    return cls;
  }
  let cls = astralClasses.get(cp);
  if (cls === undefined) {
    if (astralClasses.size > 4096) astralClasses.clear();
    astralClasses.set(cp, cls = classify(cp));
  }
  return cls;
}

const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const EMOJI = /^\p{Emoji}$/u;

function isPictographic(cp: number): boolean {
  return cp > 0x7f && PICTOGRAPHIC.test(String.fromCodePoint(cp));
}

// ---------------------------------------------------------------------------------------------
// NFKC for one segment.

// Compatibility characters ordinary Russian text uses and readers expect to keep: №, …, ™,
// superscript/subscript digits, vulgar fractions.
const KEEP_COMPAT =
  /[\u2116\u2026\u2122\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089\u00bc-\u00be\u2150-\u215f\u2189]/;
// A spacing accent (´ ¨ ˜ ﾞ) would become a space or nothing plus a combining mark.
const DETACHED_MARK = /(?:^|\s)\p{M}/u;

function compatForm(raw: string): string {
  const k = raw.normalize("NFKC");
  if (k === raw) return raw;
  const c = raw.normalize("NFC");
  if (k === c) return c;
  if (KEEP_COMPAT.test(raw) || DETACHED_MARK.test(k) || k.length > raw.length + 3) return c;
  return k;
}

// ---------------------------------------------------------------------------------------------
// Slow path: segments and pieces.

/** A stretch of output and the input range it came from. */
interface Piece {
  start: number;
  end: number;
  out: string;
  /** Output equals input here, unit for unit: offsets inside map exactly. */
  exact: boolean;
}

interface Segment {
  start: number;
  end: number;
  raw: string;
  /** Regional indicators in it (a flag is a pair). */
  ri: number;
}

const MIRRORED: Record<string, string> = {
  "(": ")",
  ")": "(",
  "[": "]",
  "]": "[",
  "{": "}",
  "}": "{",
  "<": ">",
  ">": "<",
  "«": "»",
  "»": "«",
  "‹": "›",
  "›": "‹",
};

function normalizeSlow(text: string, entities: MessageEntity[] | undefined): NormalizedText {
  const n = text.length;
  const pieces: Piece[] = [];
  let runStart = -1; // an open run of unchanged plain characters: [runStart, i)
  let seg: Segment | null = null;
  let lastBase = 0; // the last base character kept (ZWJ and VS15/16 look at it)
  let joinNext = false; // after a kept ZWJ the next pictograph joins the segment
  let rloFrom = -1; // index in `pieces` where an open right-to-left override run starts
  let reordered = false;

  const flushRun = (end: number) => {
    if (runStart >= 0 && end > runStart) {
      pieces.push({ start: runStart, end, out: text.slice(runStart, end), exact: true });
    }
    runStart = -1;
  };
  const flushSegment = () => {
    if (seg === null) return;
    const out = seg.raw.length === 1 && seg.raw.charCodeAt(0) < 0x80
      ? seg.raw
      : compatForm(seg.raw);
    pieces.push({
      start: seg.start,
      end: seg.end,
      out,
      exact: out === text.slice(seg.start, seg.end),
    });
    seg = null;
  };
  // Turns the last character of the open run into an open segment (a mark or ZWJ follows).
  const pullLast = (i: number) => {
    let p = i - 1;
    const low = text.charCodeAt(p);
    if (p > runStart && low >= 0xdc00 && low <= 0xdfff) {
      const high = text.charCodeAt(p - 1);
      if (high >= 0xd800 && high <= 0xdbff) p--;
    }
    flushRun(p);
    seg = { start: p, end: i, raw: text.slice(p, i), ri: 0 };
  };
  const endOverride = () => {
    flushSegment();
    if (rloFrom < 0) return;
    const run = pieces.splice(rloFrom).reverse();
    for (const piece of run) {
      const mirrored = MIRRORED[piece.out];
      if (mirrored !== undefined) {
        piece.out = mirrored;
        piece.exact = false;
      }
      pieces.push(piece);
    }
    rloFrom = -1;
  };
  const base = (i: number, len: number, raw: string | null, cp: number, plain: boolean) => {
    if (joinNext) {
      joinNext = false;
      extend(i, len);
      lastBase = cp;
      return;
    }
    if (plain && rloFrom < 0) {
      flushSegment();
      if (runStart < 0) runStart = i;
    } else {
      flushRun(i);
      flushSegment();
      seg = { start: i, end: i + len, raw: raw ?? text.slice(i, i + len), ri: 0 };
    }
    lastBase = cp;
  };
  const extend = (i: number, len: number) => {
    if (seg === null && runStart >= 0 && runStart < i) pullLast(i);
    if (seg !== null) {
      seg.raw += text.slice(i, i + len);
      seg.end = i + len;
    } else {
      flushRun(i);
      seg = { start: i, end: i + len, raw: text.slice(i, i + len), ri: 0 };
    }
  };
  // A removed character leaves a gap; marks after it still belong to the character before it.
  const remove = (i: number) => {
    if (seg === null && runStart >= 0 && runStart < i) pullLast(i);
    joinNext = false;
  };
  const newline = (i: number) => {
    if (rloFrom >= 0) endOverride();
    base(i, 1, "\n", 0x0a, false);
  };

  let i = 0;
  while (i < n) {
    let cp = text.charCodeAt(i);
    let len = 1;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (cp <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
        len = 2;
      } else {
        base(i, 1, "\ufffd", 0xfffd, false);
        i++;
        continue;
      }
    }
    const cls = classOf(cp);
    if (cls === PLAIN) {
      if (cp === 0x0a) {
        if (rloFrom >= 0) endOverride();
        joinNext = false;
      }
      base(i, len, null, cp, true);
    } else if (cls === MARK) {
      extend(i, len);
    } else if (cls === COMPAT) {
      base(i, len, null, cp, false);
    } else if (cls === REMOVE) {
      remove(i);
    } else if (cp === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) remove(i);
      else newline(i);
    } else if (cp === 0x2028 || cp === 0x2029) {
      newline(i);
    } else if (cp === ZWJ) {
      const next = text.codePointAt(i + 1) ?? 0;
      if (isPictographic(lastBase) && isPictographic(next)) {
        extend(i, 1);
        joinNext = true;
      } else {
        remove(i);
      }
    } else if (cp === 0xfe0e || cp === 0xfe0f) {
      const keycap = lastBase < 0x80 && /[0-9#*]/.test(String.fromCharCode(lastBase)) &&
        text.codePointAt(i + 1) === KEYCAP;
      const emoji = lastBase >= 0x80 && EMOJI.test(String.fromCodePoint(lastBase));
      if (keycap || emoji) extend(i, 1);
      else remove(i);
    } else if (cp === RLO) {
      remove(i);
      flushRun(i);
      flushSegment();
      if (rloFrom < 0) rloFrom = pieces.length;
      reordered = true;
    } else if (cp === PDF || cp === PDI) {
      remove(i);
      if (rloFrom >= 0) endOverride();
    } else if (cp >= 0x1f1e6 && cp <= 0x1f1ff) {
      // A flag is a pair of regional indicators.
      const current = seg as Segment | null;
      if (current !== null && current.ri === 1 && !joinNext) {
        extend(i, len);
        current.ri = 2;
      } else {
        base(i, len, null, cp, false);
        const started = seg as Segment | null;
        if (started !== null) started.ri = 1;
      }
    } else {
      // Tag characters: kept only as a flag tag sequence (🏴 + tags + cancel tag).
      let j = i;
      while (j < n) {
        const tag = text.codePointAt(j) ?? 0;
        if (tag < 0xe0020 || tag > 0xe007e) break;
        j += 2;
      }
      if (lastBase === BLACK_FLAG && j > i && text.codePointAt(j) === CANCEL_TAG) {
        extend(i, j + 2 - i);
        i = j + 2;
      } else {
        remove(i);
        i = j > i ? j : i + 2;
        while (i < n) {
          const tag = text.codePointAt(i) ?? 0;
          if (tag < 0xe0000 || tag > 0xe007f) break;
          i += 2;
        }
      }
      continue;
    }
    i += len;
  }
  flushRun(n);
  endOverride();

  let out = "";
  const outStart = new Array<number>(pieces.length);
  for (let k = 0; k < pieces.length; k++) {
    outStart[k] = out.length;
    out += pieces[k]!.out;
  }
  // An override cuts segments and reversal can put a stray combining mark after a new base: one
  // more pass settles them (the overrides are gone, so that pass reorders nothing).
  if (entities === undefined) {
    if (reordered) out = normalizeSlow(out, undefined).text;
    return { text: out, changed: out !== text };
  }
  let mapped = remapEntities(entities, pieces, outStart);
  if (reordered) {
    const again = normalizeSlow(out, mapped);
    out = again.text;
    mapped = again.entities ?? [];
  }
  const entitiesChanged = mapped.length !== entities.length ||
    mapped.some((e, k) => e.offset !== entities[k]!.offset || e.length !== entities[k]!.length);
  return {
    text: out,
    entities: entitiesChanged ? mapped : entities,
    changed: out !== text || entitiesChanged,
  };
}

/** Each entity covers the output of every piece its input range touched (exactly where it can). */
function remapEntities(
  entities: MessageEntity[],
  pieces: Piece[],
  outStart: number[],
): MessageEntity[] {
  const result: MessageEntity[] = [];
  for (const entity of entities) {
    const start = entity.offset;
    const end = entity.offset + entity.length;
    if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) continue;
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < pieces.length; k++) {
      const piece = pieces[k]!;
      if (piece.start >= end || piece.end <= start || piece.out.length === 0) continue;
      const at = outStart[k]!;
      if (piece.exact) {
        lo = Math.min(lo, at + Math.max(start, piece.start) - piece.start);
        hi = Math.max(hi, at + Math.min(end, piece.end) - piece.start);
      } else {
        lo = Math.min(lo, at);
        hi = Math.max(hi, at + piece.out.length);
      }
    }
    if (hi > lo) result.push({ ...entity, offset: lo, length: hi - lo });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Look-alike letters, for contact detection only.

/**
 * Maps characters that look like Latin letters or ASCII digits to them, for contact detection
 * only: never show or store the result. One UTF-16 unit maps to one unit, so the result has the
 * same length and an offset found in it is an offset in `text`.
 *
 * Folded: Cyrillic а в г е к м н о п р с т у х ь ѕ і ј ԁ һ ԛ ԝ ӏ ү (and capitals: А В Е К М Н О
 * Р С Т У Х Ь Ѕ І Ј Ү Һ Ԛ Ԝ Ӏ), Greek α β γ ε ι κ ν ο ρ τ υ χ ω and capitals Α Β Ε Ζ Η Ι Κ Μ Ν Ο
 * Ρ Τ Υ Χ, Armenian օ ս հ Օ Ս, Latin ı ȷ ɑ ɡ ɩ and small capitals (ᴀ ʙ ᴄ ... from "fancy text"
 * generators), any of these or a Latin letter with accents (ё, ї, ό, é → e, i, o, e),
 * superscript and subscript digits (⁸ → 8), and the braille blank (U+2800) to a space. Lowercase
 * в н к м т г п ь only resemble b h k m t r n b (small-capital shapes), but spoofers use them and
 * the detector counts a folded match only in a token that also has plain Latin letters or digits,
 * so an all-Cyrillic word ("@мама") is never read as a username. Letters are never folded into
 * digits (О, З, l stay letters): "ООО" or "Зина" must not become numbers.
 */
export function foldLookalikes(text: string): string {
  const table = foldTable();
  const n = text.length;
  let k = 0;
  while (k < n && table[text.charCodeAt(k)] === text.charCodeAt(k)) k++;
  if (k === n) return text;
  let out = text.slice(0, k);
  const chunk: number[] = [];
  for (; k < n; k++) {
    chunk.push(table[text.charCodeAt(k)]!);
    if (chunk.length === 4096) {
      out += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return out + String.fromCharCode(...chunk);
}

const LOOKALIKES: Record<string, string> = {
  // Cyrillic
  "а": "a",
  "в": "b",
  "г": "r",
  "е": "e",
  "к": "k",
  "м": "m",
  "н": "h",
  "о": "o",
  "п": "n",
  "р": "p",
  "с": "c",
  "т": "t",
  "у": "y",
  "х": "x",
  "ь": "b",
  "ѕ": "s",
  "і": "i",
  "ј": "j",
  "ԁ": "d",
  "һ": "h",
  "ԛ": "q",
  "ԝ": "w",
  "ӏ": "l",
  "ү": "y",
  "А": "A",
  "В": "B",
  "Е": "E",
  "К": "K",
  "М": "M",
  "Н": "H",
  "О": "O",
  "Р": "P",
  "С": "C",
  "Т": "T",
  "У": "Y",
  "Х": "X",
  "Ь": "b",
  "Ѕ": "S",
  "І": "I",
  "Ј": "J",
  "Ү": "Y",
  "Һ": "H",
  "Ԛ": "Q",
  "Ԝ": "W",
  "Ӏ": "l",
  // Greek
  "α": "a",
  "β": "b",
  "γ": "y",
  "ε": "e",
  "ι": "i",
  "κ": "k",
  "ν": "v",
  "ο": "o",
  "ρ": "p",
  "τ": "t",
  "υ": "u",
  "χ": "x",
  "ω": "w",
  "Α": "A",
  "Β": "B",
  "Ε": "E",
  "Ζ": "Z",
  "Η": "H",
  "Ι": "I",
  "Κ": "K",
  "Μ": "M",
  "Ν": "N",
  "Ο": "O",
  "Ρ": "P",
  "Τ": "T",
  "Υ": "Y",
  "Χ": "X",
  // Armenian
  "օ": "o",
  "ս": "u",
  "հ": "h",
  "Օ": "O",
  "Ս": "U",
  // Latin
  "ı": "i",
  "ȷ": "j",
  "ɑ": "a",
  "ɡ": "g",
  "ɩ": "i",
  // Small capitals
  "ᴀ": "a",
  "ʙ": "b",
  "ᴄ": "c",
  "ᴅ": "d",
  "ᴇ": "e",
  "ꜰ": "f",
  "ɢ": "g",
  "ʜ": "h",
  "ɪ": "i",
  "ᴊ": "j",
  "ᴋ": "k",
  "ʟ": "l",
  "ᴍ": "m",
  "ɴ": "n",
  "ᴏ": "o",
  "ᴘ": "p",
  "ʀ": "r",
  "ꜱ": "s",
  "ᴛ": "t",
  "ᴜ": "u",
  "ᴠ": "v",
  "ᴡ": "w",
  "ʏ": "y",
  "ᴢ": "z",
  // Digits and blanks
  "⁰": "0",
  "¹": "1",
  "²": "2",
  "³": "3",
  "⁴": "4",
  "⁵": "5",
  "⁶": "6",
  "⁷": "7",
  "⁸": "8",
  "⁹": "9",
  "₀": "0",
  "₁": "1",
  "₂": "2",
  "₃": "3",
  "₄": "4",
  "₅": "5",
  "₆": "6",
  "₇": "7",
  "₈": "8",
  "₉": "9",
  "\u2800": " ",
};

// Blocks where a letter with accents folds to its base: Latin-1, Latin Extended-A/B, Greek,
// Cyrillic, Latin Extended Additional, Greek Extended.
const ACCENTED_BLOCKS: [number, number][] = [
  [0x00c0, 0x024f],
  [0x0370, 0x03ff],
  [0x0400, 0x04ff],
  [0x1e00, 0x1eff],
  [0x1f00, 0x1fff],
];

let folds: Uint16Array | undefined;

function foldTable(): Uint16Array {
  if (folds) return folds;
  const table = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) table[c] = c;
  for (const [from, to] of Object.entries(LOOKALIKES)) table[from.charCodeAt(0)] = to.charCodeAt(0);
  const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  for (const [from, to] of ACCENTED_BLOCKS) {
    for (let c = from; c <= to; c++) {
      if (table[c] !== c) continue;
      const decomposed = String.fromCharCode(c).normalize("NFD");
      if (decomposed.length < 2) continue;
      const folded = table[decomposed.charCodeAt(0)]!;
      if (isAsciiLetter(folded)) table[c] = folded;
    }
  }
  return folds = table;
}
