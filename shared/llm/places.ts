/**
 * Where someone lives, below the size of a city, for the LLM anonymiser
 * (shared/coach/anonymize.ts): a district, a micro-district, a village or a settlement finds a
 * person — «живу в Кузьминках», «я с Текстильщиков», «на химмаше живу», «в Заречном районе»,
 * «Марьино, у меня там тётя комнату сдаёт» — while a big city, a region or a country does not
 * («живу в Казани», «переехала в Германию», «я из Сибири»).
 *
 * A place counts in a sentence about home (living, moving, growing up, a flat or a house), after
 * a preposition of place, or first in the sentence before a comma; with a capital, or in lower
 * case right beside a verb of living when the dictionary knows it as a place or not at all. Names
 * of people («живу с Сашей») are not places. The big places are a list of lemmas (`BIG_PLACES`):
 * cities of about 150,000 people or more in Russia and the CIS, capitals people move to,
 * countries and regions.
 *
 * Offsets are UTF-16 offsets in the text given.
 */
import { type NameInfo, nameInfo } from "./names.ts";

export interface PlaceSpan {
  start: number;
  end: number;
}

const BIG_PLACES = new Set(
  `москва петербург санкт-петербург питер спб мск новосибирск екатеринбург екб казань
  новгород челябинск самара омск ростов ростов-на-дону уфа красноярск воронеж пермь волгоград
  краснодар саратов тюмень тольятти ижевск барнаул ульяновск иркутск хабаровск ярославль
  владивосток махачкала томск оренбург кемерово новокузнецк рязань астрахань челны пенза киров
  липецк чебоксары балашиха калининград тула курск севастополь ставрополь улан-удэ сочи тверь
  магнитогорск иваново брянск белгород сургут владимир чита архангельск тагил симферополь калуга
  смоленск волжский якутск саранск череповец курган вологда орел владикавказ подольск грозный
  мурманск тамбов стерлитамак петрозаводск кострома нижневартовск новороссийск йошкар-ола химки
  таганрог комсомольск-на-амуре сыктывкар нальчик шахты дзержинск братск орск ангарск
  благовещенск энгельс оскол псков бийск прокопьевск рыбинск балаково армавир южно-сахалинск
  северодвинск петропавловск-камчатский норильск сызрань мытищи люберцы волгодонск новочеркасск
  абакан находка уссурийск златоуст электросталь салават миасс керчь копейск пятигорск
  альметьевск березники коломна майкоп одинцово ковров красногорск кисловодск дербент
  серпухов первоуральск черкесск обнинск назрань элиста зеленоград королев реутов долгопрудный
  жуковский пушкино раменское домодедово щелково ногинск сергиев посад
  алматы алма-ата астана нур-султан шымкент караганда актобе тараз павлодар усть-каменогорск
  семей атырау костанай кызылорда уральск петропавловск актау темиртау туркестан кокшетау
  талдыкорган экибастуз ташкент самарканд бухара наманган андижан фергана нукус карши коканд
  джизак термез ургенч навои бишкек ош душанбе худжанд ашхабад минск гомель могилев витебск
  гродно брест бобруйск барановичи борисов пинск киев харьков одесса днепр днепропетровск
  донецк запорожье львов николаев мариуполь луганск винница херсон полтава чернигов черкассы
  житомир сумы хмельницкий ровно ужгород кишинев бельцы тирасполь ереван гюмри баку гянджа
  сумгаит тбилиси батуми кутаиси рига вильнюс каунас таллин берлин париж лондон нью-йорк прага
  варшава стамбул анталья дубай пекин токио сеул рим милан мадрид барселона вена амстердам
  хельсинки тель-авив иерусалим бангкок
  россия рф казахстан узбекистан украина беларусь белоруссия кыргызстан киргизия таджикистан
  туркменистан армения азербайджан грузия молдова молдавия германия польша чехия турция израиль
  сша америка канада англия великобритания франция италия испания китай япония корея таиланд
  оаэ эмираты европа азия латвия литва эстония финляндия сербия черногория кипр португалия
  нидерланды голландия австрия швейцария швеция норвегия бали вьетнам индия египет монголия
  подмосковье сибирь урал кавказ крым кубань восток север юг запад алтай якутия татарстан
  башкирия башкортостан чечня дагестан бурятия карелия камчатка сахалин приморье ставрополье
  поволжье ленобласть забайкалье чукотка таймыр ямал коми тыва хакасия мордовия чувашия
  удмуртия адыгея калмыкия ингушетия осетия кабардино-балкария дальний родина деревня село`
    .split(/\s+/).filter(Boolean),
);

