/**
 * Russian chat sentences for the LLM anonymiser: ones with personal data (and the raw secrets
 * that must not reach the model) and ordinary ones that must pass unchanged. Written by us for
 * this test; the people, numbers and addresses are made up. Card, SNILS and INN numbers were
 * generated to pass their checksums (the test checks them with the validators), so the figures
 * say how well the rules work on what they are meant to find, not how well they generalise.
 */
import type { AnonymizedKind } from "../../shared/coach/anonymize.ts";

export interface PiiSample {
  text: string;
  /**
   * Raw substrings that must not survive: numbers compared by their digits (look-alike letters
   * read as digits), words by letters.
   */
  secrets: string[];
  /** The main kind of personal data in the sentence. */
  kind: AnonymizedKind;
  /** Pseudonyms known for the call (both chat partners'). */
  pseudonyms?: string[];
  /** Telegram names known for the call. */
  names?: string[];
}

export const PII: PiiSample[] = [
  // Names: first names in their case forms, short forms, patronymics, surnames beside them.
  {
    text: "Я Марина Петрова, пиши +7 912 345-67-89",
    secrets: ["Марина", "Петрова", "912 345-67-89"],
    kind: "name",
  },
  { text: "Меня зовут Алексей, мне 34", secrets: ["Алексей"], kind: "name" },
  {
    text: "Моя бывшая, Ольга Сергеевна Кузнецова, до сих пор мне пишет",
    secrets: ["Ольга", "Сергеевна", "Кузнецова"],
    kind: "name",
  },
  { text: "Вчера Маша опять не ответила на звонок", secrets: ["Маша"], kind: "name" },
  { text: "Поговорила с Дмитрием, стало чуть легче", secrets: ["Дмитрием"], kind: "name" },
  { text: "Сын, Артём, совсем перестал со мной разговаривать", secrets: ["Артём"], kind: "name" },
  {
    text: "мою маму зовут Вера Павловна, она болеет",
    secrets: ["Вера", "Павловна"],
    kind: "name",
  },
  {
    text: "Мой психолог Анна Владимировна советовала вести дневник",
    secrets: ["Анна", "Владимировна"],
    kind: "name",
  },
  {
    text: "Начальник, Игорь Викторович Смирнов, опять наорал на всех",
    secrets: ["Игорь", "Викторович", "Смирнов"],
    kind: "name",
  },
  {
    text: "Подруга Надежда Иванова позвала на день рождения",
    secrets: ["Надежда", "Иванова"],
    kind: "name",
  },
  { text: "Я скучаю по Саше, мы расстались месяц назад", secrets: ["Саше"], kind: "name" },
  { text: "Катя говорит, что я слишком много думаю", secrets: ["Катя"], kind: "name" },
  { text: "С Женей мы дружим с первого класса", secrets: ["Женей"], kind: "name" },
  {
    text: "Бабушка, Любовь Петровна, умерла в марте",
    secrets: ["Любовь", "Петровна"],
    kind: "name",
  },
  {
    text: "Мой муж Сергей Александрович Волков пьёт каждый день",
    secrets: ["Сергей", "Александрович", "Волков"],
    kind: "name",
  },
  {
    text: "Учительница Елена Николаевна сказала, что сын отстаёт",
    secrets: ["Елена", "Николаевна"],
    kind: "name",
  },
  {
    text: "Мой брат Никита Соколов попал в больницу",
    secrets: ["Никита", "Соколов"],
    kind: "name",
  },
  { text: "Написала Диме, что больше не могу так", secrets: ["Диме"], kind: "name" },
  {
    text: "Ксюша и Полина перестали со мной общаться",
    secrets: ["Ксюша", "Полина"],
    kind: "name",
  },
  {
    text: "Я Татьяна Шевченко, мне 45, двое детей",
    secrets: ["Татьяна", "Шевченко"],
    kind: "name",
  },
  {
    text: "Мой друг Тимур Ахмедов переехал в другой город",
    secrets: ["Тимур", "Ахмедов"],
    kind: "name",
  },
  { text: "Директор Петров И. С. уволил меня без объяснений", secrets: ["Петров"], kind: "name" },
  { text: "Звонила тётя Люда, опять плакала", secrets: ["Люда"], kind: "name" },
  {
    text: "Врач, Ирина Олеговна, выписала антидепрессанты",
    secrets: ["Ирина", "Олеговна"],
    kind: "name",
  },
  {
    text: "С Романом Ковальчуком мы были вместе пять лет",
    secrets: ["Романом", "Ковальчуком"],
    kind: "name",
  },
  { text: "Моя дочь Вика не хочет идти в школу", secrets: ["Вика"], kind: "name" },
  { text: "Я поругалась с Наташей из-за денег", secrets: ["Наташей"], kind: "name" },
  {
    text: "Муж ушёл к Светлане Морозовой",
    secrets: ["Светлане", "Морозовой"],
    kind: "name",
  },
  { text: "Миша, мой сосед, помог донести сумки", secrets: ["Миша"], kind: "name" },
  {
    text: "Отец, Владимир Ильич, не разговаривает со мной",
    secrets: ["Владимир", "Ильич"],
    kind: "name",
  },
  { text: "Лёша сказал, что я ему больше не нужна", secrets: ["Лёша"], kind: "name" },
  { text: "меня зовут оксана, я из Самары", secrets: ["оксана"], kind: "name" },
  {
    text: "Коллега Евгений Бондаренко постоянно меня подставляет",
    secrets: ["Евгений", "Бондаренко"],
    kind: "name",
  },
  { text: "Я написала Юле и Ане, но никто не ответил", secrets: ["Юле", "Ане"], kind: "name" },
  { text: "Зовут меня Кирилл, работаю курьером", secrets: ["Кирилл"], kind: "name" },
  {
    text: "Сестра Алина Гусева пропала на три дня",
    secrets: ["Алина", "Гусева"],
    kind: "name",
  },
  {
    text: "Соседка Галина Петровна стучит по батарее",
    secrets: ["Галина", "Петровна"],
    kind: "name",
  },
  {
    text: "Вчера написала Anna Smirnova, моя коллега",
    secrets: ["Anna", "Smirnova"],
    kind: "name",
  },
  { text: "Мою дочь зовут Злата, ей 6 лет", secrets: ["Злата"], kind: "name" },
  { text: "Айгуль, моя подруга, очень меня поддерживает", secrets: ["Айгуль"], kind: "name" },
  {
    text: "Мы с Олегом Дмитриевичем Лебедевым когда-то работали вместе",
    secrets: ["Олегом", "Дмитриевичем", "Лебедевым"],
    kind: "name",
  },
  {
    text: "Свекровь, Тамара Ивановна, меня ненавидит",
    secrets: ["Тамара", "Ивановна"],
    kind: "name",
  },
  {
    text: "Психотерапевт Марья Ивановна сказала подождать",
    secrets: ["Марья", "Ивановна"],
    kind: "name",
  },
  { text: "ИП Смирнова Е. А. не вернула мне деньги", secrets: ["Смирнова"], kind: "name" },
  { text: "Как дела, Иван Иваныч?", secrets: ["Иван", "Иваныч"], kind: "name" },
  { text: "Артёмка опять подрался в школе", secrets: ["Артёмка"], kind: "name" },
  { text: "Дорогая Анечка, держись", secrets: ["Анечка"], kind: "name" },
  { text: "Привет, я Настя, мне 19", secrets: ["Настя"], kind: "name" },
  {
    text: "Я с Валерией Андреевной больше не общаюсь",
    secrets: ["Валерией", "Андреевной"],
    kind: "name",
  },

  // Phones: Russian and CIS formats.
  {
    text: "Если что, мой номер +7 912 345-67-89, звони в любое время",
    secrets: ["912 345-67-89"],
    kind: "phone",
  },
  { text: "Позвони мне вечером 8 (916) 234-56-78", secrets: ["(916) 234-56-78"], kind: "phone" },
  { text: "вот мой телефон 89261234567 пиши в вотсап", secrets: ["89261234567"], kind: "phone" },
  { text: "+79031112233 это мой, сохрани", secrets: ["79031112233"], kind: "phone" },
  { text: "Набери 8-903-765-43-21, поговорим голосом", secrets: ["903-765-43-21"], kind: "phone" },
  { text: "мой номер +7(999)4567890", secrets: ["(999)4567890"], kind: "phone" },
  {
    text: "Телефон мамы 8 917 555 12 34, если я пропаду",
    secrets: ["917 555 12 34"],
    kind: "phone",
  },
  { text: "Пиши на +7.921.654.32.10", secrets: ["921.654.32.10"], kind: "phone" },
  { text: "номер 8.960.111.22.33 в телеге тоже есть", secrets: ["960.111.22.33"], kind: "phone" },
  {
    text: "Я из Минска, вот номер +375 29 123-45-67",
    secrets: ["29 123-45-67"],
    kind: "phone",
  },
  { text: "Белорусский номер +375 (33) 7654321", secrets: ["(33) 7654321"], kind: "phone" },
  { text: "Звоните в Киев +380 67 123 45 67", secrets: ["67 123 45 67"], kind: "phone" },
  { text: "мой украинский +380(50)9876543", secrets: ["(50)9876543"], kind: "phone" },
  {
    text: "Я в Ташкенте, номер +998 90 123-45-67",
    secrets: ["90 123-45-67"],
    kind: "phone",
  },
  { text: "+998901112233 — мой узбекский номер", secrets: ["998901112233"], kind: "phone" },
  {
    text: "Рабочий телефон 8 (495) 987-65-43, спросить Олю",
    secrets: ["(495) 987-65-43", "Олю"],
    kind: "phone",
  },
  { text: "городской 123-45-67, звоните после шести", secrets: ["123-45-67"], kind: "phone" },
  { text: "Мой номер 7 912 000 11 22, без плюса", secrets: ["912 000 11 22"], kind: "phone" },
  { text: "Казахстанский номер +7 701 234 56 78", secrets: ["701 234 56 78"], kind: "phone" },
  { text: "позвони 9123456780 когда сможешь", secrets: ["9123456780"], kind: "phone" },
  { text: "WhatsApp +996 555 123 456", secrets: ["555 123 456"], kind: "phone" },
  { text: "Мой номер в Ереване +374 91 234567", secrets: ["91 234567"], kind: "phone" },
  { text: "Скинь смс на 8(912)3456789", secrets: ["(912)3456789"], kind: "phone" },
  {
    text: "Тел.: +7 (812) 765-43-21, это домашний",
    secrets: ["(812) 765-43-21"],
    kind: "phone",
  },
  { text: "номер +7 915 1234567 это вайбер", secrets: ["915 1234567"], kind: "phone" },
  {
    text: "8 9 1 2 3 4 5 6 7 8 9 — разнесла по цифрам, чтобы бот не заметил",
    secrets: ["8 9 1 2 3 4 5 6 7 8 9"],
    kind: "phone",
  },
  { text: "пиши в вайбер 0671234567", secrets: ["0671234567"], kind: "phone" },
  { text: "Номер для связи: 8 (3843) 45-67-89", secrets: ["(3843) 45-67-89"], kind: "phone" },
  {
    text: "Для экстренных случаев: +7 (900) 123 45 67",
    secrets: ["(900) 123 45 67"],
    kind: "phone",
  },

  // E-mails.
  {
    text: "Напиши мне на marina.petrova@mail.ru, там удобнее",
    secrets: ["marina.petrova@mail.ru"],
    kind: "email",
  },
  { text: "моя почта kotik1987@yandex.ru", secrets: ["kotik1987"], kind: "email" },
  {
    text: "Резюме отправь на ivanov.work@gmail.com",
    secrets: ["ivanov.work@gmail.com"],
    kind: "email",
  },
  { text: "Пишите: alena_sad@bk.ru", secrets: ["alena_sad"], kind: "email" },
  { text: "почта для связи — dmitry-k@inbox.ru", secrets: ["dmitry-k@inbox.ru"], kind: "email" },
  {
    text: "my email: lonely.heart@outlook.com, пиши",
    secrets: ["lonely.heart"],
    kind: "email",
  },
  {
    text: "Мой ящик sergey2000@rambler.ru, но я туда редко захожу",
    secrets: ["sergey2000"],
    kind: "email",
  },
  { text: "Скинь фото на olya.k@list.ru", secrets: ["olya.k@list.ru"], kind: "email" },
  { text: "Адрес почты: котик@почта.рф", secrets: ["котик@почта.рф"], kind: "email" },
  {
    text: "почта anna+support@protonmail.com",
    secrets: ["anna+support@protonmail.com"],
    kind: "email",
  },

  // Telegram and other usernames.
  { text: "Добавь меня в телеге: @lonely_fox_88", secrets: ["lonely_fox_88"], kind: "username" },
  { text: "Мой ник в инсте @masha_kotova", secrets: ["masha_kotova"], kind: "username" },
  { text: "Пиши в личку @Dark_Angel_2005", secrets: ["Dark_Angel_2005"], kind: "username" },
  { text: "@ivan_petrov_spb это я, если что", secrets: ["ivan_petrov_spb"], kind: "username" },
  {
    text: "подписывайся на мой канал @sad_poems_daily",
    secrets: ["sad_poems_daily"],
    kind: "username",
  },
  {
    text: "Найди меня в дискорде как @nightowl1990",
    secrets: ["nightowl1990"],
    kind: "username",
  },
  { text: "Мой тикток @katya_dance", secrets: ["katya_dance"], kind: "username" },
  { text: "мой логин в тг — @Sergey_K_77", secrets: ["Sergey_K_77"], kind: "username" },

  // Links.
  { text: "Вот моя страница vk.com/id123456789", secrets: ["id123456789"], kind: "link" },
  {
    text: "Мой профиль https://www.instagram.com/anna.sokolova/",
    secrets: ["anna.sokolova"],
    kind: "link",
  },
  { text: "Заходи на t.me/my_secret_channel", secrets: ["my_secret_channel"], kind: "link" },
  {
    text: "Моя страничка в ВК: https://vk.com/masha_ivanova",
    secrets: ["masha_ivanova"],
    kind: "link",
  },
  { text: "резюме на hh.ru/resume/abc123def456", secrets: ["abc123def456"], kind: "link" },
  { text: "вот мой сайт olga-psy.ru, там контакты", secrets: ["olga-psy"], kind: "link" },
  {
    text: "Смотри фотки: www.facebook.com/sergey.volkov.77",
    secrets: ["sergey.volkov.77"],
    kind: "link",
  },
  { text: "Мой блог https://dzen.ru/lonely_mom", secrets: ["lonely_mom"], kind: "link" },
  { text: "я есть в ok.ru/profile/5712345678", secrets: ["5712345678"], kind: "link" },

  // Bank cards (Luhn-valid).
  {
    text: "Скинь на карту 4276 5260 1815 9080, я верну",
    secrets: ["4276 5260 1815 9080"],
    kind: "card",
  },
  {
    text: "Номер карты 5469-3016-6131-8605, Тинькофф",
    secrets: ["5469-3016-6131-8605"],
    kind: "card",
  },
  {
    text: "Переведи на 2202 9139 0996 0300 пожалуйста",
    secrets: ["2202 9139 0996 0300"],
    kind: "card",
  },
  { text: "карта мир 2200824628194828", secrets: ["2200824628194828"], kind: "card" },
  {
    text: "Вот карта: 4081 1993 5181 9093, срок 12/27",
    secrets: ["4081 1993 5181 9093"],
    kind: "card",
  },
  {
    text: "На эту карту 5536 3786 5797 5431 можно кинуть",
    secrets: ["5536 3786 5797 5431"],
    kind: "card",
  },
  { text: "Amex 3723 194875 74919, но она не моя", secrets: ["3723 194875 74919"], kind: "card" },
  {
    text: "Старая карта 6762 1862 5276 0189 557 уже не работает",
    secrets: ["6762 1862 5276 0189 557"],
    kind: "card",
  },
  { text: "Карта 4597971147104 — она детская", secrets: ["4597971147104"], kind: "card" },
  {
    text: "Моя карта 2201 4974 6507 5290, перевод по номеру",
    secrets: ["2201 4974 6507 5290"],
    kind: "card",
  },
  {
    text: "сбросила на 4279-1703-4236-6710 пятьсот рублей",
    secrets: ["4279-1703-4236-6710"],
    kind: "card",
  },
  {
    text: "5228 2768 4268 4657 — скинь туда, кто сможет",
    secrets: ["5228 2768 4268 4657"],
    kind: "card",
  },

  // Passports.
  { text: "Мой паспорт 4506 123456, вдруг пригодится", secrets: ["4506 123456"], kind: "passport" },
  { text: "паспорт: 4510 987654", secrets: ["4510 987654"], kind: "passport" },
  { text: "серия 4612 номер 345678", secrets: ["4612", "345678"], kind: "passport" },
  {
    text: "Серия 45 08, № 765432, выдан отделом полиции",
    secrets: ["45 08", "765432"],
    kind: "passport",
  },
  { text: "Паспортные данные 4011 223344", secrets: ["4011 223344"], kind: "passport" },
  { text: "номер паспорта 4003 556677", secrets: ["4003 556677"], kind: "passport" },
  { text: "серия: 4515, номер: 112233", secrets: ["4515", "112233"], kind: "passport" },
  { text: "скан паспорта, там 4604123456", secrets: ["4604123456"], kind: "passport" },
  {
    text: "мои паспортные данные: серия 4614 № 654321",
    secrets: ["4614", "654321"],
    kind: "passport",
  },
  {
    text: "Вот номер: 45 12 778899, это паспорт мамы",
    secrets: ["45 12 778899"],
    kind: "passport",
  },

  // SNILS (checksum-valid).
  {
    text: "СНИЛС 632-122-330 30, если нужно для справки",
    secrets: ["632-122-330 30"],
    kind: "snils",
  },
  { text: "мой снилс 79244026817", secrets: ["79244026817"], kind: "snils" },
  { text: "Номер СНИЛС: 599-528-907 84", secrets: ["599-528-907 84"], kind: "snils" },
  { text: "вот снилс мамы 866 661 760 63", secrets: ["866 661 760 63"], kind: "snils" },
  { text: "313-721-590 44 — это мой СНИЛС", secrets: ["313-721-590 44"], kind: "snils" },
  {
    text: "Продиктовала в поликлинике 109-281-590 60",
    secrets: ["109-281-590 60"],
    kind: "snils",
  },
  { text: "СНИЛС: 139-624-595 95", secrets: ["139-624-595 95"], kind: "snils" },
  {
    text: "У меня СНИЛС 711-777-741 11, а у сына другой",
    secrets: ["711-777-741 11"],
    kind: "snils",
  },
  { text: "страховой номер 215-472-803 54", secrets: ["215-472-803 54"], kind: "snils" },
  { text: "снилс 378-657-975 72, запиши", secrets: ["378-657-975 72"], kind: "snils" },
  { text: "432 319 487 67 — это мой страховой", secrets: ["432 319 487 67"], kind: "snils" },

  // INN: 10 digits (organisations) and 12 (people), checksum-valid unless "ИНН" stands before.
  { text: "ИНН моей фирмы 4525388856", secrets: ["4525388856"], kind: "inn" },
  {
    text: "Наш ИНН: 1336338759, бухгалтер просила передать",
    secrets: ["1336338759"],
    kind: "inn",
  },
  { text: "Я ИП, мой ИНН 334839548642", secrets: ["334839548642"], kind: "inn" },
  {
    text: "инн 957986828243 — это мой, проверь налоги",
    secrets: ["957986828243"],
    kind: "inn",
  },
  { text: "Реквизиты ИП: 207290222770", secrets: ["207290222770"], kind: "inn" },
  {
    text: "Организация с ИНН 6474395750 не выплатила зарплату",
    secrets: ["6474395750"],
    kind: "inn",
  },
  {
    text: "Работодатель 1313735372 задерживает деньги",
    secrets: ["1313735372"],
    kind: "inn",
  },
  {
    text: "Мой ИНН 405888718003, помогите разобраться с долгом",
    secrets: ["405888718003"],
    kind: "inn",
  },
  { text: "ИНН: 6511637263", secrets: ["6511637263"], kind: "inn" },
  {
    text: "Проверь по ИНН 640187801706, это мой бывший",
    secrets: ["640187801706"],
    kind: "inn",
  },
  { text: "в справке указан 989834788750", secrets: ["989834788750"], kind: "inn" },
  {
    text: "ИНН 3676122207 — контора, которая меня обманула",
    secrets: ["3676122207"],
    kind: "inn",
  },
  {
    text: "Налоговая прислала письмо на 884837261600",
    secrets: ["884837261600"],
    kind: "inn",
  },
  { text: "Компания 9729975280 — мой работодатель", secrets: ["9729975280"], kind: "inn" },
  { text: "ИНН 1234567890, хотя я не уверена", secrets: ["1234567890"], kind: "inn" },
  { text: "ИНН 5597971145", secrets: ["5597971145"], kind: "inn" },
  { text: "реквизиты: 5276018950, бухгалтерия ждёт", secrets: ["5276018950"], kind: "inn" },
  { text: "мой инн 710497465014, проверьте долги", secrets: ["710497465014"], kind: "inn" },

  // Addresses.
  {
    text: "Я живу на ул. Ленина, д. 5, кв. 12",
    secrets: ["Ленина", "д. 5, кв. 12"],
    kind: "address",
  },
  {
    text: "Приезжай: улица Пушкина дом 3, второй подъезд",
    secrets: ["Пушкина", "дом 3"],
    kind: "address",
  },
  {
    text: "мы снимаем квартиру на проспекте Мира 15-42",
    secrets: ["Мира 15-42"],
    kind: "address",
  },
  {
    text: "Адрес: г. Москва, ул. Тверская, д. 12, корп. 2, кв. 45",
    secrets: ["Москва", "Тверская", "д. 12, корп. 2, кв. 45"],
    kind: "address",
  },
  {
    text: "Пришлите на 123456, г. Казань, ул. Баумана, 15",
    secrets: ["123456", "Казань", "Баумана, 15"],
    kind: "address",
  },
  {
    text: "Живу в мкр. Северный, д. 7, кв. 89",
    secrets: ["Северный", "д. 7, кв. 89"],
    kind: "address",
  },
  {
    text: "Кутузовский пр-т, 24, кв 8 — мой адрес",
    secrets: ["Кутузовский", "24, кв 8"],
    kind: "address",
  },
  {
    text: "Ленинградское шоссе, 58, стр. 3",
    secrets: ["Ленинградское шоссе, 58", "стр. 3"],
    kind: "address",
  },
  { text: "мой адрес пер. Садовый, 4", secrets: ["Садовый, 4"], kind: "address" },
  { text: "наб. Фонтанки, 20, кв. 7", secrets: ["Фонтанки", "20, кв. 7"], kind: "address" },
  {
    text: "Тверской бульвар 14 стр 1, офис 305",
    secrets: ["Тверской бульвар 14", "офис 305"],
    kind: "address",
  },
  {
    text: "приходи ко мне: ул ленина 23 кв 5",
    secrets: ["ленина 23", "кв 5"],
    kind: "address",
  },
  { text: "дом 14, кв. 56 — адрес бабушки", secrets: ["дом 14, кв. 56"], kind: "address" },
  {
    text: "620000, г. Екатеринбург, пр. Ленина, д. 50",
    secrets: ["620000", "Екатеринбург", "Ленина, д. 50"],
    kind: "address",
  },
  {
    text: "живу на Невском проспекте 28, приходи",
    secrets: ["Невском проспекте 28"],
    kind: "address",
  },
  {
    text: "пл. Революции, д. 1, кв. 3 — там я выросла",
    secrets: ["Революции", "д. 1, кв. 3"],
    kind: "address",
  },
  {
    text: "Адрес доставки: Краснодар, Красная 176, кв. 34",
    secrets: ["Краснодар", "Красная 176", "кв. 34"],
    kind: "address",
  },
  {
    text: "Вот мой адрес: Москва, Тверская 12-5. Приезжай",
    secrets: ["Москва", "Тверская 12-5"],
    kind: "address",
  },
  {
    text: "проживаю по адресу г. Самара, ул. Молодогвардейская, д. 204",
    secrets: ["Самара", "Молодогвардейская", "д. 204"],
    kind: "address",
  },
  {
    text: "пр-кт Победы, 101/2, второй этаж",
    secrets: ["Победы", "101/2"],
    kind: "address",
  },
  {
    text: "Отправь посылку: г. Тула, улица 8 Марта, д. 2а",
    secrets: ["Тула", "8 Марта, д. 2а"],
    kind: "address",
  },

  // Added for issue 16: what reached the model before the one gate.

  // Given names outside the short list, in their case forms; surnames alone.
  {
    text: "Вчера долго говорила с Эльмирой, она меня выслушала",
    secrets: ["Эльмирой"],
    kind: "name",
  },
  { text: "Мой сосед Гурген снова шумит ночью", secrets: ["Гурген"], kind: "name" },
  { text: "Передай Ермолаю, что я не сержусь", secrets: ["Ермолаю"], kind: "name" },
  { text: "Без Айнуры мне совсем одиноко", secrets: ["Айнуры"], kind: "name" },
  { text: "Нурбек обещал позвонить и пропал", secrets: ["Нурбек"], kind: "name" },
  { text: "Я поссорилась с Прасковьей из-за ерунды", secrets: ["Прасковьей"], kind: "name" },
  { text: "Мы с Ираклием дружили десять лет", secrets: ["Ираклием"], kind: "name" },
  {
    text: "Тренер Ахмед Русланович сказал, что я молодец",
    secrets: ["Ахмед", "Русланович"],
    kind: "name",
  },
  { text: "Дочка Василина рисует каждый день", secrets: ["Василина"], kind: "name" },
  { text: "Когда Зарема ушла, я перестал есть", secrets: ["Зарема"], kind: "name" },
  { text: "Помню, как Севастьян учил меня кататься", secrets: ["Севастьян"], kind: "name" },
  {
    text: "Подруга Снежана Колесникова меня поддерживает",
    secrets: ["Снежана", "Колесникова"],
    kind: "name",
  },
  { text: "от тамерлана никаких вестей уже неделю", secrets: ["тамерлана"], kind: "name" },
  {
    text: "Начальница Белоусова опять кричала на планёрке",
    secrets: ["Белоусова"],
    kind: "name",
  },
  { text: "Я написала Гоше и Филиппу, но они молчат", secrets: ["Гоше", "Филиппу"], kind: "name" },
  { text: "Моя подруга Dasha уехала в другой город", secrets: ["Dasha"], kind: "name" },
  {
    text: "Светлана Игоревна, наш завуч, вызвала маму",
    secrets: ["Светлана", "Игоревна"],
    kind: "name",
  },
  { text: "Гульнаре тоже тяжело, она одна с детьми", secrets: ["Гульнаре"], kind: "name" },

  // The people's own Telegram names, given per call.
  { text: "Кузя, спасибо за поддержку", secrets: ["Кузя"], kind: "name", names: ["Кузя"] },
  { text: "Спасибо, Lena, мне стало легче", secrets: ["Lena"], kind: "name", names: ["Lena"] },
  {
    text: "Алевтине привет, скажи ей, что я в порядке",
    secrets: ["Алевтине"],
    kind: "name",
    names: ["Алевтина"],
  },
  {
    text: "Слушай, Рыжик, я тоже так думаю",
    secrets: ["Рыжик"],
    kind: "name",
    names: ["Рыжик 🦊"],
  },
  { text: "Вера, ты правда так думаешь?", secrets: ["Вера"], kind: "name", names: ["Вера"] },
  {
    text: "Мирону Кравченко передай спасибо",
    secrets: ["Мирону", "Кравченко"],
    kind: "name",
    names: ["Мирон Кравченко"],
  },

  // Pseudonyms in oblique cases, written with "_" or "-", or glued.
  {
    text: "Спасибо Северному Ветру за поддержку",
    secrets: ["Северному Ветру"],
    kind: "pseudonym",
    pseudonyms: ["Северный Ветер"],
  },
  {
    text: "Я рада, что встретила Огонька",
    secrets: ["Огонька"],
    kind: "pseudonym",
    pseudonyms: ["Огонёк"],
  },
  {
    text: "Расскажи Морскому Котику, что ты чувствуешь",
    secrets: ["Морскому Котику"],
    kind: "pseudonym",
    pseudonyms: ["Морской_Котик"],
  },
  {
    text: "Передай Ночной Сове, что всё будет хорошо",
    secrets: ["Ночной Сове"],
    kind: "pseudonym",
    pseudonyms: ["ночная-сова"],
  },
  {
    text: "с лисёнком так спокойно разговаривать",
    secrets: ["лисёнком"],
    kind: "pseudonym",
    pseudonyms: ["Лисёнок"],
  },
  { text: "Я напишу Коту позже", secrets: ["Коту"], kind: "pseudonym", pseudonyms: ["Кот"] },
  {
    text: "Тебе, СинийКит, тоже бывает страшно?",
    secrets: ["СинийКит"],
    kind: "pseudonym",
    pseudonyms: ["Синий Кит"],
  },

  // Telegram ids and other long numbers.
  { text: "Мой id в телеге 5123987640, найди меня", secrets: ["5123987640"], kind: "number" },
  { text: "user id: 6089123456", secrets: ["6089123456"], kind: "number" },
  { text: "айди 1987654321 это я", secrets: ["1987654321"], kind: "number" },
  { text: "Телеграм-id 412345678, если что", secrets: ["412345678"], kind: "number" },
  {
    text: "Номер заказа 1234567890, но посылка так и не пришла",
    secrets: ["1234567890"],
    kind: "number",
  },
  { text: "Код подтверждения 482913", secrets: ["482913"], kind: "number" },
  { text: "мой табельный номер 00457", secrets: ["00457"], kind: "number" },

  // Phones typed with letters for digits, or in words.
  { text: "Звони 8 9l6 234 56 78", secrets: ["9l6 234 56 78"], kind: "phone" },
  { text: "мой номер +7 9ОЗ 12З 45 67", secrets: ["9ОЗ 12З 45 67"], kind: "phone" },
  { text: "пиши на 8-9I2-ЗЗЗ-44-55", secrets: ["9I2-ЗЗЗ-44-55"], kind: "phone" },
  { text: "тел 89O51234567 после шести", secrets: ["89O51234567"], kind: "phone" },
  {
    text: "номер: восемь девять один шесть два три четыре пять шесть семь восемь",
    secrets: ["девять один шесть два три"],
    kind: "phone",
  },
  {
    text: "запиши: восемь девятьсот двенадцать триста сорок пять шестьдесят семь",
    secrets: ["девятьсот двенадцать триста"],
    kind: "phone",
  },

  // E-mails in obfuscated spellings.
  { text: "пиши на ivan.kotov собака mail точка ru", secrets: ["ivan.kotov"], kind: "email" },
  { text: "почта: olga_k (at) yandex (dot) ru", secrets: ["olga_k"], kind: "email" },
  { text: "мой ящик dima1990[at]gmail[dot]com", secrets: ["dima1990"], kind: "email" },
  { text: "svetik собака гмейл ком, пиши", secrets: ["svetik"], kind: "email" },
  { text: "напиши мне: lisa.m at inbox dot ru", secrets: ["lisa.m"], kind: "email" },
  { text: "адрес nastya @ bk . ru, пиши туда", secrets: ["nastya"], kind: "email" },
  { text: "моя почта kostya.petrov на гмейле", secrets: ["kostya.petrov"], kind: "email" },
  { text: "vera_n{at}rambler{dot}ru — старая почта", secrets: ["vera_n"], kind: "email" },

  // Spelled-out links, usernames without a clean "@".
  {
    text: "моя страница vk точка com слэш kotik_sad",
    secrets: ["kotik_sad"],
    kind: "link",
  },
  { text: "сайт moi-stihi [dot] ru, там всё", secrets: ["moi-stihi"], kind: "link" },
  { text: "мой ник в тг — lonely_fox", secrets: ["lonely_fox"], kind: "username" },
  { text: "инста: masha.k.99", secrets: ["masha.k.99"], kind: "username" },
  { text: "@ sad_owl это я", secrets: ["sad_owl"], kind: "username" },
  { text: "пиши nightowl1987 если что", secrets: ["nightowl1987"], kind: "username" },

  // Cards, also with letters for digits.
  {
    text: "Скинь 500 рублей на 4377 5260 1815 9088, пожалуйста",
    secrets: ["4377 5260 1815 9088"],
    kind: "card",
  },
  { text: "карта сбера 5213301661318604", secrets: ["5213301661318604"], kind: "card" },
  {
    text: "номер карты 4149-8246-2819-4828 (мир)",
    secrets: ["4149-8246-2819-4828"],
    kind: "card",
  },
  { text: "кидай на 2200 9139 O996 O302", secrets: ["2200 9139 O996 O302"], kind: "card" },

  // More addresses.
  {
    text: "Живу на улице Чкалова, дом 17, квартира 3",
    secrets: ["Чкалова", "дом 17", "квартира 3"],
    kind: "address",
  },
  {
    text: "мой адрес: Омск, Заречная 8-14",
    secrets: ["Омск", "Заречная 8-14"],
    kind: "address",
  },
  {
    text: "г. Уфа, проспект Октября, 45",
    secrets: ["Уфа", "Октября, 45"],
    kind: "address",
  },
  { text: "индекс 614000, остальное потом", secrets: ["614000"], kind: "number" },

  // Where people work or study.
  { text: "Учусь в школе № 318, там травят", secrets: ["318"], kind: "number" },
  { text: "Школа № 1234, класс 5 А", secrets: ["1234"], kind: "number" },
  { text: "Иду к психиатру в ПНД № 3", secrets: ["№ 3"], kind: "number" },
  { text: "Я из 64-й гимназии, нас там гоняют", secrets: ["64-й"], kind: "number" },
  { text: "Работаю в поликлинике №12 медсестрой", secrets: ["№12"], kind: "number" },
  {
    text: "Работаю в ООО «Альфа-Трейд» бухгалтером",
    secrets: ["Альфа-Трейд"],
    kind: "organization",
  },
  {
    text: "Сын ходит в детский сад «Берёзка» у дома",
    secrets: ["Берёзка"],
    kind: "organization",
  },
  { text: "Работаю в Ленте на кассе", secrets: ["Ленте"], kind: "organization" },
  { text: "Учусь в МИСиС на третьем курсе", secrets: ["МИСиС"], kind: "organization" },
  {
    text: "Устроилась на склад Озона, смены по 12 часов",
    secrets: ["Озона"],
    kind: "organization",
  },
  { text: "наша группа ПМ-22-1 самая дружная", secrets: ["ПМ-22-1"], kind: "number" },

  // Names the dictionary lacks, known by what surrounds them or by their shape.
  { text: "Бахтиёр обещал помочь с переездом", secrets: ["Бахтиёр"], kind: "name" },
  { text: "Дильноза-опа всегда меня выслушивает", secrets: ["Дильноза"], kind: "name" },
  { text: "Мой дядя Остапко опять пьёт", secrets: ["Остапко"], kind: "name" },
  { text: "Танюха звонила вчера, плакала", secrets: ["Танюха"], kind: "name" },
  { text: "Вчера видела Светку у подъезда", secrets: ["Светку"], kind: "name" },
  {
    text: "Роман из бухгалтерии снова накричал на меня",
    secrets: ["Роман"],
    kind: "name",
  },
  { text: "Улугбек, мой сосед, помог с ремонтом", secrets: ["Улугбек"], kind: "name" },
  {
    text: "Мадинушка, спасибо тебе",
    secrets: ["Мадинушка"],
    kind: "name",
    names: ["Мадина"],
  },

  // Streets named by their form.
  { text: "Живу на Первомайской 12, второй этаж", secrets: ["Первомайской 12"], kind: "address" },
  { text: "Самара, Садовая 40-7 — приезжай", secrets: ["Садовая 40-7"], kind: "address" },
  { text: "Мы жили на 3-й линии, дом 8", secrets: ["3-й линии, дом 8"], kind: "address" },

  // Several kinds in one message.
  {
    text: "Я Ольга Смирнова, тел. 8 (912) 111-22-33, почта olga.s@mail.ru",
    secrets: ["Ольга", "Смирнова", "(912) 111-22-33", "olga.s@mail.ru"],
    kind: "name",
  },
  {
    text: "Мой муж Андрей, его номер +7 926 555 44 33, живём на ул. Гагарина, д. 10",
    secrets: ["Андрей", "926 555 44 33", "Гагарина, д. 10"],
    kind: "phone",
  },
  {
    text: "Паспорт 4509 112233, СНИЛС 852-808-414 22 — всё отправила Кате",
    secrets: ["4509 112233", "852-808-414 22", "Кате"],
    kind: "snils",
  },
  {
    text: "Карта 2202 9139 0996 0300, получатель Елена Викторовна К.",
    secrets: ["2202 9139 0996 0300", "Елена", "Викторовна"],
    kind: "card",
  },
  {
    text: "Дочка Соня, её инста @sonya_smile_2010",
    secrets: ["Соня", "sonya_smile_2010"],
    kind: "username",
  },
  {
    text: "Пиши Денису Кравченко: denis.k@mail.ru или t.me/denis_kr",
    secrets: ["Денису", "Кравченко", "denis.k@mail.ru", "denis_kr"],
    kind: "email",
  },
  // Session 6: employers and schools by their short names or Latin names, the street of a
  // workplace, villages and garden plots, old dates, Kazakh plates.
  { text: "учусь в ЯГТУ на втором курсе", secrets: ["ЯГТУ"], kind: "organization" },
  { text: "у нас в РЖД опять премии срезали", secrets: ["РЖД"], kind: "organization" },
  { text: "меня взяли в Ozon на склад", secrets: ["Ozon"], kind: "organization" },
  {
    text: "уволили из Магнита на Садовой, даже не заплатили",
    secrets: ["Магнита", "Садовой"],
    kind: "organization",
  },
  { text: "живём в селе Ключи, дом 8, зимой тяжело", secrets: ["Ключи, дом 8"], kind: "address" },
  { text: "мы поженились 14.02.2011, а теперь развод", secrets: ["14.02.2011"], kind: "date" },
  { text: "я 1992 г.р., 7 августа, Лев по гороскопу", secrets: ["1992"], kind: "birthdate" },
  { text: "у брата жигули 456 KZB 05, вечно ломается", secrets: ["456 KZB 05"], kind: "car_plate" },
  // Names called at the start of a sentence, a pseudonym's diminutives, plates by their make-up.
  { text: "Даша, ты где пропала?", secrets: ["Даша"], kind: "name" },
  {
    text: "Ветерок, спасибо за вчерашний разговор",
    secrets: ["Ветерок"],
    kind: "pseudonym",
    pseudonyms: ["Северный Ветер"],
  },
  {
    text: "мотик мой 5566 ав 77 угнали вчера",
    secrets: ["5566 ав 77"],
    kind: "car_plate",
  },
  // Session 6: birthdates (a date of birth with its year) and car plates.
  { text: "я родилась 14.05.2003, если что", secrets: ["14.05.2003"], kind: "birthdate" },
  { text: "д.р. 3 марта 1998, Козерог", secrets: ["3 марта 1998"], kind: "birthdate" },
  { text: "12/07/01 — мой день рождения", secrets: ["12/07/01"], kind: "birthdate" },
  { text: "днюха 01.02.2001, приходи", secrets: ["01.02.2001"], kind: "birthdate" },
  { text: "у меня машина Е001КХ777, белая", secrets: ["Е001КХ777"], kind: "car_plate" },
  { text: "номер машины к 456 мн, серая", secrets: ["к 456 мн"], kind: "car_plate" },
  { text: "соседская тачка АА 1234 ВВ опять тут", secrets: ["АА 1234 ВВ"], kind: "car_plate" },
  // Session 9: beside a birth word, a birthday without its year too (the strictest policy; it
  // was a harmless example until then).
  { text: "у меня день рождения 5 мая, приходи", secrets: ["5 мая"], kind: "birthdate" },
  { text: "днюха у меня 1 сентября, вечно в школу", secrets: ["1 сентября"], kind: "birthdate" },
];

