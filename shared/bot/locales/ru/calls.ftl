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

## Calls: the Mini App's room screen (shared/miniapp/web/src/calls/)

app-menu-call = Видеозвонок
app-call-title = Видеозвонок
app-call-intro = Созвон с человеком, с которым у вас общий опыт. Подбор такой же, как для чата: по темам, возрасту и времени. Видео и звук идут через защищённый сервер-посредник — собеседник не узнает ни ваш аккаунт, ни адрес. Камера включится, только когда вы сами её включите.
app-call-start = Начать созвон
app-call-cancel = Отменить поиск
app-call-searching = Ищу собеседника для созвона…
app-call-text-only = Только текст — без созвонов
app-call-allow-video = Разрешить видеозвонки
app-call-text-only-on = Вы выбрали «только текст»: в созвоны вас не позовут.
app-call-not-configured = Видеозвонки пока не настроены на этом сервере. Можно поговорить в текстовом чате — «Найти собеседника» на главной.
app-call-busy-with-chat = Сейчас у вас текстовый чат или предложение чата. Завершите его в боте, чтобы начать созвон.
app-call-voice-only = Камера недоступна — созвон будет только голосом.
app-call-no-media = Нет доступа к микрофону, поэтому созвон невозможен. Разрешите доступ к микрофону в настройках Telegram или поговорите в текстовом чате — «Найти собеседника» на главной.
app-call-proposal = Нашёлся собеседник для созвона
app-call-topics = Общие темы
app-call-camera-starts-off = Камера будет выключена — включите её, когда будете готовы. Можно начать с голоса.
app-call-accept = Принять
app-call-skip = Пропустить
app-call-waiting-partner = Вы согласились. Ждём ответа собеседника…
app-call-answer-within = Ответить можно в течение { $time }
app-call-partner = Собеседник
app-call-phase-connecting = Соединяемся…
app-call-phase-live = На связи
app-call-phase-reconnecting = Связь прервалась, пробую восстановить…
app-call-remote-video = Видео собеседника
app-call-own-video = Ваше видео
app-call-mic-on = 🎙 Включить микрофон
app-call-mic-off = 🎙 Выключить микрофон
app-call-camera-on = 📷 Включить камеру
app-call-camera-off = 📷 Выключить камеру
app-call-next = Следующий
app-call-end = Завершить
app-call-report = Пожаловаться
app-call-sos = 🆘 Телефоны помощи
app-call-report-pick = Что случилось? Созвон завершится сразу, собеседник не узнает о жалобе.
app-call-report-abuse = Оскорбления или угрозы
app-call-report-inappropriate = Неуместное поведение
app-call-report-spam = Спам или реклама
app-call-report-minor = Похоже, собеседник — ребёнок
app-call-report-other = Другое
app-call-ended = Созвон завершён
app-call-ended-by-me = Созвон завершён. Спасибо за разговор!
app-call-ended-next = Собеседник перешёл к следующему созвону. Спасибо за разговор!
app-call-ended-end = Собеседник завершил созвон. Спасибо за разговор!
app-call-ended-report = Созвон завершён.
app-call-ended-blocked = Созвон завершён.
app-call-ended-sanction = Созвон завершён.
app-call-ended-timeout = Собеседник пропал со связи, поэтому созвон завершён.
app-call-ended-lost = Соединение потеряно, созвон завершён.
app-call-ended-declined = Собеседник пропустил предложение.
app-call-ended-expired = Время ответить на предложение истекло.
app-call-rate = Как прошёл разговор?
app-call-thanks = Спасибо за оценку!
app-call-tip = Оставить чаевые ⭐
app-call-tip-in-bot = Оставить чаевые собеседнику можно в боте: /tips.
