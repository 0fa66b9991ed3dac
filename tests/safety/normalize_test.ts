import assert from "node:assert/strict";
import type { MessageEntity } from "grammy/types";
import { foldLookalikes, normalizeText } from "../../shared/safety/normalize.ts";

const hex = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16)).join(" ");
const cp = (code: number) => String.fromCodePoint(code);

/** The invisible and format characters normalising removes (every context). */
export const INVISIBLES: number[] = [
  0x00ad,
  0x034f,
  0x061c,
  0x115f,
  0x1160,
  0x17b4,
  0x17b5,
  ...range(0x180b, 0x180f),
  0x200b,
  0x200c,
  0x200d, // a ZWJ outside an emoji sequence
  0x200e,
  0x200f,
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  // U+202E (right-to-left override) reorders instead: tested on its own.
  ...range(0x2060, 0x2064),
  ...range(0x2066, 0x2069),
  ...range(0x206a, 0x206f),
  0x3164,
  ...range(0xfe00, 0xfe0f), // VS15/VS16 too: not after an emoji
  0xfeff,
  0xffa0,
  ...range(0xfff9, 0xfffb),
  0x1d159,
  ...range(0x1d173, 0x1d17a),
  0xe0001,
  ...range(0xe0020, 0xe007f),
  0xe0100,
  0xe01ef,
];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

Deno.test("normalizeText() removes NUL and every control character but \\n and \\t", async (t) => {
  await t.step("a NUL in a bio", () => {
    assert.deepEqual(normalizeText("Люблю\u0000 кошек"), { text: "Люблю кошек", changed: true });
  });
  await t.step("U+0000-U+001F and U+007F-U+009F", () => {
    for (const code of [...range(0x00, 0x1f), ...range(0x7f, 0x9f)]) {
      const expected = code === 0x09 ? "a\tb" : code === 0x0a || code === 0x0d ? "a\nb" : "ab";
      const result = normalizeText(`a${cp(code)}b`);
      assert.equal(result.text, expected, `U+${code.toString(16)}`);
      assert.equal(result.changed, code !== 0x09 && code !== 0x0a, `U+${code.toString(16)}`);
    }
  });
  await t.step("line breaks: \\r\\n, a lone \\r and U+2028/U+2029 become \\n", () => {
    assert.equal(normalizeText("a\r\nb\rc\u2028d\u2029e\n\nf").text, "a\nb\nc\nd\ne\n\nf");
  });
});

Deno.test("normalizeText() removes zero-width and format characters", async (t) => {
  for (const code of INVISIBLES) {
    await t.step(`U+${code.toString(16).toUpperCase()}`, () => {
      const result = normalizeText(`+7 999${cp(code)}123-45-67 ab${cp(code)}${cp(code)}c`);
      assert.equal(result.text, "+7 999123-45-67 abc");
      assert.equal(result.changed, true);
    });
  }
  await t.step("a text of only invisible characters becomes empty", () => {
    assert.equal(normalizeText("\u200b\u2060\u3164\ufeff\u00ad\u115f").text, "");
  });
  await t.step("visible format characters (Arabic number sign) stay", () => {
    assert.equal(normalizeText("\u0600١٢").text, "\u0600١٢");
  });
});

Deno.test("normalizeText() keeps emoji intact", async (t) => {
  const emoji = [
    "👨‍👩‍👧",
    "👩‍❤️‍💋‍👨",
    "❤️",
    "❤️‍🔥",
    "🏳️‍🌈",
    "🏳️‍⚧️",
    "👁️‍🗨️",
    "👨🏽‍💻",
    "🧑🏿‍🦰",
    "👍🏻",
    "1️⃣",
    "#️⃣",
    "*️⃣",
    "©️",
    "☺️",
    "☺︎",
    "🇷🇺🇰🇿",
    "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
    "Привет 👋🏼 как дела? 😊❤️",
  ];
  for (const text of emoji) {
    await t.step(`${text} (${hex(text)})`, () => {
      assert.deepEqual(normalizeText(text), { text, changed: false });
      // Also when something else in the message needs work (the slow path).
      assert.equal(normalizeText(`a\u200b${text}\u0000`).text, `a${text}`);
    });
  }
  await t.step("a ZWJ between letters, or a VS16 after a letter, goes", () => {
    assert.equal(normalizeText("i\u200dvan\ufe0f").text, "ivan");
    assert.equal(normalizeText("👨\u200d").text, "👨");
    assert.equal(normalizeText("\u200d👩").text, "👩");
  });
  await t.step("a VS16 after a digit stays only in a keycap", () => {
    assert.equal(normalizeText("8\ufe0f9\ufe0f9").text, "899");
    assert.equal(normalizeText("8\ufe0f\u20e3").text, "8\ufe0f\u20e3");
  });
  await t.step("tag characters outside a flag go", () => {
    assert.equal(normalizeText("🏴󠁧󠁢󠁳󠁣󠁴").text, "🏴"); // no cancel tag
    assert.equal(normalizeText("a\u{e0067}\u{e007f}b").text, "ab");
  });
});

