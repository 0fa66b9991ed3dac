/**
 * Where someone works or studies, for the LLM anonymiser (shared/coach/anonymize.ts): with a
 * city, a school number or an employer's name a person is easy to find. Found here, by their
 * shape only (proper names of employers without a shape are the anonymiser's capitalised-word
 * rules):
 *
 * - the number of a numbered institution: «школа № 57», «в лицее 1580», «детский сад №45»,
 *   «МБОУ СОШ №12», and the ordinal form «в 42-й школе», «239-й школы», «11-ю гимназию», «в
 *   пятьдесят седьмой школе», «шк 19»; the ordinal alone where study is the topic («в 57-й задали
 *   проект»), a hospital by its ordinal («в 1-й городской»), a military unit («в части 3526»);
 * - a school named after someone: «в школе имени Пушкина», «в универе Гагарина»;
 * - the name after a legal form: «ООО «Ромашка»», «ИП Петров», «АО Север»;
 * - a quoted name after a word for an organisation: «в детском саду «Солнышко»», «кафе "Уют"»;
 * - study group codes: «группа ФИ-21-3», «ИУ7-34Б», and department codes after «на»: «на иу7»;
 * - the big employers, universities and hospitals everyone names in passing, whatever the case or
 *   the capitals («в сбере пятый год», «после вышки», «в бауманке», «на филфаке», «в склифе»):
 *   a short list (`WELL_KNOWN`), since nothing in the words around says it is a place of work —
 *   where they stand as a place (after «в», «на», «из», «после», a study or work verb), not as
 *   a service talked of («сбер опять лежит»). Shops and marketplaces count only when nothing
 *   about buying stands before them («купила в пятёрочке хлеб» stays).
 *
 * Offsets are UTF-16 offsets in the text given.
 */

export interface OrganizationSpan {
  /** "number": the institution's number (kept: "в школе [номер]"); "organization": its name. */
  kind: "number" | "organization";
  start: number;
  end: number;
}

const INSTITUTION = String
  .raw`(?:школ|гимнази|лице|колледж|медколледж|музыкалк|художк|музшкол|спортшкол|кадетск\p{L}*\s+корпус|техникум|училищ|интернат|детск\p{L}*\s+сад|детсад|сад|садик|ясл|университет|универ|институт|академи|кафедр|факультет|больниц|горбольниц|облбольниц|райбольниц|поликлиник|библиотек|роддом|детдом|диспансер|госпитал|стационар|отделени|подстанци|аптек|магазин|филиал|отдел|офис|завод|фабрик|цех|склад|депо|хлебозавод|комбинат|мясокомбинат|колони|бригад|СОШ|ООШ|МБОУ|ГБОУ|МАОУ|МОУ|ГБПОУ|ДОУ|МДОУ|МБДОУ|ГКБ|ЦРБ|НИИ|ПТУ|ПНД|ДЮСШ|ДШИ|вуз|ВУЗ)\p{L}*`;
// A count after the number, not the institution's number: «библиотека 2000 книг», «цех 40 человек».
const COUNTED = String
  .raw`\s+(?:книг|том(?:ов|а)|штук|шт(?!\p{L})|человек|мест|коек|сотрудник|рабоч|рубл|руб(?!\p{L})|тысяч|кв\.?\s*м)`;
// "школа № 57", "лицее 1580", "СОШ №12", "сад N 45"; with the sign, words may stand between:
// "колледж связи №54", "больнице скорой помощи № 3".
const NUMBERED = new RegExp(
  String
    .raw`(?<!\p{L})${INSTITUTION}(?:\s*((?:№|N|#|номер)\s*\d{1,5}[а-яА-Я]?|\d{1,5}[а-яА-Я]?(?!${COUNTED}))|(?:\s+\p{Ll}+){1,2}\s*((?:№|#)\s*\d{1,5}[а-яА-Я]?))(?![\d\p{L}])`,
  "giu",
);
// «школе номер сорок семь», «лицей номер два»: the number in words.
const NUMBER_WORD = String
  .raw`(?:сто|двести|триста|четыреста|пятьсот|шестьсот|семьсот|восемьсот|девятьсот|девяносто|восемьдесят|семьдесят|шестьдесят|пятьдесят|сорок|тридцать|двадцать|девятнадцать|восемнадцать|семнадцать|шестнадцать|пятнадцать|четырнадцать|тринадцать|двенадцать|одиннадцать|десять|девять|восемь|семь|шесть|пять|четыре|три|два|один|одна)`;
