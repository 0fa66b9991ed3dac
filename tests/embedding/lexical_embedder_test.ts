import assert from "node:assert/strict";
import {
  createLexicalEmbedder,
  LEXICAL_EMBEDDING_MODEL,
  stemRussian,
  tokenize,
} from "../../shared/embedding/lexical_embedder.ts";

function cosine(a: number[], b: number[]): number {
  return a.reduce((sum, v, i) => sum + v * b[i]!, 0);
}

function norm(a: number[]): number {
  return Math.sqrt(cosine(a, a));
}

Deno.test("the lexical embedder gives deterministic 384-dimensional unit vectors", async (t) => {
  const embedder = createLexicalEmbedder();

  await t.step("it names its model and dimensions", () => {
    assert.equal(embedder.model, LEXICAL_EMBEDDING_MODEL);
    assert.equal(embedder.dimensions, 384);
  });

  await t.step("the same text always gives the same vector", async () => {
    const a = await embedder.embed("Переезд в другую страну, одиночество");
    const b = await embedder.embed("Переезд в другую страну, одиночество");
    assert.deepEqual(a, b);
    assert.equal(a.length, 384);
    assert.ok(Math.abs(norm(a) - 1) < 1e-9);
    assert.ok(a.every(Number.isFinite));
  });

  await t.step("case and ё do not matter", async () => {
    assert.deepEqual(await embedder.embed("ЁЖИК"), await embedder.embed("ежик"));
  });

  await t.step("text without words is the documented constant unit vector", async () => {
    const empty = await embedder.embed("");
    assert.equal(empty.length, 384);
    assert.ok(Math.abs(norm(empty) - 1) < 1e-9);
    assert.ok(empty.every((v) => v === empty[0]));
    assert.deepEqual(await embedder.embed("  ,.!? "), empty);
    assert.deepEqual(await embedder.embed("и в на"), empty);
  });
});

Deno.test("similar Russian texts are clearly closer than unrelated ones", async (t) => {
  const embedder = createLexicalEmbedder();
  const cases: Array<[string, string, string]> = [
    ["выгорание на работе", "выгорел на работе", "люблю играть в шахматы по вечерам"],
    ["развод с мужем", "развелась с мужем", "изучаю японский язык"],
    ["потеря близкого человека", "потерял близкого", "бег по утрам и марафоны"],
    [
      "тревога и панические атаки",
      "панической атаки и тревожность",
      "ремонт квартиры своими руками",
    ],
  ];
  for (const [text, similar, unrelated] of cases) {
    await t.step(`"${text}" is closer to "${similar}" than to "${unrelated}"`, async () => {
      const a = await embedder.embed(text);
      const near = cosine(a, await embedder.embed(similar));
      const far = cosine(a, await embedder.embed(unrelated));
      assert.ok(near > 0.4, `similar cosine ${near}`);
      assert.ok(near - far > 0.3, `similar ${near} vs unrelated ${far}`);
    });
  }
});

Deno.test("the Russian stemmer strips one ending and keeps at least three letters", async (t) => {
  await t.step("common endings go", () => {
    assert.equal(stemRussian("работе"), "работ");
    assert.equal(stemRussian("работами"), "работ");
    assert.equal(stemRussian("одинокого"), "одинок");
    assert.equal(stemRussian("книги"), "книг");
  });
  await t.step("short words and non-Russian words stay", () => {
    assert.equal(stemRussian("мама"), "мам");
    assert.equal(stemRussian("миа"), "миа");
    assert.equal(stemRussian("work"), "work");
  });
  await t.step("tokenize splits on punctuation and drops stop words", () => {
    assert.deepEqual(tokenize("Выгорание, на работе!"), ["выгорание", "работе"]);
  });
});
