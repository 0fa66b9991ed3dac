/**
 * Everyday forms of common Russian given names, for the LLM anonymiser: a person whose Telegram
 * name is «Сергей» is called «Серёжа», «Серёга» or, in address, «Серёж» by the people they write
 * about and to. The anonymiser masks these beside the name's own case forms (a dictionary
 * cannot: Az.js knows «Серёжа» as a name, not as Sergey's).
 *
 * Keys and values are lower case with «е» for «ё».
 */
const SHORT_FORMS: Record<string, string[]> = {
  александр: ["саша", "сашка", "саня", "санек", "шура"],
  александра: ["саша", "сашка", "саня", "шура"],
  алексей: ["леша", "алеша", "леха", "лешка"],
  анастасия: ["настя", "настюша", "настена", "настька"],
  анна: ["аня", "анечка", "анюта", "нюра", "анька"],
  андрей: ["андрюша", "андрюха", "дюха", "дюша"],
  антон: ["антоша", "тоша"],
  артем: ["тема", "темка", "артемка"],
  валентин: ["валя"],
  вероника: ["ника", "ник", "вероничка"],
  валентина: ["валя"],
  валерий: ["валера"],
  валерия: ["лера", "лерка", "лерочка"],
  василий: ["вася", "васька"],
  виктор: ["витя", "витек"],
  виктория: ["вика", "викуля"],
  владимир: ["вова", "володя", "вовка", "вовчик"],
  владислав: ["влад", "владик", "слава"],
  вячеслав: ["слава", "славик"],
  галина: ["галя"],
  георгий: ["жора", "гоша"],
  григорий: ["гриша"],
  гульмира: ["гуля", "гулечка"],
  гульнара: ["гуля", "гулечка"],
  даниил: ["даня", "данька"],
  данил: ["даня", "данька"],
  дарья: ["даша", "дашка", "дашуля"],
  денис: ["денчик", "дэн"],
  дмитрий: ["дима", "димка", "димон", "митя"],
  евгений: ["женя", "жека", "женька"],
  евгения: ["женя", "женька"],
  егор: ["егорка"],
  екатерина: ["катя", "катюша", "катька"],
  елена: ["лена", "леночка", "ленка"],
  елизавета: ["лиза", "лизка", "лизонька"],
  иван: ["ваня", "ванька", "ванек"],
  игорь: ["игорек"],
  илья: ["илюша", "илюха"],
  ирина: ["ира", "ирка", "ириша"],
  кирилл: ["киря", "кирюша", "кирюха", "кирюх"],
  константин: ["костя", "костик"],
  кристина: ["кристинка"],
  ксения: ["ксюша", "ксюха", "ксю", "ксюня"],
  любовь: ["люба"],
  людмила: ["люда", "люся", "мила"],
  максим: ["макс", "максик"],
  марина: ["маринка"],
  мария: ["маша", "машка", "машенька", "маня"],
  матвей: ["мотя"],
  михаил: ["миша", "мишка", "миха"],
  надежда: ["надя", "надюша"],
  наталья: ["наташа", "ната", "наташка"],
  наталия: ["наташа", "ната", "наташка"],
  никита: ["никитос"],
  николай: ["коля", "колька", "колян"],
  оксана: ["окся"],
  олег: ["олежка"],
  ольга: ["оля", "олечка", "олька"],
  павел: ["паша", "пашка"],
  петр: ["петя"],
  полина: ["поля", "полинка"],
  роман: ["рома", "ромка"],
  светлана: ["света", "светик", "светка"],
  сергей: ["сережа", "серега", "сережка", "серый", "серж"],
  софья: ["соня", "сонечка"],
  софия: ["соня", "сонечка"],
  станислав: ["стас", "слава"],
  степан: ["степа"],
  татьяна: ["таня", "танюша", "танька"],
  тимофей: ["тима", "тимоша"],
  тимур: ["тима"],
  федор: ["федя"],
  юлия: ["юля", "юлька", "юляша"],
  юрий: ["юра", "юрка"],
  ядвига: ["ядзя", "ядя"],
  яна: ["янка"],
  ярослав: ["ярик", "слава"],
};

const FULL_NAMES = new Map<string, string[]>();
for (const [full, shorts] of Object.entries(SHORT_FORMS)) {
  for (const short of shorts) FULL_NAMES.set(short, [...(FULL_NAMES.get(short) ?? []), full]);
}

/**
 * The everyday forms of a given name (lower case, «е» for «ё»), and for an everyday form the full
 * name and its other forms («лена» → елена, леночка, ленка).
 */
export function everydayForms(name: string): string[] {
  const fulls = SHORT_FORMS[name] ? [name] : FULL_NAMES.get(name) ?? [];
  const forms = new Set<string>();
  for (const full of fulls) {
    forms.add(full);
    for (const short of SHORT_FORMS[full]!) forms.add(short);
  }
  forms.delete(name);
  return [...forms];
}

/** How a form in «-а»/«-я» is called in speech: «Серёжа» → «Серёж», «Коля» → «Коль». */
export function vocative(form: string): string | null {
  if (form.length < 4) return null;
  if (/[бвгджзклмнпрстфхцчшщ]я$/u.test(form)) return `${form.slice(0, -1)}ь`;
  if (/[аяюи]я$/u.test(form)) return `${form.slice(0, -1)}й`;
  if (/а$/u.test(form)) return form.slice(0, -1);
  return null;
}

// What follows a name's start in its affectionate and slang forms, then a case ending: «Нур» →
// «Нурик», «Макс» → «Максон», «Дим» → «Диман», «Лер» → «Лерусь», «Тан» → «Танюха», «Айге» →
// «Айгеша», «Тимур» → «Тимурчиком», «Маш» → «Машунь». The forms people make up are too many to
// list.
const AFFECTIONATE_TAIL = new RegExp(
  "^(?:чик|ичек|ик|ок|ек|ка|ька|очк|ечк|ушк|юшк|ишк|уш|юш|уся|юся|усь|юсь|уля|юля|уха|юха|оха|" +
    "аха|он|ос|ас|ан|ян|ыч|ань|ня|уня|юня|ун|юн|ул|юл|еке|ке|ша|еш|аш|уца|ш|)(?:а|я|у|ю|ом|ем|ой|ей|е|и|ы|ь)?$",
  "u",
);

/**
 * The starts (three letters or more, lower case, «е» for «ё») of a given name and of its everyday
 * forms, on which people build affectionate forms of it.
 */
export function nameStarts(name: string): string[] {
  const lower = name.toLowerCase().replace(/ё/g, "е");
  const starts = new Set<string>();
  for (const form of [lower, ...everydayForms(lower)]) {
    for (let end = 3; end <= form.length; end++) starts.add(form.slice(0, end));
    // A three-letter name's two letters («Ира» → «Ирусь»; a long tail only: `isAffectionateForm`).
    if (/^\p{L}{2}[аяо]$/u.test(form)) starts.add(form.slice(0, 2));
  }
  return [...starts];
}

/** Whether `word` (lower case, «е» for «ё») is one of these starts with an affectionate tail. */
export function isAffectionateForm(word: string, starts: readonly string[]): boolean {
  return starts.some((start) =>
    word.length > start.length && word.startsWith(start) &&
    AFFECTIONATE_TAIL.test(word.slice(start.length)) &&
    (start.length >= 3 || word.length - start.length >= 3)
  );
}