const NUMBERED_IN_WORDS = new RegExp(
  String
    .raw`(?<!\p{L})${INSTITUTION}\s+(?:№|номер)\s*(${NUMBER_WORD}(?:\s+${NUMBER_WORD}){0,2})(?!\p{L})`,
  "giu",
);
// «во второй гимназии», «в сорок седьмой школе»: an ordinal in words before the institution.
const ORDINAL_IN_WORDS = new RegExp(
  String
    .raw`(?<!\p{L})(?:в|во|из|к|у)\s+((?:(?:двадцат|тридцат|сорок|пятидесят|шестидесят|семидесят|восьмидесят|пятьдесят|шестьдесят|семьдесят|восемьдесят|девяност|сто|двухсот|трехсот|трёхсот)\p{L}*\s+)?(?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|двадцат|тридцат|сороков)(?:ой|ая|ую|ом|ого|ым|ий|ый|ей|ое|ьем|ьей|ьего|ьему|ья|ью|ье))\s+(?:(?:(?:городск|районн|областн|детск|средн|муниципальн)\p{L}*\s+)?(?:школ|гимнази|лице|больниц|горбольниц|облбольниц|райбольниц|поликлиник|библиотек|роддом|детдом|садик|детсад|колледж|техникум|училищ|интернат|цех|цеху|отделени)\p{L}*|(?:городск|областн|районн|детск)(?:ой|ая|ую)(?=\s*$|\s*[,.!?;:)]|\s+(?:в|во|на|с|со|и|а|у|к|по|до|после|уже|опять|сейчас|лежал\p{L}*|работа\p{L}*)(?!\p{L})))`,
  "giu",
);
// "42-й школе", "239-й школы", "11-ю гимназию", "в 5 школе".
const ORDINAL = new RegExp(
  String
    .raw`(?<![\p{L}\d])(\d{1,4}(?:-?(?:й|я|ю|ой|ая|ую|ом|ей|го|ого|ему|ых|ий|м))?)\s+(?:(?:городск|районн|областн|детск|средн|муниципальн)\p{L}*\s+)?${INSTITUTION}`,
  "giu",
);
const QUOTED = String.raw`[«"„“][^»"”“\n]{1,60}[»"”“]`;
const PROPER = String.raw`\p{Lu}[\p{L}\d-]*(?:\s+\p{Lu}[\p{L}\d-]*){0,3}`;
const LEGAL_FORM = new RegExp(
  String
    .raw`(?<![\p{L}])(?:ООО|ОАО|ЗАО|ПАО|АО|НКО|АНО|ГУП|МУП|ФГУП|ГБУ|МБУ|ТОО|ЧП|ИП)\s+(${QUOTED}|${PROPER})`,
  "gu",
);
const ORGANIZATION_WORD = String
  .raw`(?:компани|фирм|фабрик|завод|комбинат|кондитерск|типографи|магазин|кафе|ресторан|столов|закусочн|пиццери|салон|парикмахерск|ателье|мастерск|клуб|центр|сад|садик|детсад|ясл|банк|агентств|студи|школ|гимнази|лице|колледж|клиник|больниц|поликлиник|аптек|театр|фитнес|спортзал|организаци|предприяти|холдинг|сет[ьи]|ТЦ|ТРЦ|ЖК|бар|кофейн|пекарн|автосервис|автомойк|шиномонтаж|гостиниц|хостел|типографи|офис)\p{L}*`;