// A sentence about home: living, moving, growing up, a flat, a house, a street.
const HOME =
  /(?<!\p{L})(?:жив(?:у|[её]м|[её]т|ут|[её]шь|ет|ем)|жил[аи]?|прожил\p{L}*|проживаю|прописан\p{L}*|вырос\p{L}*|родом|переех\p{L}*|перееха\p{L}*|переезжа\p{L}*|снима(?:ю|ем)|домой|дома|дом|домик\p{L}*|квартир\p{L}*|однушк\p{L}*|двушк\p{L}*|общаг\p{L}*|общежити\p{L}*|барак\p{L}*|пятиэтажк\p{L}*|девятиэтажк\p{L}*|подъезд\p{L}*|этаж\p{L}*|двор\p{L}*|сосед\p{L}*|участ(?:ок|ке)|огород\p{L}*|частн\p{L}*\s+(?:дом|сектор)\p{L}*|пишу\s+(?:из|с)|я\s+(?:из|с)|мы\s+из)(?!\p{L})/iu;
// A street and a house number in the sentence: «Каменная Горка, Новая 5».
const STREET_AND_NUMBER = /(?:^|,)\s*\p{Lu}\p{Ll}+,?\s+\d{1,3}(?![\d:.])/u;
const PREPOSITION = /(?:^|[^\p{L}])(?:в|во|на|с|со|из|по|под|за)\s+$/iu;
// Right beside a verb of living, a lower-case place counts: «на химмаше живу», «живу в бутово».
const LIVING_BEFORE =
  /(?:жив(?:у|[её]м|ут)|жил[аи]?|прожил\p{L}*|проживаю|домой|переехал\p{L}*|перееха\p{L}*)\s+(?:на|в|во|из)\s+$/iu;
const LIVING_AFTER = /^\s+(?:жив(?:у|[её]м|ут)|прожил\p{L}*|проживаю)(?!\p{L})/iu;
// A district by its kind: «в Заречном районе», «Наримановский район», «5-й массив».
const DISTRICT_WORD =
  /^(?:район|районе|района|микрорайон\p{L}*|мкр|квартал\p{L}*|массив\p{L}*|поселок\p{L}*|посёлок\p{L}*|городок\p{L}*|жилмассив\p{L}*)$/iu;
// A region after a place's adjective: «в Пензенской области» is the region.
const REGION_WORD = /^(?:област\p{L}*|обл|кра[йяею]\p{L}*|республик\p{L}*|округ\p{L}*)$/iu;
const ADJECTIVE_END = /(?:ая|яя|ой|ую|ий|ый|ое|ее|ом|ем|ого|его|ых|их)$/u;
const CYRILLIC = /^[\p{Script=Cyrillic}-]+$/u;
// Capitalised after «на» without being a place: «на Новый год», «на Пасху».
const HOLIDAY =
  /^(?:нов(?:ый|ом)|рождеств\p{L}*|пасх\p{L}*|маслениц\p{L}*|троиц\p{L}*|курбан\p{L}*|навруз\p{L}*|ураз\p{L}*)$/u;
