import assert from "node:assert/strict";
import { detectPii, looksLikeFullName, maskPii } from "../../shared/safety/pii.ts";
import { screenText } from "../../shared/chat/relay.ts";

const MASK = "[скрыто]";

Deno.test("detectPii() finds phone numbers in Russian and CIS formats", async (t) => {
  const phones = [
    "+7 999 123-45-67",
    "8(999)1234567",
    "89991234567",
    "+79991234567",
    "8 (999) 123 45 67",
    "звоните 8-999-123-45-67 вечером",
    "+375 29 123 45 67",
    "+380 (67) 123-45-67",
    "+998 90 123 45 67",
    "мой номер 123-45-67",
    "8 9 9 9 1 2 3 4 5 6 7",
    "+7.999.123.45.67",
  ];
  for (const text of phones) {
    await t.step(text, () => assert.deepEqual(detectPii(text), ["phone"]));
  }
});

Deno.test("detectPii() finds e-mails, usernames and links", async (t) => {
  const cases: [string, string][] = [
    ["ivan.petrov@mail.ru", "email"],
    ["пишите на me+bot@gmail.com", "email"],
    ["почта: котик@почта.рф", "email"],
    ["@ivan_petrov", "username"],
    ["мой ник в тг @Lonely_Fox", "username"],
    ["https://example.com/page", "link"],
    ["http://vk.com/id1", "link"],
    ["www.instagram.com/someone", "link"],
    ["t.me/some_channel", "link"],
    ["telegram.me/joinchat/abc", "link"],
    ["vk.com/durov", "link"],
    ["мой сайт ivan-petrov.ru", "link"],
    ["сайт.рф", "link"],
    ["tg://resolve?domain=foo", "link"],
    ["linktr.ee/someone", "link"],
    ["мой сайт masha.tilda.ws", "link"],
    ["заходи ко мне vk . com / masha_k", "link"],
  ];
  for (const [text, kind] of cases) {
    await t.step(text, () => assert.deepEqual(detectPii(text), [kind]));
  }
});

Deno.test("detectPii() leaves ordinary words, years and numbers alone", async (t) => {
  const clean = [
    "Тихий Лис",
    "Люблю кошек и шахматы",
    "Мне 30 лет, работаю 10 лет программистом",
    "Родилась в 1990 году, переехала в 2015",
    "Node.js и т.е. разные вещи",
    "Смотрю сериалы, читаю фэнтези.",
    "Готов(а) поддержать",
    "Хожу в зал 3 раза в неделю",
    "e.g. это пример",
    "Люблю @ как символ",
    "5:30 утра",
    "рост 180, вес 75",
    "Ищу поддержку после развода... Тяжело.",
  ];
  for (const text of clean) {
    await t.step(text, () => assert.deepEqual(detectPii(text), []));
  }
});

Deno.test("looksLikeFullName() tells real names from nicknames", async (t) => {
  const names = [
    "Иван Петров",
    "Анна Смирнова",
    "Мария Ивановна Соколова",
    "Пётр Ильич Чайковский",
    "Сергей Александрович",
    "Злата Воронцова",
    "Ivan Petrov",
    "Anna Ivanova",
    "John Smith",
    "иван петров",
    "Дмитрий Волков",
    "Олег Шевченко",
    "Гиорги Чхеидзе",
    "Арам Хачатурян",
  ];
  for (const text of names) {
    await t.step(`${text} is a name`, () => assert.equal(looksLikeFullName(text), true));
  }
  const nicknames = [
    "Тихий Лис",
    "Ночная Сова",
    "Зелёная Долина",
    "Морской Котик",
    "Кофейный Енот",
    "Царевна Лягушка",
    "Лис",
    "Анна",
    "Пётр Первый",
    "Lonely Wolf",
    "Happy Robin",
    "Blue Penguin",
    "Тихий Волков",
    "тихий вечер",
    "Странник из Омска",
    "Котик123",
  ];
  for (const text of nicknames) {
    await t.step(`${text} is a nickname`, () => assert.equal(looksLikeFullName(text), false));
  }
});

Deno.test("detectPii() checks names only when asked", () => {
  assert.deepEqual(detectPii("Иван Петров"), []);
  assert.deepEqual(detectPii("Иван Петров", { names: true }), ["full_name"]);
  assert.deepEqual(detectPii("Иван @ivanpetrov", { names: true }), ["username"]);
});

Deno.test("maskPii() hides contacts and reports their kinds", async (t) => {
  await t.step("phones, e-mails, usernames and links", () => {
    const result = maskPii(
      "Звони +7 999 123-45-67 или пиши a.b@mail.ru, я @fox_tail, сайт https://fox.ru/me",
      MASK,
    );
    assert.equal(
      result.text,
      "Звони [скрыто] или пиши [скрыто], я [скрыто], сайт [скрыто]",
    );
    assert.deepEqual(result.found, ["phone", "email", "username", "link"]);
  });
  await t.step("an e-mail is one e-mail, not a username and a link", () => {
    const result = maskPii("почта fox@gmail.com", MASK);
    assert.equal(result.text, "почта [скрыто]");
    assert.deepEqual(result.found, ["email"]);
  });
  await t.step("clean text is returned unchanged", () => {
    const result = maskPii("Привет! Как прошёл день? Я в 2015 переехал.", MASK);
    assert.equal(result.text, "Привет! Как прошёл день? Я в 2015 переехал.");
    assert.deepEqual(result.found, []);
  });
  await t.step("names are not masked in chat text", () => {
    assert.equal(maskPii("Читаю Льва Толстого", MASK).text, "Читаю Льва Толстого");
  });
});

Deno.test("maskPii() hides bank card numbers, so the relay passes none on", async (t) => {
  const cards = [
    "Скинь на карту 4276 5260 1815 9080, я верну",
    "карта 2200824628194828",
    "Amex 3723 194875 74919",
    "номер 5469-3016-6131-8605",
    "карта 4️⃣2️⃣7️⃣6️⃣ 5260 1815 9080",
  ];
  for (const text of cards) {
    await t.step(text, () => {
      const result = maskPii(text, MASK);
      assert.deepEqual(result.found, ["card"]);
      assert.ok(!/\d{4}/.test(result.text.replace(/[\ufe0f\u20e3]/g, "")), result.text);
    });
  }
  await t.step("the relay's screening says so", () => {
    const screened = screenText("переведи на 4276 5260 1815 9080", undefined, MASK);
    assert.deepEqual(screened, { text: "переведи на [скрыто]", found: ["card"] });
  });
  await t.step("numbers that fail the Luhn check stay (orders, years, amounts)", () => {
    const text = "заказ 4276 5260 1815 9081, в 2015 году, 25 000 рублей";
    assert.deepEqual(maskPii(text, MASK), { text, found: [], changed: false });
  });
  await t.step(
    "detectPii() leaves cards to those who ask (bios and titles keep their rules)",
    () => {
      assert.deepEqual(detectPii("4276 5260 1815 9080"), []);
      assert.deepEqual(detectPii("4276 5260 1815 9080", { cards: true }), ["card"]);
    },
  );
});