const QUOTED_AFTER_WORD = new RegExp(
  String.raw`(?<!\p{L})${ORGANIZATION_WORD}(?:\s+\p{Ll}+)?\s+(${QUOTED})`,
  "gu",
);
// Unquoted, with a capital, right after a kind of place people work at: «в кафе Шашлычный двор»,
// «повар в ресторане Пхали», «салон Стиль».
const CAPITALISED_AFTER_PLACE = new RegExp(
  String
    .raw`(?<!\p{L})(?:кафе|ресторан|столов|пиццери|салон|парикмахерск|ателье|клиник|кофейн|пекарн|автосервис|автомойк|бар|магазин|фирм|компани|агентств|студи|завод|фабрик|комбинат|холдинг|корпораци|ЖК)\p{L}*\s+(\p{Lu}[\p{L}-]+(?:\s+(?:и\s+)?\p{Lu}[\p{L}-]+){0,2})`,
  "gu",
);
// A quoted name right after "в", "во", "из": «в "Ромашке" не платят», «во «Вкусно и точка»», «в
// отеле «Космос»» — a place someone is at (a title after a verb, «читаю «Мастера и Маргариту»»,
// and a metro station, «на «Кропоткинской»», stay).
const QUOTED_AFTER_PREPOSITION = new RegExp(
  String.raw`(?<!\p{L})(?:[Вв]|[Вв]о|[Ии]з|отел\p{L}*|гостиниц\p{L}*)\s+(${QUOTED})`,
  "gu",
);
// "ФИ-21-3", "ИУ7-34Б", "БПИ-201": capitals, digits and a dash (Cyrillic only: COVID-19 stays).
const GROUP_CODE =
  /(?<![\p{L}\d-])[А-ЯЁ]{1,5}\d{0,2}-\d{1,3}(?:-\d{1,3})?[А-ЯЁа-яё]?(?![\p{L}\d-])/gu;
// After «группа»: any code of letters and digits, "P3112", "ИВТ21" (not "в группе 25 человек").
const GROUP_AFTER_WORD =
  /(?<!\p{L})групп\p{L}*\s+((?=[\p{L}\d-]*\p{L})(?=[\p{L}\d-]*\d)[\p{L}\d-]+)/giu;

// Well-known places of work and study, by stem (lower case, ё as е), each with case endings. Not
// words of everyday speech («лента», «открытие», «магнит», «перекрёсток», «мир», «мед») — those only
// where the stem cannot be read otherwise. Banks, phone operators, fuel, airlines, shops and
// marketplaces are also where one buys or what one pays (`SERVICES`).
const SERVICES = words(`
сбер сбербанк втб тинькофф тиньков тинек т-банк альфа-банк альфабанк газпромбанк райффайзен
совкомбанк россельхозбанк каспи халык мтс билайн теле2 yota лукойл роснефт газпром аэрофлот
пятерочк вкусвилл дикси ашан леруа икеа озон вайлдберриз wildberries валдберис
вайлдбериз мвидео эльдорадо ситилинк спортмастер макдональдс макдак бургер-кинг ростикс додо днс
`);
// Shops and services people mostly buy at or use: a place of work only with work beside them
// («кассиром в магните», «в сдэке на выдаче работаю»; not «в магните одна касса работает»).
const WORK_ONLY = words(`
вкусно_и_точк красное_и_бел фикс_прайс мегафон сдэк сдек магнит светофор бристол
`);
const EMPLOYERS = words(`
новатэк татнефт сургутнефтегаз транснефт ржд росатом ростех автоваз уралмаш северстал норникел
евраз русал сибур роскосмос ростелеком яндекс камаз беларуськали водоканал горводоканал уралвагонзавод
казахтелеком казмунайгаз чтз чмк ммк нлмк уаз
`);
const SCHOOLS = words(`
мгу спбгу мифи мфти мгимо рудн вшэ итмо урфу кфу нгу тгу тпу мгту мэи мисис миэт рэу ранхигс
мпгу мгппу мгюа мгпу нияу сибгу двфу юфу пгу бауманк плешк керосинк губкинск физтех политех вышк
нархоз казну казгу бгуир бгу бнту кбту каргу ену
`);
const HOSPITALS = words("склиф боткинск морозовск филатовск бурденко црб");
const WELL_KNOWN_STEMS = [...SERVICES, ...WORK_ONLY, ...EMPLOYERS, ...SCHOOLS, ...HOSPITALS];

function words(list: string): string[] {
  return list.split(/\s+/).filter(Boolean);
}

