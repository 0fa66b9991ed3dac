import assert from "node:assert/strict";
import {
  checkThemeLexicon,
  detectThemes,
  explainThemes,
  type Theme,
} from "../../shared/diary/themes.ts";
import { ACTIVITY_TOPICS, THEME_LEXICON } from "../../shared/diary/theme_lexicon.ts";
import { HELD_OUT, type ThemeSample, TUNING } from "./theme_corpus.ts";

interface CatalogueTopic {
  slug: string;
  group: string;
  sensitivity: number;
}

/** The topic catalogue, read from the seed the database gets. */
async function readCatalogue(): Promise<CatalogueTopic[]> {
  const sql = await Deno.readTextFile(new URL("../../supabase/seed.sql", import.meta.url));
  const row = /\(\s*'([a-z0-9_]+)'\s*,\s*'[^']*'\s*,\s*'([a-z0-9_]+)'\s*,\s*'[^']*'\s*,\s*(\d+)/g;
  return [...sql.matchAll(row)].map((m) => ({
    slug: m[1]!,
    group: m[2]!,
    sensitivity: Number(m[3]),
  }));
}

/** How many cues (word forms, phrases, combinations) a topic has. */
function cueCount(slug: string): number {
  const entry = THEME_LEXICON[slug];
  if (!entry) return 0;
  const forms = (entry.words ?? []).reduce((n, [cues]) => n + cues.split(/\s+/).length, 0);
  const phrases = (entry.phrases ?? []).reduce((n, [cues]) => n + cues.split("|").length, 0);
  return forms + phrases;
}

function assertWellFormed(themes: Theme[]): void {
  assert.ok(themes.length <= 5, `${themes.length} themes`);
  assert.equal(new Set(themes.map((t) => t.slug)).size, themes.length, "themes repeat");
  for (const [i, t] of themes.entries()) {
    assert.ok(Object.hasOwn(THEME_LEXICON, t.slug), t.slug);
    assert.ok(t.weight >= 0.4 && t.weight <= 1, `${t.slug} ${t.weight}`);
    if (i > 0) assert.ok(themes[i - 1]!.weight >= t.weight, "themes not sorted by weight");
  }
}

const slugsOf = (text: string) => detectThemes(text).map((t) => t.slug);
const weightOf = (text: string, slug: string) =>
  detectThemes(text).find((t) => t.slug === slug)?.weight ?? 0;

interface Figures {
  recall: number;
  precision: number;
  /** Share of sentences without a topic that came out with none. */
  quiet: number;
  summary: string;
}

/**
 * Checks every sample as a step (well-formed) and returns micro-averaged figures: recall (topics
 * found / topics labelled), precision (topics found that are labelled or "also" / topics found),
 * and how many sentences without a topic stayed quiet.
 */
async function runCorpus(t: Deno.TestContext, samples: ThemeSample[]): Promise<Figures> {
  let expected = 0;
  let found = 0;
  let predicted = 0;
  let fair = 0;
  let empty = 0;
  let quiet = 0;
  const misses: string[] = [];
  const perSlug = new Map<string, { want: number; got: number }>();
  for (const sample of samples) {
    await t.step(sample.text, () => {
      const themes = detectThemes(sample.text);
      assertWellFormed(themes);
      const got = themes.map((x) => x.slug);
      const missing = sample.themes.filter((s) => !got.includes(s));
      const extra = got.filter((s) => !sample.themes.includes(s) && !sample.also?.includes(s));
      expected += sample.themes.length;
      found += sample.themes.length - missing.length;
      predicted += got.length;
      fair += got.length - extra.length;
      if (sample.themes.length === 0) {
        empty++;
        if (extra.length === 0) quiet++;
      }
      for (const slug of sample.themes) {
        const counts = perSlug.get(slug) ?? { want: 0, got: 0 };
        counts.want++;
        if (got.includes(slug)) counts.got++;
        perSlug.set(slug, counts);
      }
      if (missing.length > 0 || extra.length > 0) {
        const shown = themes.map((x) => `${x.slug} ${x.weight}`).join(", ");
        misses.push(`${sample.text} → [${shown}] (want [${sample.themes.join(", ")}])`);
      }
    });
  }
  const figures = {
    recall: expected === 0 ? 1 : found / expected,
    precision: predicted === 0 ? 1 : fair / predicted,
    quiet: empty === 0 ? 1 : quiet / empty,
  };
  const weak = [...perSlug].filter(([, c]) => c.got < c.want)
    .map(([slug, c]) => `${slug} ${c.got}/${c.want}`).join(", ");
  const summary =
    `${samples.length} sentences (${empty} without a topic): recall ${
      figures.recall.toFixed(3)
    } (${found}/${expected}), precision ${figures.precision.toFixed(3)} (${fair}/${predicted}), ` +
    `quiet on no-topic ${figures.quiet.toFixed(3)} (${quiet}/${empty})\n  topics missed: ${
      weak || "none"
    }\n  misses:\n    ${misses.join("\n    ") || "none"}`;
  return { ...figures, summary };
}

Deno.test("the theme lists have no malformed or conflicting rows", () => {
  assert.deepEqual(checkThemeLexicon(), []);
});

Deno.test("every catalogue topic has lexicon entries and every lexicon topic is in the catalogue", async () => {
  const catalogue = await readCatalogue();
  assert.ok(catalogue.length >= 70, `only ${catalogue.length} topics parsed from seed.sql`);
  const slugs = new Set(catalogue.map((t) => t.slug));
  assert.deepEqual(catalogue.filter((t) => !Object.hasOwn(THEME_LEXICON, t.slug)), []);
  assert.deepEqual(Object.keys(THEME_LEXICON).filter((slug) => !slugs.has(slug)), []);
  // Hobbies and the like need a handful of cues; life experiences and feelings need more.
  const thin = catalogue
    .map((t) => ({
      ...t,
      cues: cueCount(t.slug),
      need: t.sensitivity >= 2 || t.group === "feelings" ? 10 : 4,
    }))
    .filter((t) => t.cues < t.need)
    .map((t) => `${t.slug}: ${t.cues} cues, want ${t.need}`);
  assert.deepEqual(thin, []);
});

Deno.test("the corpora cover the catalogue", async () => {
  const catalogue = await readCatalogue();
  const count = (samples: ThemeSample[], slug: string) =>
    samples.filter((s) => s.themes.includes(slug)).length;
  // Every topic appears in the tuned set; life experiences and feelings at least three times.
  const uncovered = catalogue
    .filter((t) =>
      count(TUNING, t.slug) < (t.group === "experience" || t.group === "feelings" ? 3 : 1)
    )
    .map((t) => `${t.slug}: ${count(TUNING, t.slug)}`);
  assert.deepEqual(uncovered, []);
  const topical = TUNING.filter((s) => s.themes.length > 0).length;
  const none = TUNING.filter((s) => s.themes.length === 0).length;
  assert.ok(topical >= 120, `${topical} tuned sentences with a topic`);
  assert.ok(none >= 30, `${none} tuned sentences without a topic`);
  assert.ok(HELD_OUT.length >= 30, `${HELD_OUT.length} held-out sentences`);
  const slugs = new Set(catalogue.map((t) => t.slug));
  for (const s of [...TUNING, ...HELD_OUT]) {
    for (const slug of [...s.themes, ...(s.also ?? [])]) assert.ok(slugs.has(slug), slug);
  }
});

Deno.test("no sentence is in both corpora", () => {
  const tuned = new Set(TUNING.map((s) => s.text));
  assert.deepEqual(HELD_OUT.filter((s) => tuned.has(s.text)).map((s) => s.text), []);
});

// The tuned set was written alongside the lexicon and tuned until it passed, so these figures
// only show the rules do what they were made for; the floors leave room for a few sentences to
// change when the lists grow, and catch a real regression.
Deno.test("the tuned corpus: recall ≥ 0.9, precision ≥ 0.9, ≥ 90 % of no-topic sentences quiet", async (t) => {
  const f = await runCorpus(t, TUNING);
  console.log(`tuned corpus, ${f.summary}`);
  assert.ok(f.recall >= 0.9, `recall ${f.recall}`);
  assert.ok(f.precision >= 0.9, `precision ${f.precision}`);
  assert.ok(f.quiet >= 0.9, `quiet ${f.quiet}`);
});

// The held-out set was labelled before the lexicon existed and never tuned against. Its floors
// were fixed before its first run: 82 topics make chance near zero, and a word list is expected
// to miss topics told without their words (about a third of real entries, we guessed), so recall
// ≥ 0.55; a wrong topic shown to a person is worse than a missed one, so precision ≥ 0.6; and at
// least 7 in 10 entries without a topic should stay quiet. Do not raise them by tuning on this set.
Deno.test("the held-out corpus: recall ≥ 0.55, precision ≥ 0.6, ≥ 70 % of no-topic sentences quiet", async (t) => {
  const f = await runCorpus(t, HELD_OUT);
  console.log(`held-out corpus, ${f.summary}`);
  assert.ok(f.recall >= 0.55, `recall ${f.recall}`);
  assert.ok(f.precision >= 0.6, `precision ${f.precision}`);
  assert.ok(f.quiet >= 0.7, `quiet ${f.quiet}`);
});

Deno.test("pet words with a loss are pet loss, not pets", async (t) => {
  await t.step("«умер кот» and «усыпили собаку»", () => {
    assert.deepEqual(slugsOf("Вчера умер наш кот."), ["pet_loss"]);
    assert.deepEqual(slugsOf("Собаку пришлось усыпить."), ["pet_loss"]);
    assert.deepEqual(slugsOf("Котик ушёл на радугу."), ["pet_loss"]);
  });
  await t.step("a pet mentioned again later does not bring «pets» back", () => {
    const themes = slugsOf("Умерла наша собака. Собака была со мной десять лет, собака была всем.");
    assert.deepEqual(themes, ["pet_loss"]);
  });
  await t.step("a living pet is pets", () => {
    assert.deepEqual(slugsOf("Мой кот опять спит на клавиатуре."), ["pets"]);
  });
  await t.step("a person's death is bereavement, not pet loss", () => {
    assert.deepEqual(slugsOf("Умерла бабушка."), ["bereavement"]);
  });
});

Deno.test("a negation right before a cue cancels it", async (t) => {
  await t.step("«не развод, просто ссора»", () => {
    assert.deepEqual(slugsOf("Это не развод, просто ссора."), []);
    assert.deepEqual(slugsOf("Развод."), ["divorce"]);
  });
  await t.step("«никакого развода» and «не было никакого развода»", () => {
    assert.deepEqual(slugsOf("Никакого развода не будет."), []);
    assert.deepEqual(slugsOf("Не было никакого развода."), []);
  });
  await t.step("a negation further back does not reach: «не хочу развода» is about divorce", () => {
    assert.deepEqual(slugsOf("Не хочу развода."), ["divorce"]);
  });
  await t.step("a phrase with its own negation is read as written", () => {
    assert.deepEqual(slugsOf("Не могу уснуть."), ["insomnia"]);
    assert.deepEqual(slugsOf("Никому не нужна."), ["loneliness"]);
  });
  await t.step("a negated phrase takes its words: «не бывший муж» is no breakup either", () => {
    const hits = explainThemes("Это не бывший муж звонил.");
    assert.ok(hits.every((h) => h.negated), JSON.stringify(hits));
    assert.deepEqual(slugsOf("Это не бывший муж звонил."), []);
  });
});

Deno.test("generic words alone do not make a topic; phrases weigh more than words", async (t) => {
  await t.step("«работа» alone is not work stress", () => {
    assert.deepEqual(slugsOf("Сегодня работа, потом домой."), []);
    assert.deepEqual(slugsOf("Работа, работа, работа."), []);
  });
  await t.step("«начальник» alone is not either; «начальник накричал» is", () => {
    assert.deepEqual(slugsOf("Начальник уехал в командировку."), []);
    assert.deepEqual(slugsOf("Начальник накричал на меня."), ["work_stress"]);
  });
  await t.step("«ненавижу работу» is burnout, «нет сил работать» too", () => {
    assert.deepEqual(slugsOf("Ненавижу работу."), ["burnout"]);
    assert.ok(slugsOf("Нет сил работать.").includes("burnout"));
  });
  await t.step("more and stronger cues weigh more", () => {
    const one = weightOf("Взяла кредит.", "money_trouble");
    const more = weightOf("Взяла кредит, коллекторы звонят, долги растут.", "money_trouble");
    assert.ok(more > one, `${more} vs ${one}`);
    assert.ok(
      weightOf("Бывший муж не платит алименты.", "divorce") > weightOf("Развод.", "divorce"),
    );
  });
  await t.step("the same word over and over counts less each time", () => {
    const once = weightOf("Кредит.", "money_trouble");
    const many = weightOf("Кредит. ".repeat(20), "money_trouble");
    assert.ok(many < 0.9, `${many}`);
    assert.ok(many > once);
  });
});

Deno.test("stem safety: short stems and clashing words stay apart", async (t) => {
  await t.step("«долго» is not «долги», «рис» is not «рисую»", () => {
    assert.deepEqual(slugsOf("Долго ждала автобус."), []);
    assert.deepEqual(slugsOf("Сварила рис на ужин."), []);
    assert.deepEqual(slugsOf("Рисую каждый вечер, рисунок за рисунком."), ["drawing"]);
  });
  await t.step("«великий» is no bike and «походила» no hike", () => {
    assert.deepEqual(slugsOf("Это великий день."), []);
    assert.deepEqual(slugsOf("Походила по магазинам."), []);
  });
  await t.step("«другой город» does not read «друг» as a close person", () => {
    assert.ok(!slugsOf("В другой больнице сказали то же самое.").includes("relative_illness"));
  });
  await t.step("everyday words that share a stem with a cue read as nothing", () => {
    // Each of these once matched a cue by its Snowball stem: «поэтому» → «поэт», «хобби» →
    // «хобб» (хоббит), «тест» (тесто), «объект» (объектив), «договорились» (договор),
    // «приступила» (приступ), «кости» (костыли), «пристала» (пристав), «набок» (Набоков)...
    const words = "поэтому хобби тест тесты объект объекта договорились приступила кости " +
      "пристала набок толстый толстой склонна стихия показано долго делами другой который " +
      "рома гибли киста приставать";
    for (const word of words.split(" ")) {
      assert.deepEqual(explainThemes(`Это ${word}.`), [], word);
    }
    assert.deepEqual(slugsOf("Поэтому я осталась дома, хобби подождёт."), []);
    assert.deepEqual(slugsOf("Договорились встретиться, но я приступила к уборке."), []);
    assert.deepEqual(slugsOf("В зависимости от погоды решим."), []);
    assert.deepEqual(slugsOf("Устала до смерти."), []);
    assert.deepEqual(slugsOf("Устала как собака, на душе кошки скребут."), []);
  });
  await t.step("blockers: «бегала по делам», «детский сад», «снимаю квартиру»", () => {
    assert.deepEqual(slugsOf("Бегала по делам."), []);
    assert.deepEqual(slugsOf("Забрала дочку из детского сада."), []);
    assert.deepEqual(slugsOf("Снимаю квартиру у знакомых."), []);
  });
});

Deno.test("detectThemes() is deterministic and never throws", async (t) => {
  await t.step("the same text gives the same answer", () => {
    for (const sample of [...TUNING.slice(0, 30), ...HELD_OUT.slice(0, 10)]) {
      assert.deepEqual(detectThemes(sample.text), detectThemes(sample.text));
    }
  });
  await t.step("empty, odd and hostile input", () => {
    for (
      const text of [
        "",
        "   ",
        "🙂🙂🙂",
        "!!!???...",
        "а".repeat(50_000),
        "не ".repeat(5_000),
        "кот умер ".repeat(3_000),
        "\u0000\u200b\u202eразвод",
        undefined as unknown as string,
        42 as unknown as string,
      ]
    ) {
      const started = performance.now();
      const themes = detectThemes(text);
      assertWellFormed(themes);
      assert.ok(performance.now() - started < 1000);
    }
  });
  await t.step("Latin look-alikes and invisible characters do not hide a word", () => {
    assert.deepEqual(slugsOf("Наш рaзвoд"), ["divorce"]);
    assert.deepEqual(slugsOf("бес\u200bсонница"), ["insomnia"]);
    assert.deepEqual(slugsOf("БЕССОННИЦА"), ["insomnia"]);
    assert.deepEqual(slugsOf("Вечер D&D с друзьями, я мастер."), ["tabletop_rpg"]);
  });
});

Deno.test("an entry about several things gets several topics, at most five", () => {
  const text = "Меня сократили, теперь нечем платить кредит. Не могу уснуть по ночам. " +
    "Бывший муж не платит алименты. Мама в больнице после инсульта. " +
    "Вечером пробежка и йога, а потом сериал.";
  const themes = detectThemes(text);
  assertWellFormed(themes);
  assert.equal(themes.length, 5);
  for (const slug of ["job_loss", "money_trouble", "divorce"]) {
    assert.ok(themes.some((t) => t.slug === slug), slug);
  }
});

Deno.test("explainThemes() lists what was found, negated cues included", () => {
  const hits = explainThemes("Не развод, но коллекторы звонят.");
  assert.deepEqual(
    hits.map((h) => [h.slug, h.text, h.negated]),
    [["divorce", "развод", true], ["money_trouble", "коллекторы", false]],
  );
});

Deno.test("a 4000-character entry takes a few milliseconds", () => {
  let text = "";
  for (let i = 0; text.length < 4000; i++) text += `${TUNING[i % TUNING.length]!.text} `;
  text = text.slice(0, 4000);
  detectThemes(text); // builds the index and warms up
  const runs = 20;
  const started = performance.now();
  for (let i = 0; i < runs; i++) detectThemes(text);
  const ms = (performance.now() - started) / runs;
  console.log(`4000 characters: ${ms.toFixed(2)} ms per detection`);
  // Typically a few ms; the bound leaves room for a loaded CI machine.
  assert.ok(ms < 50, `${ms.toFixed(1)} ms`);
});

Deno.test("the activity topics are the catalogue's hobbies, sport, music, games and books", async () => {
  const groups = new Set(["hobbies", "sport", "music", "games", "books"]);
  const catalogue = (await readCatalogue()).filter((t) => groups.has(t.group)).map((t) => t.slug);
  assert.deepEqual([...ACTIVITY_TOPICS].sort(), catalogue.sort());
});

// Issue 17: themes fired on everyday words that only resemble a topic.
Deno.test("household chores are not a move; a move still is", async (t) => {
  const slugs = (text: string) => detectThemes(text).map((theme) => theme.slug);
  for (
    const text of [
      "Весь день разбирала коробки на балконе.",
      "Упаковала вещи в коробки и убрала на антресоль.",
      "Разобрала шкаф, отнесла старые вещи на переработку.",
      "Разбирали коробки в кладовке, выкинули половину.",
    ]
  ) {
    await t.step(text, () => {
      assert.ok(!slugs(text).includes("relocation"), slugs(text).join());
      assert.ok(!slugs(text).includes("work_stress"), slugs(text).join());
    });
  }
  for (
    const text of [
      "Переехали, теперь разбираю коробки.",
      "Неразобранные коробки стоят уже месяц.",
      "Переезд через неделю, пакую коробки.",
    ]
  ) {
    await t.step(text, () => assert.ok(slugs(text).includes("relocation"), slugs(text).join()));
  }
});

Deno.test("someone else's pastime is not the writer's; the writer's own and shared ones are", async (t) => {
  const slugs = (text: string) => detectThemes(text).map((theme) => theme.slug);
  const cases: Array<[string, string, boolean]> = [
    ["Подруга занимается йогой, показывала новые асаны.", "yoga", false],
    ["Муж весь вечер играл на гитаре.", "music_playing", false],
    ["Сестра увлекается вышивкой.", "handicraft", false],
    ["Сын ходит на футбол по субботам.", "football", false],
    ["Моя подруга пишет стихи.", "poetry", false],
    ["У него новое увлечение — шахматы.", "chess", false],
    ["Хожу на йогу по вторникам.", "yoga", true],
    ["Мы с подругой ходим на йогу.", "yoga", true],
    ["Подруга научила меня вязать.", "handicraft", true],
    ["С мужем играли в настольные игры весь вечер.", "board_games", true],
  ];
  for (const [text, slug, own] of cases) {
    await t.step(`${text} ${own ? "is" : "is not"} ${slug}`, () => {
      assert.equal(slugs(text).includes(slug), own, slugs(text).join());
    });
  }
});
