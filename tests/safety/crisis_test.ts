import assert from "node:assert/strict";
import { detectCrisis, scoreCrisis } from "../../shared/safety/crisis.ts";
import { CRISIS, CRISIS_CONSTRUCTIONS, HARD_NEGATIVES, HARMLESS } from "./crisis_corpus.ts";

Deno.test("the crisis corpus: recall ≥ 0.95 on crisis phrases, ≤ 5 % false alarms", () => {
  const missed = CRISIS.filter(([text, label]) => detectCrisis(text)?.label !== label);
  const falseAlarms = HARMLESS.filter((text) => detectCrisis(text) !== null);
  const recall = 1 - missed.length / CRISIS.length;
  const falseRate = falseAlarms.length / HARMLESS.length;
  const truePositives = CRISIS.length - missed.length;
  const precision = truePositives / (truePositives + falseAlarms.length);
  console.log(
    `crisis corpus: ${CRISIS.length} crisis, ${HARMLESS.length} harmless; recall ${
      recall.toFixed(3)
    }, precision ${precision.toFixed(3)}, false alarms ${(falseRate * 100).toFixed(1)} %`,
  );
  assert.ok(CRISIS.length + HARMLESS.length >= 150);
  assert.ok(recall >= 0.95, `missed: ${missed.map(([t]) => t).join(" | ")}`);
  assert.ok(falseRate <= 0.05, `false alarms: ${falseAlarms.join(" | ")}`);
});

Deno.test("detectCrisis() names the kind and how serious it is", () => {
  assert.deepEqual(detectCrisis("хочу покончить с собой"), { label: "suicide", severity: "high" });
  // Someone else's death is grief, not a risk of one's own; one's own thoughts are.
  assert.equal(detectCrisis("мой брат совершил суицид"), null);
  assert.deepEqual(detectCrisis("думаю о суициде"), { label: "suicide", severity: "high" });
  assert.deepEqual(detectCrisis("режу себя"), { label: "self_harm", severity: "high" });
  assert.deepEqual(detectCrisis("отчим бьёт меня"), { label: "abuse", severity: "high" });
  assert.equal(detectCrisis(""), null);
  assert.equal(detectCrisis("\u0000\u200b"), null);
});

Deno.test("the construction corpus: recall ≥ 0.95, ≤ 3 % false alarms among hard negatives", () => {
  const missed = CRISIS_CONSTRUCTIONS.filter((text) => detectCrisis(text) === null);
  const alarms = HARD_NEGATIVES.filter((text) => detectCrisis(text) !== null);
  const recall = 1 - missed.length / CRISIS_CONSTRUCTIONS.length;
  const falseRate = alarms.length / HARD_NEGATIVES.length;
  console.log(
    `construction corpus: ${CRISIS_CONSTRUCTIONS.length} crisis, ${HARD_NEGATIVES.length} hard ` +
      `negatives; recall ${recall.toFixed(3)}, false alarms ${falseRate.toFixed(3)}`,
  );
  assert.ok(recall >= 0.95, `missed: ${missed.join(" | ")}`);
  assert.ok(falseRate <= 0.03, `false alarms: ${alarms.join(" | ")}`);
});

Deno.test("detectCrisis() reads through misspellings, look-alikes and transliteration", () => {
  for (
    const text of [
      "хочю умерть",
      "убю себя",
      "я пoкончу с сoбой",
      "ya hochu umeret",
      "х о ч у   у м е р е т ь",
      "хочу умиииреть",
      // Fused «не хочу», slang for hanging and for opening one's veins.
      "нихачу жить",
      "думаю вздёрнуться",
      "хочу вскрыться",
    ]
  ) {
    assert.equal(detectCrisis(text)?.severity, "high", text);
  }
  // Methods named by their objects: a shut garage with the engine on, alcohol with sedatives, a
  // loaded gun with no hunt around — a check-in at least; their ordinary look-alikes stay quiet.
  for (
    const text of [
      "машину в гараж загнал, ворота закрыл. шланг есть",
      "запиваю снотворное вином. уже полпачки",
      "вертикалка заряжена, стоит в углу. собака скулит",
    ]
  ) {
    assert.notEqual(detectCrisis(text), null, text);
  }
  for (
    const text of [
      "в гараже меняю масло, двигатель прогрел, ворота открыл конечно",
      "я выпил пару пива и вспомнил про вечернюю таблетку от давления. пропустить или выпить?",
      "лицензия на кабана пришла, ружьё зарядил, ждём снега",
    ]
  ) {
    assert.equal(scoreCrisis(text).score < 2, true, text);
  }
  // «вскрыться» as hyperbole keeps quiet.
  assert.equal(scoreCrisis("хоть вскройся, а отчёт сдай").score < 2, true);
});

