import assert from "node:assert/strict";
import {
  anonymizeForLlm,
  findPersonalData,
  innValid,
  luhnValid,
  snilsValid,
} from "../../shared/coach/anonymize.ts";
import { loadNameMorphology, switchOffNameMorphology } from "../../shared/llm/names.ts";
import { HARMLESS, PII, type PiiSample } from "./pii_corpus.ts";
import { normalizeText } from "../../shared/safety/normalize.ts";

// The dictionary, as the gate loads it before the first model call.
if (!await loadNameMorphology()) throw new Error("Az.js dictionaries did not load");

// Letters typed for digits, read back as digits to compare (as a reader would).
const DIGIT_LETTERS: Record<string, string> = {
  "О": "0",
  "о": "0",
  "O": "0",
  "o": "0",
  "З": "3",
  "з": "3",
  "I": "1",
  "l": "1",
  "І": "1",
};
const digitsOf = (text: string) =>
  [...text].map((c) => DIGIT_LETTERS[c] ?? c).join("").replace(/\D/g, "");
const isNumber = (secret: string) => /\d/.test(secret) && /^[\dОоOoЗзIlІ\s().+\/-]+$/.test(secret);

/** The secrets of a sample still readable in the anonymised text. */
function leakedSecrets(secrets: string[], anonymised: string): string[] {
  return secrets.filter((secret) =>
    isNumber(secret)
      ? digitsOf(anonymised).includes(digitsOf(secret))
      : anonymised.toLowerCase().replaceAll("ё", "е").includes(
        secret.toLowerCase().replaceAll("ё", "е"),
      )
  );
}

/** The sample's own names, as the gate passes them. */
function optionsOf(sample: PiiSample) {
  return {
    pseudonyms: (sample.pseudonyms ?? []).map((name) => ({ name, token: "[собеседник]" })),
    names: (sample.names ?? []).map((name) => ({ name, token: "[имя]" })),
  };
}

Deno.test("the PII corpus: no secret survives anonymisation", async (t) => {
  let leaks = 0;
  for (const sample of PII) {
    await t.step(sample.text, () => {
      const result = anonymizeForLlm(sample.text, optionsOf(sample));
      const leaked = leakedSecrets(sample.secrets, result.text);
      if (leaked.length > 0) leaks++;
      assert.deepEqual(leaked, [], `"${result.text}" still shows ${leaked.join(", ")}`);
      assert.ok(
        result.kinds.includes(sample.kind),
        `${sample.kind} not among ${result.kinds.join(", ")}`,
      );
    });
  }
  const kinds = new Set(PII.map((sample) => sample.kind));
  console.log(
    `PII corpus: ${PII.length} sentences, ${kinds.size} kinds, leaks ${leaks}/${PII.length}`,
  );
  assert.ok(PII.length >= 240);
});

Deno.test("without the dictionary (no package files on an Edge runtime) the list stands in", () => {
  switchOffNameMorphology(true);
  try {
    const leaks = PII.filter((sample) =>
      leakedSecrets(sample.secrets, anonymizeForLlm(sample.text, optionsOf(sample)).text).length > 0
    );
    const changed = HARMLESS.filter((text) => anonymizeForLlm(text).text !== text);
    console.log(
      `without the dictionary: leaks ${leaks.length}/${PII.length}, ` +
        `harmless changed ${changed.length}/${HARMLESS.length}`,
    );
    // Names the list does not know, diminutives and verbs need the dictionary; the rest holds.
    assert.ok(leaks.length <= 10, leaks.map((sample) => sample.text).join("\n"));
    assert.ok(leaks.every((sample) => sample.kind === "name" || sample.kind === "pseudonym"));
    assert.ok(changed.length <= 10, changed.join("\n"));
    // The old list's names still go, in their case forms.
    assert.equal(
      anonymizeForLlm("Поговорила с Дмитрием и Машей").text,
      "Поговорила с [имя] и [имя]",
    );
  } finally {
    switchOffNameMorphology(false);
  }
});

Deno.test("the PII corpus's cards, SNILS and INN pass their checksums", async (t) => {
  const checks = {
    card: { valid: luhnValid, digits: [13, 14, 15, 16, 17, 18, 19] },
    snils: { valid: snilsValid, digits: [11] },
    inn: { valid: innValid, digits: [10, 12] },
  };
  for (const sample of PII) {
    if (!(sample.kind in checks)) continue;
    const { valid, digits } = checks[sample.kind as keyof typeof checks];
    const number = sample.secrets.find((secret) =>
      isNumber(secret) && digits.includes(digitsOf(secret).length)
    );
    // "ИНН 1234567890" is there to show that the word alone is enough.
    if (number === undefined || number === "1234567890") continue;
    await t.step(number, () => assert.equal(valid(digitsOf(number)), true));
  }
});

Deno.test("the harmless corpus passes unchanged", async (t) => {
  let falseAlarms = 0;
  for (const text of HARMLESS) {
    await t.step(text, () => {
      const result = anonymizeForLlm(text);
      if (result.text !== text) falseAlarms++;
      assert.deepEqual(result, { text, kinds: [] });
    });
  }
  console.log(`harmless corpus: ${HARMLESS.length} sentences, false alarms ${falseAlarms}`);
  assert.ok(HARMLESS.length >= 100);
});

Deno.test("luhnValid() accepts card numbers with a right check digit only", async (t) => {
  const valid = ["4111 1111 1111 1111", "4276-5260-1815-9080", "372319487574919", "4597971147104"];
  for (const number of valid) {
    await t.step(`${number} is valid`, () => assert.equal(luhnValid(number), true));
  }
  const invalid = ["4111 1111 1111 1112", "4276526018159081", "79261234567", "1234", "", "abcd"];
  for (const number of invalid) {
    await t.step(`"${number}" is not`, () => assert.equal(luhnValid(number), false));
  }
});

Deno.test("snilsValid() follows the mod-101 rule", async (t) => {
  const valid = [
    "112-233-445 95", // sum 95: the check number is the sum
    "402-102-488 00", // sum 100 gives 00
    "141-141-702 00", // sum 101 gives 00
    "642-185-924 00", // sum 201, mod 101 is 100: 00
    "290-134-338 49", // sum 150, mod 101 is 49
    "300-403-917 99", // sum 99
    "11223344595",
    "001-001-998 12", // issued before the rule: any check number
  ];
  for (const snils of valid) {
    await t.step(`${snils} is valid`, () => assert.equal(snilsValid(snils), true));
  }
  const invalid = ["112-233-445 96", "402-102-488 01", "290-134-338 50", "112-233-445", "1"];
  for (const snils of invalid) {
    await t.step(`${snils} is not`, () => assert.equal(snilsValid(snils), false));
  }
});

Deno.test("innValid() checks 10- and 12-digit INNs", async (t) => {
  const valid = ["7707083893", "500100732259", "4525388856", "334839548642"];
  for (const inn of valid) {
    await t.step(`${inn} is valid`, () => assert.equal(innValid(inn), true));
  }
  const invalid = ["7707083894", "500100732258", "500100732269", "1234567890", "12345", ""];
  for (const inn of invalid) {
    await t.step(`${inn} is not`, () => assert.equal(innValid(inn), false));
  }
});