Deno.test("normalizeText() applies NFKC, except where ordinary Russian text would change", async (t) => {
  const cases: [string, string][] = [
    ["８９９９１２３４５６７", "89991234567"],
    ["①②③", "123"],
    ["𝟖𝟗𝟗", "899"],
    ["ﬁle ﬂow", "file flow"],
    ["Ｉｖａｎ＠ｍａｉｌ．ｒｕ", "Ivan@mail.ru"],
    ["ⓘⓥⓐⓝ", "ivan"],
    ["⑽", "(10)"],
    ["a\u00a0b\u2009c\u3000d\u202fe", "a b c d e"],
    ["е\u0308ж", "ёж"],
    ["й", "й"],
    ["\u1100\u1161", "가"],
  ];
  for (const [input, expected] of cases) {
    await t.step(
      `${input} -> ${expected}`,
      () => assert.equal(normalizeText(input).text, expected),
    );
  }
  const kept = ["№5", "Подожди…", "45 м², 3 м³", "1½ часа, ¼", "Brand™", "I´m", "ﷺ"];
  for (const text of kept) {
    await t.step(
      `${text} stays`,
      () => assert.deepEqual(normalizeText(text), { text, changed: false }),
    );
  }
});

Deno.test("normalizeText() replaces lone surrogates", () => {
  assert.equal(normalizeText("a\ud800b\udc00c\ud83d").text, "a\ufffdb\ufffdc\ufffd");
  assert.equal(normalizeText("😀\ud800").text, "😀\ufffd");
});

Deno.test("normalizeText() writes a right-to-left override out in reading order", async (t) => {
  const cases: [string, string][] = [
    // Mirrored at an odd level: a logical "(999)" shows as "(999)" reversed.
    ["\u202e76-54-321 (999) 7+", "+7 (999) 123-45-67"],
    ["пиши \u202enavi_xof@\u202c!", "пиши @fox_ivan!"],
    ["\u202eur.liam@navi", "ivan@mail.ru"],
    ["\u202enavi/em.t\nдальше", "t.me/ivan\nдальше"],
    ["a\u202ecb\u2069d", "abcd"],
    ["\u202e👨‍👩‍👧x", "x👨‍👩‍👧"],
    ["\u202e«а»", "«а»"],
  ];
  for (const [input, expected] of cases) {
    await t.step(JSON.stringify(input), () => assert.equal(normalizeText(input).text, expected));
  }
});

Deno.test("normalizeText() carries entity offsets over to the new text", async (t) => {
  const bold = (offset: number, length: number): MessageEntity => ({
    type: "bold",
    offset,
    length,
  });
  await t.step("after removed characters", () => {
    // "a\u200bb\u200bc **def**" -> "abc **def**"
    const result = normalizeText("a\u200bb\u200bc def", [bold(6, 3)]);
    assert.equal(result.text, "abc def");
    assert.deepEqual(result.entities, [bold(4, 3)]);
    assert.equal(result.text.slice(4, 7), "def");
  });
  await t.step("an entity over removed characters shrinks to what is left", () => {
    const result = normalizeText("x\u200bab\u200b y", [bold(1, 4)]);
    assert.equal(result.text, "xab y");
    assert.deepEqual(result.entities, [bold(1, 2)]);
  });
  await t.step("an entity over only removed characters is dropped", () => {
    const result = normalizeText("ab\u200b\u200bcd", [bold(2, 2), bold(0, 6)]);
    assert.deepEqual(result.entities, [bold(0, 4)]);
  });
  await t.step("text_link after an NFKC expansion (ﬁ -> fi)", () => {
    const link: MessageEntity = { type: "text_link", offset: 5, length: 4, url: "https://x.ru" };
    const result = normalizeText("ﬁne: link", [bold(0, 1), link]);
    assert.equal(result.text, "fine: link");
    assert.deepEqual(result.entities, [bold(0, 2), { ...link, offset: 6, length: 4 }]);
  });
  await t.step("an entity starting inside an expansion covers all of it", () => {
    const result = normalizeText("a①②b", [bold(2, 2)]);
    assert.equal(result.text, "a12b");
    assert.deepEqual(result.entities, [bold(2, 2)]);
  });
  await t.step("surrogate-pair emoji and fullwidth letters", () => {
    // "😀\u200bＡＢ 😀 cd": bold over "ＡＢ", italic over the second emoji, code over "cd".
    const text = "😀\u200bＡＢ 😀 cd";
    const italic: MessageEntity = { type: "italic", offset: 6, length: 2 };
    const code: MessageEntity = { type: "code", offset: 9, length: 2 };
    const result = normalizeText(text, [bold(3, 2), italic, code]);
    assert.equal(result.text, "😀AB 😀 cd");
    assert.deepEqual(result.entities, [bold(2, 2), { ...italic, offset: 5 }, {
      ...code,
      offset: 8,
    }]);
    assert.equal(result.text.slice(5, 7), "😀");
    assert.equal(result.text.slice(8, 10), "cd");
  });
  await t.step("custom emoji over a ZWJ sequence keeps its span", () => {
    const custom: MessageEntity = {
      type: "custom_emoji",
      offset: 2,
      length: 8,
      custom_emoji_id: "1",
    };
    const result = normalizeText("\u200b\u200b👨‍👩‍👧 ok", [custom]);
    assert.equal(result.text, "👨‍👩‍👧 ok");
    assert.deepEqual(result.entities, [{ ...custom, offset: 0 }]);
  });
  await t.step("inside a right-to-left override", () => {
    // Reader sees "ab" + "fed" reversed = "abdef"; bold was over "fe".
    const result = normalizeText("ab\u202efed\u202c", [bold(3, 2)]);
    assert.equal(result.text, "abdef");
    assert.deepEqual(result.entities, [bold(3, 2)]);
    assert.equal(result.text.slice(3, 5), "ef");
  });
  await t.step("unchanged text keeps the very same entities", () => {
    const entities = [bold(0, 3)];
    const result = normalizeText("Привет", entities);
    assert.equal(result.entities, entities);
    assert.equal(result.changed, false);
  });
  await t.step("only entities changing still counts as a change", () => {
    const result = normalizeText("№ab", [bold(5, 2)]);
    assert.deepEqual(result, { text: "№ab", entities: [], changed: true });
  });
});