/** A stem as listed or as matched («Т-Банк», «тбанк», «пятёрочк»): one key («тбанк», «пятерочк»). */
const stemKey = (stem: string) => stem.toLowerCase().replaceAll("ё", "е").replace(/[-_\s]/g, "");
const SERVICE_KEYS = new Set(SERVICES.map(stemKey));
const WORK_ONLY_KEYS = new Set(WORK_ONLY.map(stemKey));
// Work or a job near a shop's name: one works there.
const WORK_NEAR =
  /(?<!\p{L})(?:работа(?:ю|ем|л|ла|ли|ть|ешь)|работ[уеы]|устроил\p{L}*|уволил\p{L}*|смен[аеуы]|кассир\p{L}*|продавц\p{L}*|продавщиц\p{L}*|сборщик\p{L}*|кладовщик\p{L}*|курьер\p{L}*|менеджер\p{L}*|стажир\p{L}*|зарплат\p{L}*|зп|начальни\p{L}*|директор\p{L}*|управляющ\p{L}*|коллег\p{L}*|подработ\p{L}*|пашу|тружусь|на\s+выдаче)(?!\p{L})/iu;
// Stems that are also ordinary words, and the prepositions after which they are a place of work or
// study: «в вышке», «после вышки» (not «на вышке», «прыгнул с вышки», «вышка сотовой связи»).
const AFTER_PREPOSITION_ONLY: Record<string, RegExp> = {
  вышк: /(?<!\p{L})(?:в|во|из|после)\s+$/iu,
  политех: /(?<!\p{L})(?:в|во|из|на|после)\s+$/iu,
  озон: /(?<!\p{L})(?:в|во|из|на)\s+$/iu,
  магнит: /(?<!\p{L})(?:в|во|из)\s+$/iu,
};
// Indeclinable names whose case forms would be other words («на Каспии»: the sea).
const INDECLINABLE = new Set(["каспи", "yota"]);
const WELL_KNOWN = new RegExp(
  String.raw`(?<![\p{L}\d-])(${
    WELL_KNOWN_STEMS.map((stem) =>
      stem.replaceAll("е", "[её]").replace("-", "[- ]?").replaceAll("_", String.raw`\s+`)
    ).join("|")
  })(а|у|е|ом|ой|и|ы|ою|ей|ам|ах)?(?![\p{L}\d])`,
  "giu",
);
// A place one is at, or works or studies at: «в сбере», «из вышки», «поступила в мгу», «бросил
// мифи» (not the service talked of: «сбер опять лежит», «яндекс выкатил нейросеть»).
const PLACE_BEFORE =
  /(?:(?<!\p{L})(?:в|во|на|из|с|со|после|от|до|у|при)|(?:работа|учус|учит|училс|училас|поступ|студент|закончил|окончил|бросил|отчисл|уволил|бухгалтери|отдел|цех|склад|сотрудник|работник|начальник|коллектив|кадр)\p{L}*)\s+[«"„]?$/iu;
const BOUGHT_BEFORE =
  /(?:тариф\p{L}*|заправ\p{L}*|посидел\p{L}*|хож\p{L}*|ходил\p{L}*|купил\p{L}*|нашл\p{L}*|наш[её]л|прода\p{L}*|выстав\p{L}*|подписк\p{L}*|покупа\p{L}*|закаж\p{L}*|заказ\p{L}*|брал\p{L}*|взял\p{L}*|скидк\p{L}*|акци\p{L}*|доставк\p{L}*|продают|продаётся|продается|цены|ценник\p{L}*|магазин\p{L}*|сходил\p{L}*|зайд\p{L}*|заш[её]л|зашла|забрал\p{L}*|пункт\p{L}*)(?:\s+\p{L}+){0,3}\s+(?:в|во|на|из|с)\s+$/iu;
// What one does at a shop or with a bank, right after its name: «в леруа купила краску», «в
// пятёрочке скидки», «в сбере взяла кредит», «в тинькофф позвонили предложить кредит».
const BOUGHT_AFTER =
  /^\s+(?:\p{L}+\s+){0,3}(?:купил\p{L}*|куплю|покупа\p{L}*|взял\p{L}*|брал\p{L}*|схож\p{L}*|сходил\p{L}*|заш[её]л|зашла|зайд\p{L}*|скидк\p{L}*|акци\p{L}*|цены|подорожал\p{L}*|толп\p{L}*|очеред\p{L}*|кредит\p{L}*|ипотек\p{L}*|вклад\p{L}*|карт[ауыо]\p{L}*|позвонил\p{L}*|звон\p{L}*|заказ\p{L}*|поел\p{L}*|ел[аи]?|обедал\p{L}*|ужинал\p{L}*|перекусил\p{L}*)(?!\p{L})/iu;
// «на ГАЗе», «у ПИКа», «на ВАЗе»: plants and builders known by capitals that are also words.
const CAPITALS_EMPLOYER =
  /(?<!\p{L})(?:на|в|у|с)\s+((?:ГАЗ|ПИК|ВАЗ|ЗИЛ|УАЗ|ЛАЗ|МАЗ|БелАЗ|ЧТЗ|ЧМЗ|ЛМЗ)(?:а|у|е|ом)?)(?!\p{L})/gu;
// «врачи в областной», «лежала в районной»: the regional or district hospital.
const BARE_HOSPITAL =
  /(?<!\p{L})(?:в|во|из|при)\s+((?:областн|районн|городск|краев|республиканск)(?:ой|ую))(?=\s*[,.!?;:)]|\s*$|\s+(?:и|а|но|работа\p{L}*|лежал\p{L}*|лежу|врач\p{L}*|медсестр\p{L}*|санитар\p{L}*))/giu;