Deno.test("anonymizeForLlm() replaces the partners' pseudonyms by their tokens", async (t) => {
  const pseudonyms = [
    { name: "Тихий Лис", token: "[собеседник]" },
    { name: "Ночная Сова", token: "[я]" },
  ];
  await t.step("in any letter case", () => {
    const result = anonymizeForLlm("тихий лис, ты где? НОЧНАЯ СОВА на месте", { pseudonyms });
    assert.deepEqual(result, { text: "[собеседник], ты где? [я] на месте", kinds: ["pseudonym"] });
  });
  await t.step("in its case forms", () => {
    const result = anonymizeForLlm("Спасибо Тихому Лису, от Ночной Совы привет", { pseudonyms });
    assert.equal(result.text, "Спасибо [собеседник], от [я] привет");
  });
  await t.step("not inside other words", () => {
    const result = anonymizeForLlm("Лисички и совы", {
      pseudonyms: [{ name: "Лис", token: "[собеседник]" }],
    });
    assert.equal(result.text, "Лисички и совы");
  });
  await t.step("a one-word pseudonym takes endings only on a stem of 4+ letters", () => {
    const cat = [{ name: "Кот", token: "[собеседник]" }];
    assert.equal(
      anonymizeForLlm("Кот, у меня нет кота", { pseudonyms: cat }).text,
      "[собеседник], у меня нет кота",
    );
    const sonya = [{ name: "Соня", token: "[собеседник]" }];
    assert.equal(
      anonymizeForLlm("Соня, мне снился сон", { pseudonyms: sonya }).text,
      "[собеседник], мне снился сон",
    );
    const daisy = [{ name: "Ромашка", token: "[собеседник]" }];
    assert.equal(
      anonymizeForLlm("Спасибо, ромашке привет", { pseudonyms: daisy }).text,
      "Спасибо, [собеседник] привет",
    );
  });
  await t.step("a pet form in capitals where it calls the partner, not an everyday word", () => {
    const calledBy = (name: string, text: string) =>
      anonymizeForLlm(text, { pseudonyms: [{ name, token: "[собеседник]" }] }).text;
    assert.equal(calledBy("Сова", "Совушка, ты тут?"), "[собеседник], ты тут?");
    assert.equal(calledBy("Тихий Кот", "Котик, прости меня"), "[собеседник], прости меня");
    assert.equal(calledBy("Рыжая", "Рыженькая моя, держись"), "[собеседник] моя, держись");
    assert.equal(calledBy("Белка", "Спасибо, Белочка!"), "Спасибо, [собеседник]!");
    assert.equal(calledBy("Зайка", "Заинька, не плачь"), "[собеседник], не плачь");
    assert.equal(calledBy("Luna", "Привет, Луночка"), "Привет, [собеседник]");
    assert.equal(calledBy("Тихий Кот", "Котик мой умер сегодня"), "Котик мой умер сегодня");
    assert.equal(calledBy("Лиса", "в лесу видела лисичку"), "в лесу видела лисичку");
    assert.equal(calledBy("Волк", "Спасибо, Волчонок!"), "Спасибо, [собеседник]!");
    assert.equal(calledBy("Туча", "Тучка, не плачь"), "[собеседник], не плачь");
  });
  await t.step("misspelt, by initials, an adjective in address, a handle's letters", () => {
    const calledBy = (name: string, text: string) =>
      anonymizeForLlm(text, { pseudonyms: [{ name, token: "[собеседник]" }] }).text;
    assert.equal(calledBy("Ветер", "Ветир, спасибо тебе"), "[собеседник], спасибо тебе");
    assert.equal(calledBy("Ёжик", "Ежык, ты как там?"), "[собеседник], ты как там?");
    assert.equal(calledBy("Ромашка", "спасибо, Рамашка"), "спасибо, [собеседник]");
    assert.equal(calledBy("Тихий Омут", "ТО, спасибо за совет"), "[собеседник], спасибо за совет");
    assert.equal(calledBy("lonely_wolf", "LW, ты тут?"), "[собеседник], ты тут?");
    assert.equal(calledBy("Рыжая Белка", "Рыжая, ты лучшая"), "[собеседник], ты лучшая");
    assert.equal(calledBy("Marta_88", "Marta, спасибо"), "[собеседник], спасибо");
    // A word the dictionary knows is no misspelling: «Волгу» for «Волк», «Лизе» for «Лиса».
    assert.equal(calledBy("Волк", "ездили на Волгу"), "ездили на Волгу");
    assert.ok(!calledBy("Лиса", "хомяка отнесла Лизе").includes("[собеседник]"));
    assert.equal(calledBy("Тихий Омут", "то, что ты написала"), "то, что ты написала");
  });
  await t.step("a Latin pseudonym written in Cyrillic by ear", () => {
    const calledBy = (name: string, text: string) =>
      anonymizeForLlm(text, { pseudonyms: [{ name, token: "[собеседник]" }] }).text;
    assert.equal(calledBy("night_owl", "найт оул, ты не спишь?"), "[собеседник], ты не спишь?");
    assert.equal(calledBy("sunshine", "Саншайн, с тобой тепло"), "[собеседник], с тобой тепло");
    assert.equal(calledBy("moonlight", "спасибо, Мунлайт"), "спасибо, [собеседник]");
    assert.equal(calledBy("Marta_88", "папа умер в марте"), "папа умер в марте");
    assert.equal(calledBy("Ghost_17", "приходи в гости"), "приходи в гости");
  });
  await t.step("with a hyphen", () => {
    const result = anonymizeForLlm("Анна-Мария, привет", {
      pseudonyms: [{ name: "Анна-Мария", token: "[собеседник]" }],
    });
    assert.equal(result.text, "[собеседник], привет");
  });
  await t.step("with symbols, digits and Latin letters", () => {
    const result = anonymizeForLlm("Привет, Star*Girl (99)! Как ты?", {
      pseudonyms: [{ name: "Star*Girl (99)", token: "[собеседник]" }],
    });
    assert.equal(result.text, "Привет, [собеседник]! Как ты?");
  });
  await t.step("besides other personal data", () => {
    const result = anonymizeForLlm("Тихий Лис, мой номер 89261234567", { pseudonyms });
    assert.deepEqual(result, {
      text: "[собеседник], мой номер [телефон]",
      kinds: ["pseudonym", "phone"],
    });
  });
});

Deno.test("anonymizeForLlm() lists each kind once, in order of appearance", () => {
  const result = anonymizeForLlm(
    "Пиши a@mail.ru или +7 912 345-67-89, Маша, или снова b@mail.ru, Денис",
  );
  assert.deepEqual(result.kinds, ["email", "phone", "name"]);
  assert.equal(
    result.text,
    "Пиши [почта] или [телефон], [имя], или снова [почта], [имя]",
  );
});

Deno.test("anonymizeForLlm() masks any 10- or 12-digit run after the word ИНН", () => {
  assert.equal(anonymizeForLlm("ИНН 1234567890").text, "ИНН [инн]");
  // Any other run of five or more digits is a number of some kind.
  assert.equal(anonymizeForLlm("заказ 1234567890").text, "заказ [номер]");
});

Deno.test("anonymizeForLlm() keeps the end of a long text", async (t) => {
  const words = Array.from({ length: 200 }, (_, i) => `слово${i}`);
  const text = words.join(" ");
  await t.step("at most maxLength characters, starting at a word", () => {
    const result = anonymizeForLlm(text, { maxLength: 100 });
    assert.ok(result.text.length <= 100, `${result.text.length} characters`);
    assert.ok(result.text.startsWith("…слово"), result.text);
    assert.ok(result.text.endsWith("слово199"));
    assert.ok(text.endsWith(result.text.slice(1)));
  });
  await t.step("600 characters by default", () => {
    const result = anonymizeForLlm(text);
    assert.ok(result.text.length <= 600 && result.text.length > 550, `${result.text.length}`);
    assert.ok(result.text.endsWith("слово199"));
  });
  await t.step("a short text is not cut", () => {
    assert.equal(anonymizeForLlm("Всё хорошо", { maxLength: 10 }).text, "Всё хорошо");
  });
  await t.step("never inside a placeholder or token, and after anonymising", () => {
    const long = "Звони 89261234567 " + "очень ".repeat(50) + "Маша";
    const result = anonymizeForLlm(long, { maxLength: 30 });
    assert.ok(result.text.length <= 30);
    assert.ok(result.text.endsWith("[имя]"), result.text);
    assert.deepEqual(result.kinds, ["phone", "name"]);
    const cut = anonymizeForLlm("ааа [собеседник] ббб", {
      maxLength: 16,
      pseudonyms: [{ name: "Лис", token: "[мой собеседник]" }],
    });
    assert.ok(cut.text.length <= 16);
    const tokenCut = anonymizeForLlm("Лис ббб", {
      maxLength: 8,
      pseudonyms: [{ name: "Лис", token: "[мой собеседник]" }],
    });
    assert.equal(tokenCut.text, "…ббб");
  });
});

Deno.test("findPersonalData() checks the model's answer", async (t) => {
  await t.step("an answer with placeholders and tokens is clean", () => {
    assert.deepEqual(
      findPersonalData(
        "Похоже, [собеседник] очень устал(а). Можно спросить: «Что тебе сейчас поможет?»",
      ),
      [],
    );
  });
  await t.step("an answer that repeats a phone or a name is not", () => {
    assert.deepEqual(findPersonalData("Позвони Марине по номеру 8 912 345-67-89"), [
      "name",
      "phone",
    ]);
  });
  await t.step("an answer with an address is not", () => {
    assert.deepEqual(findPersonalData("Приходи на ул. Ленина, д. 5"), ["address"]);
  });
});

