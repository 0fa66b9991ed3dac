## Calls: the video room in the Mini App (errors of the /calls API and the bot's notices)

calls-error-unauthorized = Не удалось подтвердить, что это вы. Откройте приложение заново из Telegram.
calls-error-not-registered = Сначала познакомьтесь с ботом: откройте чат с ним и нажмите /start.
calls-error-rate-limited = Слишком много запросов подряд. Подождите { $seconds } с и попробуйте снова.
calls-error-video-not-configured = Видеозвонки пока не настроены на этом сервере. Можно поговорить в текстовом чате — «Найти собеседника».
calls-error-invalid-input = Запрос не похож на правильный. Обновите приложение и попробуйте ещё раз.
calls-error-non-relay-candidate = Соединение можно установить только через защищённый сервер-посредник, чтобы собеседник не узнал ваш адрес. Этот вариант соединения отклонён.
calls-error-invalid-signal = Не удалось разобрать данные соединения. Попробуйте начать созвон заново.
calls-error-not-found = Такого созвона нет. Возможно, он уже закончился.
calls-error-forbidden = Это чужой созвон: подключиться к нему нельзя.
calls-error-not-open = Этот созвон уже не идёт.
calls-error-too-many = В этом созвоне слишком много служебных сообщений. Завершите его и начните новый.
calls-error-profile-incomplete = Сначала заполните анкету в боте: без неё не получится подобрать собеседника.
calls-error-restricted = { $until ->
    [none] Созвоны для вас закрыты решением модераторов.
   *[other] Созвоны для вас закрыты до { $until } (UTC).
}
calls-error-text-only = Вы выбрали «только текст». Чтобы созваниваться, включите видео в настройках созвона.
calls-error-already-in-chat = Вы сейчас в текстовом чате. Завершите его, чтобы начать созвон.
calls-error-already-in-call = Вы уже в созвоне.
calls-error-proposal-pending = Вам уже предложен собеседник — ответьте на карточку.
calls-error-not-searching = Поиск созвона уже остановлен.
calls-error-already-ended = Этот созвон уже завершён.
calls-error-expired = Время ответить на предложение истекло.
calls-error-already-answered = Вы уже ответили на это предложение.
calls-error-invalid-reason = Выберите причину из списка.
calls-error-invalid-preference = Выберите «видео» или «только текст».

# The bot's notices about a call (the Mini App shows the room itself).
calls-proposal-note = 📹 Это видеозвонок в приложении. Камера включится, только когда вы сами её включите.
calls-started =
    Созвон с собеседником «{ $pseudonym }» начинается — откройте приложение, комната ждёт вас.
    Видео и звук идут через защищённый сервер-посредник: собеседник не узнает ни ваш аккаунт, ни адрес. Камера выключена, пока вы её не включите.
calls-ended-stop = Собеседник завершил созвон. Спасибо за разговор!
calls-ended-next = Собеседник перешёл к следующему созвону. Спасибо за разговор! Искать снова — «Начать созвон» в приложении.
calls-ended-by-partner = Созвон завершён.
calls-ended-partner-gone = Собеседник пропал со связи, поэтому созвон завершён. Искать снова — «Начать созвон» в приложении.
calls-moderation-note = 📹 Жалоба из видеозвонка.
