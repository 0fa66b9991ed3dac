import { ConceptIndex, type ConceptTable } from "./language.ts";
import { NEAR_MISSES } from "./abuse_near_misses.ts";

/**
 * The words the abuse detector (toxicity.ts) knows, as concepts for `readWords`
 * (shared/safety/language.ts): who a word points at (second, first, third person), the abuse
 * lexicon (insults, obscene words, threats, sexual demands, slurs and groups) and the words
 * around them that change their sense (reported speech, talk about words, games, negation).
 * Our own table, tuned on tests/safety/toxicity_corpus.ts.
 */
/** Terms written as one string: "стем", "=слово" (whole word), "!" ends misspelling tolerance. */
const t = (terms: string) => terms.trim().split(/\s+/);
/** Whole words without misspelling tolerance (pronouns, particles: short and common). */
const exact = (words: string) => t(words).map((w) => `=${w}!`);
/** Whole words that tolerate one wrong letter when they have five or more. */
const forms = (words: string) => t(words).map((w) => w.length >= 5 ? `=${w}~` : `=${w}`);
/** Stems without misspelling tolerance. */
const strict = (terms: string) => t(terms).map((w) => `${w}!`);

/**
 * First-person futures of violent verbs with the prefixes they take («прирежу», «проломлю»,
 * «отпизжу»), as whole words. Bare forms that mostly mean something else («душу» — a soul,
 * «рою», «рублю», «топлю») are left out.
 */
function violentForms(): string[] {
  const roots = t(
    "бью режу ломаю ломлю душу давлю стрелю калечу рву кромсаю рублю колочу мудохаю пизжу " +
      "хуярю ебашу бьем режем ломаем ломим душим давим калечим рвем рубим",
  );
  const prefixes = t(
    "у за при пере про раз рас из ис от по с вы на об до под отмо ото разо изо со",
  );
  const bare = new Set(t("бью режу ломаю калечу кромсаю колочу мудохаю хуярю ебашу"));
  const out: string[] = [];
  for (const root of roots) {
    if (bare.has(root)) out.push(`=${root}!`);
    for (const prefix of prefixes) out.push(`=${prefix}${root}!`);
  }
  return out;
}