// Read freely, so tuning figures. What corpus 2 still leaks is mostly what the policy lets pass —
// a city or a faculty alone («в Твери», «на филфаке»), a course year, a class letter — and the
// hardest spellings: a pseudonym transliterated by ear («мистер нободи»), an e-mail spelt letter
// by letter. Corpus 3 (hard spellings, session 7) leaked 32 of 173 before its rules (a house
// before its street, street forms in lower case, abbreviations typed small, schools numbered in
// words, dates of birth in words, surnames after «по мужу»): now 11 — numbers in words, a name
// by a nickname no dictionary knows, a pseudonym in Latin letters. Corpus 4 (surnames, addresses,
// Telegram names, workplaces in many forms) leaked 16 of 162: a Telegram name's everyday forms
// («Сергей» → «Серёж»), any street name with a house letter or a flat after «на», a house
// numbered before «на Садовой», a workplace's kind and street, a capitalised name after «кафе»:
// now 5. Corpus 5 (session 8: addresses, workplaces, surnames and names, nearly all in lower case,
// many from Central Asia and the Caucasus) leaked 109 of 252: lower-case streets after «с» or with
// an ordinal or an adjective before them, «пр. мира 44», and a village's name alone (by its form in
// lower case): 93; with 269 Kazakh, Uzbek, Kyrgyz, Tatar, Azerbaijani, Georgian, Armenian and North
// Caucasian given names the dictionary lacks: 86; with surnames typed small by endings only
// surnames have (-швили, -дзе, -ян, -енко, long -ова/-ева): 76 — slang forms of names
// («костян», «катюху»), employers typed small and addresses without a street word are most of
// the rest. Corpus 6 (session 9: workplaces and schools, Telegram names' everyday forms, dates of
// birth in prose) leaked 80 of 212: with the dictionary's organisation names typed small («в
// лукойл», «в мгимо»), any word it lacks right after a work or study verb («работаю в вкусвилле»,
// not slang kinds of place such as «в универ», «в айти») and short unknown words near study words
// («в нгу на физфаке»): 68 — brands the dictionary reads as words («в озоне», «в вышке»), a generic
// place before a name («на заводе ГАЗ»), birthdays after «днюха» are most of the rest; with a
// birthday without its year beside a birth word (the strictest policy): 60 — 3 of 58,760 other
// texts changed (each a birthday), two of corpus 1's harmless ones too («У мамы день рождения 14
// мая»). Session 10, corpus 7 (brands that read as words, everyday forms of the users' Telegram
// names, third persons' affectionate names; 224 details nearly all lower case) leaked 152; with an
// employer read from the role or the part of a workplace after it («в додо пиццамейкером», «на
// каспи в поддержке») and a Telegram name's made-up affectionate forms («нурик», «лерусь»): 95
// (corpus 5 75 → 72, corpus 6 58 → 56); 1 of 9,800 other texts changed (fixed: a monastery).
// Session 11, corpus 8 (workplaces and schools in everyday speech: brands, university slang,
// faculties, numbers; 130 details) leaked 40; with the well-known employers, universities and
// hospitals where they stand as a place, faculties by short name and department codes: 14 (corpus
// 7 95 → 73, 6 56 → 40, 5 72 → 64, 1 44 → 38); 25 of 48,464 other texts changed (nearly all a
// place of study or work: «поступила в МГУ», «ушла с юрфака»), harmless ones of corpora 3, 5 and 7
// five more («в мгу сложно поступить»). The users' own everyday names in lower case where the
// dictionary's other reading is a rare word («я дима кстати»: «дим»): corpus 8 14 → 13, 4 3 → 2,
// 5 64 → 63; with 56 Telegram names over 4,800 chat messages 0 of 268,800 changed. A hospital by
// its ordinal alone («в пятой городской»), a shop floor («в третьем цеху»), a capitalised name
// after a plant or a housing estate («на заводе Серп и Молот», «ЖК Символ»): corpus 8 13 → 9, 6
// 40 → 38, 1, 5 and 7 one fewer each; no other text changed. Session 12, corpus 9 (pseudonyms'
// pet forms and transliterations, small local workplaces, surnames; 63 details, 60 harmless)
// leaked 14 (pseudonyms 11 of 21); with a pseudonym's pet forms in capitals inside a sentence or
// where the partner is called by them, and more small workplaces before a quoted or capitalised
// name: 4 (left: pseudonyms spelt by ear from English, «Найтоул» for «night_owl», a surname
// alone); 0 of 75,045 other texts changed, and with 24 pseudonyms over 11,593 ordinary messages
// none more than before. Corpus 10 (the users' pseudonyms in 100 forms people use: cases, pet
// forms, Latin handles by ear, initials, typos) leaked 47; with pet forms on «-ка» and «-ёнок» from
// a softened stem («Волчонок»), initials in capitals («ТО» for «Тихий Омут»), a pseudonym
// adjective in address («Рыжая, ты лучшая»), a handle's letters alone («Marta» for «Marta_88») and
// misspellings that sound the same and are no dictionary word («Ветир», «Ежык», «Рамашка»): 24;
// with a Latin pseudonym's English words written in Cyrillic by ear («найт оул», «Саншайн»,
// «Мунлайт», «энджел»): 16 (corpus 9 4 → 2, corpus 1 36 → 34). Left: nicknames made from a
// pseudonym («Тихоня» for «Тихая»), forms at a sentence's start with no comma, short words alone
// («оул»). With 34 pseudonyms over 11,833 ordinary messages none more changed than before («в
// марте» for «Marta_88», «в гости» for «Ghost_17», «Кейт» for «kitty_cat» were, and were mended).
// Corpus 11 (session 13: surnames in every form, the users' Telegram names as nicknames, dates
// of birth and addresses in hard forms; 130 details, 60 harmless) leaked 22 (surnames 13 of 45);
// with a surname beside a job or relation («учитель физики Пак», «Щукина, соседка по площадке»,
// «физрук Орёл») and a woman's surname form doing something («Петрова опять завалила»): 12; with
// a Telegram name cut to three letters («Ксю»), «-унь» forms («Машунь») and a pet form that is
// also a word, with a capital mid-sentence («я Рустик»): 9; with dates of birth in words
// («родился в девяносто шестом, двадцать третьего июля»), after «исполнилось» and beside a sign of
// the zodiac: 6; with a house followed by its floor, entrance or flat («Лесная 21, 5-й этаж»): 5.
// 0 of 63,748 other texts changed;
// 56 Telegram names over 10,920 ordinary messages: none more changed than before (collisions
// found and mended on the way: «по Катуни» for Екатерина, «слушаю Тату» for Татьяна).
// Session 13: nicknames a pseudonym adjective gives («Тихая» → «Тихоня», «Злая» → «злюка»,
// «Колючая» → «колючка», «Потерянная» → «Потеряшка»), with a capital or where the partner is
// called by them: corpus 10 16 → 12; 30 adjective pseudonyms over 10,920 ordinary messages none
// more changed («Мне, старику, …» for «Старый клён» was, and «-ик» nicknames were left out).
// Then a handle's first letter with its digits («М88» for «Marta_88»), two neighbouring letters
// swapped («Фениск» for «Феникс») and an English word by ear that the dictionary knows, where
// the partner is called by it («Бёрд, ты…»): corpus 10 12 → 9; 24 more pseudonyms (handles,
// nouns) over 10,920 ordinary messages none more changed.
// Corpus 12 (session 13: named workplaces and schools in everyday speech, addresses in hard
// forms; 130 details, 60 harmless) leaked 28 (workplaces 13 of 70, addresses 15 of 60); with
// schools by number alone where study is the topic («в 57-й задали проект») or in words («в
// пятьдесят седьмой школе»), hospitals by ordinal in digits, military units («в части 3526»),
// «шк 19», schools named after someone («в универе Гагарина»), slang universities («в
// нархозе»), quoted factory names; houses with a floor, entrance, flat or room after them, a
// street before «дом»/«кв» with numbers in words, «дом 18 на Молодёжной», and a street and house
// where the sentence is about where one lives («живём в Сосновке, Лесная 12»): 5. Corpora 5, 6
// and 7 62 → 58, 38 → 35, 72 → 69; 0 of 63,988 other texts changed.
// Corpus 13 (session 14: 84 pseudonyms as partners write them — translated, shortened, pet
// forms, lower case where the partner is called; 200 details; its 80 harmless messages use the
// same pseudonyms' words in their ordinary sense and are read with those people) leaked 38;
// with English nickname words by their Russian sense (`nicknameTranslations`: «lonely.wolf» →
// «Волк», «ghost404» → «призрак»), any pseudonym word in lower case where the partner is called
// by it (`addressed`: «слушай волк, …», «бабочка моя 🦋»), an adjective part with a capital
// inside a sentence («что-то Лунный сегодня»), a Latin word's dictionary forms («veterok» →
// «Ветерку»), a letter dropped («Пинвин»), a three-letter English word by ear where called
// («Скай,»): 22. Corpora 7 and 8 69 → 68, 9 → 8; blind privacy sets 1–17 62 → 59 of 2,871.
// The harmless it masks (43 of 80) are the pseudonyms' own words — over-masking, not a leak.
// Corpus 14 (session 14: given names, surnames and addresses across Russia and the CIS; 200
// details, 80 harmless) leaked 17; with a town, a comma and a street with a house («Алматы,
// Аль-Фараби 77»), a district by number with a house («9 мкр, дом 3»), a name with a house and
// flat after a slash where an address stands («…подъездом, Победы 12/3»), a street's form after
// «с», «от», «возле», «около», «напротив» too, hyphenated street names, neighbours as a word of
// where one lives, someone «из бухгалтерии / параллельного класса» (inside a sentence), «младший /
// старший» as relatives: 9. Corpora 1 and 5 34 → 33, 58 → 57; 2 of 162,255 other texts changed
// («Бишкек, Восток-5», a district; «Москва-Сити, 89 этаж», a floor read as a house).
// Session 18: a pseudonym's own nouns on four letters or more count in lower case anywhere, as a
// one-word pseudonym's always did («котёнок опять ноет» for Котёнок_Мяу). The harmless look-alikes
// written with those very words as plain words pay for it: changed 43 → 50 (corpus 13), 35 → 41
// (15), 55 → 57 (16), 31 → 43 (18); the everyday check (150 pseudonyms × 3,000 messages) 290 →
// 377 pairs with a pseudonym token.
const TUNING_CORPORA = [
  { file: "./pii_tuning_more.json", maxLeaks: 23, maxChanged: 15 },
  { file: "./pii_tuning_more_3.json", maxLeaks: 6, maxChanged: 8 },
  { file: "./pii_tuning_more_4.json", maxLeaks: 1, maxChanged: 7 },
  { file: "./pii_tuning_more_5.json", maxLeaks: 41, maxChanged: 11 },
  { file: "./pii_tuning_more_6.json", maxLeaks: 25, maxChanged: 3 },
  { file: "./pii_tuning_more_7.json", maxLeaks: 47, maxChanged: 7 },
  { file: "./pii_tuning_more_8.json", maxLeaks: 4, maxChanged: 1 },
  { file: "./pii_tuning_more_9.json", maxLeaks: 1, maxChanged: 15 },
  { file: "./pii_tuning_more_10.json", maxLeaks: 5, maxChanged: 0 },
  { file: "./pii_tuning_more_11.json", maxLeaks: 4, maxChanged: 10 },
  { file: "./pii_tuning_more_12.json", maxLeaks: 3, maxChanged: 8 },
  { file: "./pii_tuning_more_13.json", maxLeaks: 13, maxChanged: 49 },
  { file: "./pii_tuning_more_14.json", maxLeaks: 8, maxChanged: 18 },
  // Nicknames made of pseudonyms (session 15): 50 of 200 leaked before the shared-start reading;
  // 15 since one nickname's pet forms are read as one (session 16).
  { file: "./pii_tuning_more_15.json", maxLeaks: 13, maxChanged: 41 },
  // Pseudonyms and names as partners and writers use them (session 16): plain words from pet
  // forms and back, changed stems, reordered or translated words, digits read aloud, the
  // writer's own name after «я / это / твоя»: 48 of 165 leaked; 11 with nickname families
  // (shared/llm/nickname_family.ts), two words of a pseudonym anywhere, digits in words, calls
  // after «Ой,»/«брат» and signatures.
  { file: "./pii_tuning_more_16.json", maxLeaks: 8, maxChanged: 57 },
  // Places and employers as people type them (session 17): districts, villages, streets without
  // «улица», chains and plants in lower case or capitals, surnames one goes by, phones and
  // e-mails in pieces: 107 of 293 leaked; 64 with the districts where one lives
  // (shared/llm/places.ts), shops as employers beside work, self-named and labelled surnames.
  { file: "./pii_tuning_more_17.json", maxLeaks: 56, maxChanged: 12 },
  // People (session 17): pseudonyms in the third person, halved or translated, Telegram names in
  // everyday forms, relatives' names and surnames typed small: 32 of 219 leaked; 25 with Latin
  // titles by sense («dr» → «доктор»), a fleeting vowel in pet forms, relatives' names in
  // apposition, surnames after a role in lower case, pet forms called after a comma: 23.
  { file: "./pii_tuning_more_18.json", maxLeaks: 18, maxChanged: 43 },
  // All kinds as careless writers type them (session 17): 17 of 223 leaked; 7 with names and
  // numbers typed small before a house or a flat («самал 2 дом 58»), Kazakh months, «ну что,» calls.
  // Session 18's pet names (below): 6.
  { file: "./pii_tuning_more_19.json", maxLeaks: 6, maxChanged: 1 },
  // The hard cases (session 18): pseudonym words and pet names typed small in the third person,
  // districts without a word about home, departments, phones split across a sentence: 31 of 243
  // leaked; 24 with pet forms of common names anywhere («тимурчик», «с катюхой»), or beside a
  // possessive or a person's verb when also a word («сонька моя»); 11 with a pseudonym's longer
  // nouns in lower case anywhere, a phone's code given apart, a passport's series alone,
  // numbered blocks of a district («юнусабад 19 квартал») and dormitories.
  { file: "./pii_tuning_more_20.json", maxLeaks: 11, maxChanged: 12 },
];

