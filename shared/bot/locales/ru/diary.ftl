## Diary: private entries and the mood summary

diary-intro =
    📓 Дневник настроения. Записи видите только вы: я никому их не показываю и не передаю собеседникам.
    Как вы сейчас? Выберите настроение или просто начните писать.
diary-just-write-button = ✍️ Просто написать
diary-list-button = 📖 Мои записи
diary-export-button = 📤 Выгрузить всё
diary-mood-button = 📈 Настроение
diary-writing =
    Напишите, что на душе — одним или несколькими сообщениями, каждое станет записью. Исправить запись можно, отредактировав сообщение.
    Закончить — /done.
diary-in-chat = Сейчас идёт разговор — всё, что вы пишете, получает собеседник. Дневник откроется после чата.
diary-not-registered = Сначала заполните профиль — /start.
diary-saved = Записано ✍️
# The answer to an entry: the mood in words and up to two feelings, corrected with one tap.
diary-saved-mood = Записано ✍️ Похоже, настроение { $mood }{ $count ->
        [0] {""}
       *[other] : { $labels }
    }
diary-saved-mood-corrected = Записано ✍️ Настроение { $mood } — как вы поправили{ $count ->
        [0] {""}
       *[other] : { $labels }
    }
diary-correct-drop-button = ✕ { $label }
diary-corrected = Поправлено ✓ Так и буду считать.
diary-edited = Запись исправлена.
diary-done = Готово, записи сохранены. Вернуться — /diary, посмотреть настроение — /mood.
diary-not-writing = Дневник сейчас закрыт. Открыть — /diary.
diary-too-long = Запись длинновата — разбейте её, пожалуйста, на несколько сообщений (до 4096 знаков каждое).
diary-only-text = В дневник пока можно записывать только текст.
diary-crisis = Спасибо, что доверили это дневнику. Похоже, вам сейчас очень тяжело — вы не обязаны справляться с этим в одиночку.

diary-list-title = Ваши записи ({ $from }–{ $to } из { $total }):
diary-list-empty = Записей пока нет. Начать — /diary.
diary-list-item = { $date } { $pick } { $snippet }
diary-prev-button = ◀ Новее
diary-next-button = Старше ▶
diary-entry =
    { $date } { $pick }
    { $body }
diary-entry-mood = Настроение: { $mood }{ $labels }
diary-delete-button = 🗑 Удалить
diary-back-button = ← К списку
diary-delete-confirm = Удалить эту запись? Вернуть её будет нельзя.
diary-delete-yes-button = Да, удалить
diary-deleted = Запись удалена.
diary-callback-stale = Эта кнопка уже неактуальна.
diary-export-caption = Все ваши записи ({ $count }) — с датами, настроением и метками. Файл видите только вы.
diary-export-empty = Записей пока нет — выгружать нечего.

diary-mood-very-bad = очень плохое
diary-mood-bad = скорее плохое
diary-mood-neutral = ровное
diary-mood-good = скорее хорошее
diary-mood-very-good = очень хорошее

diary-pick-scale_1 = 😣
diary-pick-scale_2 = 😕
diary-pick-scale_3 = 😐
diary-pick-scale_4 = 🙂
diary-pick-scale_5 = 😄
diary-pick-feel_sad = 😢 грусть
diary-pick-feel_anxious = 😰 тревога
diary-pick-feel_angry = 😠 злость
diary-pick-feel_tired = 😴 усталость
diary-pick-feel_lonely = 🫂 одиночество
diary-pick-feel_grateful = 🙏 благодарность
diary-pick-feel_calm = 😌 спокойствие

diary-label-joy = радость
diary-label-sadness = грусть
diary-label-anxiety = тревога
diary-label-anger = злость
diary-label-loneliness = одиночество
diary-label-tiredness = усталость
diary-label-gratitude = благодарность
diary-label-calm = спокойствие
diary-label-hope = надежда
diary-label-shame = стыд

## /mood

mood-empty = Записей за последний месяц нет — пока не о чем рассказать. Начать дневник — /diary.
mood-summary =
    📈 Настроение за 30 дней
    Записей: { $entries }, дней подряд с записями: { $streak }.
    В среднем настроение { $mood }.
mood-trend-better = На этой неделе — лучше, чем на прошлой.
mood-trend-worse = На этой неделе — тяжелее, чем на прошлой. Берегите себя.
mood-trend-same = На этой неделе — примерно как на прошлой.
mood-top-labels = Чаще всего: { $labels }.
mood-chart-title = Настроение за 30 дней
mood-chart-days = По дням
mood-chart-weeks = По неделям
mood-chart-labels = Чаще всего
mood-chart-no-data = Пока нет записей
mood-week-label = { $from }–{ $to } { $month }
mood-week-label-two-months = { $from } { $fromMonth }–{ $to } { $month }
mood-month-1 = янв.
mood-month-2 = февр.
mood-month-3 = мар.
mood-month-4 = апр.
mood-month-5 = мая
mood-month-6 = июн.
mood-month-7 = июл.
mood-month-8 = авг.
mood-month-9 = сент.
mood-month-10 = окт.
mood-month-11 = нояб.
mood-month-12 = дек.

## Diary reminders

diary-reminder-button = ⏰ Напоминание
diary-reminder-pick = Во сколько напоминать о дневнике? Время — ваше местное; ночью я не пишу.
diary-reminder-at = { $time }
diary-reminder-off-button = 🔕 Не напоминать
diary-reminder-set = Хорошо, буду напоминать каждый день в { $time }, если вы ещё ничего не записали. Выключить — одной кнопкой под напоминанием.
diary-reminder-off = Напоминания выключены.
diary-reminder = 📓 Как прошёл день? Пара строк в дневнике помогает заметить, что меняется. Записи видите только вы.

## AI analysis of the diary (off unless chosen)

diary-ai-button = 🤖 ИИ-анализ записей
diary-ai-explain =
    Обычно настроение записей я оцениваю сам, по словарю, прямо здесь — тексты никуда не уходят.
    Если включить ИИ-анализ, новые записи будут отправляться языковой модели: без имён, телефонов, адресов и других личных данных, только чтобы точнее оценить настроение. Мы храним только оценку; как провайдер модели обращается с запросами — по его условиям. Выключить можно в любой момент.
diary-ai-on-button = Включить
diary-ai-off-button = Не нужно
diary-ai-enabled = ИИ-анализ включён для новых записей. Выключить — /diary → «🤖 ИИ-анализ записей».
diary-ai-disabled = ИИ-анализ выключен: записи оцениваю только я, по словарю.

## "Use my diary to find people" (off unless chosen)

diary-matching-button = 🤝 Дневник для поиска людей
diary-matching-explain =
    Можно разрешить мне учитывать, о чём вы пишете в дневнике и какое у вас в последнее время настроение, когда я ищу вам собеседника, и показывать вас в /similar тем, кто пишет о похожем.
    Тексты записей никто не увидит. Собеседнику я не скажу, о чём ваш дневник: в карточке будут только темы, которые выбрали вы оба. Настроение учитываю, только если вы ищете поддержку. Выключить можно в любой момент.
diary-matching-on-button = Разрешить
diary-matching-off-button = Не нужно
diary-matching-enabled = Готово: темы и настроение дневника помогут найти людей с похожим опытом — со следующего поиска. Выключить — /diary → «🤝 Дневник для поиска людей».
diary-matching-disabled = Выключено: дневник остаётся только вашим и в поиске не участвует.