export const ABUSE_CONCEPTS: ConceptTable = {
  // ---- Who a word points at ----------------------------------------------------------------
  you_nom: exact("ты вы ти тыж"),
  you_obl: exact(
    "тебя тебе тобой тобою тя те вас вам вами " +
      "твой твоя твое твои твоего твоей твоему твоим твоих твою твоем " +
      "ваш ваша ваше ваши вашего вашей вашему вашим ваших вашу вашем",
  ),
  self_nom: exact("я мы"),
  self_obl: exact(
    "меня мне мной мною нас нам нами " +
      "мой моя мое мои моего моей моему моим моих мою моем " +
      "наш наша наше наши нашего нашей нашему нашим наших нашу нашем",
  ),
  self_poss: exact("мой моя мое мои моего моей моему моим моих мою моем наш наша наши"),
  your_poss: exact(
    "твой твоя твое твои твоего твоей твоему твоим твоих твою твоем ваш ваша ваши вашего вашей",
  ),
  reflexive: exact("себя себе собой сам сама сами"),
  third_nom: exact("он она оно они этот эта это эти тот та те"),
  third_obl: exact(
    "его ее их ему ей им него нее нему ней ним них нем этого этой этому этим этих эту того той " +
      "тому тем тех ту",
  ),
  // People one talks about (third person, any case).
  person: [
    ...t(
      "бывш начальн начальств босс шеф директор руководител менеджер коллег сотрудни сосед " +
        "свекр свекров тещ золовк невестк родител мамаш мамк отчим мачех бабушк дедушк " +
        "сестр дочк ребен подруг знаком девушк любовни одноклассн однокурсн учител училк " +
        "препод тренер медсестр продав кассир водител таксист курьер клиент покупател " +
        "чиновни депутат политик президент полицейск гаишник хозяин хозяйк арендодател " +
        "мужик тетк чувак пацан одноклассниц свекор",
    ),
    ...exact(
      "муж мужа мужу мужем муже мужья мужей жена жены жене жену женой мама маму мамы маме мамой " +
        "мать матери матерью папа папу папы папе папой отец отца отцу отцом дед деда деду " +
        "брат брата брату братом братья сын сына сыну сыном сыновья дочь дочери дети детей " +
        "детям детьми друг друга другу другом друзья друзей друзьям парень парня парню парнем " +
        "тесть зять врач врача доктор мент менты ментов баба бабы бабе бабу бабка тетя дядя " +
        "кто кого некоторые многие",
    ),
  ],
  // «ебал я твою мать»
  mother_verb: exact("ебал ебу выебал выебу трахал трахаю имел"),
  mother: exact("мать мамка мамку мамаша мамашу мамашка матушка мамаша мамочка мамочку"),
  // Reported speech: someone else said it («назвал меня…», «пишут…»).
  quote: [
    ...t(
      "назва называ обозва обзыва дразн сказал пишет пишут писал " +
        "написал крича кричи крикну оскорбил оскорбля ругал ругает ругаю обматер угрожа " +
        "пригрози присла твердит твердил повторя грозил грозит комментар коммент высказыва " +
        "сообщени",
    ),
    ...exact(
      "орал орала орет орут орали считает считают считал считала считали послал послала " +
        "говорит говорят говорил говорила говорили",
    ),
  ],
  // Talk about words themselves; «слово» and «мат» only next to a quoted word.
  meta: [
    ...t("ругательств обзывательств матерн матерщин термин означа переводит произнос пишется"),
    ...t("синоним этимолог"),
  ],
  meta_weak: exact("слово слова словом словечко мат мата матом выражение"),
  // Contexts where violent words are play or history.
  game: [
    ...t(
      "игр катк матч раунд уровн персонаж шахмат турнир реванш сыгра поигра соревнован " +
        "футбол хоккей зомби дракон монстр респаун шутер майнкрафт покер фильм сериал книг " +
        "роман новост истори фашист нацист сталин войн",
    ),
    ...exact("дота доте доту дотка кс перс танк танки партия партию бой мяч хп пвп кино век веке"),
  ],
  negation: exact("не ни нет"),
  // A contrast ends the reach of a negation («ты не человек, а мразь»).
  contrast: exact("а но зато однако"),
  wish: exact("чтоб чтобы желаю надеюсь пусть хоть лучше"),
  deem: exact("считаю называю нахожу"),
  without: exact("без"),
  clothes: exact("одежды трусов белья"),
  would: exact("бы б"),
  question_word: exact("какой какая какое какие кто что ли"),
  propose: exact("давай давайте хочешь хочу может го поехали хотите"),
  // Words that strengthen an insult but say nothing by themselves.
  filler: exact(
    "же какой какая какое какие ну и просто полный полная полное полные такой такая такое " +
      "вот ах эх ой да слышь эй еще ты вы сам сама самый самая редкостный редкостная " +
      "настоящий настоящая натуральный натуральная совсем абсолютно реально вообще тупо все " +
      "тут здесь очередной старый старая вонючий вонючая грязный грязная малолетний малолетняя " +
      "несчастный несчастная поганый поганая гребаный гребаная уже опять снова а как что ли " +
      "то это последний последняя дохлый дохлая жирный жирная чертов чертова ещё блин",
  ),

  // ---- Abuse lexicon -----------------------------------------------------------------------
  // Insults that are abuse whenever aimed at the partner.
  insult: [
    ...t(
      "идиот идеот идиотин дебил дебилк дебилоид дибил кретин придур мраз твар " +
        "шлюх шалав проститутк потаскух блядин ублюд ублюдк выродк чмошн ничтожеств ничтожн " +
        "сучар " +
        "скотин гнид падл мудак мудил мудозвон мудачь мудло долбоеб долбаеб далбаеб долбоящер " +
        "хуесос хуйл хуил хуеплет пиздабол пиздюк пиздун ебанат ебанько ебанут ебанн ебнут " +
        "ебнувш ебанашк уебищ уебок уебк уебан гандон гондон залупа дегенерат быдл сволоч " +
        "мерзав подонк подонок негодя выблядок отброс неудачни лузер тупиц тупорыл безмозгл " +
        "слабоумн имбецил олигофрен полудур недоумок недоумк недонос ушлепок ушлепк обмудок " +
        "говнюк жополиз дрянь стерв истеричк психопат шизик дебильн даунищ отмороженн отморозок " +
        "урод! никчемн убог ущербн недоразвит деградант пидорок конченн тупорыл " +
        "ебла еблан ебалай болван чучел чмыр ибанут ибанат иблан ебонут бестолоч тролл хамл " +
        "хамье чушпан чушк",
    ),
    ...forms(
      "чмо чмошник сука суки суке суку сукой падла тупой тупая тупое тупые тупого тупую тупым " +
        "тупыми тупых туп тупа тупы конченый конченая конченое конченые конченого конченую " +
        "мерзкий мерзкая мерзкое мерзкие мерзкого мерзкую жалкий жалкая жалкое жалкие жалкого " +
        "жалкую жалок жалка сучка сучки сучку сучкой даун дауна дауну дауны даунов даун говно дерьмо дерьма мусор дно " +
        "ноль позорище посмешище ничтожество блядь блядина пизда мудачье нищеброд нищебродка " +
        "уебище пидорас недалекий недалекая дур овец свиней тварей мразей",
    ),
  ],
  // Insults mild enough to be a joke between friends (a smile turns them off).
  insult_mild: [
    ...t(
      "дурак дурень дурил дуралей тормоз клоун нытик психичк неадекват кринж крыс свинь овц " +
        "алкаш бухарик нарик наркош",
    ),
    // Comparatives: «ты тупее пробки».
    ...forms("тупее глупее дурнее страшнее жирнее толще уродливее противнее"),
    ...forms(
      "дура дуры дуре дуру дурой дурак дурака дураку дураком дураки глупый глупая глупое " +
        "глупые глупого глуп глупа глупы овца овцы козел козла козлина козлы баран барана " +
        "олень лох лоха лохи лошара курица курицу курицы свинья свиньи свинтус корова коровы " +
        "корову больной больная больные больного " +
        "овощ хам хама хамка хамы умник умника умником крыса тряпка истеричка псих психи ненормальный ненормальная ненормальные клоун " +
        "пустое быдло",
    ),
  ],
  // Interjections: on their own they are emotion, not an insult («сука, опять дождь»).
  interjection: exact(
    "сука блядь бля блять пиздец нахуй хуй ебать ебаный заебало заебло задолбало охуеть " +
      "дерьмо говно " +
      "ахуеть",
  ),
  // Body shaming.
  body: [
    ...t(
      "жирух жирдя жиртрест жиробас жиропа толстух толстожоп свиноматк бегемот уродин " +
        "страшил страхолюд дрыщ вешалк коротышк прыщав кривоног косоглаз беззуб жопаст " +
        "вонюч боров дрищ",
    ),
    ...forms(
      "жирная жирный жирные жирной жирную жирным жирная толстая толстый толстые толстой " +
        "страшная страшный страшные страшной рожа рожей рожи рожу морда морду мордой рыло " +
        "рылом харя харю харей плоская доска скелет карлик лысый лысая воняешь воняет кобыла",
    ),
  ],
  // The face called names: abuse when it is the partner's («твоя рожа»).
  // Looks compared to an animal: «лицо как у жабы».
  looks: exact(
    "лицо лица лицом морда мордой рожа рожей фигура фигуры фигурой внешность внешностью тело " +
      "телом нос зубы уши задница",
  ),
  animal: [
    ...t("крыс свин жаб обезьян мартышк бегемот хомяк бульдог лошад кобыл коров курицы"),
    ...exact("козла барана осла"),
  ],
  face: exact("рожа рожей рожу морда морду мордой рыло рылом харя харю харей"),
  // Intelligence denied: «у тебя мозгов нет».
  mind: [
    ...t("мозг извилин интеллект айкью"),
    ...exact("ум ума умом голове башке голова башка"),
  ],
  // What there is instead of a mind: «мозгов нет», «в голове опилки».
  lack: [
    ...t("отсутств маловат куриные куриных горошин опилк солом"),
    ...exact("нет ноль одна хватает пусто пустота ветер вата каша тараканы"),
  ],
  level: t("уровн"),
  // «голову подлечи», «иди лечись».
  treat: exact("лечи лечись подлечи подлечись лечиться подлечить полечиться полечись"),
  head: [...t("голов башк психиатр психушк"), ...exact("дурку дурке мозги")],
  // «ты никому не нужен», «кому ты нужна»
  needed: exact("нужен нужна нужны нужно"),
  to_nobody: exact("никому кому"),
  such: exact("такой такою такую таким такая"),
  with: exact("с со"),
  simile: exact("как словно будто"),
  intact: exact("цел цела целы живой жива живы"),
  while: exact("пока"),
  smart: exact("умный умная умен умна умные умных сообразительный сообразительная"),
  disgust: [...t("противн тошн отвратит омерзит блевот блевать"), ...exact("мерзко тошнит")],
  look: [...t("смотреть видеть слушать читать общаться разговаривать")],
  // Obscene verbs said to someone: «ты охуел», «заебал».
  obscene_verb: [
    ...t("охуевш ахуевш выебыва выебыв ебанул ебанулс ебнулс пиздишь пиздеть"),
    ...exact(
      "охуел охуела охуели ахуел ахуела заебал заебала заебали заебл ебанулся ебанулась " +
        "пизди пиздит спиздил пиздишь",
    ),
  ],
  // Orders to leave and where to go.
  go: exact(
    "иди идите пошел пошла пошли пшел вали валите катись катитесь проваливай убирайся " +
      "уматывай сгинь ступай свали свалите выметайся шуруй чеши отвали отвалите",
  ),
  go_where: [
    ...forms(
      "нахуй нахер нахрен нах нафиг наху хуй хер хрен жопу пизду задницу лесом полем буквы " +
        "черту херам",
    ),
  ],
  go_away: exact("вон отсюда"),
  shut: exact(
    "завали заткни закрой захлопни захлопнись замолкни заткнись заткнитесь завалите " +
      "закройте замолчи умолкни",
  ),
  // «заткнулся бы ты»: an order put as a wish.
  shut_past: exact("заткнулся заткнулась заткнулись завалил завалила замолчал замолчала"),
  mouth: [
    ...t("ебал ебальн хлебал хайл хавальн хлебальн варежк"),
    ...exact("пасть рот рыло пасти ротик"),
  ],
  // Obscene imperatives that are abuse on their own.
  obscene_imperative: [
    ...t("отъебис отьебис отебис съебис сьебис съебыв сьебыв уебыва уебыв пиздуй пиздуйте"),
    ...forms("заткнись заткнитесь отебись пизди выебывайся выебывайтесь ебись"),
  ],
  // Imperatives: each marks the addressee.
  imperative: exact(
    "смотри слушай послушай знай пойми запомни отстань отвали уйди уходи замолчи молчи иди " +
      "прекрати перестань думай подумай учись лечись похудей жри скажи ответь отвечай признай " +
      "посмотри сделай вали пошел пошла катись заткнись ходи жди",
  ),

  // ---- Threats -----------------------------------------------------------------------------
  // First-person future of violence: «убью», «зарежу», «урою».
  threat_verb: [
    ...t(
      "зарежу прибью закопаю урою задушу придушу покалечу изобью отпизжу отмудохаю искалечу " +
        "переломаю размажу раздавлю сожгу подожгу застрелю пристрелю грохну замочу порешу " +
        "утоплю отравлю выпотрошу оторву выколю выбью вырву пырну разорву покромсаю уделаю " +
        "набью вмажу въебу уебу отхерачу засажу зарою зарежем прибьем закопаем уроем " +
        "убьем сломаю сломаем сверну порежу порву уничтожу изуродую отрежу вырежу " +
        "изнасилую",
    ),
    ...forms("убью ебну найду найдем достану вычислю выслежу приеду приедем доберусь доберемся"),
    ...exact("приду придем"),
  ],
  // The same with any prefix: a threat only with «тебя» or a body part («нарежу тебе салат»).
  harm_verb: violentForms(),
  you_acc: exact("тебя вас тя"),
  // Threat verbs that find or reach someone: a threat only with the addressee and little else.
  hunt: exact(
    "найду найдем достану вычислю выслежу приеду приедем доберусь доберемся приду придем",
  ),
  // What «найду тебя» may come with and still be a threat: «из-под земли», «где бы ты ни был».
  hunt_intensifier: exact(
    "из под земли везде где бы ни был была спрячешься все равно обязательно скоро до тебя за " +
      "вас и всё",
  ),
  // «попадёшься мне», «не попадайся мне на глаза».
  caught: exact("попадешься попадайся попадись попадетесь попадитесь"),
  // A benign reading of «найду тебя …»: online, later.
  benign_place: exact(
    "сети онлайн позже попозже потом завтра вечером чате телеграме телеге боте игре",
  ),
  body_part: exact(
    "ноги ног руки рук голову башку морду лицо рожу зубы челюсть кости шею хребет глаза яйца " +
      "куски кусочки череп почки",
  ),
  // «тебе конец», «ты труп».
  doom: exact(
    "конец крышка хана пиздец каюк капут кранты труп покойник жилец жить конец",
  ),
  // Second-person retribution: «пожалеешь», «ответишь за всё».
  retribution: [
    ...t("пожалеешь пожалеете поплатишь поплатитесь попляшешь оглядыва умоешь"),
    ...forms("пожалеет пожалеют поплатится поплатятся"),
    ...forms("ответишь ответите получишь"),
  ],
  locate: exact(
    "знаю найду вычислю узнаю выясню пробью пробил нашел нашла вычислил вычислила знаем",
  ),
  address: [...t("адрес прописк подъезд")],
  lives: exact("живешь живете работаешь учишься учатся живет"),
  visitors: exact("гостей встретят встретим"),

  // ---- Death wishes and telling someone to kill themselves -------------------------------
  die_imperative: forms("сдохни сдохните подохни издохни околей умри умрите сгинь сгорите"),
  // The addressee's death foretold or wished: «сдохнешь», «если ты повесишься».
  die_2p: forms(
    "сдохнешь подохнешь издохнешь повесишься убьешься вскроешься утопишься выпилишься " +
      "сгниешь сдохнете",
  ),
  die_verb: [
    ...t("сдох подох издох передох околе сгни сгори сгорел сдыха"),
    ...forms(
      "собьет собьют задавит задавят убьет убьют убило прибьет прибьют зарежут пристрелят " +
        "раздавит разорвет",
    ),
    ...forms(
      "умер умерла умерли умрешь умрет сбила сбил сбило переедет переехал задавил задавило " +
        "заболел заболела разбился разбилась родился родилась родилась",
    ),
  ],
  // Diseases wished on someone: «чтоб ты рак подхватил».
  disease: exact("раком рак рака спид спидом чума чумой инсульт инфаркт опухоль"),
  // «не стоит жить», «незачем жить».
  worth: exact("стоит надо нужно должен должна незачем зачем достоин достойна"),
  // «раком поставлю»
  position: exact("раком"),
  put: [...t("постав нагн"), ...exact("встань")],
  hell: exact("аду ад"),
  // Curses: «чтоб ты ослеп».
  curse: [...t("ослеп оглох онемел охромел парализ искалеч")],
  burn: exact("гори горите"),
  kys: [
    ...t(
      "повесьс вздерни самоубейс вскройс утопис застрелис отравис удавис убейс выпились " +
        "самовыпились роскомнадзорнис наглотайс",
    ),
  ],
  kill_imperative: exact("убей убейте прикончи покончи вскрой"),
  jump: exact("прыгни спрыгни выпрыгни шагни выйди сигани бросься ляг"),
  // «прыгай, никто плакать не будет»: nobody would miss the addressee.
  jump_on: exact("прыгай вешайся прыгни давай"),
  miss_you: exact("плакать заплачет расстроится заметит скучать пожалеет жалеть горевать"),
  nobody: exact("никто"),
  high_place: [...t("крыш мост окн балкон этаж многоэтаж поезд")],
  suicide_inf: forms("повеситься покончил покончила сдохнуть умереть повесился удавиться"),
  live: exact("жить"),

  // ---- Sexual --------------------------------------------------------------------------------
  demand: forms(
    "скинь скиньте кинь пришли пришлите отправь покажи покажите сфоткай сфоткайся сними " +
      "снимите засвети оголи покажись скинешь покажешь пришлешь покажу сфоткаешь",
  ),
  intimate: [
    ...t("нюдс голышом сиськ титьк интимк трусик трусы стринг лифчик сосок соски писюн"),
    ...forms(
      "ню нюд нюдсы голую голой голый голая грудь груди попку попу попа жопу жопку письку " +
        "член пенис белье белья трусов трусах трусиках купальнике купальник бикини чулках голые голых голыми голенькую голенькой",
    ),
  ],
  undress: forms(
    "разденься раздевайся разденьтесь раздевайтесь раздвинь раздвигай нагнись оголись",
  ),
  sex_act: [
    ...t(
      "трахн трахат трахаться потрахаем оттрах выеба выебу отыме поимет отсос сосни переспа " +
        "переспим отлиз кунилингус минет совокуп присуну вдую оттрахаю облиза полапа пощупа " +
        "помаца потрога",
    ),
    ...forms(
      "трахну трахать соси секс сексом секса вирт интим ебаться поебемся сосешь сосать " +
        "отсосешь",
    ),
  ],
  oral: exact("рот ротик"),
  take: exact("возьми взять бери"),
  private_part: [...t("сиськ титьк попк трусик стринг лифчик")],
  body_sexual: exact("грудь груди попа попка ножки губки задница попу бедра"),
  appraise: [...t("размер классн сочн упруг аппетитн сексуальн")],
  bed: exact("постели постель кроватке"),
  price_night: exact("ночь час"),
  price_ask: exact("сколько почем берешь стоишь возьмешь берете"),
  intimate_question: [...t("девственн мастурб дрочи дрочишь возбужд")],

  // ---- Sextortion --------------------------------------------------------------------------
  expose: forms(
    "разошлю разошлем выложу выложим солью сольем опубликую отправлю перешлю распространю " +
      "выставлю запощу покажу скину расскажу увидит увидят узнают",
  ),
  media: [...t("фот видео видос скрин переписк интимк нюдс снимк запис голы")],
  condition: exact("если иначе или пока заплатишь плати заплати денег деньги переведи скинь"),
  audience: [
    ...t("контакт знакомым друзьям родителям коллегам начальнику паблик соцсет"),
    ...exact("всем мужу жене сеть сети интернет интернете"),
  ],

  // ---- Hate --------------------------------------------------------------------------------
  slur: [
    ...t(
      "чурк черножоп черномаз пидор пидар пидр педик хохл кацап москал узкоглаз ниггер " +
        "нигер негритос чучмек жидовск жидяр хачик хачи гомик пидораш",
    ),
    ...forms("хохол жид жиды жидов жидам жидами хач хачей хачам чурбан русня чурок"),
  ],
  group: [
    ...t(
      "евре цыган мигрант гастарбайт приезжие приезжих приезжим понаехавш таджик узбек киргиз казах кавказц " +
        "чеченц чечен дагестанц армян грузин азербайджанц украинц русск белорус американц " +
        "негр чернокож азиат китайц мусульман христиан иудей атеист гомосексуал лесбиян " +
        "трансгендер лгбт бисексуал инвалид аутист бомж пенсионер феминистк иностранц " +
        "нерусск нацмен беженц сектант индус араб",
    ),
    ...exact("геи геев геям геями гей трансы трансов черные черных старики стариков бабы баб"),
  ],
  // People «cured» by force is violence against them: «геев надо лечить».
  lgbt: [
    ...t("гомосексуал лесбиян трансгендер лгбт бисексуал"),
    ...exact("геи геев геям геями гей трансы трансов"),
  ],
  cure: exact("лечить вылечить лечение"),
  violence: [
    ...t(
      "убить убива перебить расстрел перестрел застрел стрелять отстрел пристрел вешать " +
        "перевешать сжечь сжига сожг вырезать перерезать истреб уничтож выгнать выгоня " +
        "прогнать депорт выслать высыла пересажать изолир стерилиз кастрир усыпл усыпить " +
        "душить передушить передавить потравить замочить зачист очистить",
    ),
    ...forms(
      "убей бить бей бейте повесить жечь режь резать гнать гони гоните мочить мочи травить " +
        "давить перебить вешай жги",
    ),
  ],
  violence_noun: exact(
    "печь печи стенке стенку фонарь фонари фонарях нож ножи концлагерь концлагеря " +
      "газовую кол мыло резервацию",
  ),
  modal: exact(
    "надо нужно необходимо пора следует должны стоит давно бы давайте давай хочу",
  ),
  all: exact("всех все всем"),
  dehuman: [
    ...t("животн паразит таракан недочелов нелюд обезьян биомусор второсорт дикар"),
    ...exact(
      "звери зверье зверьем скот скоты скотов скотина твари тварей крысы крыс вши вшей " +
        "вшивые мусор отбросы отбросов свиньи свиней обуза обузой",
    ),
  ],
  human: exact("люди человек людьми"),

  // Words that share a beginning with an abusive stem but are harmless.
  // Strict (no misspellings): «идиом» must not swallow «идиот».
  safe: [
    ...strict(
      "идиом идиотск дебит дебют мудр мудре уродил уродств отсталост дурман дурашл дурацк " +
        "тупик тупиков сукн сукров суккуб скотч скотовод чмок чмоки гадал гадан гадк " +
        "казахстан грузинск психолог психиатр " +
        "шлюз шлюпк мандар мандат бляшк бляхи бляха херес херсон херувим хуциев сукачев " +
        "сукко дураков дуракова ебург кобел кончено скотланд трахе евреинов",
    ),
    ...exact("кавказ кавказа кавказе кавказу"),
    ...strict("хохлом хохлат троллейб педикюр педикул нигери совокупн утопист отморожу"),
  ],
};

