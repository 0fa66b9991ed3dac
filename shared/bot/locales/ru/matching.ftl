## Matching: search, proposals, consent

matching-find-button = Найти собеседника
matching-cancel-button = Перестать искать
matching-accept-button = Принять
matching-skip-button = Пропустить

matching-profile-incomplete = Сначала давайте закончим анкету — без неё я не смогу подобрать собеседника. Продолжить можно командой /start.
matching-already-in-chat = Вы уже в чате с собеседником. Завершить его — /stop, перейти к следующему — /next.
matching-proposal-pending = У вас уже есть предложение собеседника — ответьте на него кнопками «Принять» или «Пропустить» под карточкой.
matching-already-searching = Я уже ищу для вас собеседника — поиск идёт { $minutes ->
        [0] меньше минуты
        [one] { $minutes } минуту
        [few] { $minutes } минуты
       *[other] { $minutes } минут
    }. Как только найду — сразу сообщу. /cancel — перестать искать.
matching-queued = Ищу собеседника с похожим опытом. Сообщу, как только найду; /cancel — чтобы перестать искать.
matching-proposed = Кажется, нашёлся подходящий собеседник — карточка ниже.
matching-cancelled = Хорошо, я больше не ищу. Когда захотите снова — /find.
matching-not-searching = Сейчас я и так никого не ищу. Начать поиск — /find.

matching-proposal-title = Нашёлся собеседник: { $pseudonym }
matching-proposal-topics = Общее у вас: { $topics }
matching-proposal-bio = О себе: { $bio }
matching-proposal-time-same = Вы живёте в одном часовом поясе.
matching-proposal-time-ahead = У собеседника на { $hours } ч. позже, чем у вас.
matching-proposal-time-behind = У собеседника на { $hours } ч. раньше, чем у вас.
matching-proposal-footer = Собеседник не узнает ваше имя, аккаунт или номер — только псевдоним. Чат начнётся, если вы оба нажмёте «Принять». На ответ — { $minutes } мин.

matching-outcome-waiting = Вы согласились. Ждём ответа собеседника — я напишу, как только он ответит.
matching-outcome-started = Вы оба согласились — чат начинается!
matching-outcome-declined = Вы пропустили это предложение. Собеседнику я скажу только, что разговор сейчас не сложился. Найти другого — /find.
matching-outcome-expired = Время на ответ истекло. Попробовать снова — /find.

matching-callback-stale = Это предложение уже неактуально.
matching-callback-already-answered = Вы уже ответили на это предложение.
matching-callback-invalid = Эта кнопка устарела. Начать поиск — /find.

matching-proposal-declined = Собеседник сейчас не смог начать разговор. Ничего страшного — я продолжаю искать, и вы в очереди первым.
matching-proposal-expired-requeued = Собеседник не успел ответить. Я продолжаю искать, и вы в очереди первым.
matching-proposal-expired = Время на ответ истекло, поэтому я остановил поиск. Когда будете готовы — /find.
matching-search-expired = За сутки я не нашёл подходящего собеседника и остановил поиск. Попробуйте ещё раз — иногда люди появляются в другое время.
