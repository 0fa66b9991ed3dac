import Az from "az";

/**
 * What Russian morphology says about people's names, for the LLM anonymiser
 * (shared/coach/anonymize.ts): Az.js (`npm:az`, the OpenCorpora dictionary shipped in the package)
 * tags given names, surnames and patronymics (`Name`, `Surn`, `Patr`) in every case form and
 * knows many CIS names (Айгерим, Нурсултан, Гиорги, Ашот) and diminutives (Машенька, Лёша).
 *
 * The dictionaries (~11 MB) load once, on `loadNameMorphology()` (~0.3 s), never on import. Until
 * they have loaded, or when they cannot (an Edge runtime without the package's files, no read
 * permission), every function here answers null and the anonymiser falls back to its own list of
 * about 290 common names with generated case forms: weaker, but never nothing.
 */

/**
 * - `name`: every dictionary reading is a given name, surname or patronymic (Дарина, Смирнова,
 *   Сергеевна): a name in any case form, in any letter case;
 * - `maybe`: a name and also an ordinary word (Вера, Роман, Лев, Света, Волков);
 * - `word`: an ordinary word only;
 * - `unknown`: not in the dictionary.
 */
export type NameReading = "name" | "maybe" | "word" | "unknown";

interface AzTag {
  toString(): string;
  [grammeme: string]: unknown;
}

interface AzParse {
  word: string;
  tag: AzTag;
  parser?: string;
  typosCnt?: number;
  stutterCnt?: number;
  normalize(): AzParse;
  inflect(grammemes: string[]): AzParse | false | undefined;
}

interface AzModule {
  Morph: ((word: string, config?: Record<string, unknown>) => AzParse[]) & {
    init(callback: (error: unknown) => void): void;
  };
}

// Only the dictionary: no guesses from suffixes, no typo or stutter corrections.
const DICTIONARY_ONLY = { parsers: ["Dictionary"], ignoreCase: true, stutter: 0, typos: 0 };

let morph: AzModule["Morph"] | null = null;
let loading: Promise<boolean> | undefined;

/**
 * Loads the dictionaries once; later calls share the first one's promise. Resolves true when
 * the morphology is ready, false when it could not load (the list fallback stays in use).
 */
