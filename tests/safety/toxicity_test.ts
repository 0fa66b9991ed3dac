import assert from "node:assert/strict";
import { assessAbuse, describeReading, detectToxicity } from "../../shared/safety/toxicity.ts";
import { heldBackAsAbuse as heldBack } from "../support/heldout.ts";
import { ABUSE_GROUPS, HARMLESS_GROUPS } from "./toxicity_corpus.ts";

/** One step per case: what `detectToxicity` names the text (null: clean). */
async function expectReadings(t: Deno.TestContext, cases: Array<[string, string | null]>) {
  for (const [text, expected] of cases) {
    await t.step(`«${text}» -> ${expected}`, () => assert.equal(detectToxicity(text), expected));
  }
}

Deno.test("the tuning corpus: abuse caught by kind in every group, ≤ 5 % false alarms", () => {
  const missed: string[] = [];
  let abusive = 0;
  let rightKind = 0;
  for (const [group, items] of Object.entries(ABUSE_GROUPS)) {
    for (const [text, kind] of items) {
      abusive++;
      const found = detectToxicity(text);
      if (found === kind) rightKind++;
      else missed.push(`[${group}] ${text} -> ${found} (${describeReading(text)})`);
    }
  }
  const alarms: string[] = [];
  let harmless = 0;
  for (const [group, items] of Object.entries(HARMLESS_GROUPS)) {
    for (const text of items) {
      harmless++;
      const found = detectToxicity(text);
      if (found) alarms.push(`[${group}] ${text} -> ${found} (${describeReading(text)})`);
    }
  }
  const recall = rightKind / abusive;
  const falseRate = alarms.length / harmless;
  console.log(
    `abuse tuning corpus: ${abusive} abusive, ${harmless} harmless; recall (right kind) ${
      recall.toFixed(3)
    }, false alarms ${falseRate.toFixed(3)}`,
  );
  assert.ok(recall >= 0.95, `missed:\n${missed.join("\n")}`);
  assert.ok(falseRate <= 0.05, `false alarms:\n${alarms.join("\n")}`);
});

Deno.test("detectToxicity() reads who an insult is aimed at", async (t) => {
  const cases: Array<[string, string | null]> = [
    ["какой же ты идиот", "insult"],
    ["он такой идиот, не обращай внимания", null],
    ["твой бывший просто козёл, ты тут ни при чём", null],
    ["начальник назвал меня идиотом", null],
    ["я такая дура", null],
    ["ты не дура", null],
    ["заткнись, идиотка", "insult"],
    ["я опять всё забыла, дура", null],
    ["слышь, ушлёпок, я с тобой разговариваю", "insult"],
    ["сука, опять дождь", null],
    ["наша сука ощенилась", null],
  ];
  await expectReadings(t, cases);
});

Deno.test("detectToxicity() tells a jump or a cut urged on the partner from ordinary use", async (t) => {
  const cases: Array<[string, string | null]> = [
    ["прыгай под поезд, держать не буду", "threat"],
    ["может, тебе прыгнуть с балкона?", "threat"],
    ["выйди в окно, всем легче будет", "threat"],
    ["режь глубже, раз начала", "threat"],
    ["прыгай в поезд, он уже трогается!", null],
    ["выйди на балкон, подыши", null],
    ["хочу прыгнуть с крыши", null], // the writer's own crisis: the crisis detector's
    ["режь лук вдоль, так быстрее", null],
    ["в театре вчера давали Чехова", null],
  ];
  await expectReadings(t, cases);
});

Deno.test("detectToxicity() sees through disguises and one wrong letter", async (t) => {
  const cases: Array<[string, string | null]> = [
    ["ты д.у.р.а", "insult"],
    ["т ы  у р о д", "insult"],
    ["ты ду-ра", "insult"],
    ["ты дyрa", "insult"],
    ["ty debil", "insult"],
    ["ты идиоот", "insult"],
    ["ты ибанутый", "insult"],
    ["ты с*ка", "insult"],
    ["у б ь ю тебя", "threat"],
    // Real words one letter away from an abusive stem stay harmless.
    ["это идиома", null],
    ["в зале стерео", null],
    ["пью креатин после тренировки", null],
    ["мудрый совет", null],
  ];
  await expectReadings(t, cases);
});