interface Person {
  pseudonym?: string;
  telegramFirstName?: string;
}

function optionsFor(people: Person[]) {
  return {
    maxLength: 4096,
    pseudonyms: people.flatMap((p) =>
      p.pseudonym ? [{ name: p.pseudonym, token: "[собеседник]" }] : []
    ),
    names: people.flatMap((p) =>
      p.telegramFirstName ? [{ name: p.telegramFirstName, token: "[имя]" }] : []
    ),
  };
}

for (const { file, maxLeaks, maxChanged } of TUNING_CORPORA) {
  Deno.test(`tuning corpus ${file} (helpers who saw no code): few leaks, harmless mostly unchanged`, async () => {
    const corpus = JSON.parse(await Deno.readTextFile(new URL(file, import.meta.url))) as {
      samples: Array<{
        text: string;
        secrets: string[];
        author: Person;
        partner: Person;
      }>;
      harmless: Array<string | { text: string; author: Person; partner: Person }>;
    };
    let secrets = 0;
    let leaks = 0;
    for (const sample of corpus.samples) {
      const out = anonymizeForLlm(sample.text, optionsFor([sample.author, sample.partner])).text;
      secrets += sample.secrets.length;
      leaks += leakedSecrets(sample.secrets, out).length;
    }
    // A harmless message with people beside it is read with their names known.
    const changed = corpus.harmless.filter((item) => {
      const [text, people] = typeof item === "string"
        ? [item, []]
        : [item.text, [item.author, item.partner]];
      return anonymizeForLlm(text, optionsFor(people)).text !== normalizeText(text).text;
    }).length;
    console.log(
      `privacy ${file}: leaks ${leaks}/${secrets}, harmless changed ${changed}/${corpus.harmless.length}`,
    );
    assert.ok(leaks <= maxLeaks, `leaks ${leaks}`);
    assert.ok(changed <= maxChanged, `harmless changed ${changed}`);
  });
}

Deno.test("hard spellings of addresses, schools, birth dates and surnames are masked", () => {
  const masked = (text: string) => anonymizeForLlm(text, { maxLength: 4096 }).text;
  assert.equal(masked("живу в доме 5 по Ленина, приходи"), "живу в [адрес], приходи");
  assert.equal(masked("стою возле пушкинской 20 уже час"), "стою возле [адрес] уже час");
  assert.match(masked("общага на студенческой 7б, комната 312"), /^общага на \[адрес\]$/);
  assert.match(masked("снт ромашка участок 54, там дача"), /^\[адрес\], там дача$/);
  assert.doesNotMatch(masked("учусь в школе номер сорок семь"), /сорок семь/);
  assert.doesNotMatch(masked("дочь учится во второй гимназии"), /второй/);
  assert.doesNotMatch(masked("я из кфу, 3 курс"), /кфу/);
  assert.doesNotMatch(masked("я в бгуир учусь, в минске"), /бгуир/);
  assert.doesNotMatch(masked("я родилась двенадцатого марта девяносто восьмого"), /марта/);
  assert.doesNotMatch(masked("рождена в 96м, и что"), /96/);
  assert.doesNotMatch(masked("мужу 19.IV.85 был день рождения"), /IV/);
  assert.doesNotMatch(masked("я по мужу Шевчук"), /Шевчук/);
  assert.doesNotMatch(masked("фамилия у меня смешная — непейпиво"), /непейпиво/);
  assert.doesNotMatch(masked("лада гранта о 5 5 5 ое 116 у подъезда"), /116/);
  assert.doesNotMatch(masked("он переехал на Мира, 4-15"), /Мира/);
  assert.doesNotMatch(masked("в 5-м доме на Садовой живёт отец"), /Садовой/);
  assert.doesNotMatch(masked("ждал на Гагарина у дома 12"), /Гагарина/);
  assert.doesNotMatch(masked("в колледже связи на Тверской препод валит"), /Тверской/);
  assert.doesNotMatch(masked("я повар в кафе Шашлычный двор"), /Шашлычный/);
  assert.doesNotMatch(masked("тружусь в ржд проводником"), /ржд/);
  // An employer by the role or the part of a workplace after it; a kind of place is none.
  assert.equal(
    masked("в додо пиццамейкером, хочу уйти"),
    "в [организация] пиццамейкером, хочу уйти",
  );
  assert.equal(masked("в узуме на складе сижу"), "в [организация] на складе сижу");
  assert.equal(masked("в магазине кассиром третий год"), "в магазине кассиром третий год");
  assert.equal(masked("в парке вечером гуляли"), "в парке вечером гуляли");
  assert.equal(masked("в этом году курьером"), "в этом году курьером");
  // A Telegram name's made-up affectionate forms, never an ordinary word.
  const called = (name: string, text: string) =>
    anonymizeForLlm(text, { maxLength: 4096, names: [{ name, token: "[имя]" }] }).text;
  assert.equal(called("Нурсултан", "я нурик, 20 лет"), "я [имя], 20 лет");
  assert.equal(called("Валерия", "спасибо, лерусь"), "спасибо, [имя]");
  assert.equal(called("Айгерим", "айгеша тут, всем привет"), "[имя] тут, всем привет");
  assert.equal(called("Мамед", "Мама говорит, что пройдёт"), "Мама говорит, что пройдёт");
  // A Telegram name's everyday forms; those that are words only with a capital.
  const named = (name: string, text: string) =>
    anonymizeForLlm(text, { maxLength: 4096, names: [{ name, token: "[имя]" }] }).text;
  assert.equal(
    named("Сергей", "Серёж, а ты тоже через это проходил?"),
    "[имя], а ты тоже через это проходил?",
  );
  assert.equal(named("Елена", "Лен, ты меня не поняла"), "[имя], ты меня не поняла");
  assert.equal(named("Полина", "поля засеяны, Поля"), "поля засеяны, [имя]");
  // Left alone: ordinary words after the same prepositions.
  assert.equal(masked("я в универе на втором курсе"), "я в универе на втором курсе");
  assert.equal(masked("на второй 5 минут опоздала"), "на второй 5 минут опоздала");
  assert.equal(masked("в этой школе хорошие учителя"), "в этой школе хорошие учителя");
});

