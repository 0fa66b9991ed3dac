## API: the Mini App's error texts (`{ error: { code, message } }`, shown as they are)

api-error-bad-request = Не удалось разобрать запрос. Обновите страницу и попробуйте ещё раз.
api-error-invalid-json = Запрос пришёл повреждённым. Обновите страницу и попробуйте ещё раз.
api-error-invalid-input = Проверьте, пожалуйста, введённые данные: { $reason }
api-error-unsupported-media-type = Не удалось прочитать запрос. Обновите страницу и попробуйте ещё раз.
api-error-unauthorized = Не получилось подтвердить, что это вы. Закройте приложение и откройте его заново из Telegram.
api-error-not-registered = Мы ещё не знакомы. Откройте бота и нажмите /start — анкета займёт пару минут, потом возвращайтесь сюда.
api-error-not-found = Такого здесь нет — возможно, оно уже удалено.
api-error-rate-limited = Слишком много запросов подряд. Подождите { $seconds } с и попробуйте снова.
api-error-internal = Что-то пошло не так на нашей стороне. Мы уже разбираемся — попробуйте, пожалуйста, чуть позже.
api-error-profile-incomplete = Сначала давайте закончим анкету — без неё это не получится. Продолжить можно в боте командой /start.
api-error-restricted = Сейчас это недоступно из-за ограничения в сервисе.{ $until ->
        [none] {""}
       *[other] { " " }Оно действует до { $until } (UTC).
    }
api-error-already-in-chat = Вы уже в чате с собеседником. Вернитесь в бота, чтобы продолжить разговор или завершить его.
api-error-proposal-pending = У вас уже есть предложение собеседника — сначала ответьте на него.
api-error-not-searching = Поиск уже не идёт.
api-error-expired = Время на ответ вышло — предложение больше не действует.
api-error-already-answered = Вы уже ответили на это предложение.
api-error-no-chat = Подсказки доступны только во время разговора с собеседником.
api-error-not-in-rollout = Подсказки пока доступны не всем. Мы скоро включим их и для вас.
api-error-not-opted-in = Чтобы получать подсказки, включите их в боте командой /coach.
api-error-crisis = Похоже, сейчас вам очень тяжело. Вместо подсказок — контакты тех, кто может помочь прямо сейчас: они на экране «Помощь».
api-error-no-entries = В дневнике пока нет записей — график появится после первой.
api-error-invalid-body = Текст записи пустой или слишком длинный.
api-error-invalid-time = Время напоминания — с 08:00 до 22:00.
api-error-invalid-period = Период — день, неделя или месяц.
api-error-already = Вы уже сделали это для этой встречи.
api-error-event-not-registered = Вы не записаны на эту встречу.
api-error-too-early = Подтвердить участие можно ближе к началу встречи.
api-error-closed = Запись на эту встречу закрыта.
api-error-not-for-you = Эта встреча для другой возрастной группы.
api-error-invalid = Проверьте, пожалуйста, данные встречи.
api-error-past = Это время уже прошло. Выберите время позже.
api-error-too-soon = Слишком скоро: модератору нужно время на проверку, а участникам — чтобы записаться. Выберите время позже.
api-error-too-far = Слишком далеко: выберите время поближе.
api-error-too-many-pending = Слишком много незавершённого сразу — дождитесь ответа на предыдущее.
api-error-title-refused = Название встречи не подходит.
api-error-description-refused = Описание встречи не подходит.
api-error-diary-matching-off = Подбор по дневнику выключен. Включите его в настройках дневника.
api-error-no-portrait = Пока мало записей в дневнике, чтобы найти близких по опыту людей.
api-error-stale = Эта рекомендация устарела. Обновите список.
api-error-already-taken = Вы уже воспользовались этой рекомендацией.
api-error-unavailable = Этот человек сейчас недоступен для разговора.
api-error-topics-full = У вас уже максимум тем. Уберите какую-нибудь в профиле, чтобы добавить новую.
api-error-already-chosen = Эта тема уже есть в вашем профиле.
api-error-chat-active = Чаевые можно отправить после того, как разговор завершится.
api-error-not-available = Этому собеседнику сейчас нельзя отправить чаевые.
api-error-recipient-gone = Собеседник удалил профиль, поэтому чаевые ему отправить нельзя.
api-error-invalid-amount = Сумма — от { $min } до { $max } ⭐.
api-error-tips-unavailable = Чаевые сейчас недоступны. Попробуйте позже.
api-error-bio-refused = Текст о себе не подходит.
api-error-topics-refused = Выберите от { $min } до { $max } тем и от 1 до { $important } самых важных среди них.
api-error-timezone-refused = Не понял часовой пояс. Выберите город из списка или укажите смещение, например «+3» или «UTC+5:30».
api-error-availability-refused = Отметьте хотя бы одно время суток, когда вам удобно общаться.
api-error-confirmation-required = Удаление не подтверждено, поэтому ничего не удалено. Подтвердите, что хотите стереть все свои данные.

api-field-reason-required = не заполнено обязательное поле.
api-field-reason-type = значение не того вида.
api-field-reason-too-long = текст или список слишком длинный.
api-field-reason-too-short = текст пустой или слишком короткий.
api-field-reason-range = число вне допустимых границ.
api-field-reason-format = значение в неверном формате.
api-field-reason-choice = такого варианта нет.
api-field-reason-unknown = в запросе лишнее поле.
api-field-reason-other = значение не подходит.
