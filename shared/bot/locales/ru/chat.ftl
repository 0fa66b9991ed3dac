## Chat: the anonymous relay between two matched users

chat-stop-button = Завершить
chat-report-button = Пожаловаться
chat-block-button = Заблокировать
chat-confirm-stop-button = Да, завершить
chat-continue-button = Продолжить чат
chat-confirm-block-button = Да, заблокировать
chat-cancel-button = Отмена

chat-started =
    Чат с собеседником «{ $pseudonym }» начался.
    Всё, что вы напишете здесь, я анонимно передам собеседнику: он не увидит ваше имя, аккаунт или номер телефона. Пересылка и сохранение сообщений отключены.
    Пожалуйста, не делитесь контактами и адресом. Завершить — /stop, следующий собеседник — /next.

chat-confirm-stop = Завершить чат? Собеседник получит уведомление, что разговор окончен.
chat-stop-kept = Хорошо, продолжаем разговор.
chat-not-in-chat = Сейчас вы не в чате. Найти собеседника — /find.
chat-ended-by-you = Чат завершён. Спасибо за разговор!
chat-next-searching = Чат завершён. Ищу следующего собеседника…

chat-ended-stop = Собеседник завершил чат. Спасибо за разговор!
chat-ended-next = Собеседник решил перейти к следующему разговору. Спасибо за беседу!
chat-ended-by-partner = Чат завершён.
chat-ended-partner-gone = Собеседник больше недоступен, поэтому чат завершён. Найти нового — /find.
# A reply to the first of the sender's messages that did not arrive.
chat-partner-unreachable =
    Собеседник больше недоступен: { $count ->
        [1] это сообщение не доставлено
       *[other] это и следующие сообщения не доставлены
    }. Чат завершён. Найти нового — /find.

chat-rate-request = Как вам этот разговор? Оцените от 1 до 5 — это поможет подбирать собеседников лучше.
chat-rate-saved = Спасибо за оценку: { $score } из 5.
chat-rate-already = Вы уже оценили этот разговор.

chat-report-pick-reason = Что случилось? Выберите причину — собеседник не узнает о жалобе.
chat-report-reason-spam = Спам или реклама
chat-report-reason-abuse = Оскорбления или угрозы
chat-report-reason-inappropriate = Неуместный контент
chat-report-reason-minor = Похоже, собеседник — ребёнок
chat-report-reason-other = Другое
chat-reported = Спасибо, жалоба отправлена. Чат завершён, и вы больше не встретитесь с этим собеседником.
chat-confirm-block = Заблокировать собеседника? Чат завершится, и вы больше не встретитесь.
chat-blocked = Собеседник заблокирован. Вы больше не встретитесь.
chat-action-cancelled = Отменено.
chat-callback-stale = Эта кнопка уже неактуальна.

chat-refused-contact = Контакты я не пересылаю: собеседники остаются анонимными друг для друга.
chat-refused-location = Геолокацию я не пересылаю — так собеседник мог бы узнать, где вы.
chat-refused-poll = Опросы в анонимном чате не поддерживаются.
chat-refused-dice = Игральные кубики и подобные игры здесь не поддерживаются.
chat-refused-forward = Пересланные сообщения я не передаю: они могут раскрыть чужие имена и аккаунты. Напишите своими словами или пришлите снимок экрана.
chat-refused-document = Файлы я не пересылаю — в них легко случайно оставить личные данные. Фото, голосовые, видео и стикеры — можно.
chat-refused-other = Такой тип сообщений я пока не умею передавать. Текст, фото, голосовые, видео и стикеры — можно.
chat-too-long = Сообщение слишком длинное — разбейте его, пожалуйста, на части.
chat-masked = Я скрыл в сообщении { $kinds }, чтобы вы оба оставались анонимными. Собеседник получил сообщение без этих данных.
chat-masked-edit = В исправленном сообщении я скрыл { $kinds }.
# A reply to a relayed message that did not reach the partner.
chat-undelivered-refused = Это сообщение я не смог передать собеседнику. Попробуйте сказать это иначе — например, текстом.
chat-undelivered-deleted = Это сообщение собеседнику не передано: его удалили раньше, чем я успел его отправить.
chat-undelivered-voice_forbidden = Это сообщение не доставлено: собеседник не принимает голосовые и видеосообщения. Напишите, пожалуйста, текстом.
chat-undelivered-temporary = Это сообщение не удалось доставить собеседнику: Telegram долго его не принимал. Если оно ещё важно, отправьте его, пожалуйста, ещё раз.
# Put in place of a phone, e-mail, @username or link in a relayed message.
chat-pii-mask = [скрыто]
chat-pii-kinds-fallback = личные данные
chat-pii-kind-phone = номер телефона
chat-pii-kind-email = адрес почты
chat-pii-kind-username = имя пользователя в Telegram
chat-pii-kind-link = ссылку
chat-pii-kind-full_name = имя и фамилию
chat-pii-kind-mention = упоминание аккаунта

## Abuse is not passed on

chat-toxic-refused =
    Это сообщение я не передал: { $kind ->
        [threat] в нём угроза.
        [sexual] в нём непристойное предложение.
        [hate] в нём оскорбление людей по национальности или ориентации.
       *[insult] в нём оскорбление.
    } Пожалуйста, общайтесь уважительно — здесь все приходят за поддержкой.
chat-toxic-refused-edit =
    Эту правку я не передал: { $kind ->
        [threat] в ней угроза.
        [sexual] в ней непристойное предложение.
        [hate] в ней оскорбление людей по национальности или ориентации.
       *[insult] в ней оскорбление.
    } У собеседника осталась прежняя версия.
