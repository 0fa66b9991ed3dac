## Mini App: the bot's /app command and every text of the web app (shared/miniapp/web)

app-command-open = Всё, что умеет бот, — ещё и на удобных экранах: поиск собеседника, профиль, дневник, встречи и чаевые.
app-command-button = Открыть приложение
app-command-menu-button = Приложение
app-command-no-url =
    Приложение ещё не опубликовано: у бота не задан его адрес (MINI_APP_URL).
    Локально оно открывается так: запустите «deno task dev», откройте туннель с https-адресом к порту 8000 и задайте MINI_APP_URL=https://<адрес>/functions/v1/app/ — тогда здесь появится кнопка.

app-loading = Загружаем…
app-retry = Повторить
app-error-generic = Не получилось. Попробуйте ещё раз.
app-error-network = Нет связи с сервером. Проверьте интернет и попробуйте ещё раз.
app-error-server = На нашей стороне что-то пошло не так. Попробуйте чуть позже.
app-error-rate-limited = Слишком много действий подряд. Подождите немного.
app-error-wait = Можно повторить через { $seconds } с.
app-error-unauthorized = Сессия приложения устарела.
app-error-not-registered = Сначала зарегистрируйтесь в боте.
app-error-code-restricted = Сейчас это недоступно: на аккаунт действует ограничение.
app-error-code-profile-incomplete = Сначала заполните профиль в боте — это пара минут.
app-error-code-already-in-chat = У вас уже идёт разговор.
app-error-code-proposal-pending = Сначала ответьте на предложение собеседника.
app-error-code-not-searching = Поиск уже остановлен.
app-error-code-expired = Время на ответ вышло.
app-error-code-already-answered = Вы уже ответили.
app-error-code-not-found = Не нашли — возможно, это уже удалено.

app-reopen-title = Откройте заново из Telegram
app-reopen-text = Сессия приложения устарела или не подтвердилась. Закройте его и откройте снова кнопкой в чате с ботом — данные не пропадут.
app-reopen-close = Закрыть
app-outside-title = Это приложение открывается в Telegram
app-outside-text = Оно работает внутри Telegram: так мы узнаём вас без паролей и никому не показываем, кто вы.
app-outside-step-1 = Откройте Telegram и найдите бота «Ты не один».
app-outside-step-2 = Нажмите кнопку «Приложение» рядом с полем ввода или отправьте боту /app.
app-outside-step-3 = Приложение откроется поверх чата.
app-outside-open = Открыть { $bot } в Telegram

app-home-title = Ты не один
app-home-state-label = Что сейчас
app-home-unregistered-title = Давайте познакомимся
app-home-unregistered-text = Чтобы искать собеседников, сначала заполните короткий профиль в чате с ботом: правила, возраст, псевдоним и темы.
app-home-open-bot = Открыть бота
app-home-idle-title = Поговорить с кем-то
app-home-idle-text = Подберём человека с похожим опытом. Общение анонимное и начнётся, только если вы оба согласитесь.
app-home-find = Найти собеседника
app-home-searching-title = Ищем собеседника
app-home-searching-elapsed = Ищем уже
app-home-searching-text = Как только найдём подходящего человека, покажем его карточку здесь и в чате с ботом.
app-home-cancel = Отменить
app-home-proposal-title = Есть собеседник
app-home-proposal-topics = Общие темы
app-home-proposal-expires = Ответить можно ещё { $time }
app-home-accept = Принять
app-home-skip = Пропустить
app-home-waiting-title = Ждём ответа собеседника
app-home-chat-title = У вас идёт разговор
app-home-chat-text = Переписка идёт в чате с ботом — анонимно, собеседник видит только ваш псевдоним.
app-home-open-chat = Открыть чат
app-home-muted-title = Поиск временно недоступен
app-home-banned-title = Аккаунт заблокирован
app-home-restricted-until = Ограничение действует до { $date }.
app-home-restricted-forever = Ограничение бессрочное.
app-home-restricted-help = Если вы считаете, что это ошибка, напишите в поддержку из раздела «Помощь». Телефоны доверия доступны всегда.

app-menu-label = Разделы
app-menu-profile = Профиль
app-menu-diary = Дневник
app-menu-people = Люди
app-menu-events = Встречи
app-menu-tips = Чаевые
app-menu-help = Помощь

app-help-title = Помощь
app-help-sos-title = Телефоны доверия
app-help-sos-mobile = С мобильного:
app-help-rules = Правила
app-help-paysupport = Поддержка по платежам
app-help-terms = Условия чаевых
app-help-data-title = Мои данные
app-help-data-text = Можно скачать всё, что мы о вас храним, или удалить это навсегда — так же, как командой /delete.
app-help-export = Скачать мои данные
app-help-export-ready = Сохранить файл
app-help-delete = Удалить мои данные
app-help-delete-confirm = Удалить профиль, дневник, историю и всё остальное? Идущий разговор завершится. Это нельзя отменить.
app-help-delete-yes = Да, удалить
app-help-delete-no = Не удалять
