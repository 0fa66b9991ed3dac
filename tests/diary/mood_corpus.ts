/**
 * Russian diary sentences for the lexicon mood analyser, each labelled by hand with the sign of
 * its valence and its main emotion labels. Written by us for this test (first person, colloquial,
 * no real people); nothing here comes from a third-party corpus.
 *
 * Two sets, and they are not equally independent:
 * - `TUNING`: written while the lexicon was built and tuned against. Its figures show that the
 *   rules do what they were made to do, not how well they generalise.
 * - `HELD_OUT`: written and labelled before the lexicon existed and never used to change it.
 *   Its figures are the more honest estimate, but the same person wrote both the sentences and
 *   the lexicon, so even these are optimistic for real diary entries.
 */
import type { MoodLabel, MoodPick } from "../../shared/diary/mood.ts";

export type ValenceSign = "positive" | "negative" | "neutral";

export interface MoodSample {
  text: string;
  valence: ValenceSign;
  /** The main labels: each must be found (recall). Empty for entries with no clear emotion. */
  labels: MoodLabel[];
  /** Labels that are also fair to find (not counted as false alarms in precision). */
  also?: MoodLabel[];
  /** What the person picked before writing, if anything. */
  pick?: MoodPick;
}

// Labelled before the lexicon was written; never used to tune it. Do not edit to make it pass.
export const HELD_OUT: MoodSample[] = [
  {
    text: "Весь день валялась в кровати, ни на что не было сил.",
    valence: "negative",
    labels: ["tiredness"],
    also: ["sadness"],
  },
  {
    text: "Подружка позвонила просто так, и мне стало тепло на душе.",
    valence: "positive",
    labels: ["joy"],
    also: ["gratitude", "calm"],
  },
  { text: "Завтра собеседование, меня всю трясёт.", valence: "negative", labels: ["anxiety"] },
  {
    text: "Сосед опять сверлил до полуночи, я готова была его убить.",
    valence: "negative",
    labels: ["anger"],
  },
  {
    text: "Сижу одна в пустой квартире, даже написать некому.",
    valence: "negative",
    labels: ["loneliness"],
    also: ["sadness"],
  },
  {
    text: "Хочу сказать спасибо всем, кто поддерживал меня в эти недели.",
    valence: "positive",
    labels: ["gratitude"],
  },
  {
    text: "Наконец-то выспалась, на душе тихо и спокойно.",
    valence: "positive",
    labels: ["calm"],
    also: ["joy"],
  },
  {
    text: "Верю, что всё наладится, просто нужно время.",
    valence: "positive",
    labels: ["hope"],
  },
  {
    text: "Сорвалась на ребёнка, теперь чувствую себя ужасной матерью.",
    valence: "negative",
    labels: ["shame"],
    also: ["sadness", "anger"],
  },
  {
    text: "Получила пятёрку за экзамен, прыгаю от счастья!",
    valence: "positive",
    labels: ["joy"],
  },
  { text: "Сегодня ездила к маме, помогла ей с огородом.", valence: "neutral", labels: [] },
  {
    text: "Не знаю, зачем я всё это пишу, внутри пустота.",
    valence: "negative",
    labels: ["sadness"],
    also: ["loneliness"],
  },
  {
    text: "Меня бесит, что никто в офисе не моет за собой кружки.",
    valence: "negative",
    labels: ["anger"],
  },
  {
    text: "Коленки дрожат при мысли о завтрашнем разговоре с начальником.",
    valence: "negative",
    labels: ["anxiety"],
  },
  {
    text: "Вроде бы всё нормально, но почему-то грустно.",
    valence: "negative",
    labels: ["sadness"],
  },
  {
    text: "Я не злюсь на него, просто устала объяснять одно и то же.",
    valence: "negative",
    labels: ["tiredness"],
  },
  {
    text: "Ни капли не жалею, что ушла с той работы.",
    valence: "positive",
    labels: [],
    also: ["calm", "joy"],
  },
  {
    text: "Стыдно признаться, но я опять не сдержала обещание.",
    valence: "negative",
    labels: ["shame"],
  },
  {
    text: "Мы с сестрой полдня смеялись над старыми фотками 😂",
    valence: "positive",
    labels: ["joy"],
  },
  {
    text: "Так тоскливо без него, что хочется выть.",
    valence: "negative",
    labels: ["sadness"],
    also: ["loneliness"],
  },
  { text: "Купила новые шторы, завтра повешу.", valence: "neutral", labels: [] },
  {
    text: "Внутри всё сжимается от страха, когда звонит телефон.",
    valence: "negative",
    labels: ["anxiety"],
  },
  {
    text: "Благодарна своему психологу, без неё я бы не справилась.",
    valence: "positive",
    labels: ["gratitude"],
  },
  {
    text: "Сил больше нет ни на что, хочется просто лечь и не вставать.",
    valence: "negative",
    labels: ["tiredness"],
    also: ["sadness"],
  },
  {
    text: "Чувствую себя никому не нужной.",
    valence: "negative",
    labels: ["loneliness"],
    also: ["sadness"],
  },
  {
    text: "Прогулялась у реки, ветер, тишина — хорошо.",
    valence: "positive",
    labels: ["calm"],
    also: ["joy"],
  },
  {
    text: "Кажется, впервые за долгое время появилась надежда.",
    valence: "positive",
    labels: ["hope"],
  },
  {
    text: "Как же меня достали эти бесконечные созвоны!!!",
    valence: "negative",
    labels: ["anger"],
    also: ["tiredness"],
  },
  {
    text: "Мне совсем не страшно, я готова.",
    valence: "positive",
    labels: [],
    also: ["calm", "hope"],
  },
  { text: "Записалась к врачу на четверг.", valence: "neutral", labels: [] },
  {
    text: "Ужасно неловко вышло на встрече, все на меня смотрели.",
    valence: "negative",
    labels: ["shame"],
    also: ["anxiety"],
  },
  { text: "Опять плакала перед сном 😢", valence: "negative", labels: ["sadness"] },
  {
    text: "Радуюсь мелочам: кофе, солнце, кот мурчит.",
    valence: "positive",
    labels: ["joy"],
    also: ["calm"],
  },
  {
    text: "Никто не звонит, никто не пишет, как будто меня нет.",
    valence: "negative",
    labels: ["loneliness"],
    also: ["sadness"],
  },
  {
    text: "Выгорела на работе окончательно, ничего не хочется.",
    valence: "negative",
    labels: ["tiredness"],
    also: ["sadness"],
  },
  {
    text: "Страшно, что не справлюсь с ипотекой.",
    valence: "negative",
    labels: ["anxiety"],
  },
  {
    text: "Я так зла на себя, что опять проспала.",
    valence: "negative",
    labels: ["anger"],
    also: ["shame"],
  },
  {
    text: "Спасибо тебе, дневник, что ты есть 🙏",
    valence: "positive",
    labels: ["gratitude"],
  },
  {
    text: "Думаю, завтра будет лучше, я в это верю.",
    valence: "positive",
    labels: ["hope"],
  },
  { text: "Готовила ужин и слушала подкаст про космос.", valence: "neutral", labels: [] },
  {
    text: "Чувствую себя спокойно и собранно, всё идёт по плану.",
    valence: "positive",
    labels: ["calm"],
  },
  {
    text: "На работе снова аврал, голова гудит, хочу в отпуск.",
    valence: "negative",
    labels: ["tiredness"],
    also: ["anxiety"],
  },
  {
    text: "Ну, как-то так прошёл день.",
    valence: "negative",
    labels: ["tiredness"],
    pick: "feel_tired",
  },
  {
    text: "Ничего особенного не произошло.",
    valence: "positive",
    labels: [],
    pick: "scale_4",
  },
];

