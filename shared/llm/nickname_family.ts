/**
 * Which nouns are one nickname told apart by its suffix: a partner whose pseudonym is «Вишенка»
 * is called «вишня», «Лисёнок» «лиса», «Булочка» «булка», «Горошек» «Горошинка», «Чайка»
 * «чаечка», «Медвежонок» «медведь». Russian makes pet forms by suffixes (-к-, -очк-, -ушк-,
 * -онок, -инк-…) that soften the stem's last consonant (птица → птичка, флаг → флажок) and drop
 * or add a fleeting vowel (вишня → вишенка); undoing them gives the word's cores, and two words
 * whose cores meet are one family. A few families are irregular (заяц → зайка, медведь →
 * мишутка, капитан → кэп): those are listed.
 *
 * Words are lower case with «е» for «ё».
 */

// Pet and singulative suffixes, longest first; what comes before them is the stem.
const PET_SUFFIXES = [
  "онок",
  "енок",
  "еныш",
  "оныш",
  "очк",
  "ечк",
  "ичк",
  "оньк",
  "еньк",
  "ушк",
  "юшк",
  "ышк",
  "ишк",
  "инк",
  "онк",
  "енк",
  "чик",
  "ик",
  "ок",
  "ек",
  "к",
];

// A case or gender ending after the suffix or the stem («бегемотику», «совушке», «лисой»).
const ENDING =
  /(?:ами|ями|ого|его|ому|ему|ой|ей|ом|ем|ою|ею|ам|ям|ах|ях|ов|ев|а|я|о|е|ы|и|у|ю|й|ь)$/u;

// The stem's last consonant before a pet suffix, back as it is in the plain word: «птич(ка)» is
// «птиц(а)», «флаж(ок)» «флаг», «пуш(ок)» «пух», «медвеж(онок)» «медвед(ь)».
const HARDENED: Readonly<Record<string, string[]>> = {
  ч: ["к", "ц", "т"],
  ж: ["г", "з", "д"],
  ш: ["х", "с"],
};

/** Irregular families: each row one nickname. */
const FAMILIES: readonly string[] = [
  "заяц зайка зайчик зая заюша заюш заюшка заинька зайчонок",
  "медведь медвежонок мишка мишутка мишаня",
  "кот котик котя котейка котенок кошка киса кисуля",
  "пес песик собака собачка щенок",
  "капитан кэп",
  "доктор док",
  "пельмень пельмешек пельмешка",
  "ребенок малыш",
  "воробей воробушек",
  "солнце солнышко",
  "облако облачко",
];

const FAMILY_OF = new Map<string, number>();
FAMILIES.forEach((row, index) => {
  for (const word of row.split(" ")) FAMILY_OF.set(word, index);
});

/** A stem a noun may come from, and the pet suffix undone to reach it ("" for none). */
interface Core {
  stem: string;
  suffix: string;
}

/** The stems a noun may come from: as written, and with each pet suffix undone. */
export function nicknameCores(word: string): Core[] {
  const lower = word.toLowerCase().replace(/ё/g, "е");
  const cores: Core[] = [];
  const add = (stem: string, suffix: string) => {
    cores.push({ stem, suffix });
    // A stem ending in a vowel takes «й» in the plain word: «ча(ечка)» is «чай».
    if (/[аеиоуя]$/u.test(stem)) cores.push({ stem: `${stem}й`, suffix });
  };
  const family = FAMILY_OF.get(lower) ?? FAMILY_OF.get(lower.replace(ENDING, ""));
  if (family !== undefined) cores.push({ stem: `#${family}`, suffix: "" });
  const stem = lower.length > 3 ? lower.replace(ENDING, "") : lower;
  if (stem.length < 2) return cores;
  add(stem, "");
  for (const suffix of PET_SUFFIXES) {
    if (!stem.endsWith(suffix)) continue;
    const base = stem.slice(0, -suffix.length);
    if (base.length < 2) continue;
    add(base, suffix);
    const last = base.at(-1)!;
    for (const hard of HARDENED[last] ?? []) add(base.slice(0, -1) + hard, suffix);
    // A fleeting vowel: «вишенка» is «вишня», «песенка» «песня».
    if (suffix === "енк" || suffix === "онк") add(`${base}н`, suffix);
    // «тыковка» is «тыква», «морковка» «морковь»: a vowel before the last consonant falls.
    const fleeting = /^(.*[^аеиоуыэюяй])[оеё]([^аеиоуыэюяйь])$/u.exec(base);
    if (suffix === "к" && fleeting && fleeting[1]!.length >= 2) {
      add(fleeting[1]! + fleeting[2]!, suffix);
    }
  }
  return cores;
}

/**
 * Whether two different nouns are one nickname: a listed family, or their cores meet — one of
 * them the plain word («лиска» and «лиса»), or both pet forms where one grows from the other
 * («булка», «булочка») or on four letters («горошинка», «горошек»); not «бабушка» and
 * «бабочка». Two letters only when both words are short («ёж», «ёжик»).
 */
export function sameNickname(a: string, b: string): boolean {
  const theirs = nicknameCores(b);
  return nicknameCores(a).some((ours) =>
    theirs.some((core) => {
      if (core.stem !== ours.stem) return false;
      if (core.stem.startsWith("#")) return true;
      if (core.stem.length < 3 && Math.max(a.length, b.length) > 5) return false;
      if (core.suffix === "" || ours.suffix === "") return true;
      return core.stem.length >= 4 || NESTED.has(`${core.suffix} ${ours.suffix}`);
    })
  );
}

// Pet suffixes that grow one from the other: «бел-к-а» → «бел-очк-а», «чай-к-а» → «ча-ечк-а».
const NESTED = new Set(
  ["очк", "ечк", "оньк", "еньк"].flatMap((longer) => [`к ${longer}`, `${longer} к`]),
);

/** Whether a noun is a pet form by its suffix («ёжик», «котёнок», «Рыбка»), not a plain word. */
export function isPetForm(word: string): boolean {
  return nicknameCores(word).some((core) => core.suffix !== "");
}