// «на иу7», «на фн12»: a department's code after «на» (two or three letters, a number).
const DEPARTMENT_CODE = /(?<!\p{L})на\s+([а-яё]{2,3}\d{1,2})(?![\p{L}\d])/giu;
// «на филфаке», «журфак», «с юрфака»: a faculty by its short name.
const FACULTY = /(?<![\p{L}-])(\p{L}{2,5}фак|мехмат|вмк|фкн)(?:а|у|е|ом)?(?![\p{L}\d])/giu;

// «в 57-й задали проект», «я учусь в 32-й»: a school by its number alone, where study is the
// topic and nothing follows the ordinal that it could count («в 5-й класс», «в 3-й раз»).
const BARE_ORDINAL = new RegExp(
  String
    .raw`(?<!\p{L})(?:в|во|из)\s+(\d{1,4}-?(?:й|ой|ую|ом))(?=\s*(?:[,.!?;:)]|$)|\s+(?:задал\p{L}*|учат|учил\p{L}*|учусь|учится|опять|снова|уже|сейчас|был\p{L}*|работа\p{L}*|а|и|но|на|с|со)(?!\p{L}))`,
  "giu",
);
const STUDY_TOPIC =
  /(?<!\p{L})(?:уч(?:усь|ится|имся|ишься|ился|илась|ат)|задал\p{L}*|урок\p{L}*|класс\p{L}*|учител\p{L}*|классн\p{L}*|школ\p{L}*|олимпиад\p{L}*|домашк\p{L}*|перевел\p{L}*)(?!\p{L})/iu;
// «в 1-й городской», «из 5-й детской»: a hospital by its ordinal in digits.
const ORDINAL_HOSPITAL = new RegExp(
  String
    .raw`(?<![\p{L}\d])(\d{1,3}-?(?:й|ой|ую|ая))\s+(?:городск|областн|районн|детск)(?:ой|ая|ую)(?!\p{L})`,
  "giu",
);
// «в части 3526», «в/ч 12345»: a military unit by its number.
const MILITARY_UNIT =
  /(?<!\p{L})(?:(?:воинск\p{L}*\s+|войсков\p{L}*\s+)?част(?:и|ь|ью)\s+№?\s*|в\/ч\s*№?\s*)(\d{3,6})(?!\d)/giu;
// «шк 19», «шк. №5»: the short word for a school with its number.
const SHORT_SCHOOL = /(?<!\p{L})шк\.?\s*(?:№\s*)?(\d{1,4})(?!\d)/giu;
// «в универе Гагарина», «в школе имени Пушкина»: a school named after someone.
const NAMED_AFTER = new RegExp(
  String
    .raw`(?<!\p{L})(?:(?:школ|гимнази|лице|колледж|училищ|университет|универ|институт|академи)\p{L}*\s+(?:им\.\s*|имени\s+)(\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?)|(?:универ|университет|институт)\p{L}*\s+(\p{Lu}\p{Ll}+(?:а|я|ого|ева|ова|ина)))(?!\p{L})`,
  "gu",
);
// «в первом меде», «во втором меде»: a medical university by its ordinal.
const ORDINAL_MED =
  /(?<!\p{L})(?:в|во|из|после)\s+((?:перв|втор|трет)\p{L}*\s+мед(?:е|а|у)?)(?!\p{L})/giu;