Deno.test("detectToxicity() names threats, death wishes, sexual demands and hate", async (t) => {
  const cases: Array<[string, string | null]> = [
    ["я тебе башку проломлю", "threat"],
    ["нарежу тебе салат", null],
    ["чтоб ты сдохла", "threat"],
    ["надеюсь, ты выспишься", null],
    ["иди повесься", "threat"],
    ["если не скинешь фото, разошлю переписку всем твоим друзьям", "threat"],
    ["скинь нюдсы", "sexual"],
    ["скинь фото кота", null],
    ["мигрантов надо расстреливать", "hate"],
    ["фашисты расстреливали евреев — страшная страница истории", null],
    ["иди нахуй", "insult"],
    ["нахуй такую работу", null],
  ];
  await expectReadings(t, cases);
});

Deno.test("detectToxicity(): a tender or laughing «threat» is no threat, a real one stays", () => {
  for (
    const tender of [
      "убью, если опять не пообедаешь",
      "прибью, если до ночи будешь сидеть за компом и не ляжешь спать",
      "хватит себя винить, а то стукну подушкой",
      "затискаю до смерти, когда увидимся",
      "ахаха, ну всё, ты труп 😂",
      "в мафии я тебя первым вычислю и убью, готовься",
    ]
  ) assert.equal(detectToxicity(tender), null, tender);
  for (
    const real of [
      "убью, если ещё раз напишешь ему",
      "если не ответишь, я тебя урою",
      "я тебя найду и ноги переломаю",
    ]
  ) assert.equal(detectToxicity(real), "threat", real);
});

// Tuning corpus J (tests/safety/abuse_tuning_j.json, a helper who read no project file): 60 real
// threats, many with a condition or a smile, and 60 tender or joking ones. The rules named 20 of
// the tender ones before the tender reading (session 12), 8 after; the real ones named stayed 31
// (the rest are the model's or missed: sneering smiles, «знаю, где работает твой отец»). Not in
// the abuse model's training: with it, blind recall fell 7 items over sets 3–11 for 4 fewer
// false positives.
Deno.test("the rules on tuning corpus J: few tender «threats» named, real ones still", async () => {
  const corpus = JSON.parse(
    await Deno.readTextFile(new URL("./abuse_tuning_j.json", import.meta.url)),
  ) as Record<"abusive" | "negatives", { text: string }[]>;
  const named = (items: { text: string }[]) =>
    items.filter((item) => detectToxicity(item.text) !== null).length;
  assert.ok(named(corpus.negatives) <= 8, `tender named ${named(corpus.negatives)}`);
  assert.ok(named(corpus.abusive) >= 31, `real named ${named(corpus.abusive)}`);
});

// Tuning corpus K (tests/safety/abuse_tuning_k.json, session 13, a helper who read no project
// file): 120 abusive messages that look like jokes (threats with a condition or a sneering smile,
// mocking contempt, insults with «шучу», death wishes laughing) and 120 harmless ones between
// people who became friendly (joking threats about care and trivia, mock outrage, affectionate
// name-calling, hugs «to death», game trash talk). What the relay holds back (rules or model):
// 105 of the abusive, 28 of the harmless — the model holds back half of those (a tender word or
// a smile does not stop it). Tried in session 13 and dropped, each measured on blind abuse sets
// 2–13 (0.918 / 0.049 pooled): K in the model's training 0.914 / 0.046; the model silenced by a
// heart or «любимая» 0.912 / 0.049, or by a sentence about the partner's own care 0.909 / 0.045;
// «ты труп» read as play in a game or series context, more game words and the partner's own
// self-talk as no insult, with the model retrained: 0.917 / 0.050.
// Session 14: tuning corpora J and L (150 tender «threats» and teasing, 150 real threats and
// abuse dressed as jokes) in the model's training, K kept out of it as the check; the model
// silenced when the message names a caring act or a soft «weapon» (`caring`: feeding, sleep, a
// hug, a pillow — not pills or a scarf, which real threats name too); a whole supply of pills
// told to be swallowed is a threat. Here: 104 / 18 (was 105 / 28). Blind 3–14 pooled 0.914 /
// 0.060 → 0.912 / 0.049; ordinary chat held back 73 → 60 of 6,120.
Deno.test("assessAbuse(): the model does not hold back a caring «threat», pills named stay hostile", () => {
  for (
    const caring of [
      "если опять не выспишься до пятницы, приеду и закутаю в одеяло насильно",
      "ещё раз забудешь поужинать — приду и буду кормить с ложечки, учти",
    ]
  ) assert.equal(heldBack(caring), false, caring);
  assert.equal(heldBack("выпей все таблетки из аптечки разом и не мучай больше никого"), true);
});