Deno.test("framing lowers a score but a present relapse still counts", () => {
  assert.equal(detectCrisis("раньше резала руки, сейчас всё хорошо, справилась"), null);
  assert.equal(detectCrisis("раньше резала руки, и вот опять режу руки")?.label, "self_harm");
  assert.equal(detectCrisis("в фильме герой прыгает с крыши"), null);
  assert.equal(detectCrisis("подруга говорит, что хочет умереть, как помочь?"), null);
  assert.equal(detectCrisis("я не хочу умирать"), null);
  // A past dated by an age or a year, then a now with nothing of a crisis; someone else's wish.
  for (
    const text of [
      "в 15 лет я себя резала, сейчас мне 25 и я хочу рассказать, что это проходит",
      "Моя девушка постоянно говорит, что она никому не нужна и ей лучше умереть. Как её поддержать?",
    ]
  ) {
    assert.equal(scoreCrisis(text).score < 2, true, text);
  }
  // A clause about an object («она подходит как надо») keeps the writer's crisis.
  assert.equal(
    scoreCrisis("сел в гараже, посмотрел на балку и понял, что для верёвки она подходит как надо")
      .score >= 2,
    true,
  );
});

Deno.test("a middling score is medium: a gentle check-in, not the SOS card", () => {
  assert.deepEqual(detectCrisis("меня не станет, и ладно"), {
    label: "suicide",
    severity: "medium",
  });
  assert.equal(scoreCrisis("хочу умереть").score >= 3, true);
});

Deno.test("no misreading of ordinary words: a vehicle saved up for, sleep, an ordinary absence", () => {
  for (
    const text of [
      "кредиты все закрыла, теперь коплю на машину, и всё, новая жизнь",
      "последнее на сегодня, иначе опоздаю на электричку",
      "сегодня я наконец высплюсь, завтра выходной",
      // An ordinary place to go: a last message before a rehab or a flight, an absence for fishing.
      "ложусь в реабилитацию на месяц, телефон отберут. это последнее сообщение",
      "не ищите меня до вечера, я в спа с подругой",
      // A climbing rope, hinges, wallpaper cut with a blade, a missed last train.
      "купил верёвку 30 метров, будем на скалодроме тренироваться",
      "ворота гаража заклинило, еле открыл. надо смазать петли",
      "лезвия для канцелярского ножа купил, обои буду резать в выходные",
      "опоздала на последнюю электричку, сижу на вокзале до утра. ужас",
    ]
  ) {
    assert.equal(scoreCrisis(text).score < 2, true, text);
  }
  // An absence with an ordinary reason gets the gentle check-in at most, not the SOS card.
  assert.notEqual(
    detectCrisis("завтра меня не будет, беру отгул и еду на рыбалку")?.severity,
    "high",
  );
  // Two edits apart is no misspelling («высплюсь» / «выпилюсь»), one still is.
  assert.equal(scoreCrisis("я выпилюсь сегодня").score >= 2, true);
  assert.notEqual(detectCrisis("я выпилюс сегодня"), null);
});

Deno.test("a farewell in this chat still counts", () => {
  for (
    const text of [
      "это моё последнее сообщение здесь. спасибо тебе, дальше тишина",
      "завтра меня не будет. никто и не заметит",
    ]
  ) {
    assert.notEqual(detectCrisis(text), null, text);
  }
});