/** Numbers and names of workplaces and schools, and study group codes. */
export function organizationSpans(text: string): OrganizationSpan[] {
  const spans: OrganizationSpan[] = [];
  const group = (m: RegExpMatchArray, kind: OrganizationSpan["kind"]) => {
    const start = m.index! + m[0].lastIndexOf(m[1]!);
    spans.push({ kind, start, end: start + m[1]!.length });
  };
  for (const m of text.matchAll(NUMBERED)) {
    const number = m[1] ?? m[2]!;
    const start = m.index! + m[0].lastIndexOf(number);
    spans.push({ kind: "number", start, end: start + number.length });
  }
  for (const m of text.matchAll(ORDINAL)) {
    // "в 2 школах", "5 магазинов" are counts: only an ordinal ending or a singular noun.
    if (/\d$/.test(m[1]!) && /(?:ах|ов|ей|ам|ами)$/u.test(m[0])) continue;
    const start = m.index!;
    spans.push({ kind: "number", start, end: start + m[1]!.length });
  }
  for (const m of text.matchAll(NUMBERED_IN_WORDS)) group(m, "number");
  for (const m of text.matchAll(BARE_ORDINAL)) {
    const sentence = text.slice(Math.max(0, m.index! - 80), m.index! + m[0].length + 80);
    if (STUDY_TOPIC.test(sentence)) group(m, "number");
  }
  for (const m of text.matchAll(ORDINAL_HOSPITAL)) group(m, "number");
  for (const m of text.matchAll(MILITARY_UNIT)) group(m, "number");
  for (const m of text.matchAll(SHORT_SCHOOL)) group(m, "number");
  for (const m of text.matchAll(ORDINAL_MED)) group(m, "organization");
  for (const m of text.matchAll(NAMED_AFTER)) {
    const name = m[1] ?? m[2]!;
    const start = m.index! + m[0].lastIndexOf(name);
    spans.push({ kind: "organization", start, end: start + name.length });
  }
  for (const m of text.matchAll(ORDINAL_IN_WORDS)) group(m, "number");
  for (const m of text.matchAll(LEGAL_FORM)) group(m, "organization");
  for (const m of text.matchAll(QUOTED_AFTER_WORD)) group(m, "organization");
  for (const m of text.matchAll(CAPITALISED_AFTER_PLACE)) group(m, "organization");
  for (const m of text.matchAll(QUOTED_AFTER_PREPOSITION)) group(m, "organization");
  for (const m of text.matchAll(GROUP_CODE)) {
    spans.push({ kind: "number", start: m.index!, end: m.index! + m[0].length });
  }
  for (const m of text.matchAll(WELL_KNOWN)) {
    const stem = stemKey(m[1]!);
    const before = text.slice(Math.max(0, m.index! - 60), m.index!);
    if (!PLACE_BEFORE.test(before)) continue;
    if (AFTER_PREPOSITION_ONLY[stem]?.test(before) === false) continue;
    if (INDECLINABLE.has(stem) && m[2]) continue;
    const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 60);
    if (WORK_ONLY_KEYS.has(stem) && !WORK_NEAR.test(before.slice(-40) + " " + after.slice(0, 40))) {
      continue;
    }
    if (SERVICE_KEYS.has(stem) && (BOUGHT_BEFORE.test(before) || BOUGHT_AFTER.test(after))) {
      continue;
    }
    spans.push({ kind: "organization", start: m.index!, end: m.index! + m[0].length });
  }
  for (const m of text.matchAll(DEPARTMENT_CODE)) group(m, "organization");
  for (const m of text.matchAll(CAPITALS_EMPLOYER)) group(m, "organization");
  for (const m of text.matchAll(BARE_HOSPITAL)) group(m, "organization");
  for (const m of text.matchAll(FACULTY)) {
    spans.push({ kind: "organization", start: m.index!, end: m.index! + m[0].length });
  }
  for (const m of text.matchAll(GROUP_AFTER_WORD)) {
    const start = m.index! + m[0].lastIndexOf(m[1]!);
    if (!spans.some((s) => s.start === start)) group(m, "number"); // «группа ФИ-21-3»: found
  }
  return spans;
}
