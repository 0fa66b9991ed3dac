import assert from "node:assert/strict";
import { sameNickname } from "../../shared/llm/nickname_family.ts";
import { numberWordsEnd } from "../../shared/llm/numbers.ts";

Deno.test("sameNickname(): pet forms and plain words of one nickname, not look-alikes", () => {
  for (
    const [a, b] of [
      ["вишня", "вишенка"],
      ["лиска", "лиса"],
      ["булка", "булочка"],
      ["птица", "птичка"],
      ["чаечка", "чайка"],
      ["горошинка", "горошек"],
      ["медведь", "медвежонок"],
      ["бегемотику", "бегемот"],
      ["ёж", "ёжик"],
      ["заяц", "зайка"],
      ["кэп", "капитан"],
    ]
  ) assert.ok(sameNickname(a!, b!), `${a} ~ ${b}`);
  for (
    const [a, b] of [
      ["бабушка", "бабочка"],
      ["лист", "лиса"],
      ["белый", "белка"],
      ["котлета", "кот"],
      ["ежедневник", "ёж"],
    ]
  ) assert.ok(!sameNickname(a!, b!), `${a} ≁ ${b}`);
});

Deno.test("numberWordsEnd(): numbers read aloud or in digits right after a word", () => {
  const text = "сова две тысячи три, ну и ник";
  assert.equal(numberWordsEnd(text, 4), text.indexOf(","));
  assert.equal(numberWordsEnd("кот три семёрки", 3), "кот три семёрки".length);
  assert.equal(numberWordsEnd("тигр 2010 привет", 4), "тигр 2010".length);
  assert.equal(numberWordsEnd("кот рыжий", 3), 3);
});
