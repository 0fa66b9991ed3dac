## Events: online meetings in rounds (/events)

safety-command-events = Встречи: знакомства по кругу

events-intro = 🗓 Ближайшие встречи. Каждая — несколько коротких анонимных разговоров по кругу в этом чате: пять минут с одним человеком, минута перерыва, следующий. В конце можно отметить, с кем хочется продолжить: откроется разговор, только если это взаимно.
events-none = Пока нет встреч, на которые можно записаться. Загляните позже: /events.
event-profile-incomplete = Чтобы записываться на встречи, сначала заполните профиль: /start.
event-time = { $day } { $month }, { $time }
event-card-title = 🗓 { $title }
event-card-when = Когда: { $when } (по вашему времени)
event-card-format = Формат: { $rounds } { $rounds ->
        [one] раунд
        [few] раунда
       *[many] раундов
    } по { $minutes } мин, перерыв { $pause } мин
event-card-format-everyone = Формат: раунды по { $minutes } мин, пока все не познакомятся; перерыв { $pause } мин
event-card-topics = Темы: { $topics }
event-card-places = Записалось: { $registered } из { $capacity }
event-status-registered = ✅ Вы записаны.
event-status-waiting = ⏳ Вы в листе ожидания: если место освободится, я напишу.
event-status-confirmed = ✅ Вы подтвердили участие.
event-status-released = Ваша запись снята.
event-status-cancelled = Вы отменили запись.
event-register-button = Записаться
event-cancel-button = Отменить запись
event-confirm-button = ✅ Подтверждаю
event-button-stale = Эта кнопка уже неактуальна. Список встреч: /events.
event-answer-registered = Вы записаны! За сутки до начала попрошу подтвердить участие.
event-answer-waiting = Мест нет — вы в листе ожидания. Если место освободится, я напишу.
event-answer-already = Вы уже записаны.
event-answer-cancelled = Запись отменена.
event-answer-not_registered = Вы не записаны на эту встречу.
event-answer-confirmed = Спасибо, участие подтверждено!
event-answer-too_early = Подтвердить участие можно будет за сутки до начала — я напомню.
event-answer-closed = Запись на эту встречу уже закрыта.
event-answer-not_found = Этой встречи больше нет в списке.
event-answer-not_for_you = Эта встреча для другой возрастной группы.
event-answer-profile_incomplete = Сначала заполните профиль: /start.

# Outbox messages
event-confirm-ask = { $card }

    Встреча уже скоро. Подтвердите, пожалуйста, участие до { $deadline } — иначе место перейдёт тому, кто ждёт.
event-promoted = { $card }

    Освободилось место — теперь вы в списке участников!
event-promoted-confirm = Подтвердите, пожалуйста, участие кнопкой ниже.
event-released-not_confirmed = Запись на встречу «{ $title }» снята: участие не подтвердили вовремя. Другие встречи: /events.
event-released-full = К сожалению, место на встрече «{ $title }» так и не освободилось. Другие встречи: /events.
event-released-too_few = Встреча «{ $title }» не состоится: подтвердили участие слишком мало людей. Простите! Другие встречи: /events.
event-schedule = { $card }

    Ваше расписание (время ваше):
    { $rounds }

    За 5 минут до начала пришлю правила. Собеседники анонимны, как в обычном чате.
event-schedule-round = Раунд { $round } — { $time }
event-schedule-sit-out = Раунд { $round } — { $time }: отдых (так бывает, когда пар хватает не на всех; я предупрежу заранее)

# The rounds
event-reminder = { $card }

    Через 5 минут начинаем! Как это будет:
    • В каждом раунде я соединю вас с одним человеком прямо в этом чате — анонимно, как в обычном разговоре. На раунд { $minutes } мин, потом минута перерыва.
    • Если в каком-то раунде вам выпадет отдых — я предупрежу.
    • Будьте бережны: без личных контактов и давления. «Пожаловаться» и «Заблокировать» работают как всегда.
    • /stop завершает текущий раунд; следующий начнётся по расписанию.
event-round = 🔔 Раунд { $round } из { $rounds }: ваш собеседник — { $partner }. Пишите прямо сюда, сообщения анонимны. Раунд идёт до { $until }.
event-bye-sit_out = ☕ Раунд { $round } из { $rounds }: в этом раунде вы отдыхаете.
event-bye-partner_busy = Раунд { $round } из { $rounds }: собеседник не смог подключиться, этот раунд пропускаем. Простите!
event-next-at = Следующий раунд — в { $time }.
event-last-round = Это был последний раунд.
event-round-ended = Раунд { $round } закончился. Минутка перерыва: можно записать, что запомнилось.
event-partner-silent = Собеседник пока молчит — возможно, задерживается. Можно написать первым; раунд идёт как обычно.
event-finished = Встреча «{ $title }» закончилась. Спасибо, что были! Другие встречи: /events.
event-next-refused = Во время встречи /next не работает: раунд закончится сам, и я соединю вас со следующим собеседником по расписанию. Выйти из раунда раньше — /stop.
event-finished-choose = С кем хотелось бы продолжить? Отметьте — я скажу, только если это взаимно, и тогда предложу вам обоим обычный разговор. Отметить можно в течение суток.
event-choose-button = 💬 { $pseudonym }
event-choice-chosen = Отмечено. Если это взаимно, сразу предложу вам разговор.
event-choice-mutual = Взаимно! Отправил вам обоим приглашение в разговор.
event-choice-mutual_busy = Взаимно! Но кто-то из вас сейчас в другом разговоре — нажмите ещё раз чуть позже.
event-choice-already = Приглашение уже отправлено.
event-choice-closed = Выбор после этой встречи уже закрыт.
event-choice-not_found = Не нашёл этого собеседника среди ваших раундов.
event-reason-topic = ✨ По теме: { $topic }
event-reason-people = ✨ Сюда записались люди, с которыми вы уже бывали на встречах
event-reason-new = ✨ Что-то новое для вас
event-suggested = Возможно, вам особенно захочется поговорить с: { $people } — у вас много общего.