type Row = [text: string, valence: ValenceSign, labels: MoodLabel[], also?: MoodLabel[]];

const row = ([text, valence, labels, also]: Row): MoodSample =>
  also ? { text, valence, labels, also } : { text, valence, labels };

// Written while the lexicon was built; the lexicon was tuned until these pass.
export const TUNING: MoodSample[] = [
  // joy
  ...([
    ["Сегодня отличный день, я просто счастлива!", "positive", ["joy"]],
    ["Мы наконец-то переехали, радости нет предела.", "positive", ["joy"]],
    ["Сын сделал первые шаги, я чуть не расплакалась от счастья.", "positive", ["joy"]],
    ["Получила премию, настроение супер 😄", "positive", ["joy"]],
    ["Весь вечер болтали с друзьями, было так весело.", "positive", ["joy"]],
    ["Ура, меня взяли на работу мечты!", "positive", ["joy"], ["hope"]],
    ["Кайфую от весны, всё цветёт.", "positive", ["joy"]],
    ["Я рада, что решилась поехать на море.", "positive", ["joy"]],
    ["Классный был концерт, до сих пор под впечатлением.", "positive", ["joy"]],
    ["Муж подарил цветы без повода, очень приятно ❤️", "positive", ["joy"], ["gratitude"]],
    ["Сегодня всё получилось, я довольна собой.", "positive", ["joy"], ["calm", "hope"]],
    ["Настроение прекрасное, хочется петь.", "positive", ["joy"]],
    ["Смеялась до слёз над комедией.", "positive", ["joy"]],
    ["Обожаю такие тихие субботние утра.", "positive", ["joy"], ["calm"]],
    ["Наконец-то сдала права, я в восторге!", "positive", ["joy"]],
    ["Дочка нарисовала мне открытку, сердце тает 🥰", "positive", ["joy"]],
  ] as Row[]).map(row),
  // sadness
  ...([
    ["Мне очень грустно сегодня.", "negative", ["sadness"]],
    ["На душе тяжело, сама не понимаю почему.", "negative", ["sadness"]],
    ["Весь вечер проплакала в подушку.", "negative", ["sadness"]],
    ["Тоска такая, что ничего не радует.", "negative", ["sadness"], ["loneliness"]],
    ["Скучаю по бабушке, её нет уже год.", "negative", ["sadness"], ["loneliness"]],
    ["Печально, что мы так и не помирились.", "negative", ["sadness"]],
    ["Всё серое и бессмысленное, ничего не хочется.", "negative", ["sadness"], ["tiredness"]],
    ["Грущу из-за расставания, всё напоминает о нём.", "negative", ["sadness"], ["loneliness"]],
    ["Сегодня годовщина смерти папы, хожу как в тумане 😔", "negative", ["sadness"], [
      "tiredness",
    ]],
    ["Хочется плакать, и я не знаю, что с этим делать.", "negative", ["sadness"]],
    ["Настроение на нуле.", "negative", ["sadness"]],
    ["Опять накатила хандра.", "negative", ["sadness"]],
    ["Ком в горле весь день.", "negative", ["sadness"], ["anxiety"]],
    ["Чувствую себя разбитой и несчастной.", "negative", ["sadness"], ["tiredness"]],
    ["Так больно, что он ушёл 😭", "negative", ["sadness"]],
    ["Мне плохо, и никто этого не замечает.", "negative", ["sadness"], ["loneliness"]],
    ["Депрессняк накрыл с утра.", "negative", ["sadness"]],
  ] as Row[]).map(row),
  // anxiety
  ...([
    ["Очень тревожно перед завтрашним экзаменом.", "negative", ["anxiety"]],
    ["Проснулась в панике, сердце колотится.", "negative", ["anxiety"]],
    ["Я волнуюсь за маму, она не берёт трубку.", "negative", ["anxiety"]],
    ["Страшно идти к врачу за результатами.", "negative", ["anxiety"]],
    ["Места себе не нахожу, жду звонка.", "negative", ["anxiety"], ["hope"]],
    ["Боюсь, что меня уволят.", "negative", ["anxiety"]],
    ["Накрыла паническая атака прямо в метро 😰", "negative", ["anxiety"]],
    ["Всё время прокручиваю в голове худшие сценарии.", "negative", ["anxiety"]],
    ["Нервничаю из-за переезда, столько всего может пойти не так.", "negative", ["anxiety"]],
    ["Не могу уснуть, мысли крутятся.", "negative", ["anxiety"], ["tiredness"]],
    ["Меня накрывает тревога каждый вечер.", "negative", ["anxiety"]],
    ["Переживаю, что не успею сдать проект.", "negative", ["anxiety"]],
    ["Руки трясутся, дышать тяжело.", "negative", ["anxiety"]],
    ["Мне не по себе в этом новом коллективе.", "negative", ["anxiety"]],
    ["Ужасно боюсь летать, а завтра самолёт 😱", "negative", ["anxiety"]],
    ["Тревожность зашкаливает.", "negative", ["anxiety"]],
  ] as Row[]).map(row),
  // anger
  ...([
    ["Всё бесит!", "negative", ["anger"]],
    ["Злюсь на себя за то, что опять согласилась.", "negative", ["anger"], ["shame"]],
    ["Начальник орал на меня при всех, я в бешенстве.", "negative", ["anger"]],
    ["Меня раздражает, когда перебивают.", "negative", ["anger"]],
    ["Как же достало это враньё!", "negative", ["anger"], ["tiredness"]],
    ["Я в ярости, он опять не пришёл 😡", "negative", ["anger"]],
    ["Ненавижу пробки.", "negative", ["anger"]],
    ["Бесят люди, которые опаздывают и не извиняются.", "negative", ["anger"]],
    ["Хотелось наорать на всех и хлопнуть дверью.", "negative", ["anger"]],
    ["Меня просто трясёт от злости.", "negative", ["anger"], ["anxiety"]],
    ["Обидно и злюсь, что меня не позвали.", "negative", ["anger"], ["sadness"]],
    ["Соседи опять затопили, я злая как собака.", "negative", ["anger"]],
    ["Раздражение копится с самого утра.", "negative", ["anger"]],
    ["Я так взбешена, что не могу успокоиться.", "negative", ["anger"]],
    ["Психанула и удалила все его сообщения.", "negative", ["anger"]],
  ] as Row[]).map(row),
  // loneliness
  ...([
    ["Мне одиноко.", "negative", ["loneliness"]],
    ["Никому не нужна, даже в выходные некому позвонить.", "negative", ["loneliness"], [
      "sadness",
    ]],
    ["Чувствую себя совершенно одинокой в этом городе.", "negative", ["loneliness"]],
    ["Не с кем поговорить по душам.", "negative", ["loneliness"]],
    ["Все друзья разъехались, я осталась одна.", "negative", ["loneliness"]],
    ["Одиночество давит по вечерам.", "negative", ["loneliness"]],
    ["Меня никто не понимает.", "negative", ["loneliness"]],
    ["Снова праздник, а я одна 🫂", "negative", ["loneliness"]],
    ["Так хочется, чтобы кто-то просто обнял.", "negative", ["loneliness"]],
    ["Как будто я невидимка для всех вокруг.", "negative", ["loneliness"]],
    ["Сижу одна и разговариваю с котом.", "negative", ["loneliness"]],
    ["Одна против всего мира.", "negative", ["loneliness"]],
    ["Никто даже не спросил, как у меня дела.", "negative", ["loneliness"]],
    ["Чувствую себя брошенной.", "negative", ["loneliness"], ["sadness"]],
    ["Я всем чужая.", "negative", ["loneliness"]],
  ] as Row[]).map(row),
  // tiredness
  ...([
    ["Нет сил вообще.", "negative", ["tiredness"]],
    ["Устала как собака.", "negative", ["tiredness"]],
    ["Я выгорела, работа больше не радует.", "negative", ["tiredness"], ["sadness"]],
    ["Опустились руки, ничего не хочу делать.", "negative", ["tiredness"], ["sadness"]],
    ["Спала четыре часа, еле стою на ногах 😴", "negative", ["tiredness"]],
    ["Вымотана до предела.", "negative", ["tiredness"]],
    ["Сил ни на что не осталось.", "negative", ["tiredness"]],
    ["Выжатая как лимон после смены.", "negative", ["tiredness"]],
    ["Хочется просто лечь и лежать.", "negative", ["tiredness"]],
    ["Голова ватная, ничего не соображаю.", "negative", ["tiredness"]],
    ["Так устал от всего этого.", "negative", ["tiredness"]],
    ["Эмоциональное выгорание, по-другому не назвать.", "negative", ["tiredness"]],
    ["Еле доползла до дома 🥱", "negative", ["tiredness"]],
    ["Я истощена и морально, и физически.", "negative", ["tiredness"]],
    ["Сплю по десять часов и всё равно разбитая.", "negative", ["tiredness"], ["sadness"]],
  ] as Row[]).map(row),
  // gratitude
  ...([
    ["Спасибо всем, кто был рядом.", "positive", ["gratitude"]],
    ["Благодарна маме за поддержку.", "positive", ["gratitude"]],
    ["Я очень благодарен другу, он выручил с деньгами.", "positive", ["gratitude"]],
    ["Спасибо вселенной за этот день 🙏", "positive", ["gratitude"]],
    ["Хочу поблагодарить коллег, без них бы не справилась.", "positive", ["gratitude"]],
    ["Чувствую благодарность за простые вещи.", "positive", ["gratitude"]],
    ["Огромное спасибо психологу, стало легче.", "positive", ["gratitude"], ["calm"]],
    ["Признательна подруге за то, что выслушала.", "positive", ["gratitude"]],
    ["Ценю, что у меня есть такая семья.", "positive", ["gratitude"]],
    [
      "Как хорошо, что есть люди, которые помогают просто так. Спасибо им.",
      "positive",
      ["gratitude"],
      ["joy"],
    ],
    ["Благодарю себя за то, что не сдалась.", "positive", ["gratitude"], ["hope"]],
    ["Мне повезло с соседями, они такие отзывчивые.", "positive", ["gratitude"], ["joy"]],
    ["Спасибо, что выслушали, правда.", "positive", ["gratitude"]],
    ["Выражаю благодарность врачам, маму спасли.", "positive", ["gratitude"]],
    ["Низкий поклон всем волонтёрам.", "positive", ["gratitude"]],
  ] as Row[]).map(row),
  // calm
  ...([
    ["Сегодня спокойно на душе.", "positive", ["calm"]],
    ["Чувствую умиротворение.", "positive", ["calm"]],
    ["Медитировала утром, стало легче дышать.", "positive", ["calm"]],
    ["Выдохнула, экзамен позади.", "positive", ["calm"], ["joy"]],
    ["Как камень с души упал 😌", "positive", ["calm"]],
    ["Тихий вечер, чай, плед — благодать.", "positive", ["calm"], ["joy"]],
    ["Наконец-то отпустило.", "positive", ["calm"]],
    ["Я расслабилась впервые за неделю.", "positive", ["calm"]],
    ["Гора с плеч, отчёт сдан.", "positive", ["calm"]],
    ["Всё спокойно, никуда не спешу.", "positive", ["calm"]],
    ["Посидела в парке, в голове прояснилось.", "positive", ["calm"]],
    ["Внутри тишина и гармония.", "positive", ["calm"]],
    ["Стало легче после разговора.", "positive", ["calm"]],
    ["Я в равновесии, и это приятно.", "positive", ["calm"], ["joy"]],
    ["Ничего не тревожит, просто хорошо.", "positive", ["calm"], ["joy"]],
  ] as Row[]).map(row),
  // hope
  ...([
    ["Надеюсь, завтра будет лучше.", "positive", ["hope"]],
    ["Верю, что всё получится.", "positive", ["hope"], ["joy"]],
    ["Кажется, дела понемногу налаживаются.", "positive", ["hope"]],
    ["Появился свет в конце тоннеля.", "positive", ["hope"]],
    ["Я справлюсь, я это знаю.", "positive", ["hope"]],
    ["Всё будет хорошо, говорю себе каждое утро.", "positive", ["hope"], ["joy", "calm"]],
    ["Жду лета, там будет отпуск и море.", "positive", ["hope"], ["joy", "calm"]],
    ["Есть надежда, что врач поможет.", "positive", ["hope"]],
    ["Мечтаю о своём доме и уже откладываю деньги.", "positive", ["hope"], ["joy"]],
    ["Начинаю новую жизнь с понедельника 💪", "positive", ["hope"]],
    ["Хочется верить, что худшее позади.", "positive", ["hope"], ["calm"]],
    ["Я смогу, просто нужно время.", "positive", ["hope"]],
    ["Скоро станет легче, я чувствую.", "positive", ["hope"], ["calm"]],
    ["Надеюсь, он ответит.", "positive", ["hope"], ["anxiety"]],
    ["Будущее больше не кажется таким мрачным.", "positive", ["hope"]],
  ] as Row[]).map(row),
  // shame
  ...([
    ["Мне так стыдно за вчерашнее.", "negative", ["shame"]],
    ["Неловко вышло, я перепутала имя коллеги.", "negative", ["shame"]],
    ["Чувствую себя виноватой перед сестрой.", "negative", ["shame"]],
    ["Опозорилась на презентации, хочется провалиться сквозь землю.", "negative", ["shame"]],
    ["Стыжусь того, как я себя вела.", "negative", ["shame"]],
    ["Я всех подвела.", "negative", ["shame"]],
    ["Это моя вина, что мы поругались.", "negative", ["shame"], ["sadness"]],
    ["Краснею от одной мысли о вчерашнем.", "negative", ["shame"]],
    ["Чувство вины не отпускает.", "negative", ["shame"]],
    ["Я такая дура, опять всё испортила.", "negative", ["shame"], ["sadness"]],
    ["Неудобно перед друзьями, что я отменила встречу.", "negative", ["shame"]],
    ["Мне совестно, что я не позвонила отцу.", "negative", ["shame"]],
    ["Чувствую себя ничтожеством.", "negative", ["shame"], ["sadness"]],
    ["Какой позор, все видели, как я упала.", "negative", ["shame"]],
    ["Корю себя за каждую ошибку.", "negative", ["shame"]],
  ] as Row[]).map(row),
  // neutral: what happened, no feeling named
  ...([
    ["Сегодня была на работе, потом зашла в магазин.", "neutral", []],
    ["Утром пила кофе и читала новости.", "neutral", []],
    ["Завтра поеду к стоматологу.", "neutral", []],
    ["Погода обычная, облачно.", "neutral", []],
    ["Убрала квартиру и постирала вещи.", "neutral", []],
    ["Встречалась с коллегой по поводу отчёта.", "neutral", []],
    ["Смотрела сериал вечером.", "neutral", []],
    ["Приготовила суп на два дня.", "neutral", []],
    ["Переставила мебель в комнате.", "neutral", []],
    ["Ходила гулять с собакой.", "neutral", []],
    ["Записала план на неделю.", "neutral", []],
    ["Позвонила в банк насчёт карты.", "neutral", []],
    ["Сегодня четверг, ничего не происходило.", "neutral", []],
    ["Доехала до дачи на электричке.", "neutral", []],
    ["Дочитала книгу про историю Рима.", "neutral", []],
    ["Обычный день, как все.", "neutral", []],
    ["Съездила к родителям на выходных.", "neutral", []],
    ["Поменяла масло в машине.", "neutral", []],
    ["Купила продукты на неделю.", "neutral", []],
    ["Весь день работала из дома.", "neutral", []],
  ] as Row[]).map(row),
  // negation, softening, mixed feelings
  ...([
    ["Мне не грустно, просто задумалась.", "neutral", []],
    ["Не могу сказать, что рада этим переменам.", "negative", [], ["sadness"]],
    ["Ни капли не страшно!", "positive", [], ["calm", "hope"]],
    ["Я не злюсь, правда.", "neutral", []],
    ["Было тяжело, но сейчас уже легче.", "positive", ["calm"], ["hope", "sadness"]],
    ["Вроде всё хорошо, но на душе кошки скребут.", "negative", ["sadness"], ["anxiety", "joy"]],
    ["Не очень хорошо себя чувствую сегодня.", "negative", [], ["sadness", "tiredness"]],
    ["Не то чтобы я злилась, скорее расстроилась.", "negative", ["sadness"]],
    ["Совсем не устала, наоборот, полна энергии!", "positive", [], ["joy", "hope"]],
    ["Хотела порадоваться, но не получилось.", "negative", [], ["sadness", "joy"]],
    ["Не радует ничего.", "negative", ["sadness"]],
    ["Я не одинока, у меня есть друзья.", "positive", [], ["gratitude", "joy"]],
    ["Радость и грусть одновременно.", "neutral", ["joy", "sadness"]],
    ["Немного волнуюсь, но в целом всё нормально.", "neutral", ["anxiety"]],
    ["Чуть-чуть грустно, что лето кончилось.", "negative", ["sadness"]],
    ["Чуть не расплакалась от обиды.", "negative", ["sadness"], ["anger"]],
    ["Вообще не выспалась, голова раскалывается.", "negative", ["tiredness"]],
  ] as Row[]).map(row),
  // emoji, emoticons, capitals
  ...([
    ["😭😭😭", "negative", ["sadness"]],
    ["ВСЁ ДОСТАЛО!!!", "negative", ["anger"], ["tiredness"]],
    ["))))", "positive", ["joy"]],
    ["Просто 🙂", "positive", [], ["joy"]],
  ] as Row[]).map(row),
  // the pick weighs in when the text says little
  { text: "Ну вот, опять понедельник.", valence: "negative", labels: [], pick: "scale_1" },
  { text: "Написала пару строк.", valence: "negative", labels: ["anxiety"], pick: "feel_anxious" },
  { text: "Сегодня было нормально.", valence: "positive", labels: [], pick: "scale_5" },
  { text: "Сходила на йогу.", valence: "positive", labels: ["calm"], pick: "feel_calm" },
  { text: "Позвонила бабушке.", valence: "positive", labels: ["gratitude"], pick: "feel_grateful" },
  {
    text: "Хочу просто посидеть в тишине.",
    valence: "negative",
    labels: ["loneliness"],
    also: ["calm"],
    pick: "feel_lonely",
  },
];
