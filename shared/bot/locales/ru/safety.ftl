## Safety: rules, help, crisis lines, the command menu

safety-command-start = Начать и заполнить профиль
safety-command-find = Найти собеседника
safety-command-cancel = Отменить поиск
safety-command-next = Завершить разговор и искать другого
safety-command-stop = Завершить разговор
safety-command-profile = Мой профиль
safety-command-help = Команды и правила
safety-command-sos = Если вам сейчас очень тяжело
safety-command-delete = Удалить все мои данные
safety-command-diary = Дневник настроения
safety-command-mood = Моё настроение за месяц
safety-command-tips = Чаевые: баланс и благодарность собеседникам
safety-command-refund = Вернуть чаевые
safety-command-paysupport = Помощь с платежами
safety-command-terms = Условия чаевых

safety-what-we-are =
    «Ты не один» — это разговоры один на один с людьми, у которых похожий опыт или интересы. Анонимно и только по взаимному согласию.

    Здесь вас выслушают и поддержат такие же люди, как вы. Это не психотерапия и не медицинская помощь, а собеседники — не специалисты. И это не служба экстренной помощи: если вам или кому-то рядом угрожает опасность, звоните 112. Телефоны доверия — по команде /sos.

safety-rules =
    Правила простые:
    • Уважайте собеседника. Без оскорблений, давления и травли.
    • Не раскрывайте личные данные — ни свои, ни чужие: телефоны, адреса, ссылки, настоящие имена и фамилии.
    • Никакой рекламы, продаж, сбора денег и интимных предложений.
    • Можно в любой момент завершить разговор без объяснений.
    • Если с собеседником что-то не так — пожалуйтесь, мы разберёмся.
    • Пользоваться сервисом можно с 16 лет. 16–17-летние общаются только друг с другом.

safety-help =
    Что я умею:
    /start — начать и заполнить профиль
    /find — найти собеседника
    /cancel — отменить поиск
    /next — завершить разговор и искать другого
    /stop — завершить разговор
    /profile — посмотреть и изменить профиль
    /diary — дневник настроения (записи видите только вы), /mood — настроение за месяц
    /similar — люди, которые пишут о похожем (если вы разрешили дневнику помогать в поиске)
    /events — онлайн-встречи: несколько коротких разговоров по кругу, /newevent — предложить свою
    /sos — телефоны доверия, если вам сейчас очень тяжело
    /tips — чаевые: поблагодарить собеседника, ваш баланс
    /refund — вернуть чаевые
    /coach — подсказки ИИ-помощника в чате (где он доступен)
    /paysupport, /terms — помощь с платежами и условия
    /delete — удалить все мои данные
    /help — эта подсказка

    { safety-rules }

safety-sos-intro = Если вам сейчас очень тяжело — вы не обязаны справляться с этим в одиночку. Вот где помогут прямо сейчас, бесплатно и анонимно:
safety-sos-line = • { $name }: { $number }
safety-sos-line-mobile = • { $name }: { $number } (с мобильного: { $mobile })
safety-sos-country-heading = { $country }:
safety-sos-unknown-country = Я не знаю, в какой вы стране, поэтому вот телефоны для нескольких стран:
safety-sos-no-local-lines = Для вашей страны у меня пока нет проверенных номеров телефонов доверия.
safety-sos-emergency = Если есть опасность для жизни — вашей или чужой — звоните { $number }: это бесплатно, с любого телефона, даже без денег на счёте.
safety-sos-outro = Позвонить и попросить помощи — это нормально и это смело. Здесь вы тоже можете поговорить с человеком, который вас поймёт, но собеседники в боте — не специалисты.

safety-country-RU = Россия
safety-country-KZ = Казахстан
safety-country-BY = Беларусь
safety-country-UA = Украина
safety-country-UZ = Узбекистан
safety-country-KG = Кыргызстан
safety-country-AM = Армения
safety-country-GE = Грузия
safety-country-AZ = Азербайджан
safety-country-MD = Молдова
safety-country-TJ = Таджикистан

## Rate limits: told once per burst, the rest of the burst is dropped

ratelimit-relay =
    Слишком много сообщений подряд — последние я не передал собеседнику. Подождите { $seconds ->
        [one] { $seconds } секунду
        [few] { $seconds } секунды
       *[other] { $seconds } секунд
    } и продолжайте.
ratelimit-find =
    Слишком часто ищете собеседника. Попробуйте снова через { $seconds ->
        [one] { $seconds } секунду
        [few] { $seconds } секунды
       *[other] { $seconds } секунд
    }.
ratelimit-report =
    Жалоб слишком много за короткое время. Мы уже получили ваши жалобы; новую можно отправить через { $seconds ->
        [one] { $seconds } секунду
        [few] { $seconds } секунды
       *[other] { $seconds } секунд
    }.
ratelimit-onboarding =
    Слишком много ответов подряд. Подождите { $seconds ->
        [one] { $seconds } секунду
        [few] { $seconds } секунды
       *[other] { $seconds } секунд
    } и ответьте ещё раз.

