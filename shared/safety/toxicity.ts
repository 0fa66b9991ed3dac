import { readWords, undisguise, type Word } from "./language.ts";
import { ABUSE_INDEX, ABUSIVE, confirmed } from "./abuse_lexicon.ts";
import { modelSays, textFeatures, type TextModel } from "./text_model.ts";
import trainedWeights from "./abuse_model_weights.json" with { type: "json" };

/**
 * Offline abuse check for Russian chat messages: abuse aimed at the chat partner, built on the
 * language rather than on a phrase list. Words are read undisguised and tagged with concepts by
 * `readWords` (shared/safety/language.ts: look-alike letters, transliteration, spaced and starred
 * letters, one-letter misspellings of long stems); then constructions are scored:
 * - an insult, an obscene insult, body shaming or a demeaning remark whose target is the
 *   addressee («какой же ты идиот», «заткнись, идиотка», «с такой рожей…»). The target is the
 *   nearest person marker in the clause, then the sentence: second person (ты, твой, verbs in
 *   -ешь, imperatives), third person (он, бывший, начальник…) or oneself (я, мой). Insults of
 *   absent people («твой бывший просто козёл»), reported speech («начальник назвал меня
 *   идиотом»), talk about words, self-deprecation and negation («ты не дура») do not count;
 * - a message that is nothing but insults («тупая овца»);
 * - obscene imperatives («иди на…», «завали…» + a rude word for mouth, «отъебись»);
 * - threats: a first-person violent verb against the addressee, «тебе конец», retribution
 *   («ещё пожалеешь»), knowing where someone lives; death wishes («чтоб ты сдох»); telling the
 *   partner to kill themselves; sextortion (exposure of photos unless…);
 * - sexual demands (a demand verb with an intimate object, undressing, sex acts proposed to
 *   the addressee, a price for a night);
 * - hate: slurs, and a group with violence called for or with dehumanising words.
 * The concept table is our own, tuned on tests/safety/toxicity_corpus.ts.
 */
export type ToxicityCategory = "insult" | "threat" | "sexual" | "hate";

// ---- Reading a message ---------------------------------------------------------------------

type Role = "you" | "self" | "third";

interface Token {
  text: string;
  concepts: ReadonlySet<string>;
  sentence: number;
  clause: number;
  quoted: boolean;
  /** The clause starts with a dash («твой сосед — хам»). */
  dash: boolean;
}

interface Sentence {
  start: number;
  end: number;
  counts: Map<string, number>;
  quoted: boolean;
  /** Index of the first reporting verb («назвал», «пишут»). */
  firstQuote: number;
}

interface Place {
  raw: string;
  clause: number;
  quoted: boolean;
  dash: boolean;
}

const FRIENDLY =
  /[\u{1F600}-\u{1F60F}\u{1F618}\u{1F61A}\u{1F61C}\u{1F61D}\u{1F917}\u{1F970}❤♥💕]|\)\)|:\)|(?<!\p{L})(?:шучу|любя|любим)/iu;
const LAUGHING =
  /[\u{1F602}\u{1F606}\u{1F923}\u{1F639}]|(?<!\p{L})(?:а?ха(?:ха)+|хе(?:хе)+|ржу|лол)(?!\p{L})/iu;
/** Mockery: a clown or a middle finger turns a smile into a sneer. */
const MOCKING = /[\u{1F921}\u{1F4A9}\u{1F595}\u{1F92E}]/u;

const everywhere = () => true;
const NONE: ReadonlySet<string> = new Set();
const STARRED_ALTERNATIVES = new Set(["sex_act", "intimate", "die_verb", "threat_verb"]);
/** Present tense, second person singular: «прикидываешься», «пишешь», «говоришь». */
const SECOND_PERSON = /(?:ешь|ишь|ешься|ишься)$/;

function withoutSafe(concepts: ReadonlySet<string>): ReadonlySet<string> {
  return concepts.has("safe") ? withoutAbuse(concepts) : concepts;
}

function withoutAbuse(concepts: ReadonlySet<string>): ReadonlySet<string> {
  const out = new Set(concepts);
  for (const concept of ABUSIVE) out.delete(concept);
  return out;
}

// Tested word by word, so written once here: a literal inside a loop is a new object each time.
/** A word with Latin letters, digits or stars: read in more ways than its text shows. */
const READ_MANY_WAYS = /[a-z0-9@$€*]/;
const ANY_LETTER = /\p{L}/u;
const ONLY_DIGITS = /^\d+$/;

/** A word's concepts and «you_verb»: one set per concept set (they are shared), not per word. */
const youVerbSets = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();
function withYouVerb(concepts: ReadonlySet<string>): ReadonlySet<string> {
  let out = youVerbSets.get(concepts);
  if (!out) youVerbSets.set(concepts, out = new Set([...concepts, "you_verb"]));
  return out;
}

/** Diminutive endings («бегемотик», «хрюшечка», «толстушечка»). */
const DIMINUTIVE = /(?:ик|чик|очек|ечек|ечка|очка|ушка|юшка|онька|енька|ышка|ушечка)$/;

/** Ukrainian and Belarusian surname endings. */
const SURNAME = /(?:енко|енка|чук|щук|евич)$/;

/** A message read for the rules: words with concepts, clauses, quotes and questions. */
class Message {
  readonly tokens: Token[];
  readonly questions = new Set<number>();
  readonly friendly: boolean;
  /** Laughing out loud («😂», «ахаха»): a threat in it is a joke (a smile alone can sneer). */
  readonly laughing: boolean;
  readonly hasUnquoted: boolean;
  readonly game: boolean;
  /** Per sentence: its first and past-last word, how many words carry each concept. */
  readonly sentences: Sentence[] = [];
  /** Per word: whether someone else said it or it is talk about words. */
  readonly #reported: boolean[] = [];

