/**
 * The strict policy's building blocks (shared/llm/numbers.ts, contacts.ts, organizations.ts,
 * names.ts) on their own: what each finds and, as much, what each leaves.
 */
import assert from "node:assert/strict";
import { spelledContactSpans } from "../../shared/llm/contacts.ts";
import {
  cyrillicSpellings,
  dictionaryForms,
  loadNameMorphology,
  nameReading,
} from "../../shared/llm/names.ts";
import { digitView, longDigitRuns, spelledDigitRuns } from "../../shared/llm/numbers.ts";
import { organizationSpans } from "../../shared/llm/organizations.ts";

const runsIn = (text: string) => longDigitRuns(text).map((run) => text.slice(run.start, run.end));

Deno.test("longDigitRuns() finds five or more digits, look-alikes read as digits", async (t) => {
  const found: Array<[string, string]> = [
    ["id 5123456789", "5123456789"],
    ["звони 8 (912) 345-67-89!", "8 (912) 345-67-89"],
    ["тел 89O5I234567", "89O5I234567"],
    ["8 9ОЗ ЗЗ 44 55", "8 9ОЗ ЗЗ 44 55"],
    ["код 48291", "48291"],
    ["индекс 614000", "614000"],
  ];
  for (const [text, run] of found) {
    await t.step(text, () => assert.deepEqual(runsIn(text), [run]));
  }
  const kept = [
    "Встреча 12.05.2024 в 15:30",
    "в 2008-2010 годах",
    "Зарплата 85000 рублей",
    "аренда 35000",
    "Прошла 12 000 шагов",
    "Кредит на 500 000",
    "Купила за 1 500 ₽",
    "Давление 135/90, пульс 72",
    "С 1998 по 2004 год",
    "ОООО, 2 раза",
  ];
  for (const text of kept) {
    await t.step(`"${text}" has none`, () => assert.deepEqual(runsIn(text), []));
  }
  await t.step("an amount is at most seven digits", () => {
    assert.deepEqual(runsIn("перевела 12345678 рублей"), ["12345678"]);
  });
  await t.step("the view keeps the text's length", () => {
    const text = "тел 8 9OO 123 45 67, Оля";
    assert.equal(digitView(text).length, text.length);
    assert.equal(digitView(text), "тел 8 900 123 45 67, Оля");
  });
});

Deno.test("spelledDigitRuns() reads digits dictated in words", () => {
  const text = "номер восемь девятьсот двенадцать триста сорок пять, пока";
  assert.deepEqual(
    spelledDigitRuns(text).map((run) => text.slice(run.start, run.end)),
    ["восемь девятьсот двенадцать триста сорок пять"],
  );
  assert.deepEqual(spelledDigitRuns("два-три дня, сто двадцать рублей"), []);
});

Deno.test("spelledContactSpans() finds obfuscated e-mails, links and logins", async (t) => {
  const cases: Array<[string, string, string]> = [
    ["пиши ivan собака mail точка ru", "email", "ivan собака mail точка ru"],
    ["olga (at) yandex (dot) ru", "email", "olga (at) yandex (dot) ru"],
    ["d1990[at]gmail[dot]com", "email", "d1990[at]gmail[dot]com"],
    ["kostya.p на гмейле", "email", "kostya.p на гмейле"],
    ["страница vk точка com слэш fox_sad", "link", "vk точка com слэш fox_sad"],
    ["@ sad_owl", "username", "@ sad_owl"],
    ["мой ник в тг — lonely_fox", "username", "lonely_fox"],
  ];
  for (const [text, kind, found] of cases) {
    await t.step(text, () => {
      const spans = spelledContactSpans(text);
      assert.ok(
        spans.some((s) => s.kind === kind && text.slice(s.start, s.end) === found),
        JSON.stringify(spans.map((s) => [s.kind, text.slice(s.start, s.end)])),
      );
    });
  }
  const kept = [
    "моя собака точка в точку как я",
    "пиши в Telegram, там удобнее",
    "тема pet_loss в каталоге",
    "почти как в Minecraft",
    "никто не пишет, ок",
  ];
  for (const text of kept) {
    await t.step(`"${text}" has none`, () => assert.deepEqual(spelledContactSpans(text), []));
  }
});

Deno.test("organizationSpans() finds numbered institutions, legal names, group codes", () => {
  const text = "Учусь в 42-й школе, мама в поликлинике № 3, папа в ООО «Север», группа ФИ-21-3";
  assert.deepEqual(
    organizationSpans(text).map((s) => [s.kind, text.slice(s.start, s.end)]),
    [["number", "№ 3"], ["number", "42-й"], ["organization", "«Север»"], ["number", "ФИ-21-3"]],
  );
  assert.deepEqual(organizationSpans("В 5 магазинах, 2 раза, COVID-19"), []);
  const found = (text: string) => organizationSpans(text).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(found("лежу в пятой городской, в третьем цеху работал"), ["пятой", "третьем"]);
  assert.deepEqual(found("на заводе Серп и Молот, на стройке ЖК Символ"), [
    "Серп и Молот",
    "Символ",
  ]);
  assert.deepEqual(found("во второй половине дня, в первой городской квартире"), []);
});

Deno.test("organizationSpans() finds well-known employers and schools where they stand as a place", () => {
  const found = (text: string) => organizationSpans(text).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(found("я в сбере уже пятый год"), ["сбере"]);
  assert.deepEqual(found("после вышки пошла в Бауманку на иу7"), ["вышки", "Бауманку", "иу7"]);
  assert.deepEqual(found("учусь на филфаке, брат бросил МГУ"), ["МГУ", "филфаке"]);
  // A service talked of, a purchase, a diving tower, a grade: not a place of work or study.
  assert.deepEqual(found("сбер опять лежит, яндекс выкатил нейросеть"), []);
  assert.deepEqual(found("купила в пятёрочке хлеб, в леруа купила краску"), []);
  assert.deepEqual(found("прыгнул с вышки в бассейн, сын получил пятёрочку"), []);
  assert.deepEqual(found("в сбере взяла кредит, на Каспии шторм"), []);
});

Deno.test("the name dictionary reads names, inflects words and Latin spellings", async (t) => {
  assert.ok(await loadNameMorphology());
  await t.step("readings", () => {
    assert.equal(nameReading("Ермолая"), "name");
    assert.equal(nameReading("Айгерим"), "name");
    assert.equal(nameReading("Вера"), "maybe");
    assert.equal(nameReading("тихий"), "word");
    assert.equal(nameReading("Шмыгастик"), "unknown");
  });
  await t.step("forms", () => {
    assert.ok(dictionaryForms("Лев")!.includes("льва"));
    assert.ok(dictionaryForms("Огонёк")!.includes("огонька"));
    assert.equal(dictionaryForms("Шмыгастик"), null);
  });
  await t.step("Latin spellings", () => {
    assert.ok(cyrillicSpellings("Dmitry").includes("дмитрий"));
    assert.ok(cyrillicSpellings("Natalia").includes("наталия"));
  });
});