const PERSONAL_PRONOUN = /^(?:мной|мною|ним|ней|нею|ними|нами|вами|тобой|мамой|папой)$/iu;

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Places smaller than a city where the writer or someone close lives. */
export function homePlaceSpans(text: string): PlaceSpan[] {
  const spans: PlaceSpan[] = [];
  for (const sentence of text.matchAll(/[^.!?\n]+/gu)) {
    if (!HOME.test(sentence[0]) && !STREET_AND_NUMBER.test(sentence[0])) continue;
    const tokens: Token[] = [...sentence[0].matchAll(/\p{L}[\p{L}-]*/gu)].map((m) => ({
      text: m[0],
      start: sentence.index + m.index,
      end: sentence.index + m.index + m[0].length,
    }));
    tokens.forEach((token, i) => {
      const before = text.slice(Math.max(0, token.start - 24), token.start);
      const first = i === 0;
      const afterPreposition = PREPOSITION.test(before);
      if (!afterPreposition && !first) return;
      const phrase = placePhrase(text, tokens, i);
      if (phrase === null) return;
      const last = tokens[phrase.to]!;
      const after = text.slice(last.end, last.end + 24);
      // First in the sentence only before a comma: «Марьино, у меня там…».
      if (!afterPreposition && !/^\s*,/u.test(after)) return;
      // A capital then small letters (not a word shouted in capitals, «Я НА КРЫШЕ»).
      const capital = /^\p{Lu}\p{Ll}/u.test(token.text);
      const lowerAllowed = LIVING_BEFORE.test(before) || LIVING_AFTER.test(after);
      if (!capital && !phrase.district && !lowerAllowed) return;
      // A capitalised word that is no place in the dictionary still names one right after a
      // verb of living or after «на» («живу на Тракторном», «в бараке на Шлаковой»).
      const named = capital && afterPreposition &&
        (LIVING_BEFORE.test(before) || /(?:^|[^\p{L}])на\s+$/iu.test(before));
      if (!phrase.placeLike && !phrase.district && !named) return;
      // In lower case only a place the dictionary knows («на химмаше живу» stays: «живу на
      // обезболе», «в хостеле» are no places).
      if (!capital && !phrase.district && !phrase.geographic) return;
      // First in a sentence: a place only, not a surname that is also one («Щукина, соседка…»).
      if (!afterPreposition && (!phrase.geographic || phrase.surname)) return;
      spans.push({ start: token.start, end: last.end });
    });
  }
  return spans;
}

/** The place's words from token i: one or two (an adjective before a name or a district word). */
function placePhrase(
  text: string,
  tokens: Token[],
  i: number,
): {
  to: number;
  district: boolean;
  placeLike: boolean;
  geographic: boolean;
  surname: boolean;
} | null {
  const word = tokens[i]!;
  const next = tokens[i + 1];
  const lower = word.text.toLowerCase().replace(/ё/g, "е");
  if (PERSONAL_PRONOUN.test(lower) || lower.length < 3 || !CYRILLIC.test(lower)) return null;
  if (HOLIDAY.test(lower)) return null;
  const nextLower = next?.text.toLowerCase().replace(/ё/g, "е") ?? "";
  const joined = next !== undefined && /^\s+$/u.test(text.slice(word.end, next.start));
  let to = i;
  let district = false;
  if (joined && DISTRICT_WORD.test(nextLower) && ADJECTIVE_END.test(lower)) {
    // «Заречном районе»: capitalised adjectives only (not «спальном районе»).
    if (!/^\p{Lu}/u.test(word.text)) return null;
    to = i + 1;
    district = true;
  } else if (
    joined && ADJECTIVE_END.test(lower) &&
    (/^\p{Lu}/u.test(next!.text) === /^\p{Lu}/u.test(word.text)) && !REGION_WORD.test(nextLower)
  ) {
    // «Старая Купавна», «южном бутово».
    to = i + 1;
  }
  // «в Фонтанном доме», «в Зимнем дворце»: the name of a building, not of a district.
  if (
    to === i && joined && ADJECTIVE_END.test(lower) && /^\p{Ll}/u.test(next!.text) &&
    !/^берег/u.test(nextLower)
  ) {
    return null;
  }
  // «в Пензенской области»: the region (after one word or two).
  if (joined && REGION_WORD.test(tokens[to + 1]?.text ?? "")) return null;
  const words = tokens.slice(i, to + 1).map((t) => t.text.toLowerCase().replace(/ё/g, "е"));
  let placeLike = false;
  let geographic = false;
  let head: NameInfo | null = null;
  for (const each of words) {
    const info = nameInfo(each);
    head = info;
    const lemmas = [each, ...(info?.lemmas ?? [])];
    if (lemmas.some((lemma) => BIG_PLACES.has(lemma))) return null;
    if (info === null || info.reading === "unknown" || info.place) placeLike = true;
    if (info?.place) geographic = true;
  }
  // A person («живу с Сашей»), not a place.
  if (!district && head !== null && (head.given || head.patronymic) && !head.place) return null;
  // A word the dictionary reads as a verb is no place.
  if (!district && head !== null && head.reading === "word" && !head.place && head.verb) {
    return null;
  }
  return { to, district, placeLike, geographic, surname: head?.surname ?? false };
}