export const ABUSE_INDEX = new ConceptIndex(ABUSE_CONCEPTS);

// ---- Checking misspelling matches ------------------------------------------------------------
//
// The concept index finds a misspelt word with a handful of look-ups; the price is that a few
// pairs two letters apart also meet («пизда» / «пидар», «закро…» / «зарою») and that a stem
// short of its last letter matches («убей» for «убейся»). Every such match is checked here
// against the terms themselves (one dropped, extra, wrong or swapped letter at most), and a
// real Russian word is never taken for a misspelling: abuse_near_misses.ts lists, per concept,
// the beginnings of dictionary words that are one letter away from a term («стере…» of
// «стерео» against «стерв», «креатин» against «кретин»).

interface Terms {
  /** Stems matched from the word's start, and whole words. */
  stems: Set<string>;
  words: Set<string>;
  /** Terms that tolerate a misspelling, by first letter. */
  fuzzy: Map<string, Array<{ term: string; exact: boolean }>>;
  /** Beginnings of real words that are one letter away from a term (not misspellings). */
  nearMisses: Set<string>;
}

const FUZZY_MIN = 5;
const TERMS = new Map<string, Terms>();
for (const [concept, raws] of Object.entries(ABUSE_CONCEPTS)) {
  const terms: Terms = {
    stems: new Set(),
    words: new Set(),
    fuzzy: new Map(),
    nearMisses: new Set(NEAR_MISSES[concept]?.split(" ") ?? []),
  };
  for (const raw of raws) {
    const exactTerm = raw.startsWith("=");
    const term = raw.replace(/^=|[!~]$/g, "").replace(/ё/g, "е");
    (exactTerm ? terms.words : terms.stems).add(term);
    if (!raw.endsWith("!") && term.length >= FUZZY_MIN) {
      const list = terms.fuzzy.get(term[0]!) ?? [];
      list.push({ term, exact: exactTerm });
      terms.fuzzy.set(term[0]!, list);
    }
  }
  TERMS.set(concept, terms);
}