  constructor(text: string) {
    // Undisguised once for both the words and their layout (no message text is kept anywhere).
    const undisguised = undisguise(text);
    const words = readWords(undisguised, ABUSE_INDEX, true);
    const layout = layoutOf(undisguised, this.questions);
    const aligned = layout.length === words.length;
    const tokens = words.map((w: Word, i): Token => {
      const place = aligned
        ? layout[i]!
        : { raw: w.text, clause: w.sentence, quoted: false, dash: false };
      // Latin and starred words were read in more ways than their text shows: trust the index.
      let concepts: ReadonlySet<string> = w.concepts.size === 0
        ? NONE
        : READ_MANY_WAYS.test(place.raw)
        ? withoutSafe(w.concepts)
        : confirmed(w.text, w.concepts);
      // «бегемотик», «свинюшка»: a diminutive of a mild word is fondness.
      if (
        DIMINUTIVE.test(w.text) && !concepts.has("insult") &&
        (concepts.has("body") || concepts.has("insult_mild"))
      ) {
        concepts = new Set([...concepts].filter((c) => c !== "body" && c !== "insult_mild"));
      }
      // «Пидоренко», «Сукачук»: a surname is no slur.
      if (SURNAME.test(w.text)) concepts = withoutAbuse(concepts);
      // Stars hide a swear word: «с*ка» is read as the insult, not as every word it could be.
      if (place.raw.includes("*") && concepts.has("insult")) {
        concepts = new Set([...concepts].filter((c) => !STARRED_ALTERNATIVES.has(c)));
      }
      if (w.text.length > 4 && SECOND_PERSON.test(w.text)) {
        concepts = withYouVerb(concepts);
      }
      return {
        text: w.text,
        concepts,
        sentence: w.sentence,
        clause: place.clause,
        quoted: place.quoted,
        dash: place.dash,
      };
    });
    this.tokens = joinSpelledOut(tokens);
    this.friendly = FRIENDLY.test(text) && !MOCKING.test(text);
    this.laughing = LAUGHING.test(text) && !MOCKING.test(text);
    this.hasUnquoted = this.tokens.some((tok) => !tok.quoted);
    this.game = this.tokens.some((tok) => tok.concepts.has("game"));
    this.tokens.forEach((tok, i) => {
      let sentence = this.sentences[tok.sentence];
      if (!sentence) {
        sentence = { start: i, end: i, counts: new Map(), quoted: false, firstQuote: Infinity };
        this.sentences[tok.sentence] = sentence;
      }
      sentence.end = i + 1;
      const counts = sentence.counts;
      tok.concepts.forEach((concept) => counts.set(concept, (counts.get(concept) ?? 0) + 1));
      if (tok.quoted) sentence.quoted = true;
      if (tok.concepts.has("quote") && sentence.firstQuote === Infinity) sentence.firstQuote = i;
    });
    for (let i = 0; i < this.tokens.length; i++) {
      const tok = this.tokens[i]!;
      const sentence = this.sentences[tok.sentence]!;
      const meta = sentence.counts.has("meta") ||
        (sentence.counts.has("meta_weak") && sentence.quoted);
      this.#reported.push((tok.quoted && this.hasUnquoted) || meta || sentence.firstQuote < i);
    }
  }

  has(i: number, concept: string): boolean {
    return this.tokens[i]?.concepts.has(concept) ?? false;
  }

  any(concept: string): boolean {
    return this.tokens.some((tok) => tok.concepts.has(concept));
  }

  /** Whether a word with `concept` is within `span` words of `i`, in the same sentence. */
  near(
    i: number,
    concept: string,
    span: number,
    direction: "before" | "after" | "both" = "both",
  ): boolean {
    const sentence = this.tokens[i]!.sentence;
    const from = direction === "after" ? i + 1 : Math.max(0, i - span);
    const to = direction === "before" ? i - 1 : Math.min(this.tokens.length - 1, i + span);
    for (let j = from; j <= to; j++) {
      if (j === i) continue;
      const tok = this.tokens[j]!;
      if (tok.sentence === sentence && tok.concepts.has(concept)) return true;
    }
    return false;
  }

  /** Whether another word of the sentence of `i` carries `concept`. */
  inSentence(i: number, concept: string): boolean {
    const tok = this.tokens[i]!;
    const count = this.sentences[tok.sentence]!.counts.get(concept) ?? 0;
    return count - (tok.concepts.has(concept) ? 1 : 0) > 0;
  }

  /** The role of a person marker at `j`, and whether it is a subject. */
  roleOf(j: number): { role: Role; subject: boolean } | null {
    const c = this.tokens[j]!.concepts;
    // «твой бывший», «мой начальник»: the person, not the possessor, is who is meant.
    if ((c.has("your_poss") || c.has("self_poss")) && this.near(j, "person", 2, "after")) {
      return null;
    }
    // «кореш твой крыса»: the same, said the other way round.
    if ((c.has("your_poss") || c.has("self_poss")) && this.has(j - 1, "person")) return null;
    if (c.has("person") || c.has("group") || c.has("third_nom")) {
      return { role: "third", subject: true };
    }
    if (c.has("third_obl")) return { role: "third", subject: false };
    if (c.has("you_nom") || c.has("you_verb") || c.has("imperative") || c.has("go")) {
      return { role: "you", subject: true };
    }
    if (c.has("you_obl")) return { role: "you", subject: false };
    if (c.has("self_nom")) return { role: "self", subject: true };
    if (c.has("self_obl")) return { role: "self", subject: false };
    return null;
  }

  /**
   * Whom the word at `i` is about: the nearest person marker in its clause (subjects first),
   * then in its sentence. A word that makes a clause alone is a form of address («…,
   * идиотка»): only subjects count for it, and with none it is the partner. Null when nobody
   * is named.
   */
  targetOf(i: number, skip?: (j: number) => boolean): Role | null {
    if (skip) return this.#target(i, skip);
    let target = this.#targets.get(i);
    if (target === undefined) {
      target = this.#target(i, () => false);
      this.#targets.set(i, target);
    }
    return target;
  }

  readonly #targets = new Map<number, Role | null>();

