import assert from "node:assert/strict";
import { LEMMA_FORMS, unpackForms } from "../../shared/diary/lemma_forms.ts";
import { analyzeMood, explainMood } from "../../shared/diary/lexicon_analyzer.ts";
import { generateLemmaForms, lexiconLemmas, packForms } from "./lemma_forms.ts";

// The table is generated from OpenCorpora's dictionary (through Az.js) for every `~lemma` the
// mood lexicon names; the analyser only reads the table. Regenerate it after changing a lemma:
//   deno run --allow-read --allow-write --allow-env --allow-sys tests/diary/lemma_forms.ts
Deno.test("the generated lemma forms are up to date with the mood lexicon", async () => {
  const fresh = await generateLemmaForms(lexiconLemmas());
  assert.deepEqual(Object.keys(LEMMA_FORMS).sort(), Object.keys(fresh).sort());
  for (const [lemma, packed] of Object.entries(fresh)) {
    assert.equal(LEMMA_FORMS[lemma], packed, `${lemma}: run tests/diary/lemma_forms.ts`);
  }
});

Deno.test("packing and unpacking forms gives the forms back, irrealis marks included", () => {
  const forms = ["поругалась", "поругались", "поругаться^", "поругаюсь^"];
  const packed = packForms(forms);
  assert.equal(packed, "поруга|лась лись ться^ юсь^");
  assert.deepEqual(unpackForms(packed), [
    ["поругалась", false],
    ["поругались", false],
    ["поругаться", true],
    ["поругаюсь", true],
  ]);
  assert.deepEqual(unpackForms("кот|"), [["кот", false]]);
});

Deno.test("a ~lemma row reads its word in any form", () => {
  for (
    const text of [
      "поругались",
      "поругаемся",
      "поссорилась",
      "похоронили",
      "умерла",
      "сплю по три часа",
      "не спится",
      "ворочалась",
      "обиделась",
      "радуешься",
      "смеётся",
      "улыбнулась",
    ]
  ) {
    assert.ok(explainMood(text).length > 0, text);
    assert.notEqual(analyzeMood({ text }).valence, 0, text);
  }
});

Deno.test("a plan is weaker than a feeling: the future, infinitive and imperative of a lemma", () => {
  const now = analyzeMood({ text: "отдыхаю" }).valence;
  const plan = analyzeMood({ text: "отдохну" }).valence;
  assert.ok(now > plan && plan > 0, `${now} vs ${plan}`);
});