/** Whether a and b differ by one dropped, extra, wrong or swapped letter at most. */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Whether `word` is one of the concept's terms or starts with one of its stems, as written. */
export function spelledAs(word: string, concept: string): boolean {
  const terms = TERMS.get(concept);
  if (!terms) return false;
  if (terms.words.has(word)) return true;
  for (let length = 1; length <= word.length; length++) {
    if (terms.stems.has(word.slice(0, length))) return true;
  }
  return false;
}

/**
 * The beginnings of `word` that are a one-letter misspelling of one of the concept's terms
 * (the whole word for a whole-word term).
 */
export function misspellings(word: string, concept: string): string[] {
  const terms = TERMS.get(concept);
  if (!terms) return [];
  const out: string[] = [];
  for (const { term, exact } of terms.fuzzy.get(word[0]!) ?? []) {
    // One edit leaves the second letter in place, or moves it by one.
    if (word[1] !== term[1] && word[1] !== term[2] && word[2] !== term[1]) continue;
    if (exact) {
      if (withinOneEdit(word, term)) out.push(word);
      continue;
    }
    for (const size of [term.length - 1, term.length, term.length + 1]) {
      if (size > word.length) continue;
      const prefix = word.slice(0, size);
      // A stem short of its last letter is a shorter stem, not a misspelling.
      if (size === term.length - 1 && term.startsWith(prefix)) continue;
      if (withinOneEdit(prefix, term)) out.push(prefix);
    }
  }
  return out;
}