  #target(i: number, skip: (j: number) => boolean): Role | null {
    const hit = this.tokens[i]!;
    // «мой дурачок», «наша сука»: what is one's own is no insult to the partner.
    if (i > 0 && this.has(i - 1, "self_poss")) return "self";
    const { start, end } = this.sentences[hit.sentence]!;
    const pick = (inScope: (tok: Token) => boolean, subjectsOnly = false): Role | null => {
      let best: { role: Role; score: number } | null = null;
      const whole = inScope === everywhere;
      for (let j = whole ? 0 : start; j < (whole ? this.tokens.length : end); j++) {
        if (j === i || skip(j) || !inScope(this.tokens[j]!)) continue;
        const r = this.roleOf(j);
        if (!r || (subjectsOnly && !r.subject)) continue;
        const score = Math.abs(j - i) + (r.subject ? 0 : 100);
        if (!best || score < best.score) best = { role: r.role, score };
      }
      return best?.role ?? null;
    };
    const inClause = pick((tok) => tok.sentence === hit.sentence && tok.clause === hit.clause);
    if (inClause) return inClause;
    if (this.standsAlone(i)) {
      // After a dash it says what the subject before it is: «твой сосед — хам».
      if (hit.dash) {
        return pick((tok) => tok.sentence === hit.sentence && tok.clause < hit.clause, true);
      }
      // Else a form of address: the nearest subject of the sentence (or of the message) —
      // someone else («он опять опоздал, идиот»), oneself («я опять забыла, дура») unless the
      // partner is spoken to too («слышь, ушлёпок, я с тобой разговариваю») — or the partner.
      // An interjection («блять, я так рада тебя слышать») needs the partner as a subject.
      const interjection = hit.concepts.has("interjection");
      for (const scope of [(tok: Token) => tok.sentence === hit.sentence, everywhere]) {
        const speaksToYou = this.tokens.some((tok, j) => {
          const role = scope(tok) ? this.roleOf(j) : null;
          return role?.role === "you" && (role.subject || !interjection);
        });
        const subject = pick(scope, true);
        if (subject === "self" && speaksToYou) return "you";
        if (subject) return subject;
        if (speaksToYou) return "you";
      }
      // An interjection alone is emotion («сука, опять дождь»), not a form of address.
      return hit.concepts.has("interjection") ? null : "you";
    }
    return pick((tok) => tok.sentence === hit.sentence);
  }

  /** Whether the clause of `i` holds only insults and fillers. */
  standsAlone(i: number): boolean {
    const { sentence, clause } = this.tokens[i]!;
    const own = this.tokens.filter((tok) => tok.sentence === sentence && tok.clause === clause);
    // «тупица бестолковая», «лох педальный»: an insult with a word or two describing it.
    const described = own.length <= 4;
    return own.every((tok) => isInsultOrFiller(tok) || (described && isDescribing(tok)));
  }

  /** «не» within three words before, with no contrast («ты не человек, а мразь») between. */
  negated(i: number): boolean {
    const hit = this.tokens[i]!;
    for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
      const tok = this.tokens[j]!;
      if (tok.sentence !== hit.sentence || tok.clause !== hit.clause) return false;
      if (tok.concepts.has("contrast")) return false;
      if (tok.concepts.has("negation")) return true;
    }
    return false;
  }

  /**
   * Said by someone else or about words: inside quotes (when something stands outside them),
   * after a reporting verb in the sentence («он написал мне: сдохни»), or in talk about words.
   */
  reported(i: number): boolean {
    return this.#reported[i]!;
  }

  /** Whether every word is an insult or a filler, with at least one real insult. */
  nothingButInsults(): boolean {
    let insult = false;
    const described = this.tokens.length <= 4;
    for (const tok of this.tokens) {
      if (!isInsultOrFiller(tok) && !(described && isDescribing(tok))) return false;
      if (isInsult(tok) && !tok.concepts.has("interjection")) insult = true;
    }
    return insult;
  }
}

function isInsult(tok: Token): boolean {
  const c = tok.concepts;
  return c.has("insult") || c.has("insult_mild") || c.has("body") || c.has("obscene_verb");
}

/** An adjective with no meaning of its own for the rules («бестолковая», «мелкий»). */
function isDescribing(tok: Token): boolean {
  return tok.concepts.size === 0 && ADJECTIVE.test(tok.text);
}
const ADJECTIVE = /\p{L}{2}(?:ый|ий|ой|ая|яя|ое|ее|ые|ие)$/u;

function isInsultOrFiller(tok: Token): boolean {
  const c = tok.concepts;
  return isInsult(tok) || c.has("filler") || c.has("you_nom") || c.has("you_obl") ||
    c.has("go") || c.has("shut") || c.has("interjection");
}

/**
 * «с у к а»: letters spaced out that the reader left apart because each could be a word of
 * its own («с», «у», «к», «а») are joined when together they make an abusive word.
 */
function joinSpelledOut(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length;) {
    let end = i;
    while (
      end < tokens.length && tokens[end]!.text.length === 1 &&
      tokens[end]!.sentence === tokens[i]!.sentence
    ) end++;
    const run = end - i >= 3 ? joined(tokens.slice(i, end)) : null;
    // «ду-ра», «ху ло»: two pieces, one of them no word at all.
    const piece = !run && i + 1 < tokens.length &&
        tokens[i + 1]!.sentence === tokens[i]!.sentence &&
        (fragment(tokens[i]!) || fragment(tokens[i + 1]!))
      ? joined(tokens.slice(i, i + 2))
      : null;
    const merged = run ?? piece;
    if (merged) {
      out.push(merged);
      i += run ? end - i : 2;
      continue;
    }
    out.push(tokens[i]!);
    i++;
  }
  return out;
}

/** Two letters or fewer, and not a word of their own («ду», «ра»; not «ты», «на»). */
function fragment(tok: Token): boolean {
  return tok.text.length <= 2 && tok.concepts.size === 0 && !COMMON_SHORT.has(tok.text);
}

const COMMON_SHORT = new Set(
  ("я ты вы мы он их ей им на не ни и в с к у о а по за из до от же ли бы то да ну но во со " +
    "об ко из уж ой ах эх ох ок мне же нет это как так что кто там тут").split(" "),
);

/** The pieces as one word, when that word is abusive. */
function joined(pieces: Token[]): Token | null {
  const text = pieces.map((tok) => tok.text).join("");
  const concepts = confirmed(text, ABUSE_INDEX.match(text));
  if (!ABUSIVE.some((c) => concepts.has(c)) || concepts.has("group")) return null;
  return { ...pieces[0]!, text, concepts };
}

/**
 * Clause and quote of each word of undisguised text, in the order `readWords` gives them (the
 * same token pattern), plus the sentences that end in a question mark.
 */
