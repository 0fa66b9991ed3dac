## Profile: onboarding (/start), the profile card (/profile), erasure (/delete)

profile-welcome = Здравствуйте! Рады, что вы здесь.
profile-accept-rules = Принимаю правила
profile-resume = Продолжим с того места, где остановились.
profile-welcome-back = С возвращением, { $pseudonym }! Найти собеседника — /find, ваш профиль — /profile.
profile-not-registered = Кажется, мы ещё не знакомы. Нажмите /start — это займёт пару минут.
profile-finish-onboarding-first = Профиль ещё не заполнен до конца. Давайте закончим:
profile-use-buttons = Сейчас удобнее ответить кнопками под сообщением.
profile-need-text = Здесь нужен ответ текстом — стикеры, фото и голосовые я не смогу прочитать.
profile-text-too-long = Это слишком длинное сообщение для ответа. Напишите, пожалуйста, покороче.
profile-button-stale = Эта кнопка уже неактуальна. Откройте профиль заново: /profile.

## Birth year
profile-ask-birth-year =
    Сколько вам лет? Напишите, пожалуйста, год рождения — например, 1995.

    Год нужен только для того, чтобы подбирать собеседников вашего возраста: 16–17-летние общаются только друг с другом. Другим людям он не показывается.
profile-birth-year-format = Не получилось распознать год. Напишите его четырьмя цифрами, например: 1995.
profile-birth-year-implausible = Кажется, в году опечатка. Проверьте, пожалуйста, и напишите ещё раз — четырьмя цифрами.
profile-too-young =
    Спасибо, что заглянули! Сервисом можно пользоваться с { $age } лет, поэтому сейчас я не смогу подобрать вам собеседника. Мы будем рады видеть вас, когда вам исполнится { $age }.

    Если вам сейчас тяжело, можно бесплатно и анонимно позвонить на детский телефон доверия: { $number } (по России). Телефоны для других стран — /sos.
profile-birth-year-already-set = Год рождения уже сохранён, и изменить его нельзя: от него зависит, с кем вы сможете общаться.

## Pseudonym
profile-ask-pseudonym =
    Как вас называть? Придумайте псевдоним — от 2 до 32 символов. Его увидит собеседник.

    Пожалуйста, без настоящего имени с фамилией, телефонов, почты, @username и ссылок: так вы останетесь анонимны.
profile-ask-pseudonym-edit = Напишите новый псевдоним — от 2 до 32 символов, без настоящего имени с фамилией и контактов.
profile-pseudonym-too-short = Псевдоним слишком короткий: нужно хотя бы { $min } символа.
profile-pseudonym-too-long = Псевдоним слишком длинный: не больше { $max } символов.
profile-pseudonym-invalid = В псевдониме должна быть хотя бы одна буква и не должно быть переносов строк.
profile-pseudonym-phone = Похоже, в псевдониме номер телефона. Ради вашей безопасности придумайте другой — без цифр номера.
profile-pseudonym-email = Похоже, в псевдониме адрес почты. Ради вашей безопасности придумайте другой.
profile-pseudonym-username = Похоже, в псевдониме @username из Telegram. По нему вас легко найти — придумайте, пожалуйста, другой.
profile-pseudonym-link = Похоже, в псевдониме ссылка или адрес сайта. Придумайте, пожалуйста, другой.
profile-pseudonym-full-name = Похоже на настоящие имя и фамилию. Чтобы остаться анонимным, выберите псевдоним — например, «Тихий Лис» или просто имя без фамилии.
profile-pseudonym-abusive = В псевдониме есть грубое или оскорбительное слово, а его видят собеседники. Придумайте, пожалуйста, другой — например, «Тихий Лис».
profile-pseudonym-crisis =
    Такой псевдоним я не сохраню: его видят другие люди, а то, что вы написали, — только для вас.
    Похоже, вам сейчас очень тяжело. Вы не одни: ниже — телефоны, по которым помогут прямо сейчас, бесплатно и анонимно. Когда будете готовы, напишите другой псевдоним — любой нейтральный.

## Time zone
profile-ask-timezone =
    В каком часовом поясе вы живёте? Это нужно, чтобы знакомить вас с людьми, которые свободны в то же время.

    Выберите город или напишите смещение от UTC, например: +3, UTC+5:30 или -1.
profile-timezone-format = Не получилось понять часовой пояс. Выберите город кнопкой или напишите смещение от UTC: например, +3, UTC+5:30 или МСК+4.
profile-tz-kgd = Калининград
profile-tz-msk = Москва
profile-tz-sam = Самара
profile-tz-ekb = Екатеринбург
profile-tz-oms = Омск
profile-tz-nsk = Новосибирск
profile-tz-krs = Красноярск
profile-tz-irk = Иркутск
profile-tz-yak = Якутск
profile-tz-vvo = Владивосток
profile-tz-mag = Магадан
profile-tz-kam = Камчатка
profile-tz-msq = Минск
profile-tz-kyv = Киев
profile-tz-ala = Алматы
profile-tz-tas = Ташкент
profile-tz-fru = Бишкек
profile-tz-evn = Ереван
profile-tz-tbs = Тбилиси
profile-tz-gyd = Баку
profile-tz-kiv = Кишинёв