Deno.test("the users' own everyday names count in lower case unless they are everyday words too", () => {
  const masked = (text: string, name: string) =>
    anonymizeForLlm(text, { names: [{ name, token: "[имя]" }] }).text;
  // «дима», «лена» are also rare dictionary words («дим», flax): the person's name here.
  assert.equal(masked("я дима кстати", "Дмитрий"), "я [имя] кстати");
  assert.equal(masked("я лена, если что", "Елена"), "я [имя], если что");
  // Everyday words that share a form with an everyday name stay.
  assert.equal(masked("это не конец света", "Светлана"), "это не конец света");
  assert.equal(masked("инсулин колю по схеме", "Николай"), "инсулин колю по схеме");
  assert.equal(masked("кости ломит к дождю", "Константин"), "кости ломит к дождю");
  assert.equal(masked("Света, привет", "Светлана"), "[имя], привет");
});

Deno.test("a pseudonym's noun counts in lower case where the partner is called by it", () => {
  const masked = (text: string, pseudonym: string) =>
    anonymizeForLlm(text, { pseudonyms: [{ name: pseudonym, token: "[собеседник]" }] }).text;
  assert.equal(masked("сова, ты права", "Серая Сова"), "[собеседник], ты права");
  assert.equal(masked("ок. омутик, ты тут?", "Тихий Омут"), "ок. [собеседник], ты тут?");
  // Elsewhere the ordinary word stays: «сова» in a sentence, an adjective alone.
  assert.equal(masked("я сова, ложусь поздно", "Серая Сова"), "я сова, ложусь поздно");
  assert.equal(masked("серая, ты права", "Серая Сова"), "серая, ты права");
  // A Latin phrase in Cyrillic, prepositions and all.
  assert.equal(masked("спасибо коту в сапогах", "kot_v_sapogah"), "спасибо [собеседник]");
});

Deno.test("a surname beside a job or relation is masked, even one that is an ordinary word", () => {
  const masked = (text: string) => anonymizeForLlm(text).text;
  assert.equal(masked("физрук Орёл заставил меня бегать"), "физрук [имя] заставил меня бегать");
  assert.equal(
    masked("учитель физики Пак поставил двойку"),
    "учитель физики [имя] поставил двойку",
  );
  assert.equal(masked("сосед сверху, Бобр, опять затопил"), "сосед сверху, [имя], опять затопил");
  assert.equal(
    masked("Щукина, соседка по площадке, всё видела"),
    "[имя], соседка по площадке, всё видела",
  );
  assert.equal(masked("Белый, мой бывший парень, пишет"), "[имя], мой бывший парень, пишет");
  assert.equal(masked("Петрова опять завалила меня"), "[имя] опять завалила меня");
  // A relative's complement, a place after a relative, ordinary words stay.
  assert.equal(masked("У дочки синдром Дауна"), "У дочки синдром Дауна");
  assert.equal(masked("Еду к маме в Гомель"), "Еду к маме в Гомель");
  assert.equal(masked("Голова пухнет от формул"), "Голова пухнет от формул");
  assert.equal(masked("Короче, мой бывший опять пишет"), "Короче, мой бывший опять пишет");
});

Deno.test("a Telegram name's short and pet forms: cut to three letters, -унь, a word with a capital", () => {
  const masked = (text: string, name: string) =>
    anonymizeForLlm(text, { names: [{ name, token: "[имя]" }] }).text;
  assert.equal(masked("Я Ксю, если что", "Ксения"), "Я [имя], если что");
  assert.equal(masked("Машунь, ну ты чего", "Мария"), "[имя], ну ты чего");
  assert.equal(masked("я Рустик, помнишь?", "Рустам"), "я [имя], помнишь?");
  // The same letters as a style, a place or a band stay.
  assert.equal(masked("Рустик сейчас в моде", "Рустам"), "Рустик сейчас в моде");
  assert.equal(masked("сплавлялись по Катуни", "Екатерина"), "сплавлялись по Катуни");
  assert.equal(masked("слушаю Тату", "Татьяна"), "слушаю Тату");
});

Deno.test("a date of birth in words, after «исполнилось», beside a sign of the zodiac", () => {
  const masked = (text: string) => anonymizeForLlm(text).text;
  assert.equal(
    masked("родился в девяносто шестом, двадцать третьего июля"),
    "родился [дата рождения]",
  );
  assert.equal(
    masked("мне вчера 18 исполнилось, 9 мая"),
    "мне вчера 18 исполнилось, [дата рождения]",
  );
  assert.equal(
    masked("я 17-го апреля, 97 год, телец по гороскопу"),
    "я [дата рождения], телец по гороскопу",
  );
  // Dates of other things and an age stay.
  assert.equal(masked("сдаю экзамен 12 мая"), "сдаю экзамен 12 мая");
  assert.equal(masked("мне исполнилось 30 лет"), "мне исполнилось 30 лет");
});

Deno.test("a street and house with a floor, entrance or flat after them is an address", () => {
  const masked = (text: string) => anonymizeForLlm(text).text;
  assert.equal(masked("я тут, Лесная 21, 5-й этаж"), "я тут, [адрес], 5-й этаж");
  assert.equal(masked("Садовая 5, подъезд 2"), "[адрес]");
  // A street's name with a number of something else stays.
  assert.equal(masked("Новая 3 серия вышла"), "Новая 3 серия вышла");
});

Deno.test("schools by number or name in everyday speech, military units, houses in hard forms", () => {
  const masked = (text: string) => anonymizeForLlm(text).text;
  assert.equal(masked("в 57-й задали проект"), "в [номер] задали проект");
  assert.equal(masked("сын учится в пятьдесят седьмой школе"), "сын учится в [номер] школе");
  assert.equal(masked("служу в части 3526, пишу ночью"), "служу в части [номер], пишу ночью");
  assert.equal(masked("учусь в универе Гагарина"), "учусь в универе [организация]");
  assert.equal(masked("живём в общаге на Гоголя 11, комната 5"), "живём в общаге на [адрес]");
  assert.equal(
    masked("я на Космонавтов двадцать два, квартира тридцать один"),
    "я на [адрес]",
  );
  assert.equal(
    masked("живём в Сосновке, Лесная 12, частный дом"),
    "живём в [адрес], [адрес], частный дом",
  );
  // Grades, counts and episodes stay; the street one lives on goes, not the years after it.
  assert.equal(masked("перешёл в 5-й класс"), "перешёл в 5-й класс");
  assert.equal(masked("в 3-й раз пересдаю"), "в 3-й раз пересдаю");
  assert.equal(masked("живу далеко, Новая 3 серия вышла"), "живу далеко, Новая 3 серия вышла");
  assert.equal(masked("живу на Ленина уже 5 лет"), "живу на [адрес] уже 5 лет");
});

Deno.test("the nickname a pseudonym adjective gives, with a capital or where one is called by it", () => {
  const masked = (text: string, pseudonym: string) =>
    anonymizeForLlm(text, { pseudonyms: [{ name: pseudonym, token: "[собеседник]" }] }).text;
  assert.equal(
    masked("Тихоня, ты сегодня разговорилась", "Тихая"),
    "[собеседник], ты сегодня разговорилась",
  );
  assert.equal(masked("ну хватит, злюка, перестань", "Злая"), "ну хватит, [собеседник], перестань");
  assert.equal(masked("колючка моя, не закрывайся", "Колючая"), "[собеседник] моя, не закрывайся");
  assert.equal(masked("Потеряшка, ты нашлась!", "Потерянная"), "[собеседник], ты нашлась!");
  // The ordinary words elsewhere stay.
  assert.equal(masked("он у нас тихоня в классе", "Тихая"), "он у нас тихоня в классе");
  assert.equal(masked("в ногу попала колючка", "Колючая"), "в ногу попала колючка");
});

