import assert from "node:assert/strict";
import { hoursFromMask, maskFromHours } from "../../shared/profile/availability.ts";
import { cb, parseProfileCallback } from "../../shared/profile/callbacks.ts";
import { formatUtcOffset } from "../../shared/profile/timezones.ts";
import {
  checkBio,
  checkPseudonym,
  checkPublicText,
  parseBirthYear,
  parseUtcOffset,
} from "../../shared/profile/validation.ts";

Deno.test("parseBirthYear() accepts 16-100 year olds and says why it refuses", async (t) => {
  const year = 2026;
  const cases: [string, number | string][] = [
    ["1990", 1990],
    [" 1990 ", 1990],
    ["1990 г.", 1990],
    ["1990 год", 1990],
    ["2010", 2010],
    ["2011", "too_young"],
    ["2020", "too_young"],
    ["1926", 1926],
    ["1925", "implausible"],
    ["2027", "implausible"],
    ["90", "format"],
    ["тридцать", "format"],
    ["19 90", "format"],
    ["", "format"],
  ];
  for (const [text, expected] of cases) {
    await t.step(`"${text}"`, () => {
      const result = parseBirthYear(text, year);
      assert.deepEqual(
        result,
        typeof expected === "number"
          ? { ok: true, value: expected }
          : { ok: false, reason: expected },
      );
    });
  }
});

Deno.test("checkPseudonym() keeps pseudonyms anonymous", async (t) => {
  const cases: [string, string][] = [
    ["Тихий Лис", "ok"],
    ["  Лис  ", "ok"],
    ["Кот  в   сапогах", "ok"],
    ["Ёж", "ok"],
    ["Я", "too_short"],
    ["x".repeat(33), "too_long"],
    ["🙂🙂", "invalid"],
    ["1234", "invalid"],
    ["+7 (999) 123-45-67", "phone"],
    ["lis@yandex.ru", "email"],
    ["@lisichka", "username"],
    ["lis.ru", "link"],
    ["Анна Каренина", "full_name"],
    ["Сергей Петрович", "full_name"],
  ];
  for (const [text, expected] of cases) {
    await t.step(`"${text}" -> ${expected}`, () => {
      const result = checkPseudonym(text);
      assert.equal(result.ok ? "ok" : result.reason, expected);
    });
  }
  await t.step("spaces are tidied", () => {
    assert.deepEqual(checkPseudonym("  Кот  в   сапогах "), { ok: true, value: "Кот в сапогах" });
  });
  await t.step("32 characters are fine, counted as characters not bytes", () => {
    assert.equal(checkPseudonym("ё".repeat(32)).ok, true);
  });
});

Deno.test("checkBio() allows names but not contacts, up to 160 characters", async (t) => {
  const cases: [string, string][] = [
    ["Люблю Льва Толстого и долгие прогулки", "ok"],
    ["я".repeat(160), "ok"],
    ["я".repeat(161), "too_long"],
    ["   ", "invalid"],
    ["звоните 89991234567", "phone"],
    ["пишите a@b.ru", "email"],
    ["тг @someone_here", "username"],
    ["мой канал https://t.me/x", "link"],
  ];
  for (const [text, expected] of cases) {
    await t.step(`${text.slice(0, 30)} -> ${expected}`, () => {
      const result = checkBio(text);
      assert.equal(result.ok ? "ok" : result.reason, expected);
    });
  }
});

Deno.test("checkPseudonym() refuses rude words and crisis statements", async (t) => {
  const cases: [string, string][] = [
    ["Тупая Овца", "abusive"],
    ["Хуйло", "abusive"],
    ["Сука", "abusive"],
    ["Чурка", "abusive"],
    ["M r a z", "abusive"],
    ["Хочу умереть", "crisis"],
    ["Не хочу жить", "crisis"],
    // Harmless names that only look close to a rude word.
    ["Мудрый Филин", "ok"],
    ["Злая Собака", "ok"],
    ["Креатин", "ok"],
  ];
  for (const [text, expected] of cases) {
    await t.step(`"${text}" -> ${expected}`, () => {
      const result = checkPseudonym(text);
      assert.equal(result.ok ? "ok" : result.reason, expected);
    });
  }
});