## Topics
profile-topics-choose =
    О чём вам хотелось бы поговорить? Выберите от { $min } до { $max } тем: жизненный опыт, чувства, интересы. Откройте группу и отметьте темы.

    Выбрано: { $count } из { $max }.
profile-topics-group = { $group }. Нажмите на тему, чтобы отметить её или снять отметку. Выбрано: { $count } из { $max }.
profile-topics-back = « К группам
profile-topics-done = Готово ({ $count }/{ $max })
profile-topics-too-few = Выберите хотя бы { $min } темы — так проще найти человека с похожим опытом.
profile-topics-too-many = Можно выбрать не больше { $max } тем. Снимите отметку с какой-нибудь, чтобы добавить новую.
profile-topics-important = Какие темы для вас сейчас самые важные? Отметьте от 1 до { $max } — мы будем учитывать их в первую очередь. Отмечено: { $count }.
profile-topics-change = « Изменить темы
profile-important-done = Готово
profile-important-none = Отметьте хотя бы одну самую важную тему ⭐
profile-important-too-many = Самых важных тем может быть не больше { $max }. Снимите звёздочку с другой темы.

## Bio
profile-ask-bio =
    Расскажите о себе в паре предложений (до 160 символов) — что сейчас происходит или о чём хочется поговорить. Собеседник увидит это до начала разговора.

    Без имени, контактов и ссылок. Можно пропустить.
profile-ask-bio-edit = Напишите новый текст о себе — до 160 символов, без контактов и ссылок.
profile-bio-skip = Пропустить
profile-bio-clear = Оставить без описания
profile-bio-too-long = Получилось { $length } символов, а можно не больше { $max }. Попробуйте сократить.
profile-bio-invalid = Текст о себе пустой. Напишите пару предложений или нажмите «Пропустить».
profile-bio-phone = В тексте есть номер телефона. Ради вашей безопасности уберите его, пожалуйста.
profile-bio-email = В тексте есть адрес почты. Ради вашей безопасности уберите его, пожалуйста.
profile-bio-username = В тексте есть @username. По нему вас легко найти — уберите его, пожалуйста.
profile-bio-link = В тексте есть ссылка или адрес сайта. Уберите его, пожалуйста.
profile-bio-abusive = В тексте есть оскорбление, угроза или грубые слова о людях, а его прочитают другие. Перепишите, пожалуйста, без этого — или нажмите «Пропустить».

## Purpose
profile-ask-purpose = Что вы сейчас ищете?
profile-purpose-support = Поддержку — чтобы выслушали
profile-purpose-advice = Совет — опыт того, кто через это прошёл
profile-purpose-friendship = Общение и дружбу
profile-card-purpose-support = поддержка
profile-card-purpose-advice = совет
profile-card-purpose-friendship = общение и дружба

## Availability
profile-ask-availability = Когда вам обычно удобно общаться? Отметьте одно или несколько времён суток (по вашему местному времени) и нажмите «Сохранить».
profile-window-morning = Утро 6–12
profile-window-day = День 12–18
profile-window-evening = Вечер 18–24
profile-window-night = Ночь 0–6
profile-window-morning-lower = утром
profile-window-day-lower = днём
profile-window-evening-lower = вечером
profile-window-night-lower = ночью
profile-any-time = В любое время
profile-any-time-lower = в любое время
profile-availability-done = Сохранить
profile-availability-empty = Отметьте хотя бы одно время суток или нажмите «В любое время».

## The profile card
profile-onboarding-done = Готово, профиль заполнен! Спасибо, что рассказали о себе.
profile-next-steps = Когда будете готовы, нажмите /find — я найду человека с похожим опытом. Если вам сейчас очень тяжело — /sos.
profile-saved = Сохранено.
profile-card =
    Ваш профиль

    Псевдоним: { $pseudonym }
    Возраст: { $age }
    Часовой пояс: { $timezone }
    Ищу: { $purpose }
    Удобное время: { $availability }

    Темы (⭐ — самые важные):
    { $topics }

    О себе: { $bio }
profile-card-not-set = не указано
profile-card-no-bio = —
profile-edit-pseudonym = Псевдоним
profile-edit-timezone = Часовой пояс
profile-edit-topics = Темы
profile-edit-bio = О себе
profile-edit-purpose = Цель
profile-edit-availability = Время
profile-cancel-edit = Отмена

## Erasure
profile-delete-confirm =
    Удалить все ваши данные? Профиль, темы, история подбора — всё будет стёрто безвозвратно, а текущий разговор, если он есть, завершится.

    Чтобы вернуться, нужно будет заново пройти /start.
profile-delete-yes = Да, удалить всё
profile-delete-no = Нет, оставить
profile-deleted = Все ваши данные удалены. Спасибо, что были с нами. Если захотите вернуться — просто нажмите /start. Берегите себя.
profile-delete-kept = Хорошо, ничего не удаляем.
profile-delete-expired = Это подтверждение устарело, поэтому ничего не удалено. Если всё ещё хотите удалить данные — отправьте /delete ещё раз.