Deno.test("a handle's letter and digits, swapped letters, a word by ear that the dictionary knows", () => {
  const masked = (text: string, pseudonym: string) =>
    anonymizeForLlm(text, { pseudonyms: [{ name: pseudonym, token: "[собеседник]" }] }).text;
  assert.equal(masked("М88, ты где пропала?", "Marta_88"), "[собеседник], ты где пропала?");
  assert.equal(masked("Фениск, рада тебя видеть", "Феникс"), "[собеседник], рада тебя видеть");
  assert.equal(
    masked("Бёрд, ты вчера не рассказала", "blue_bird"),
    "[собеседник], ты вчера не рассказала",
  );
  // Other digits and the word elsewhere stay.
  assert.equal(masked("М12, ты где?", "Marta_88"), "М12, ты где?");
  assert.equal(masked("нитки, берд и челнок", "blue_bird"), "нитки, берд и челнок");
});

Deno.test("a pseudonym by its English words' sense, and where the partner is called by it", () => {
  const masked = (text: string, pseudonym: string) =>
    anonymizeForLlm(text, { pseudonyms: [{ name: pseudonym, token: "[собеседник]" }] }).text;
  // Translated: with a capital inside a sentence, or called by it in any case.
  assert.equal(masked("а Ворон сегодня молчит", "black_raven_12"), "а [собеседник] сегодня молчит");
  assert.equal(masked("ну привет, лебедь!", "white.swan"), "ну привет, [собеседник]!");
  assert.equal(masked("держись, тень моя 🖤", "Shadow_X"), "держись, [собеседник] моя 🖤");
  // The ordinary word stays: first in a sentence, in a list, after an aside.
  assert.equal(
    masked("Тень от дерева падала на окно", "Shadow_X"),
    "Тень от дерева падала на окно",
  );
  assert.equal(masked("дом, работа, тень, усталость", "Shadow_X"), "дом, работа, тень, усталость");
  assert.equal(masked("может, ворон?", "black_raven_12"), "может, ворон?");
  // A Latin word's dictionary forms, a letter dropped, a short word by ear where called.
  assert.equal(masked("передай Ветерку привет", "veterok_"), "передай [собеседник] привет");
  assert.equal(masked("кукушонок, ты где?", "Кукушонок"), "[собеседник], ты где?");
  assert.equal(masked("Кукшонок опять пропал", "Кукушонок"), "[собеседник] опять пропал");
  assert.equal(masked("Рэй, доброе утро", "ray_of_light"), "[собеседник], доброе утро");
});

Deno.test("CIS addresses and people from a group are masked, measurements and landmarks stay", () => {
  const masked = (text: string) => anonymizeForLlm(text, { maxLength: 4096 }).text;
  assert.equal(
    masked("переехали, Караганда, Ерубаева 15, вот"),
    "переехали, Караганда, [адрес], вот",
  );
  assert.equal(masked("мы в 12 мкр, дом 8 живём"), "мы в [адрес] живём");
  assert.equal(
    masked("ждал у подъезда, Мира 40/2, всю ночь"),
    "ждал у подъезда, [адрес], всю ночь",
  );
  assert.equal(masked("соседка с Садовой 17 всё видела"), "соседка с [адрес] всё видела");
  assert.equal(masked("соседи по Гоголя 9 шумят до утра"), "соседи по [адрес] шумят до утра");
  assert.equal(
    masked("с Бобром из отдела кадров поругалась"),
    "с [имя] из отдела кадров поругалась",
  );
  // Not an address or a person: a pressure, a work schedule, a boy from the class.
  assert.equal(masked("Давление 130/85 с утра"), "Давление 130/85 с утра");
  assert.equal(masked("Работаю 2/2, сил нет"), "Работаю 2/2, сил нет");
  assert.equal(masked("Мальчик из класса опять дразнит"), "Мальчик из класса опять дразнит");
});

Deno.test("nicknames partners make of a pseudonym, where the partner is called or one names oneself", () => {
  const masked = (text: string, pseudonym: string) =>
    anonymizeForLlm(text, { pseudonyms: [{ name: pseudonym, token: "[собеседник]" }] }).text;
  // A shared start: a shortened form, a pet form the dictionary does not know, a translation's kin.
  assert.equal(masked("Одуван, ты сегодня тихая", "Одуванчик"), "[собеседник], ты сегодня тихая");
  assert.equal(masked("Соляш, доброе утро)", "Солнышко_2005"), "[собеседник], доброе утро)");
  assert.equal(masked("кофеман, сколько чашек?", "coffee_lover"), "[собеседник], сколько чашек?");
  assert.equal(masked("Совушка ты как?", "night_owl_77"), "[собеседник] ты как?");
  assert.equal(masked("Quyosh, rahmat!", "Куёш"), "[собеседник], rahmat!");
  assert.equal(masked("синяя птица, ты как?", "blue_bird"), "[собеседник], ты как?");
  // The writer naming themself.
  assert.equal(masked("короче дарк — это я", "dark_matter"), "короче [собеседник] — это я");
  assert.equal(masked("это ёжик пишет", "Ёжик_в_тумане"), "это [собеседник] пишет");
  // Not a word the dictionary knows sharing three letters, a verb, a greeting, a compound.
  assert.equal(masked("Осень. Листья, дождь, плед", "Рыжая_Лиса"), "Осень. Листья, дождь, плед");
  assert.equal(masked("Я волонтерю в приюте", "Волк"), "Я волонтерю в приюте");
  assert.equal(masked("Добрый вечер, как дела?", "Добрый Медведь"), "Добрый вечер, как дела?");
  assert.equal(
    masked("опухоль доброкачественная!!! можно выдохнуть", "Добрый Медведь"),
    "опухоль доброкачественная!!! можно выдохнуть",
  );
  assert.equal(masked("Спасибо, правда легче", "Спасатель"), "Спасибо, правда легче");
});

Deno.test("one nickname in its pet and plain forms, two of its words anywhere, its digits read aloud", () => {
  const masked = (text: string, pseudonym: string) =>
    anonymizeForLlm(text, { pseudonyms: [{ name: pseudonym, token: "[собеседник]" }] }).text;
  // The plain word of a pet form and back, a changed stem, a listed family, where called.
  assert.equal(masked("вишня моя, не грусти", "Вишенка"), "[собеседник] моя, не грусти");
  assert.equal(masked("лиса, ты хитришь)", "Лисёнок"), "[собеседник], ты хитришь)");
  assert.equal(masked("Ой, Горошинка, ты опять", "Горошек"), "Ой, [собеседник], ты опять");
  assert.equal(masked("чаечка, доброе утро!", "Чайка"), "[собеседник], доброе утро!");
  assert.equal(masked("ёж, что случилось?", "Ёжик"), "[собеседник], что случилось?");
  assert.equal(masked("мишутка, не переживай", "Медвежонок"), "[собеседник], не переживай");
  // Two of its words, reordered or derived, wherever they stand; reordered plain words only
  // where a name is called or given.
  assert.equal(masked("я тот самый ёжик из тумана", "Ёжик_в_тумане"), "я тот самый [собеседник]");
  assert.equal(masked("у тигровой лилии выходной?", "Tiger_Lily"), "у [собеседник] выходной?");
  assert.equal(
    masked("ну я кот бродячий, мне не привыкать", "Бродячий Кот"),
    "ну я [собеседник], мне не привыкать",
  );
  assert.equal(
    masked("люблю когда дождь тихий, под него спится", "silent_rain"),
    "люблю когда дождь тихий, под него спится",
  );
  // A Latin pseudonym's spelling without its soft sign, an English word by its sense.
  assert.equal(masked("пельмешек ты живой??", "Pelmen"), "[собеседник] ты живой??");
  assert.equal(
    masked("спасибо, вечерняя звезда 🌟 ты помогла", "Evening_Star"),
    "спасибо, [собеседник] 🌟 ты помогла",
  );
  // The writer's own pseudonym noun after «я».
  assert.equal(
    masked("я ёжик и в жизни колючий", "Ёжик_в_тумане"),
    "я [собеседник] и в жизни колючий",
  );
  assert.equal(masked("я волонтерю в приюте", "Волк"), "я волонтерю в приюте");
  // Its digits in words.
  assert.equal(masked("сова две тысячи три, ну и ник", "Сова2003"), "[собеседник], ну и ник");
  assert.equal(masked("кот три семёрки, везучий", "Кот_777"), "[собеседник], везучий");
  // Where the message speaks of nicknames, a kin word anywhere.
  assert.equal(
    masked("бегемотик хахах смешной ник", "Кот_Бегемот"),
    "[собеседник] хахах смешной ник",
  );
  // Not different words that share a start and a suffix, a Latin word's mere spelling, the
  // pseudonym's word itself in plain speech.
  assert.equal(masked("Бабушка ты моя ворчливая", "butterfly.x"), "Бабушка ты моя ворчливая");
  assert.equal(masked("суд, дележка, дети", "sudo_sleep"), "суд, дележка, дети");
  assert.equal(masked("первый снег!!! дети визжат", "snowflake"), "первый снег!!! дети визжат");
  assert.equal(
    masked("Малая спросила, почему небо голубое.", "blue_sky88"),
    "Малая спросила, почему небо голубое.",
  );
});