export function loadNameMorphology(): Promise<boolean> {
  loading ??= new Promise<boolean>((resolve) => {
    try {
      const az = Az as unknown as AzModule;
      az.Morph.init((error) => {
        if (error) return resolve(false);
        morph = az.Morph;
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
  return loading;
}

/** Whether `loadNameMorphology()` has finished successfully (and is not switched off). */
export function nameMorphologyReady(): boolean {
  return active() !== null;
}

let switchedOff = false;

/** Tests only: answer as if the dictionary had not loaded (the list fallback), or again not. */
export function switchOffNameMorphology(off: boolean): void {
  switchedOff = off;
}

function active(): AzModule["Morph"] | null {
  return switchedOff ? null : morph;
}

/** What the dictionary says about one word. */
export interface NameInfo {
  reading: NameReading;
  /** Some reading is a given name (Name): Дарина, Вера. */
  given: boolean;
  /** Some reading is a surname (Surn): Смирнова, Волков. */
  surname: boolean;
  /** Some reading is a patronymic (Patr): Сергеевна, Ильич. */
  patronymic: boolean;
  /** Some reading is a place name (Geox): Питер, Королёв. */
  place: boolean;
  /** Some reading is a finite verb (сказал, пишет). */
  verb: boolean;
  /**
   * Some reading is a noun, a full adjective or a participle (not a name, pronoun, verb, short
   * adjective or particle), and none an adverb («ночью», «утром» are read as when, not who).
   */
  nominal: boolean;
  /** Some reading is an abbreviation (Abbr): мгту, вуз, мвд. */
  abbreviation: boolean;
  /** Some reading is an organisation's name (Orgn): лукойл, мгимо, росгосстрах. */
  organization: boolean;
  /** Some reading is a person's noun in the instrumental (курьером, кассиршей): a role. */
  role: boolean;
  /** The dictionary forms of its readings (лемма): "Толстого" → толстой, толстый. */
  lemmas: string[];
  /**
   * Some reading is a word other than a name, a gerund, an abbreviation, a place or an
   * organisation: «света» (свет), «колю» (колоть), «дима» (дим); not «катя» (a gerund of
   * катить), «юля». How common that word is the dictionary does not say.
   */
  everydayWord: boolean;
}

const INFOS = new Map<string, NameInfo>();
const FORMS = new Map<string, string[] | null>();
// Enough for the words of many chats; cleared whole when full (cheap and bounded).
const CACHE_LIMIT = 50_000;

function dictionaryParses(word: string): AzParse[] {
  const morph = active();
  if (!morph) return [];
  try {
    return morph(word.toLowerCase(), DICTIONARY_ONLY).filter((p) =>
      (p.parser === undefined || p.parser === "Dictionary") && !p.typosCnt && !p.stutterCnt
    );
  } catch {
    return [];
  }
}

const isPersonal = (tag: AzTag) => tag.Name === true || tag.Surn === true || tag.Patr === true;
// Possessive adjectives (Машин, Иванов, лисий) read neither way: "Иванов" stays a surname.
const isPossessive = (tag: AzTag) => tag.ADJF === true && tag.Poss === true;

/** What the dictionary says about a single word (letters only, any case); null before loading. */
export function nameInfo(word: string): NameInfo | null {
  if (!active()) return null;
  const key = word.toLowerCase().replace(/ё/g, "е");
  const known = INFOS.get(key);
  if (known !== undefined) return known;
  const parses = dictionaryParses(key);
  let reading: NameReading;
  if (parses.length === 0) reading = "unknown";
  else {
    const personal = parses.some((p) => isPersonal(p.tag));
    const other = parses.some((p) => !isPersonal(p.tag) && !isPossessive(p.tag));
    reading = personal ? (other ? "maybe" : "name") : "word";
  }
  const info: NameInfo = {
    reading,
    given: parses.some((p) => p.tag.Name === true),
    surname: parses.some((p) => p.tag.Surn === true),
    patronymic: parses.some((p) => p.tag.Patr === true),
    place: parses.some((p) => p.tag.Geox === true),
    verb: parses.some((p) => p.tag.VERB === true),
    nominal:
      parses.some((p) =>
        (p.tag.NOUN === true || (p.tag.ADJF === true && p.tag.Apro !== true) ||
          p.tag.PRTF === true) && !isPersonal(p.tag)
      ) && !parses.some((p) => p.tag.ADVB === true),
    abbreviation: parses.some((p) => p.tag.Abbr === true),
    organization: parses.some((p) => p.tag.Orgn === true),
    role: parses.some((p) =>
      p.tag.NOUN === true && p.tag.anim === true && p.tag.ablt === true && !isPersonal(p.tag)
    ),
    lemmas: [...new Set(parses.map((p) => p.normalize().word.replace(/ё/g, "е")))],
    everydayWord: parses.some((p) =>
      !isPersonal(p.tag) && !isPossessive(p.tag) && p.tag.GRND !== true && p.tag.Abbr !== true &&
      p.tag.Geox !== true && p.tag.Orgn !== true
    ),
  };
  if (INFOS.size >= CACHE_LIMIT) INFOS.clear();
  INFOS.set(key, info);
  return info;
}

/** How the dictionary reads a single word; null before loading (see `nameInfo`). */
export function nameReading(word: string): NameReading | null {
  return nameInfo(word)?.reading ?? null;
}

const CASES = ["nomn", "gent", "datv", "accs", "ablt", "loct"];
const NUMBERS = ["sing", "plur"];

/**
 * Every case form, singular and plural, of a word given in its dictionary form (lower case):
 * "Лис" → лис, лиса, лису, лисом, лисе, лисы, лисов...; "Павел" → павла, павлу...;
 * "Тихий" → тихого, тихому... Null when the dictionary does not know the word as given (or
 * before loading): the caller then builds forms from endings.
 */
export function dictionaryForms(word: string): string[] | null {
  if (!active()) return null;
  const key = word.toLowerCase();
  if (FORMS.has(key)) return FORMS.get(key)!;
  const forms = new Set<string>();
  for (const parse of dictionaryParses(key)) {
    // Only readings whose dictionary form is the word itself: "Лев" is not "левый".
    const lemma = parse.normalize().word.replace(/ё/g, "е");
    if (lemma !== key.replace(/ё/g, "е")) continue;
    for (const number of NUMBERS) {
      for (const grammaticalCase of CASES) {
        const form = parse.inflect([grammaticalCase, number]);
        if (form) forms.add(form.word);
      }
    }
  }
  const result = forms.size > 0 ? [...forms] : null;
  if (FORMS.size >= CACHE_LIMIT) FORMS.clear();
  FORMS.set(key, result);
  return result;
}

// Latin spellings of Russian names: the longest sequences first.
const LATIN_TO_CYRILLIC: Array<[RegExp, string]> = [
  [/shch|sch/g, "щ"],
  [/zh/g, "ж"],
  [/kh/g, "х"],
  [/ch/g, "ч"],
  [/sh/g, "ш"],
  [/ts|tz/g, "ц"],
  [/yu|iu/g, "ю"],
  [/ya/g, "я"],
  [/yo|jo/g, "ё"],
  [/ye/g, "е"],
  [/ey$/g, "ей"],
  [/iy$|ij$/g, "ий"],
  [/ay$/g, "ай"],
  [/oy$/g, "ой"],
  [/x/g, "кс"],
];
const LATIN_LETTERS: Record<string, string> = {
  a: "а",
  b: "б",
  c: "к",
  d: "д",
  e: "е",
  f: "ф",
  g: "г",
  h: "х",
  i: "и",
  j: "й",
  k: "к",
  l: "л",
  m: "м",
  n: "н",
  o: "о",
  p: "п",
  q: "к",
  r: "р",
  s: "с",
  t: "т",
  u: "у",
  v: "в",
  w: "в",
  y: "ы",
  z: "з",
};

/**
 * Cyrillic spellings a Latin-letter word may stand for ("Dasha" → даша, "Dmitry" → дмитрий,
 * "Anastasia" → анастасия), for reading Latin-written names with the Russian dictionary.
 */
export function cyrillicSpellings(latin: string): string[] {
  let word = latin.toLowerCase();
  if (!/^[a-z]+$/.test(word)) return [];
  for (const [pattern, replacement] of LATIN_TO_CYRILLIC) word = word.replace(pattern, replacement);
  const base = [...word].map((c) => LATIN_LETTERS[c] ?? c).join("");
  const variants = new Set([base]);
  // "ia" is "ия", a final "y" after a consonant "ий", "ie" "ье": Natalia, Dmitry, Daria, Ksenia.
  variants.add(base.replace(/иа$/, "ия").replace(/иа/g, "ья"));
  variants.add(base.replace(/иа/g, "ия"));
  variants.add(base.replace(/([бвгджзклмнпрстфхцчшщ])ы$/, "$1ий"));
  variants.add(base.replace(/ие/g, "ье"));
  variants.add(base.replace(/^е/, "э"));
  // A final soft consonant has no Latin letter: Medved (not a short word: «war» is no «Варь»).
  if (base.length >= 5) variants.add(base.replace(/([лнтдрсзмвп])$/, "$1ь"));
  return [...variants];
}