## Crisis: help offered privately, once per chat; the message itself is relayed as usual

safety-crisis-sender-relay = Ваше сообщение передано собеседнику. А это — только для вас: похоже, вам сейчас очень тяжело, и вы не обязаны справляться с этим в одиночку.
safety-crisis-sender = Спасибо, что написали об этом. Это сообщение видите только вы: похоже, вам сейчас очень тяжело, и вы не обязаны справляться с этим в одиночку.
safety-crisis-partner-note =
    Похоже, собеседнику сейчас очень тяжело. Самое ценное — быть рядом: выслушать, не спорить, не торопить с советами, спросить, как он сейчас.
    Если речь о том, чтобы причинить себе вред, мягко предложите позвонить на телефон доверия (список — по команде /sos) или в 112: это бесплатно и анонимно.
    Если вам самим стало тяжело, разговор можно завершить командой /stop — это нормально.

## Sanctions: told once when imposed; a search while restricted is refused with the time left

sanction-warning =
    ⚠️ Предупреждение: несколько ваших сообщений были грубыми, и я их не передал. Пожалуйста, уважайте собеседника.
    Если это повторится, доступ к чатам и поиску будет закрыт на время. Правила — /help.
sanction-mute =
    Из-за повторяющихся грубых сообщений чат завершён, а доступ к чатам и поиску закрыт на { $duration }.
    Собеседнику я не называл причину. После этого можно будет снова искать собеседника — /find.
sanction-temp-ban =
    Доступ к чатам и поиску закрыт на { $duration } из-за нарушения правил общения.
    Ваш профиль остаётся; удалить все свои данные можно командой /delete. Если вам сейчас тяжело — /sos.
sanction-ban =
    Доступ к чатам и поиску закрыт из-за серьёзного нарушения правил.
    Удалить все свои данные можно командой /delete. Если вам сейчас тяжело — /sos.
sanction-lifted = Ограничение снято: вы снова можете искать собеседников — /find.
sanction-find-refused-timed = Сейчас поиск и чаты для вас закрыты. Они снова станут доступны через { $duration }.
sanction-find-refused-ban = Поиск и чаты для вас закрыты. Удалить свои данные можно командой /delete.

sanction-minutes = { $n ->
    [one] { $n } минуту
    [few] { $n } минуты
   *[other] { $n } минут
}
sanction-hours = { $n ->
    [one] { $n } час
    [few] { $n } часа
   *[other] { $n } часов
}
sanction-days = { $n ->
    [one] { $n } день
    [few] { $n } дня
   *[other] { $n } дней
}

## The moderators' group: cards with pseudonyms, reasons and counts only

moderation-report-card =
    🚩 Жалоба №{ $id } · приоритет: { $priority ->
        [high] 🔴 высокий
        [medium] 🟠 средний
       *[other] обычный
    }
    На кого: { $pseudonym }
    Причина: { $reason ->
        [spam] спам или реклама
        [abuse] оскорбления или угрозы
        [inappropriate] неприемлемое поведение
        [minor] возможно, несовершеннолетний
       *[other] другое
    }
    Открытых жалоб на этого человека: { $open }, разных авторов за сутки: { $reporters }
    Санкций раньше: { $sanctions }{ $restricted ->
        [yes] , ограничение действует сейчас
       *[no] {""}
    }
moderation-flag-card =
    🆘 Возможный кризис · { $severity ->
        [high] высокая срочность
       *[other] средняя срочность
    }
    Кто: { $pseudonym }
    Что: { $label ->
        [suicide] мысли о самоубийстве
        [self_harm] самоповреждение
       *[abuse] насилие
    }, источник: { $source ->
        [relay] сообщение в чате
        [bio] рассказ о себе
       *[other] ответ при регистрации
    }
    Отметок за 30 дней: { $flags }
    Человеку уже показаны телефоны доверия. Текст сообщения не хранится.
moderation-button-dismiss = Отклонить
moderation-button-warning = Предупредить
moderation-button-mute = Мьют
moderation-button-temp-ban = Бан на 7 дней
moderation-button-ban = Бан навсегда
moderation-button-seen = Принято
moderation-decided = Решение: { $decision ->
        [dismissed] жалоба отклонена
        [warning] предупреждение
        [mute] мьют
        [temp_ban] временный бан
        [ban] бан навсегда
        [approved] встреча одобрена
        [rejected] встреча отклонена
       *[seen] принято к сведению
    } — { $who }
moderation-already-decided = По этой карточке уже есть решение.
moderation-not-a-member = Эти кнопки — только для участников группы модераторов.
moderation-stale = Карточка устарела или повреждена.
moderation-event-card =
    🗓 Новая встреча на проверку
    «{ $title }»
    { $description }
    Начало: { $starts }
    Автор: { $pseudonym } (встреч предложено всего: { $events })
moderation-button-approve-event = ✅ Одобрить
moderation-button-reject-event = Отклонить
