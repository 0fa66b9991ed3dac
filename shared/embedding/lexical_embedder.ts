import { type Embedder, PROFILE_EMBEDDING_DIMENSIONS } from "./embedder.ts";

/**
 * The embedded default embedder: no network, no model files, deterministic.
 *
 * Text is lowercased (ё -> е), split into words, short function words are dropped and Russian
 * inflection endings are stripped (a light stemmer: "работе" and "работа" both become "работ").
 * Every stemmed word and every character 3-gram of it (with `^`/`$` boundary markers, so
 * "выгорел" and "выгорание" still share "^вы", "выг", "гор" ...) is hashed with FNV-1a into one
 * of 384 buckets with a hash-derived sign (the "hashing trick"; signs make collisions cancel
 * out instead of piling up). The vector is L2-normalised, so cosine similarity is a dot product
 * and pgvector's cosine distance works unchanged.
 *
 * Text without any word (empty, only punctuation or only stop words) embeds as the fixed unit
 * vector with every component 1/sqrt(384): always a valid vector for pgvector (a zero vector
 * would make cosine distance NaN), and the same for all such texts.
 */
export const LEXICAL_EMBEDDING_MODEL = "lexical-ngram-384-v1";

/** Whole words count more than their 3-grams: an exact word match is stronger evidence. */
const WORD_WEIGHT = 1;
const TRIGRAM_WEIGHT = 0.5;

// Longest first, so "-ами" is stripped before "-и".
const RUSSIAN_ENDINGS = [
  "ами",
  "ями",
  "ого",
  "его",
  "ому",
  "ему",
  "ыми",
  "ими",
  "ая",
  "яя",
  "ое",
  "ее",
  "ий",
  "ый",
  "ой",
  "ов",
  "ев",
  "ей",
  "ам",
  "ям",
  "ах",
  "ях",
  "ом",
  "ем",
  "ы",
  "и",
  "а",
  "я",
  "е",
  "о",
  "у",
  "ю",
  "ь",
];

const MIN_STEM_LENGTH = 3;

// Prepositions, conjunctions and particles: they match between any two Russian texts.
const STOP_WORDS = new Set([
  "а",
  "без",
  "в",
  "во",
  "да",
  "для",
  "до",
  "же",
  "за",
  "и",
  "из",
  "или",
  "к",
  "ко",
  "ли",
  "на",
  "над",
  "не",
  "ни",
  "но",
  "о",
  "об",
  "от",
  "по",
  "под",
  "при",
  "с",
  "со",
  "то",
  "у",
  "что",
  "как",
  "это",
  "the",
  "a",
  "an",
  "and",
  "or",
  "of",
  "to",
  "in",
  "on",
]);

const cyrillic = /[а-я]/;

export function createLexicalEmbedder(): Embedder {
  const dimensions = PROFILE_EMBEDDING_DIMENSIONS;
  return {
    model: LEXICAL_EMBEDDING_MODEL,
    dimensions,
    embed: (text: string) => Promise.resolve(lexicalVector(text, dimensions)),
  };
}

/** The embedding itself, synchronous: exported for benchmarks and tests. */
export function lexicalVector(text: string, dimensions = PROFILE_EMBEDDING_DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = tokenize(text);
  if (words.length === 0) return vector.fill(1 / Math.sqrt(dimensions));
  for (const word of words) {
    const stem = stemRussian(word);
    addFeature(vector, `w:${stem}`, WORD_WEIGHT);
    for (const gram of trigrams(stem)) addFeature(vector, `g:${gram}`, TRIGRAM_WEIGHT);
  }
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
  // Every feature adds ±weight to one bucket; all of them cancelling exactly is possible in
  // theory, so fall back to the documented "no words" vector rather than divide by zero.
  if (norm === 0) return vector.fill(1 / Math.sqrt(dimensions));
  return vector.map((v) => v / norm);
}

/** Lowercase words of letters and digits, ё folded into е, stop words dropped. */
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replaceAll("ё", "е")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0 && !STOP_WORDS.has(word));
}

/** Strips one common Russian ending when at least three letters of stem remain. */
export function stemRussian(word: string): string {
  if (!cyrillic.test(word)) return word;
  for (const ending of RUSSIAN_ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= MIN_STEM_LENGTH) {
      return word.slice(0, -ending.length);
    }
  }
  return word;
}

function trigrams(word: string): string[] {
  const chars = Array.from(`^${word}$`);
  const grams: string[] = [];
  for (let i = 0; i + 3 <= chars.length; i++) grams.push(chars.slice(i, i + 3).join(""));
  return grams;
}

const encoder = new TextEncoder();

function addFeature(vector: number[], feature: string, weight: number): void {
  const hash = fnv1a(feature);
  const bucket = hash % vector.length;
  // The sign comes from a remixed hash so it is independent of the bucket choice.
  const sign = (mix32(hash) & 1) === 0 ? 1 : -1;
  vector[bucket]! += sign * weight;
}

/** 32-bit FNV-1a over the UTF-8 bytes. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** MurmurHash3's 32-bit finaliser. */
function mix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