Deno.test("tuning corpus K: joking threats and abuse dressed as jokes, as the relay reads them", async () => {
  const corpus = JSON.parse(
    await Deno.readTextFile(new URL("./abuse_tuning_k.json", import.meta.url)),
  ) as Record<"abusive" | "negatives", { text: string }[]>;
  const heldBack = (text: string) => {
    const verdict = assessAbuse(text);
    return verdict.category !== null || verdict.hurtful;
  };
  const held = (items: { text: string }[]) => items.filter((item) => heldBack(item.text)).length;
  assert.ok(held(corpus.abusive) >= 104, `abusive held back ${held(corpus.abusive)}`);
  assert.ok(held(corpus.negatives) <= 18, `harmless held back ${held(corpus.negatives)}`);
});

Deno.test("insults aimed elsewhere are not abuse of the partner; aimed at the partner they are", () => {
  const heldBack = (text: string) => {
    const verdict = assessAbuse(text);
    return verdict.category !== null || verdict.hurtful;
  };
  for (
    const harmless of [
      // Someone else sent off or called names, a quote of what one was told, oneself.
      "да пошел он нахуй, этот козел, ты заслуживаешь лучшего ❤️",
      "жаным, кореш твой крыса, что деньги не вернул, забей на него и береги себя",
      "Бывшая твоя сука, конечно, уйти к твоему же другу. Ты такого не заслужил",
      "в девятом классе мне в личку писали «иди повесься, урод». до сих пор вспоминаю",
      "бывший написал: «я найду тебя и всё твоим расскажу». мне страшно",
      "тупая я овца, номер психолога записала не тот",
      // Tender «threats» and the partner's own words answered.
      "только попробуй не выспаться, я тебя лично уложу и одеялом придушу 😄",
      "я тебя задушу в объятиях когда ты наконец выйдешь на работу 🤗",
      "ещё раз скажешь что ты никому не нужен — получишь виртуальный подзатыльник",
      "порву всех на экзамене, вот увидишь",
    ]
  ) assert.equal(heldBack(harmless), false, harmless);
  for (
    const abusive of [
      "пошёл ты нахуй со своими соплями",
      "Моя подруга прочитала нашу переписку и сказала, что ты полная дура",
      "Твои дети вырастут такими же уродами, как ты",
      "я таких дебилов ещё не встречал, поздравляю",
      "не сделаешь как я сказал — сломаю тебе что-нибудь",
      "ты никому не нужен, смирись",
    ]
  ) assert.equal(heldBack(abusive), true, abusive);
});

Deno.test("death wishes, urging self-harm and exposure found on tuning corpus M", () => {
  for (
    const text of [
      "чтоб ты захлебнулся",
      "захлебнись",
      "надеюсь ты разобьёшься на своей тачке",
      "молюсь, чтобы ты не дожил до нового года",
      "надеюсь ты не проснёшься завтра",
      "не пиши сюда больше. лучше сразу в петлю",
      "бросайся под машину, водителю всё равно",
      "Вены себе вскрой, может полегчает",
      "сольём тебя в городской паблик с фоткой, пусть все знают",
    ]
  ) assert.ok(detectToxicity(text) !== null, text);
  for (
    const text of [
      "надеюсь ты проснёшься отдохнувшей",
      "прыгай в машину, поехали",
      "не лезь в петлю, слышишь? ты нужен",
      "я чуть не разбилась на велике вчера",
    ]
  ) assert.equal(detectToxicity(text), null, text);
});