/** Sentences typical of a supportive chat: nothing in them may change. */
export const HARMLESS: string[] = [
  "Номер рейса SU 1234, вылет в шесть",
  "Как ты? Я вот только проснулась",
  "пропила курс витамина D, стало полегче",
  "работаю в Москве уже пять лет",
  "вышла на «Кропоткинской» и пошла пешком",
  "в группе 25 человек, а общаюсь с двумя",
  "сдаю экзамен 12.03.2025, волнуюсь",
  "сверли отверстие в 100 мм от края",
  "в 2019 году родила сына",
  "Вера в себя вернулась не сразу",
  "Надежда есть всегда",
  "Сегодня 15 лет как я работаю",
  "Вчера потерял 2000 рублей и очень расстроился",
  "В 2019 году я развелась",
  "Это был номер 5 в списке моих страхов",
  "Любовь к музыке меня спасает",
  "Москва слезам не верит, но я всё равно плачу",
  "Встреча перенесена на 12.05.2024 в 15:30",
  "Созвонимся завтра в 19:00?",
  "Терапия стоит 3500 рублей за сессию",
  "Мне 34 года, и я впервые прошу о помощи",
  "Слава богу, всё обошлось",
  "Роман, который я читаю, как раз про одиночество",
  "У меня осталась только вера и надежда",
  "Спасибо, что выслушала",
  "Я живу на пятом этаже, и мне страшно выходить",
  "На улице холодно, не хочется выходить из дома",
  "В доме 5 этажей, а лифта нет",
  "Я весь день была дома одна",
  "С 2015 по 2020 год я жила в другом городе",
  "Ипотека 25 000 в месяц, зарплата 60 000",
  "Сплю по 4-5 часов",
  "Прошло 3 месяца после похорон",
  "Записалась к врачу на 10:15",
  "Курс антидепрессантов на 6 месяцев",
  "С 1 по 15 января у меня отпуск",
  "Вышла на улицу впервые за неделю",
  "Надежда умирает последней",
  "Любовь бывает разной",
  "Веры в людей у меня больше нет",
  "Это как в фильме «Москва слезам не верит»",
  "У меня 2 кошки и собака",
  "Сегодня 8 марта, а мне грустно",
  "Я плакала весь вечер 31 декабря",
  "Было 2 часа ночи, когда я проснулась",
  "Кредит на 500 000 рублей висит уже 3 года",
  "Давление 120/80, всё в норме",
  "В группе поддержки 12 человек",
  "Весила 65 кг, сейчас 58",
  "Пишу тебе в 3:40 ночи, не спится",
  "Температура 37.5 уже третий день",
  "На часах 23:59, а я всё думаю о нём",
  "Мама звонила в 7 утра",
  "Новая работа, оклад 80 тысяч, но я выгорела",
  "Тема сложная, давай поговорим позже",
  "Поле за домом всё в цветах",
  "Роза на подоконнике засохла",
  "Слава мне не нужна, нужен покой",
  "Марка машины неважна, лишь бы ездила",
  "Кости ноют к дождю",
  "Мишка, которого он подарил, всё ещё у меня",
  "Сын в 3 классе, ему 9 лет",
  "Заходила в аптеку на Ленина, там очередь",
  "Выпила 2 таблетки и легла",
  "Лев внутри меня давно уснул",
  "Это было в 2008-2010 годах",
  "Шаг 1: дышать. Шаг 2: звонить другу.",
  "Надежды почти не осталось. Вера тоже ушла.",
  "Хорошо, Слава богу",
  "Мне нравится песня «Надежда»",
  "Она сказала: Любовь — это труд",
  "Вера, надежда, любовь — три сестры",
  "Я так устала. Мама опять кричала.",
  "Читаю Толстого и Достоевского",
  "Мой кот Барсик заболел",
  "Зимой в Питере темно",
  "в 2020 г. Москва закрылась на карантин",
  "Прошла 10 000 шагов",
  "Я на 3 этаже, кв 45 не открывают",
  "Работаю 5/2, выгораю",
  "Таблетки по 50 мг, утром и вечером",
  "Сдала ЕГЭ на 85 баллов",
  "В 17:45 электричка, успею",
  "Зарплата 45 тыс., аренда 25",
  "Номер моего рейса SU 1234",
  "Это было на проспекте, когда я шла домой",
  "Купила кофе за 250 ₽",
  "Прошёл 1 год и 2 месяца",
  "Встречаемся у метро Маяковская",
  // Added for issue 16: times, dates, amounts, ages, places and famous people stay.
  "Мне 27, ему 31",
  "Встретимся 03.11.2025 в 18:40",
  "Зарплата 85000 рублей, а аренда 35000",
  "Заплатила 12 500 ₽ за приём",
  "Проспала до 11:30",
  "С 1998 по 2004 год жила в Казани",
  "Прошла 12 000 шагов",
  "Купил кофе за 180 р.",
  "Вера в себя — это труд",
  "Надежда есть, правда",
  "Роман Ремарка меня тронул",
  "Смотрела фильм про Пушкина",
  "Переехала из Королёва в Москву",
  "Люблю стихи Есенина",
  "Лев Толстой писал про счастливые семьи",
  "Рост 178, вес 70",
  "Давление 135/90 с утра",
  "Билет стоил 15 000 рублей",
  "За месяц набрала 2 кг",
  "В 2023-2024 годах было тяжело",
  "Дочке 5 лет, сыну 12",
  "Сеанс с 19:00 до 20:30",
  "Долг 250000 рублей не даёт спать",
  "Спасибо, мне правда стало легче",
  "Роза ветров, как говорится",
  "Любовь не прошла, просто устала",
  "Вера помогает мне держаться",
  "Слава пришла к нему поздно",
  "Работаю в Москве третий год",
  "Учусь в колледже на повара",
  "Работаю в две смены",
  "Мой пёс Рекс обожает снег",
  "Щас напишу маме, она волнуется",
  "Роман читается легко",
  "В 5 магазинах не было нужного лекарства",
  "Работаю из дома уже 2 года",
];