function reallyMatches(word: string, concept: string): boolean {
  if (spelledAs(word, concept)) return true;
  const nearMisses = TERMS.get(concept)?.nearMisses;
  return misspellings(word, concept).some((prefix) => !nearMisses?.has(prefix));
}

const checked = new Map<string, ReadonlySet<string>>();

/**
 * The concepts of a word that its spelling really supports, from the concepts the index found
 * for it (cached: the index always finds the same ones for the same word).
 */
export function confirmed(word: string, concepts: ReadonlySet<string>): ReadonlySet<string> {
  const cached = checked.get(word);
  if (cached) return cached;
  const out = new Set<string>();
  for (const concept of concepts) if (reallyMatches(word, concept)) out.add(concept);
  if (out.has("safe")) {
    for (const concept of ABUSIVE) out.delete(concept);
  }
  if (checked.size > 20_000) checked.clear();
  checked.set(word, out);
  return out;
}

/** Concepts that make a word abusive; a `safe` word loses them. */
export const ABUSIVE = [
  "insult",
  "insult_mild",
  "body",
  "obscene_verb",
  "slur",
  "threat_verb",
  "sex_act",
  "intimate",
  "kys",
  "die_imperative",
  "die_verb",
  "group",
  "person",
  "mind",
  "violence",
  "dehuman",
  "interjection",
];