Deno.test("a writer's own name signed or given, a partner's everyday name where called", () => {
  const masked = (text: string, name: string) =>
    anonymizeForLlm(text, { names: [{ name, token: "[имя]" }] }).text;
  assert.equal(masked("обнимаю, твоя светик", "Светлана"), "обнимаю, твоя [имя]");
  assert.equal(masked("это ваша ксю, вернулась", "Ксения"), "это ваша [имя], вернулась");
  assert.equal(masked("привет, я гуля, мне 19", "Гульнара"), "привет, я [имя], мне 19");
  assert.equal(masked("ник, ты тут?", "Вероника"), "[имя], ты тут?");
  assert.equal(
    masked("это гуля, мы вчера переписывались", "Gulya"),
    "это [имя], мы вчера переписывались",
  );
  assert.equal(masked("брат рустик, держись", "Рустам"), "брат [имя], держись");
  assert.equal(masked("второй раз. Ядзя, я не знаю", "Ядвига"), "второй раз. [имя], я не знаю");
  // Not the ordinary word where no name stands.
  assert.equal(masked("у меня новый ник", "Вероника"), "у меня новый ник");
  assert.equal(masked("конец света, короче", "Светлана"), "конец света, короче");
});

Deno.test("a surname after «моя фамилия», a date of birth after a comma, a house's building and flat", () => {
  const masked = (text: string) => anonymizeForLlm(text).text;
  assert.equal(
    masked("Моя фамилия Шевчук, и в школе дразнили"),
    "Моя фамилия [имя], и в школе дразнили",
  );
  assert.equal(masked("фамилия у меня Шевчук, а ник"), "фамилия у меня [имя], а ник");
  assert.equal(masked("слушаю Шевчука всю ночь"), "слушаю Шевчука всю ночь");
  assert.equal(
    masked("завтра день рождения, двадцать пятого августа, а отмечать не с кем"),
    "завтра день рождения, [дата рождения], а отмечать не с кем",
  );
  assert.equal(masked("Я с 12-го апреля 1951 года, войну помню"), "Я с [дата] года, войну помню");
  assert.equal(masked("мы на пр. Мира 112к2, кв. 58 живём"), "мы на [адрес] живём");
  assert.equal(masked("приезжай, Профсоюзная 56к2, подъезд 3, напою"), "приезжай, [адрес], напою");
  assert.equal(masked("Хрещатик 22, кв 5 — мы там жили"), "[адрес] — мы там жили");
  assert.equal(masked("в подъезде на ленина дом 15 нагадили"), "в подъезде на [адрес] нагадили");
  assert.equal(
    masked("Живу в Томске, на Иркутском тракте, 112, общага"),
    "Живу в Томске, на [адрес], общага",
  );
  assert.equal(
    masked("тридцать лет в библиотеке №12 проработала"),
    "тридцать лет в библиотеке [номер] проработала",
  );
  assert.equal(
    masked("В 40-й горбольнице сократили ставки"),
    "В [номер] горбольнице сократили ставки",
  );
  assert.equal(masked("живу в д. Кузьминки, уехать некуда"), "живу в д. [адрес], уехать некуда");
  // Not a count after a place, «т.д.», a letter before a full stop.
  assert.equal(masked("и т.д. Потом уехал"), "и т.д. Потом уехал");
  assert.equal(masked("нашли гепатит С. Раньше это"), "нашли гепатит С. Раньше это");
  assert.equal(
    masked("дома библиотека 2000 книг, жена ворчит"),
    "дома библиотека 2000 книг, жена ворчит",
  );
});

Deno.test("a famous surname after a job or relation is someone in the chat's life", () => {
  const masked = (text: string) => anonymizeForLlm(text).text;
  assert.equal(masked("лечащий врач Шевчук не берёт трубку"), "лечащий врач [имя] не берёт трубку");
  assert.equal(
    masked("завуч Гребенщикова сживает меня со свету"),
    "завуч [имя] сживает меня со свету",
  );
  assert.equal(masked("слушаю Шевчука и Цоя всю ночь"), "слушаю Шевчука и Цоя всю ночь");
});

Deno.test("an age, then the day it comes, is a date of birth", () => {
  const masked = (text: string) => anonymizeForLlm(text).text;
  assert.equal(
    masked("мне через неделю 40, четырнадцатого декабря"),
    "мне через неделю 40, [дата рождения]",
  );
  assert.equal(masked("мне 30 будет 5 мая"), "мне 30 будет [дата рождения]");
  assert.equal(
    masked("мне 5 лет было, 9 мая на параде потерялась"),
    "мне 5 лет было, 9 мая на параде потерялась",
  );
});

Deno.test("handles with dots, a place then its house, an Uzbek plate, a labelled address", () => {
  const masked = (text: string) => anonymizeForLlm(text).text;
  assert.equal(masked("инст @aru.zhan.s если что"), "инст [аккаунт] если что");
  assert.equal(masked("Джал-23, дом 14 — мы там живём"), "[адрес] — мы там живём");
  assert.equal(masked("Юнусабад, 14-квартал, дом 7 — вот куда"), "[адрес] — вот куда");
  assert.equal(masked("Спасибо, дом 3 у нас старый"), "Спасибо, дом 3 у нас старый");
  assert.equal(masked("ездит на спарке 01 R 774 MA"), "ездит на спарке [госномер]");
  assert.equal(masked("адрес Мира 112 кв 5, тел"), "адрес [адрес], тел");
});

Deno.test("a Telegram name cut short in lower case where called, and after «зовут»", () => {
  const masked = (text: string, name: string) =>
    anonymizeForLlm(text, { names: [{ name, token: "[имя]" }] }).text;
  assert.equal(masked("вик, а ты в инсте есть?", "Вика 🌷"), "[имя], а ты в инсте есть?");
  assert.equal(masked("меня зовут алёнка если что", "Алёна"), "меня зовут [имя] если что");
  assert.equal(masked("купила алёнку к чаю", "Алёна"), "купила алёнку к чаю");
  // A Latin-written name's pet forms, «-ан» forms.
  assert.equal(masked("я ксюня если что", "Kseniya"), "я [имя] если что");
  assert.equal(masked("я диман, 19 лет", "Дима"), "я [имя], 19 лет");
  assert.equal(masked("я рада, правда", "Радмила"), "я рада, правда");
});

Deno.test("districts where one lives, surnames one goes by, CIS birthdays and shops as employers", () => {
  const masked = (text: string) => anonymizeForLlm(text, { maxLength: 4096 }).text;
  // A district, a village or a street where one lives; not a big city, a country or a region.
  assert.equal(masked("Живу в Кузьминках, прямо у пруда"), "Живу в [адрес], прямо у пруда");
  assert.equal(
    masked("Я с Текстильщиков, там прожила десять лет"),
    "Я с [адрес], там прожила десять лет",
  );
  assert.equal(masked("мы в Заречном районе, за мостом, живём"), "мы в [адрес], за мостом, живём");
  assert.equal(masked("живу в Казани уже пять лет"), "живу в Казани уже пять лет");
  assert.equal(masked("мы переехали в Германию"), "мы переехали в Германию");
  assert.equal(masked("я из Сибири, тут холодно"), "я из Сибири, тут холодно");
  assert.equal(masked("Ахматова жила в Фонтанном доме"), "Ахматова жила в Фонтанном доме");
  assert.equal(masked("на Новый год поеду домой"), "на Новый год поеду домой");
  // A surname the writer goes by, even a famous one; a famous one beside another given name.
  assert.equal(masked("Я Гоголь. По паспорту."), "Я [имя]. По паспорту.");
  assert.equal(masked("Цой моя фамилия, все поют"), "[имя] моя фамилия, все поют");
  assert.equal(masked("Денис Шевчук, сосед"), "[имя], сосед");
  assert.equal(masked("Юрий Шевчук поёт"), "Юрий Шевчук поёт");
  assert.equal(masked("Силы не те, что раньше"), "Силы не те, что раньше");
  // A relative's name typed small, not what one gives a relative.
  assert.equal(masked("тётя заира опять лезет"), "тётя [имя] опять лезет");
  assert.equal(masked("муж, ильнурчик, молчит"), "муж, [имя], молчит");
  assert.equal(masked("купила маме цветы"), "купила маме цветы");
  // Shops people mostly buy at count as a workplace only with work beside them.
  assert.equal(masked("кассиром в магните"), "кассиром в [организация]");
  assert.equal(masked("в магните очередь"), "в магните очередь");
  assert.equal(masked("работаю на КамАЗе"), "работаю на [организация]");
  // Birthdays in Ukrainian and Kazakh words; an address typed one character at a time.
  assert.equal(masked("мій день народження 3 березня"), "мій день народження [дата рождения]");
  assert.equal(masked("туған күнім 12 января"), "туған күнім [дата рождения]");
  assert.equal(
    masked("почта: k r e v e t k a 2 0 0 7 @ g m a i l . c o m"),
    "почта: [почта]",
  );
  // A Latin nickname of two words: each part and its translation («moonlight», «nightowl»).
  const called = (pseudonym: string, text: string) =>
    anonymizeForLlm(text, { maxLength: 4096, pseudonyms: [{ name: pseudonym, token: "[ник]" }] })
      .text;
  assert.equal(
    called("Moonlight", "спокойной ночи, лунный свет 🌙 ты как"),
    "спокойной ночи, [ник] 🌙 ты как",
  );
  assert.equal(called("nightowl_93", "owl, ты спишь?"), "[ник], ты спишь?");
  assert.equal(called("Dr_House", "доктор Хаус, поставьте диагноз"), "[ник], поставьте диагноз");
  assert.equal(called("Dr_House", "доктор сказал пить таблетки"), "доктор сказал пить таблетки");
  // A pet form called after a comma; «ну что,» before a call; a partner's name before «а ты».
  assert.equal(called("Пушистый_хвост", "мне легче, пушистик 💛"), "мне легче, [ник] 💛");
  assert.equal(called("Вишня_в_шоколаде", "ну что, вишенка, как ты?"), "ну что, [ник], как ты?");
  assert.equal(called("nightowl_93", "Ночь, кухня, чай и тревога"), "Ночь, кухня, чай и тревога");
  const named = (name: string, text: string) =>
    anonymizeForLlm(text, { maxLength: 4096, names: [{ name, token: "[имя]" }] }).text;
  assert.equal(named("Катюша", "катюш а ты сама как?"), "[имя] а ты сама как?");
  // A name typed small, a number, then a house or a room; a surname after «фамилия у меня …».
  assert.equal(masked("живу самал 2 дом 58, мама болеет"), "живу [адрес], мама болеет");
  assert.equal(masked("общага на притыцкого 83 комн 1204"), "общага на [адрес]");
  assert.equal(masked("в 3 классе 25 кв метров"), "в 3 классе 25 кв метров");
  assert.equal(masked("фамилия у меня смешная Пупкова"), "фамилия у меня смешная [имя]");
  assert.equal(masked("туған күнім 19 қаңтар 2003"), "туған күнім [дата рождения]");
});