Deno.test("normalizeText() never throws, is idempotent and leaves nothing to remove", () => {
  const pool = [
    "a",
    "Я",
    " ",
    "\n",
    "\r",
    "\u0000",
    "\u0085",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u202c",
    "\u2067",
    "\u2069",
    "\ufe0f",
    "\u20e3",
    "\u0301",
    "\u0336",
    "ﬁ",
    "①",
    "№",
    "😀",
    "👨",
    "🏴",
    "\u{e0067}",
    "\u{e007f}",
    "🇷",
    "🏽",
    "\ud800",
    "\udc00",
    "(",
    "@",
    "8",
    "\u1100",
    "\u1161",
    "\u3164",
  ];
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const control = new RegExp(String.raw`[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202e\u3164]`, "u");
  for (let round = 0; round < 3000; round++) {
    let text = "";
    const length = Math.floor(random() * 24);
    for (let k = 0; k < length; k++) text += pool[Math.floor(random() * pool.length)];
    const entities: MessageEntity[] = [
      {
        type: "bold",
        offset: Math.floor(random() * text.length),
        length: 1 + Math.floor(random() * 5),
      },
      { type: "italic", offset: 0, length: text.length + 3 },
    ];
    const once = normalizeText(text, entities);
    const twice = normalizeText(once.text, once.entities);
    assert.equal(twice.text, once.text, `idempotent: ${hex(text)}`);
    assert.equal(twice.changed, false, `idempotent: ${hex(text)}`);
    assert.ok(once.text.isWellFormed(), hex(text));
    assert.ok(!control.test(once.text), hex(text));
    for (const entity of once.entities ?? []) {
      assert.ok(entity.length > 0 && entity.offset + entity.length <= once.text.length, hex(text));
    }
  }
  // Not a string at all (a caller in plain JavaScript): still no exception.
  assert.equal(normalizeText(undefined as unknown as string).text, "");
  assert.equal(normalizeText(null as unknown as string, []).text, "");
});

Deno.test("normalizeText() on 4096-character messages (timings: deno task bench text)", async (t) => {
  await t.step("ordinary Russian text comes back unchanged", () => {
    const russian = "Привет! Как прошёл день? Я сегодня опять не спал до 5 утра… ".repeat(70)
      .slice(0, 4096);
    const entities: MessageEntity[] = [{ type: "bold", offset: 0, length: 7 }];
    assert.deepEqual(normalizeText(russian, entities), {
      text: russian,
      entities,
      changed: false,
    });
  });
  await t.step("a long hostile message keeps its visible content", () => {
    const text = "a\u200b".repeat(2048);
    assert.equal(normalizeText(text).text, "a".repeat(2048));
  });
});

Deno.test("foldLookalikes() maps look-alike letters to Latin, keeping the length", async (t) => {
  const cases: [string, string][] = [
    ["ivаn", "ivan"], // Cyrillic а
    ["т.ме", "t.me"],
    ["ВКонтакте", "BKohtakte"],
    ["ΡΑΥΡΑL", "PAYPAL"],
    ["ɢᴍᴀɪʟ", "gmail"],
    ["ё ї ό é", "e i o e"],
    ["⁸⁹⁹₁₂", "89912"],
    ["a\u2800b", "a b"],
    ["ООО Зина 100", "OOO Зиha 100"],
    ["😀 ok", "😀 ok"],
  ];
  for (const [input, expected] of cases) {
    await t.step(`${input} -> ${expected}`, () => {
      const folded = foldLookalikes(input);
      assert.equal(folded, expected);
      assert.equal(folded.length, input.length);
    });
  }
  await t.step("a text without look-alikes is returned as is", () => {
    const text = "ivan petrov 123";
    assert.equal(foldLookalikes(text), text);
  });
});