Deno.test("checkBio() and event texts refuse abuse, but not venting or talk about others", async (t) => {
  const cases: [string, string][] = [
    ["ненавижу хохлов, всех бы перестрелял", "abusive"],
    ["все мигранты — животные", "abusive"],
    ["кто напишет глупость — иди нахуй", "abusive"],
    ["Мой бывший был мудаком, теперь я свободна", "ok"],
    ["я дура, но добрая", "ok"],
    // Insults of the readers as a group, explicit sexual words: nobody addressed, still abuse.
    ["Встреча для тупых уродов", "abusive"],
    ["клуб для неудачников и лохов", "abusive"],
    ["пишите, кто хочет секса", "abusive"],
    // What others said, a survivor's story, one's own feelings about relatives.
    ["Встреча для тех, кого называли тупыми в школе", "ok"],
    ["пережила сексуальное насилие, теперь помогаю другим", "ok"],
    ["Для всех, кто устал от токсичных родственников", "ok"],
    ["Люблю шахматы и прогулки", "ok"],
  ];
  for (const [text, expected] of cases) {
    await t.step(`${text.slice(0, 30)} -> ${expected}`, () => {
      const result = checkBio(text);
      assert.equal(result.ok ? "ok" : result.reason, expected);
    });
  }
  await t.step("an event title goes through the same check", () => {
    assert.deepEqual(checkPublicText("Встреча: всех чурок надо гнать", 100), {
      ok: false,
      reason: "abusive",
    });
    assert.equal(checkPublicText("Встреча для тех, кто пережил развод", 100).ok, true);
  });
});

Deno.test("parseUtcOffset() reads the ways people write an offset", async (t) => {
  const cases: [string, number | null][] = [
    ["+3", 180],
    ["3", 180],
    ["-1", -60],
    ["−1", -60],
    ["UTC+5:30", 330],
    ["utc +5:45", 345],
    ["GMT-3", -180],
    ["UTC", 0],
    ["0", 0],
    ["+14", 840],
    ["-12", -720],
    ["МСК", 180],
    ["МСК+4", 420],
    ["мск-1", 120],
    ["+15", null],
    ["-13", null],
    ["+5:20", null],
    ["Москва", null],
    ["", null],
  ];
  for (const [text, expected] of cases) {
    await t.step(`"${text}"`, () => {
      const result = parseUtcOffset(text);
      assert.deepEqual(
        result,
        expected === null ? { ok: false, reason: "format" } : { ok: true, value: expected },
      );
    });
  }
  await t.step("offsets print as UTC±H[:MM]", () => {
    assert.equal(formatUtcOffset(180), "UTC+3");
    assert.equal(formatUtcOffset(330), "UTC+5:30");
    assert.equal(formatUtcOffset(-60), "UTC−1");
    assert.equal(formatUtcOffset(0), "UTC+0");
  });
});

Deno.test("availability windows map to local hours and back", () => {
  assert.deepEqual(hoursFromMask(0b0100), [18, 19, 20, 21, 22, 23]);
  assert.deepEqual(hoursFromMask(0b1001), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.equal(maskFromHours([18, 19]), 0b0100);
  assert.equal(maskFromHours([]), 0);
  assert.equal(maskFromHours(hoursFromMask(0b1111)), 0b1111);
});

Deno.test("parseProfileCallback() accepts its own buttons and refuses forgeries", async (t) => {
  await t.step("every builder round-trips", () => {
    const built = [
      cb.acceptRules(),
      cb.timezone("msk"),
      cb.topicGroups(),
      cb.topicGroup("experience"),
      cb.toggleTopic("addiction_in_family"),
      cb.topicsDone(),
      cb.toggleImportant("chess"),
      cb.importantDone(),
      cb.skipBio(),
      cb.purpose("advice"),
      cb.toggleWindow(5, 3),
      cb.saveWindows(15),
      cb.anyTime(),
      cb.edit("availability"),
      cb.cancelEdit(),
      cb.confirmDelete(1_795_000_000),
      cb.keepProfile(),
    ];
    for (const data of built) {
      const parsed = parseProfileCallback(data);
      assert.ok(parsed !== null && parsed !== "invalid", data);
      assert.ok(new TextEncoder().encode(data).length <= 64, data);
    }
  });
  await t.step("typed values come out", () => {
    assert.deepEqual(parseProfileCallback("pr:av:5:3"), {
      action: "toggle_window",
      mask: 5,
      index: 3,
    });
    assert.deepEqual(parseProfileCallback("pr:del:1795000000"), {
      action: "confirm_delete",
      issuedAt: 1_795_000_000,
    });
  });
  await t.step("other features' buttons are not ours", () => {
    assert.equal(parseProfileCallback("m:y:123"), null);
    assert.equal(parseProfileCallback(undefined), null);
  });
  await t.step("forged ones are invalid", () => {
    for (
      const data of [
        "pr:",
        "pr:tz:utc",
        "pr:pu:money",
        "pr:av:16:s",
        "pr:av:3:4",
        "pr:av:x:s",
        "pr:tt:Drop table",
        "pr:ed:birth_year",
        "pr:del:",
        "pr:rules:extra",
      ]
    ) {
      assert.equal(parseProfileCallback(data), "invalid", data);
    }
  });
});