const LAYOUT_TOKEN = /[\p{L}\d@$€*]+(?:'[a-z]+)*|[.!?;\n…]+|[,:()«»"“”„—–]|(?<=\s)-(?=\s)/gu;

function layoutOf(text: string, questions: Set<number>): Place[] {
  const out: Place[] = [];
  let sentence = 0;
  let clause = 0;
  let quoted = false;
  let dash = false;
  // `match` gives plain strings (no match object per word).
  for (const token of text.match(LAYOUT_TOKEN) ?? []) {
    const first = token[0]!;
    if (".!?;\n…".includes(first)) {
      if (token.includes("?")) questions.add(sentence);
      sentence++;
      clause++;
      dash = false;
    } else if (first === "«" || first === "“" || first === "„") {
      quoted = true;
      clause++;
    } else if (first === "»" || first === "”") {
      quoted = false;
      clause++;
    } else if (first === '"') {
      quoted = !quoted;
      clause++;
    } else if (",:()—–-".includes(first)) {
      clause++;
      dash = first === "—" || first === "–" || first === "-";
    } else if (ANY_LETTER.test(token) || ONLY_DIGITS.test(token)) {
      out.push({ raw: token, clause, quoted, dash });
    }
  }
  return out;
}

// ---- Rules -------------------------------------------------------------------------------------

/** First person or infinitive of a reflexive verb: «выпилюсь», «выпилиться» (the writer). */
const SELF_FORM = /(?:юсь|усь|ться|тся)$/;

const notSelf = (m: Message) => (j: number) => m.has(j, "self_nom") || m.has(j, "self_obl");

function threat(m: Message): boolean {
  // Whether a sentence is tender depends on the sentence alone: read once per sentence.
  const tenderSentences = new Map<number, boolean>();
  const inTender = (i: number) => {
    const { sentence } = m.tokens[i]!;
    let found = tenderSentences.get(sentence);
    if (found === undefined) tenderSentences.set(sentence, found = tender(m, sentence));
    return found;
  };
  for (let i = 0; i < m.tokens.length; i++) {
    const tok = m.tokens[i]!;
    const c = tok.concepts;
    if (c.size === 0 || m.reported(i)) continue;
    const negated = m.negated(i);
    // «выпей все таблетки разом»: a whole supply swallowed (pills make a sentence look tender).
    if (
      c.has("swallow_imperative") && !negated && m.near(i, "pills", 4, "after") &&
      !m.any("prescribed")
    ) {
      if (m.near(i, "whole_supply", 4, "after")) return true;
    }
    if (inTender(i)) continue;
    // A violent first-person verb against the addressee: «я тебя урою», «ноги переломаю».
    if (c.has("threat_verb") && !m.game && !negated) {
      const target = m.targetOf(i, notSelf(m));
      // «найду тебя», «приеду к тебе» are threats only bare («я тебя из-под земли достану»).
      if (target === "you" && (!c.has("hunt") || bareHunt(m, i))) return true;
      if (target === null && (m.near(i, "body_part", 3) || onlyThreats(m))) return true;
    }
    // «я тебя порежу», «проломлю тебе башку» — but not «нарежу тебе салат».
    if (c.has("harm_verb") && !m.game && !negated && m.targetOf(i, notSelf(m)) === "you") {
      if (m.near(i, "you_acc", 3) || m.near(i, "body_part", 3)) return true;
    }
    // «тебе конец», «ты труп», «тебе не жить» — but not «тебе конец фильма понравился?».
    if (c.has("doom") && (m.near(i, "you_obl", 2, "before") || m.near(i, "you_nom", 2, "before"))) {
      const next = m.tokens[i + 1];
      const ends = !next || next.clause !== tok.clause || next.concepts.has("filler") ||
        next.concepts.has("you_nom") || next.concepts.has("you_obl");
      if (ends && (!c.has("live") || m.has(i - 1, "negation"))) return true;
    }
    // «попадёшься мне — убью», «лучше не попадайся мне на глаза».
    if (c.has("caught") && m.near(i, "self_obl", 2)) return true;
    // «сдохнешь в одиночестве», «если ты повесишься».
    if (c.has("die_2p") && !negated && !m.game && !SELF_FORM.test(tok.text)) return true;
    // «ты ещё пожалеешь», «ответишь за всё», «ходи и оглядывайся».
    if (c.has("retribution") && !negated && !m.game && !m.inSentence(i, "condition")) {
      if (tok.text.startsWith("ответ") || tok.text === "получишь") {
        if (m.near(i, "all", 3) || m.inSentence(i, "self_obl")) return true;
      } else if (!/(?:ет|ют|тся)$/.test(tok.text)) {
        return true;
      } else if (m.inSentence(i, "your_poss") && !m.inSentence(i, "third_nom")) {
        // «и семья твоя пожалеет» (but not «он ещё пожалеет, что так с тобой поступил»)
        return true;
      }
    }
    // «вали, пока цел».
    if (c.has("intact") && m.has(i - 1, "while")) return true;
    // «знаю, где ты живёшь», «знаю твой адрес», «жди гостей».
    if (c.has("locate") && !negated) {
      if (m.inSentence(i, "lives") || (m.inSentence(i, "address") && m.inSentence(i, "you_obl"))) {
        return true;
      }
    }
    if (c.has("visitors") && (m.near(i, "imperative", 2) || m.inSentence(i, "you_obl"))) {
      return true;
    }
    // Death wishes: «сдохни», «гори в аду», «чтоб ты сдох», «лучше бы ты не родился».
    if ((c.has("die_imperative") || c.has("die_imperative_rule")) && !negated) return true;
    if (c.has("burn") && m.near(i, "hell", 2, "after")) return true;
    if (c.has("wish") && deathWished(m, i)) return true;
    // «таким как ты жить не стоит», «тебе незачем жить».
    if (c.has("live") && m.inSentence(i, "worth") && !m.game) {
      const pointless = m.tokens.some((t) => t.sentence === tok.sentence && t.text === "незачем");
      if (m.near(i, "negation", 3) || m.inSentence(i, "to_nobody") || pointless) {
        if (m.targetOf(i, notSelf(m)) === "you") return true;
      }
    }
    // «прыгай, никто плакать не будет».
    if (c.has("nobody") && m.near(i, "miss_you", 3, "after")) {
      if (m.any("jump_on") || m.any("kys") || m.any("die_imperative") || m.any("die_2p")) {
        return true;
      }
    }
    // Telling the partner to kill themselves.
    // (Not «я выпилюсь», «хочу самовыпилиться»: that is the writer in crisis.)
    // («хоть вешайся с этими пробками»: despair at a situation, an idiom.)
    const idiom = m.tokens[i - 1]?.text === "хоть";
    if ((c.has("kys") || c.has("noose_rule")) && !negated && !idiom && !SELF_FORM.test(tok.text)) {
      if (m.targetOf(i) !== "self") return true;
    }
    if (c.has("kill_imperative") && m.near(i, "reflexive", 2, "after")) return true;
    if ((c.has("jump") || c.has("jump_rule")) && jumpToHarm(m, i)) return true;
    if (c.has("jump_inf") && jumpToHarm(m, i) && m.near(i, "you_obl", 3)) return true;
    if (c.has("cut_imperative") && !negated) {
      // «порежь себя», «вены себе вскрой».
      if (m.near(i, "reflexive", 2) || m.near(i, "cut_deeper", 3)) return true;
    }
    // Sextortion: photos or a chat made public unless…
    if (c.has("expose") && !negated && leverage(m, i)) {
      if (m.inSentence(i, "media") || m.inSentence(i, "your_poss") || m.inSentence(i, "all")) {
        return true;
      }
      // «у меня есть твои фотки. переведи 5000 или выложу в сеть»
      if (m.any("media") && (m.any("your_poss") || m.any("you_obl"))) return true;
    }
    // «сольём тебя в паблик с фоткой»: the partner themself exposed to an audience or with a photo.
    if (
      c.has("expose") && !negated && !m.game && m.near(i, "you_acc", 2) &&
      (m.inSentence(i, "media") || m.inSentence(i, "audience"))
    ) {
      return true;
    }
    // «разошлю твои голые фото всем»: the partner's pictures spread, even with no condition.
    if (c.has("expose") && !negated && m.inSentence(i, "media") && m.inSentence(i, "your_poss")) {
      if (m.inSentence(i, "audience") || m.inSentence(i, "intimate")) return true;
    }
  }
  return false;
}

/**
 * Whether a «threat» in `sentence` is tenderness or a joke: its condition is the partner's
 * own care — food, sleep, warmth, rest, medicine («убью, если не поешь», «ещё раз засидишься на
 * работе до ночи — прибью») — or the partner running themselves down («ещё раз назовёшь себя
 * неудачником — стукну»); its weapon is a pillow, a slipper or a heart; its verb a hug or a
 * tickle («затискаю до смерти»); or the message laughs («ты труп 😂», «ахаха, убью»). «Убью, если
 * не ответишь», «если напишешь ему» and a smile over a threat («спи крепко, пока можешь 🙂») stay
 * threats.
 */
function tender(m: Message, sentence: number): boolean {
  const inSentence = m.tokens.filter((tok) => tok.sentence === sentence).map((tok) => tok.text);
  const caringWord = (word: string) =>
    CARE_VERB.test(word) || CARING_ACT.test(word) || SOFT_HARM.test(word) || TUCKING.test(word);
  if (inSentence.some(caringWord)) return true;
  if (inSentence.includes("себя") && inSentence.some((word) => RUNNING_DOWN.test(word))) {
    return true;
  }
  return m.laughing && !m.tokens.some((tok) => tok.concepts.has("insult"));
}
const CARE_VERB =
  /^(?:поешь|поеш|ешь|кушаешь|покушаешь|пообедаешь|позавтракаешь|поужинаешь|поспишь|спишь|выспишься|высыпаешься|ляжешь|ложишься|оденешься|наденешь|одеваешься|укутаешься|отдохнешь|отдыхаешь|примешь|бережешь|засидишься|пересидишь|перерабатываешь|недосыпаешь|таблетк\p{L}*|лекарств\p{L}*|витамин\p{L}*|шапк\p{L}*|шарф\p{L}*)$/u;
/**
 * Caring acts, the partner's or the writer's: eating, sleep, rest, warm clothes; feeding, hugging,
 * tucking in. Not the things (pills, a scarf) of `CARE_VERB`: real threats name those too.
 */
const CARING_ACT =
  /^(?:(?:на|за|от|по)?корм\p{L}*|(?:по)?(?:завтрака|обеда|ужина)\p{L}*|поесть|поешь|поел[аи]?|покушай|покушать|кушаешь|кушал[аи]?|поспи|поспать|поспишь|выспись|выспаться|выспишься|высыпаешься|недосыпаешь|оденься|оденешься|одевайся|надень|наденешь|отдохни|отдохнуть|отдохнешь|отдыхаешь|засидишься|перерабатываешь|бережешь|обниму|обнимать|заобнима\p{L}*|укрою|укрыть|укутаю|укутать|укутаешься)$/u;
/** Soft «weapons» and tender verbs: a pillow, a slipper, hearts; to hug, tickle, feed, kiss. */
const SOFT_HARM =
  /^(?:подушк\p{L}*|тапк\p{L}*|тапочк\p{L}*|сердечк\p{L}*|щелбан\p{L}*|обнимашк\p{L}*|защекоч\p{L}*|затиска\p{L}*|заобним\p{L}*|залюбл\p{L}*|закормл\p{L}*|зацел\p{L}*|укута\p{L}*)$/u;
/**
 * Tucking in and hugging («уложу и одеялом придушу», «задушу в объятиях»): tender for a threat's
 * rule, but no veto of the model (a blanket is in sexual advances too).
 */
const TUCKING = /^(?:одеял\p{L}*|объяти\p{L}*|объятья\p{L}*|уложу|уложить)$/u;
/** Running oneself down: «винить себя», «назовёшь себя неудачником». */
const RUNNING_DOWN =
  /^(?:вини\p{L}*|руга\p{L}*|казни\p{L}*|назов\p{L}*|называ\p{L}*|грызе\p{L}*|грызт\p{L}*)$/u;

/** «если не…», «иначе», «не ответишь — …»: a condition put to the addressee. */
function leverage(m: Message, i: number): boolean {
  return m.inSentence(i, "condition") ||
    m.tokens.some((tok, j) => tok.concepts.has("you_verb") && m.has(j - 1, "negation"));
}

/** Whether the clause of a «найду / достану» at `i` holds nothing but people and intensifiers. */
function bareHunt(m: Message, i: number): boolean {
  const { sentence, clause } = m.tokens[i]!;
  return m.tokens.every((tok, j) =>
    j === i || tok.sentence !== sentence || tok.clause !== clause ||
    tok.concepts.has("hunt_intensifier") || tok.concepts.has("filler") ||
    m.roleOf(j) !== null || tok.concepts.has("threat_verb")
  );
}

/** «найду и закопаю», «урою!»: nothing but threat verbs and fillers. */
function onlyThreats(m: Message): boolean {
  return m.tokens.every((tok) =>
    tok.concepts.has("threat_verb") || tok.concepts.has("filler") ||
    tok.concepts.has("interjection") || tok.concepts.has("go_where")
  );
}

/**
 * A jump at `i` towards something high or a train: «спрыгни с крыши», «кинься под поезд», «выйди
 * в окно» — not «прыгай в поезд, он трогается» or «выйди на балкон, подыши».
 */
function jumpToHarm(m: Message, i: number): boolean {
  const leaving = JUMP_OUT.test(m.tokens[i]!.text);
  for (let j = i + 1; j < m.tokens.length && j <= i + 3; j++) {
    const tok = m.tokens[j]!;
    if (tok.sentence !== m.tokens[i]!.sentence) return false;
    if (!tok.concepts.has("high_place") && !tok.concepts.has("vehicle_rule")) continue;
    if (TRAIN.test(tok.text)) return m.tokens[j - 1]?.text === "под";
    return !leaving || WINDOW.test(tok.text);
  }
  return false;
}
const JUMP_OUT = /^выйди$/;
// Under a train or a car: «кинься под поезд», «бросайся под машину» (not «прыгай в машину»).
const TRAIN = /^(?:поезд|машин|электричк|грузовик)/;
const WINDOW = /^окн/;

/** After a wish word at `i`: the addressee dying, or never born, or better not living. */
function deathWished(m: Message, i: number): boolean {
  const sentence = m.tokens[i]!.sentence;
  for (let j = i + 1; j < m.tokens.length && j <= i + 7; j++) {
    const tok = m.tokens[j]!;
    if (tok.sentence !== sentence) break;
    const negated = m.has(j - 1, "negation");
    const c = tok.concepts;
    const born = /^(?:родил|рожд|рожал)/.test(tok.text);
    const dying = born ? negated : ((c.has("die_verb") || c.has("die_verb_rule")) && !negated) ||
      (c.has("suicide_inf") && !negated) ||
      ((c.has("live") || c.has("wake_rule")) && negated) || (c.has("disease") && !negated) ||
      (c.has("curse") && !negated) || c.has("hell");
    if (!dying) continue;
    if (
      m.targetOf(j, notSelf(m)) === "you" || m.near(j, "you_nom", 4) || m.near(j, "you_obl", 4)
    ) {
      return true;
    }
  }
  return false;
}

function sexual(m: Message): boolean {
  for (let i = 0; i < m.tokens.length; i++) {
    const tok = m.tokens[i]!;
    const c = tok.concepts;
    if (c.size === 0 || m.reported(i)) continue;
    const negated = m.negated(i);
    // A demand for intimate pictures: «скинь нюдсы», «покажи себя без одежды».
    if (c.has("demand") && !negated) {
      // «сфоткай себя в зеркале в нижнем белье»: the object may come six words on.
      for (let j = i + 1; j < m.tokens.length && j <= i + 7; j++) {
        if (m.tokens[j]!.sentence !== tok.sentence) break;
        if (m.has(j, "intimate") && !m.has(j, "body_sexual")) return true;
        if (m.has(j, "body_sexual") && !m.inSentence(j, "third_obl")) return true;
      }
    }
    if (c.has("undress") && !negated) return true;
    // A sex act proposed to the addressee: «хочу тебя трахнуть», «давай вирт», «отсоси».
    if (c.has("sex_act") && !negated) {
      const target = m.targetOf(i, notSelf(m));
      const proposed = target === "you" || m.inSentence(i, "propose");
      if (proposed && !m.inSentence(i, "third_nom") && !m.inSentence(i, "person")) return true;
      if (m.tokens.length <= 3 && target !== "third") return true;
    }
    if (c.has("take") && m.near(i, "oral", 2, "after")) return true;
    // «раком поставлю»
    if (c.has("position") && m.near(i, "put", 2)) return true;
    // Intimate questions and remarks about the addressee's body.
    if (c.has("private_part") && m.targetOf(i) === "you") return true;
    if (c.has("body_sexual") && m.targetOf(i) === "you") {
      if (m.inSentence(i, "appraise") || m.near(i, "question_word", 3)) return true;
    }
    if (c.has("bed") && m.targetOf(i) === "you" && m.questions.has(tok.sentence)) return true;
    if (c.has("intimate_question") && m.targetOf(i) === "you") return true;
    if (c.has("price_ask") && m.inSentence(i, "price_night")) return true;
    // «покажи себя без одежды», «а ты без трусов?»
    if (c.has("clothes") && m.has(i - 1, "without") && m.targetOf(i) === "you") return true;
    if (c.has("clothes") && m.has(i - 1, "without") && m.near(i, "demand", 4, "before")) {
      return true;
    }
  }
  return false;
}

function hate(m: Message): boolean {
  for (let i = 0; i < m.tokens.length; i++) {
    const c = m.tokens[i]!.concepts;
    if (c.size === 0 || m.reported(i)) continue;
    if (c.has("slur") && !m.negated(i)) return true;
    const group = c.has("group");
    // «всех их надо…»: a crowd of people, named or not.
    const crowd = c.has("all") && (m.near(i, "third_obl", 2) || m.near(i, "third_nom", 2));
    if (!(group || crowd) || m.game) continue;
    for (let j = 0; j < m.tokens.length; j++) {
      const tok = m.tokens[j]!;
      if (tok.sentence !== m.tokens[i]!.sentence || j === i) continue;
      const tc = tok.concepts;
      // Violence called for: «надо выгнать», «бей …», «я бы всех перестрелял».
      const cured = tc.has("cure") && c.has("lgbt");
      if ((tc.has("violence") || cured) && !m.negated(j)) {
        const imperative = /(?:ей|ейте|и|ите|ай|айте|ь)$/.test(tok.text) &&
          !/(?:ть|ти|чь)$/.test(tok.text);
        if (imperative || m.inSentence(j, "modal") || m.inSentence(j, "would")) return true;
        // «… всех перестрелять»: an infinitive over all of them is a call.
        if (group && m.near(j, "all", 2)) return true;
      }
      if (!group) continue;
      // «… в печь», «… под нож» with no verb at all.
      if (tc.has("violence_noun") && m.tokens.length <= 6) return true;
      // Dehumanised: «… животные», «… не люди», «все … тупые».
      if (tc.has("dehuman")) return true;
      if (tc.has("human") && m.has(j - 1, "negation")) return true;
      if (tc.has("insult") && !tc.has("interjection") && !m.negated(j)) return true;
    }
  }
  return false;
}

function insult(m: Message): boolean {
  if (m.nothingButInsults() && !(m.friendly && !strongInMessage(m))) return true;
  for (let i = 0; i < m.tokens.length; i++) {
    const tok = m.tokens[i]!;
    const c = tok.concepts;
    const reported = m.reported(i);
    if (!reported) {
      // Obscene imperatives: «иди нахуй», «завали ебало», «отъебись», «пошёл вон».
      // (Not «да пошёл он нахуй, этот козёл»: sent off is someone else.)
      const sentOff = m.has(i + 1, "third_nom") || m.has(i + 1, "person");
      const away = m.near(i, "go_where", 4, "after") || m.near(i, "go_away", 1, "after");
      if (c.has("go") && away && !sentOff) return true;
      if (c.has("shut") && m.near(i, "mouth", 3)) return true;
      if (c.has("shut_past") && m.near(i, "would", 1, "after")) return true;
      if (c.has("obscene_imperative")) return true;
      if (c.has("treat") && (m.near(i, "head", 3) || m.near(i, "go", 1, "before"))) {
        if (m.targetOf(i) !== "self" && m.targetOf(i) !== "third") return true;
      }
      // «ты охуел?», «заебал уже».
      if (c.has("obscene_verb")) {
        const target = m.targetOf(i);
        if (target === "you" || (target === null && m.standsAlone(i))) return true;
      }
    }
    // «твоя мать шлюха»: the partner's mother called names.
    if (c.has("mother") && m.near(i, "your_poss", 1, "before")) {
      if (m.inSentence(i, "insult") || m.inSentence(i, "sex_act")) return true;
      if (m.inSentence(i, "mother_verb")) return true;
    }
    if (reported) continue;
    // An insult, body shaming or a demeaning word aimed at the addressee.
    const strong = c.has("insult") || c.has("body");
    const mild = c.has("insult_mild") && !strong;
    const fond = mild && (m.friendly || m.near(i, "self_poss", 2, "after"));
    if ((strong || mild) && !m.negated(i) && !fond) {
      if (m.targetOf(i) === "you") return true;
      // «я считаю тебя идиотом»: a first-person judgement of the addressee.
      if (m.near(i, "you_obl", 2, "before") && m.near(i, "deem", 4, "before")) return true;
    }
    // «тупая как пробка», «страшная как смертный грех»: a simile that stands for an insult.
    if ((strong || mild) && i === 0 && m.has(1, "simile") && m.tokens.length <= 6) return true;
    // «у тебя лицо как у жабы»
    if (c.has("looks") && m.near(i, "animal", 4, "after") && m.near(i, "simile", 3, "after")) {
      if (m.targetOf(i) === "you") return true;
    }
    // «ты никому не нужен», «да кому ты нужна».
    // (Not «ещё раз скажешь, что ты никому не нужен — …»: the partner's own words, answered.)
    if (c.has("needed") && m.near(i, "to_nobody", 3) && m.targetOf(i) === "you") {
      if (!m.tokens.slice(m.sentences[tok.sentence]!.start, i).some((t) => YOU_SAY.test(t.text))) {
        return true;
      }
    }
    // «ты никто».
    if (c.has("nobody") && m.has(i - 1, "you_nom")) return true;
    // «твоя рожа», «с такой рожей», «с такой фигурой только ворон пугать».
    if (c.has("face") && m.has(i - 1, "your_poss")) return true;
    if ((c.has("face") || c.has("looks")) && m.has(i - 1, "such") && m.has(i - 2, "with")) {
      if (m.targetOf(i) !== "third" && m.targetOf(i) !== "self") return true;
    }
    // «у тебя мозгов нет», «с вашим уровнем интеллекта», «у тебя вообще мозги есть?»
    if (c.has("mind") && m.targetOf(i) === "you") {
      if (m.inSentence(i, "lack") || m.inSentence(i, "level")) return true;
      if (m.questions.has(tok.sentence) && m.near(i, "filler", 2)) return true;
      if (m.near(i, "insult_mild", 4) || m.near(i, "body", 4)) return true;
    }
    // «вы не очень умный»
    if (c.has("smart") && m.near(i, "negation", 2, "before") && m.targetOf(i) === "you") {
      return true;
    }
    // «на тебя смотреть противно»
    if (c.has("disgust") && m.inSentence(i, "look") && m.targetOf(i) === "you") return true;
  }
  return false;
}

/** The partner saying or writing something: «скажешь», «говоришь», «пишешь». */
const YOU_SAY = /^(?:скажешь|говоришь|пишешь|напишешь|повторишь|повторяешь|твердишь)$/;

function strongInMessage(m: Message): boolean {
  return m.tokens.some((tok) =>
    tok.concepts.has("insult") || tok.concepts.has("body") || tok.concepts.has("obscene_verb")
  );
}

/** The kind of abuse aimed at the chat partner in a message, or null. */
export function detectToxicity(text: string): ToxicityCategory | null {
  if (!/\p{L}/u.test(text)) return null;
  const m = new Message(text);
  return m.tokens.length === 0 ? null : namedAbuse(m);
}

function namedAbuse(m: Message): ToxicityCategory | null {
  if (threat(m)) return "threat";
  if (sexual(m)) return "sexual";
  if (hate(m)) return "hate";
  if (insult(m)) return "insult";
  return null;
}

/**
 * What the relay does with a message: `category` when a rule names the abuse; `hurtful` when no
 * rule does but a learned model (shared/safety/text_model.ts over the words as the rules read
 * them, abuse_model_weights.json, trained on tuning corpora only) reads it as aimed at the
 * partner. People insult in more ways than rules list («с таким интеллектом неудивительно»); a
 * guess is held back like abuse but never counts as a strike.
 */
export interface AbuseVerdict {
  category: ToxicityCategory | null;
  hurtful: boolean;
}

const ABUSE_MODEL = trainedWeights as TextModel;

/** The words as the model reads them: without the concepts only the rules know (`_rule`). */
function modelWords(tokens: readonly Token[]): Token[] {
  return tokens.map((tok) =>
    [...tok.concepts].some((c) => c.endsWith("_rule"))
      ? { ...tok, concepts: new Set([...tok.concepts].filter((c) => !c.endsWith("_rule"))) }
      : tok
  );
}

export function assessAbuse(text: string, model: TextModel = ABUSE_MODEL): AbuseVerdict {
  if (!/\p{L}/u.test(text)) return { category: null, hurtful: false };
  const m = new Message(text);
  if (m.tokens.length === 0) return { category: null, hurtful: false };
  const category = namedAbuse(m);
  if (category || !modelSpeaks(m.tokens.length)) return { category, hurtful: false };
  return {
    category,
    hurtful: modelSays(model, modelWords(m.tokens)) && !caring(m) && !aimedElsewhere(m),
  };
}

/**
 * A message whose hostile words all have someone else as their target — an insult a quote,
 * oneself or an absent person of the partner's or one's own, a threat or an obscene verb a quote
 * («бывшая твоя сука, конечно», «в личку писали «иди повесься, урод»», «сама виновата, дура»):
 * the model, which reads the words and not whom they are aimed at, is not heard then. A message
 * with no such word (contempt in plain words) stays the model's to read.
 */
function aimedElsewhere(m: Message): boolean {
  let hostile = false;
  const retold = m.any("quote") || m.any("meta");
  // «сказала, что ты полная дура», «как ты»: the partner named outside a quote.
  const youNamed = m.tokens.some((tok) =>
    !tok.quoted && (tok.concepts.has("you_nom") || tok.concepts.has("you_obl"))
  );
  for (let i = 0; i < m.tokens.length; i++) {
    const insulting = NAME_CALLING.some((concept) => m.has(i, concept));
    if (!insulting && !THREATENING.some((concept) => m.has(i, concept))) continue;
    hostile = true;
    // Quoted from someone who said it («мне писали «…»»), not «повтори: «я пустое место»»; a
    // threat's verb only in quotation marks («не сделаешь, как я сказал, — сломаю…» is none).
    const quoted = m.reported(i) && retold && (insulting || m.tokens[i]!.quoted);
    if (quoted && !youNamed) continue;
    if (!insulting || m.negated(i)) return false;
    const target = m.targetOf(i);
    // «тупая я овца», «сама виновата, дура» — not «какие мы нежные, тряпка», «не пиши мне, овца».
    // (Not «я таких дебилов не встречал», «повтори за мной: я никчёмная».)
    const plural = PLURAL.test(m.tokens[i]!.text);
    const ordered = m.any("imperative");
    if (target === "self" && speaksOfSelf(m, m.tokens[i]!.sentence) && !youNamed) {
      if (!plural && !ordered) continue;
    }
    // Someone of the partner's or one's own, named: «бывшая твоя», «твои одноклассники» — not
    // «…такими же уродами, как ты».
    const near = m.tokens.some((tok, j) =>
      Math.abs(j - i) <= 4 && tok.sentence === m.tokens[i]!.sentence && !tok.quoted &&
      (tok.concepts.has("you_nom") ||
        (tok.concepts.has("you_obl") && !tok.concepts.has("your_poss")))
    );
    if (target !== "third" || !someonesPerson(m, m.tokens[i]!.sentence) || near) return false;
  }
  return hostile;
}

/** Whether a sentence has the writer alone as a subject: «я», «сама», «сам». */
function speaksOfSelf(m: Message, sentence: number): boolean {
  const { start, end } = m.sentences[sentence]!;
  return m.tokens.slice(start, end).some((tok) => !tok.quoted && /^(?:я|сама|сам)$/.test(tok.text));
}

/** Whether a sentence names a person with «твой» or «мой» beside («бывшая твоя», «мой батя»). */
function someonesPerson(m: Message, sentence: number): boolean {
  const { start, end } = m.sentences[sentence]!;
  for (let j = start; j < end; j++) {
    // («мать твою …» is the partner insulted through his mother.)
    if (!m.has(j, "person") || m.has(j, "mother")) continue;
    for (const k of [j - 1, j + 1]) {
      if (k >= start && k < end && (m.has(k, "your_poss") || m.has(k, "self_poss"))) return true;
    }
  }
  return false;
}
const NAME_CALLING = ["insult", "insult_mild", "body", "slur"];
const THREATENING = ["obscene_verb", "threat_verb", "harm_verb", "kys", "die_imperative", "die_2p"];

/**
 * A message that names a caring act or a soft «weapon» (feeding, sleep, a hug, a pillow): the
 * model reads «убью», «закопаю» as hostile wherever they stand and is not heard then; the rules,
 * which know whom a threat is aimed at and what it is for, still are.
 */
function caring(m: Message): boolean {
  return m.tokens.some((tok) => CARING_ACT.test(tok.text) || SOFT_HARM.test(tok.text));
}

/**
 * The model guesses only from three words up: «Смотри», «Иди», «Отстань» are too little to read
 * a tone from, and a lone insult is the rules' to name.
 */
export function modelSpeaks(words: number): boolean {
  return words >= 3;
}

/** How many words the abuse rules read in a text (for the training script's gate). */
export function abuseWordCount(text: string): number {
  return new Message(text).tokens.length;
}

/** The abuse model's features of a text (for its training script). */
export function abuseFeatures(text: string): string[] {
  return textFeatures(modelWords(new Message(text).tokens));
}

/**
 * For names others will see (a pseudonym): abuse as in `detectToxicity`, and also any slur,
 * insult, obscene or intimate word, whoever it is aimed at; null when the words are clean.
 */
export function detectAbusiveWords(text: string): ToxicityCategory | null {
  const found = detectToxicity(text);
  if (found) return found;
  for (const tok of new Message(text).tokens) {
    const c = tok.concepts;
    if (c.has("slur")) return "hate";
    if (c.has("sex_act") || c.has("private_part") || (c.has("intimate") && !c.has("body_sexual"))) {
      return "sexual";
    }
    // (Body words stay: «Жирный Кот», «Бегемотик» are names one gives oneself.)
    if (c.has("insult") || c.has("obscene_verb") || c.has("interjection")) {
      return "insult";
    }
  }
  return null;
}

/**
 * For texts everyone reads (a bio, an event's title or description): abuse as in
 * `detectToxicity`, and also what insults the readers with nobody addressed: a strong insult
 * aimed at a group («встреча для тупых уродов», «клуб для неудачников»), explicit sexual words
 * («пишите, кто хочет секса»). Venting about one person stays («бывший был мудаком»).
 */
export function detectPublicAbuse(text: string): ToxicityCategory | null {
  const found = detectToxicity(text);
  if (found) return found;
  const tokens = new Message(text).tokens;
  // «для тех, кого называли тупыми»: what others said is a story, not an insult.
  const reported = tokens.some((tok) => tok.concepts.has("quote"));
  for (const tok of tokens) {
    const c = tok.concepts;
    if (c.has("slur")) return "hate";
    if (c.has("sex_act") || c.has("private_part")) return "sexual";
    const strong = c.has("insult") || c.has("obscene_verb");
    if (strong && !reported && PLURAL.test(tok.text)) return "insult";
  }
  return null;
}

// Plural endings of nouns and adjectives: an insult in the plural is aimed at a group.
const PLURAL = /(?:ы|и|ов|ев|ей|ам|ям|ами|ями|ах|ях|ых|их|ые|ие|ым|им)$/;

/**
 * The words of a message as the rules read them, with their concepts («ты[you_nom]»), for
 * finding out why a message was or was not flagged.
 */
export function describeReading(text: string): string {
  return new Message(text).tokens.map((tok) => {
    const concepts = [...tok.concepts].join(",");
    return `${tok.text}${tok.quoted ? "«»" : ""}${concepts ? `[${concepts}]` : ""}`;
  }).join(" ");
}