Deno.test("pet forms of names typed small or that are also words, employers the dictionary knows", () => {
  const masked = (text: string, people: { pseudonym?: string; name?: string } = {}) =>
    anonymizeForLlm(text, {
      maxLength: 4096,
      pseudonyms: people.pseudonym ? [{ name: people.pseudonym, token: "[псевдоним]" }] : [],
      names: people.name ? [{ name: people.name, token: "[имя]" }] : [],
    }).text;
  // A pet form no dictionary reads as a word, anywhere; one that is also a word beside a
  // possessive, a person's verb, or with a capital before a verb.
  assert.equal(masked("вечером тимурчик рисовал"), "вечером [имя] рисовал");
  assert.equal(masked("мы с катюхой в кино"), "мы с [имя] в кино");
  assert.equal(masked("у айгульки сессия"), "у [имя] сессия");
  assert.equal(masked("танька моя спит"), "[имя] моя спит");
  assert.equal(masked("потом Сонька заснула"), "потом [имя] заснула");
  assert.equal(masked("петух орёт с утра"), "петух орёт с утра");
  assert.equal(masked("ем Алёнку, шоколадку"), "ем Алёнку, шоколадку");
  assert.equal(masked("меняю симку завтра"), "меняю симку завтра");
  // The partner's short name built on two letters, a Latin name's everyday forms, «зая».
  assert.equal(masked("Ирусь, спасибо", { name: "Ира" }), "[имя], спасибо");
  assert.equal(masked("иран в новостях", { name: "Ира" }), "иран в новостях");
  assert.equal(masked("лёх глянь", { name: "Lesha" }), "[имя] глянь");
  assert.equal(
    masked("зая, спокойной ночи", { pseudonym: "Зайка_моя" }),
    "[псевдоним], спокойной ночи",
  );
  // A surname after a role and a possessive; an employer the dictionary knows before «работал».
  assert.equal(masked("бригадир наш Сомов опять орал"), "бригадир наш [имя] опять орал");
  assert.equal(masked("я на Уралвагонзаводе работал"), "я на [организация] работал");
  // A pseudonym's longer noun in lower case anywhere; an adjective called after a greeting.
  assert.equal(
    masked("котёнок опять ноет", { pseudonym: "Котёнок_Мяу" }),
    "[псевдоним] опять ноет",
  );
  assert.equal(masked("мишка опять спит", { pseudonym: "Бурый_Медведь_86" }), "мишка опять спит");
  assert.equal(
    masked("слушай рыжий, а ты где", { pseudonym: "Рыжий кот" }),
    "слушай [псевдоним], а ты где",
  );
  // A phone's code given apart, where phones are talked of; not a price.
  assert.equal(masked("номер: 8 916, потом 555 12 34"), "номер: [телефон], потом [телефон]");
  assert.equal(masked("телефон стоит 8 900"), "телефон стоит 8 900");
  // A passport's series alone; a block of a district; a dormitory; a numbered kindergarten.
  assert.equal(
    masked("серия паспорта 4510, номер скажу потом"),
    "серия паспорта [паспорт], номер скажу потом",
  );
  assert.equal(masked("сериал 2024 года, серия 2024 года"), "сериал 2024 года, серия 2024 года");
  assert.equal(masked("мы в самале 2 мкр живём"), "мы в [адрес] живём");
  assert.equal(masked("отчёт за 3 квартал"), "отчёт за 3 квартал");
  assert.equal(masked("в общаге №7, комната 12"), "в [адрес]");
  assert.equal(masked("в общаге 12 этаж"), "в общаге 12 этаж");
  assert.equal(masked("в детсаду №45 нянечкой"), "в детсаду [номер] нянечкой");
});

Deno.test("a surname after a longer role or a given name, a card's last digits, rarer pet names", () => {
  const masked = (text: string) => anonymizeForLlm(text, { maxLength: 4096 }).text;
  assert.equal(
    masked("завуч по воспитательной работе Кротов орал"),
    "завуч по воспитательной работе [имя] орал",
  );
  assert.equal(masked("вчера Витя Белкин звонил"), "вчера [имя] звонил");
  assert.equal(masked("списали с карты *1029 всё"), "списали с карты [карта] всё");
  assert.equal(masked("карта заканчивается на 8812"), "карта заканчивается на [карта]");
  assert.equal(masked("переведи на карту на 5000"), "переведи на карту на 5000");
  assert.equal(masked("пиши olga77 sobaka yandex ru"), "пиши [почта]");
  // A rarer pet name where a person is meant: in apposition to a relative, with a person's verb.
  assert.equal(masked("алсушка, сестра, приехала"), "[имя], сестра, приехала");
  assert.equal(masked("я ливаю и расскажу всем"), "я ливаю и расскажу всем");
});

Deno.test("the place right after a work or study verb: a name, a named kind of place, whose it is", () => {
  const masked = (text: string) => anonymizeForLlm(text, { maxLength: 4096 }).text;
  assert.equal(masked("работаю в роснефти"), "работаю в [организация]");
  assert.equal(masked("учусь в суворовском училище"), "учусь в [организация]");
  assert.equal(masked("работаю в офисе мегафона"), "работаю в офисе [организация]");
  assert.equal(masked("работаю на кировском заводе"), "работаю на [организация]");
  // Not a kind of place, what it sells, how one works, a city, a role.
  assert.equal(masked("работаю в детском отделе"), "работаю в детском отделе");
  assert.equal(masked("работаю в магазине одежды"), "работаю в магазине одежды");
  assert.equal(masked("работаю на износ"), "работаю на износ");
  assert.equal(masked("работаю в две смены"), "работаю в две смены");
  assert.equal(masked("работаю в колл-центре"), "работаю в колл-центре");
  assert.equal(masked("учусь на психолога"), "учусь на психолога");
  assert.equal(masked("работаю в магазине кассиром"), "работаю в магазине кассиром");
});

Deno.test("a street named in the genitive after «на», garden plots and housing estates", () => {
  const masked = (text: string) => anonymizeForLlm(text, { maxLength: 4096 }).text;
  assert.equal(masked("встретимся на победы 40 у подъезда"), "встретимся на [адрес] у подъезда");
  assert.equal(masked("живём на красной армии 12"), "живём на [адрес]");
  assert.equal(masked("на работе 12 часов"), "на работе 12 часов");
  assert.equal(masked("на завтра 8 дел"), "на завтра 8 дел");
  assert.equal(masked("дача в СНТ «Ромашка», участок 12"), "дача в [адрес]");
  assert.equal(masked("Выхожу из чата СНТ. Дачу продали"), "Выхожу из чата СНТ. Дачу продали");
  assert.equal(masked("он сотрудник банка"), "он сотрудник банка");
  // Parts of a house with their number first make an address together, not a flat's size.
  assert.equal(masked("Квартира 12, 3 подъезд, звони"), "[адрес], звони");
  assert.equal(masked("квартира 47 кв. м, тесно"), "квартира 47 кв. м, тесно");
  assert.equal(masked("в доме 144 квартиры"), "в доме 144 квартиры");
  // A Telegram name cut to four letters counts where called, not elsewhere.
  const named = (text: string, name: string) =>
    anonymizeForLlm(text, { names: [{ name, token: "[имя]" }] }).text;
  assert.equal(named("Лейс, спасибо", "Лейсан"), "[имя], спасибо");
  assert.equal(named("лейс чипсы купила", "Лейсан"), "лейс чипсы купила");
});
