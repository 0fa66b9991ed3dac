## Payments: tips in Telegram Stars

payments-tip-button = Оставить чаевые ⭐
payments-offer =
    Поблагодарить собеседника «{ $pseudonym }» звёздами Telegram?
    Сервис удерживает { $percent } % — остальное получит собеседник. Выберите сумму:
payments-amount-button = { $amount } ⭐
payments-custom-button = Другая сумма
payments-custom-ask = Напишите сумму числом — от { $min } до { $max } ⭐.
payments-invalid-amount = Сумма должна быть целым числом от { $min } до { $max } ⭐. Попробуйте ещё раз: «Оставить чаевые ⭐».
payments-too-many-pending = У вас уже много неоплаченных счетов. Оплатите один из них или подождите, пока они истекут.
payments-not-available = Для этого разговора чаевые оставить нельзя: он ещё идёт, завершился жалобой или блокировкой, или прошло больше недели.
payments-recipient-gone = Собеседник удалил профиль, поэтому чаевые ему отправить нельзя.
payments-breakdown =
    Чаевые собеседнику «{ $pseudonym }»
    Сумма: { $amount } ⭐
    Комиссия сервиса ({ $percent } %): { $commission } ⭐
    Собеседник получит: { $share } ⭐
    Оплата проходит внутри Telegram; счёт действует сутки.
payments-invoice-title = Чаевые собеседнику
payments-invoice-description = Чаевые собеседнику «{ $pseudonym }»: { $amount } ⭐. Комиссия сервиса { $percent } % ({ $commission } ⭐), собеседник получит { $share } ⭐.
payments-invoice-label = Чаевые

# pre_checkout_query refusals (Telegram shows them in the payment window).
payments-checkout-unknown_tip = Этот счёт не найден. Откройте «Оставить чаевые ⭐» ещё раз.
payments-checkout-wrong_payer = Этот счёт выставлен другому человеку.
payments-checkout-already_paid = Этот счёт уже оплачен — повторно платить не нужно.
payments-checkout-expired = Срок действия счёта истёк. Откройте «Оставить чаевые ⭐» ещё раз.
payments-checkout-mismatch = Сумма платежа не совпадает со счётом. Откройте «Оставить чаевые ⭐» ещё раз.
payments-checkout-recipient_gone = Собеседник удалил профиль, поэтому чаевые ему отправить нельзя.
payments-checkout-wrong_currency = Чаевые принимаются только в звёздах Telegram (⭐), а этот платёж — в другой валюте. Откройте «Оставить чаевые ⭐» ещё раз.

payments-receipt =
    Спасибо! Вы отправили { $amount } ⭐ собеседнику «{ $pseudonym }».
    Собеседник получит { $share } ⭐, комиссия сервиса — { $commission } ⭐.
    Передумали? Вернуть чаевые можно в течение { $hours } ч — /refund.
payments-received =
    Собеседник «{ $pseudonym }» поблагодарил вас чаевыми: { $amount } ⭐. Вам начислено { $share } ⭐.
    Баланс и как получить звёзды — /tips.
payments-refunding =
    { $reason ->
        [already_paid] Этот счёт уже был оплачен, поэтому я возвращаю вам { $amount } ⭐.
        [expired] Срок действия счёта истёк, поэтому я возвращаю вам { $amount } ⭐.
        [recipient_gone] Собеседник удалил профиль, поэтому я возвращаю вам { $amount } ⭐.
       *[other] Этот платёж не удалось зачислить, поэтому я возвращаю вам { $amount } ⭐.
    } Звёзды вернутся на ваш счёт в Telegram.
payments-refunded = Возврат выполнен: { $amount } ⭐ вернулись на ваш счёт в Telegram.
# To the helper whose tip the payer took back (the share was still pending).
payments-refunded-recipient =
    Собеседник «{ $pseudonym }» вернул себе чаевые — { $amount } ⭐: так можно сделать в течение { $hours } ч после оплаты.
    Начисленные за них { $share } ⭐ ещё ждали окончания этого срока, поэтому их больше нет в вашем балансе. Баланс — /tips.

payments-overview =
    Ваши чаевые
    Доступно к выплате: { $available } ⭐
    Ожидает окончания срока возврата ({ $hours } ч): { $pending } ⭐
    Всего получено: { $earned } ⭐, выплачено: { $paid_out } ⭐
    Звёзды поступают на счёт бота; выплату делает команда сервиса — напишите в /paysupport.
payments-overview-chats = Поблагодарить недавних собеседников:
payments-overview-no-chats = Недавних завершённых разговоров нет — чаевые можно оставить в течение недели после разговора.
payments-chat-button = «{ $pseudonym }» ⭐

payments-refund-list = Чаевые, которые можно вернуть (в течение { $hours } ч после оплаты):
payments-refund-none = Сейчас нет чаевых, которые можно вернуть. Возврат возможен в течение { $hours } ч после оплаты.
payments-refund-button = { $amount } ⭐ — «{ $pseudonym }»
payments-refund-confirm = Вернуть { $amount } ⭐? Собеседник не получит эти чаевые.
payments-refund-confirm-button = Да, вернуть
payments-refund-started = Оформляю возврат { $amount } ⭐…
payments-refund-retrying = Telegram пока не принял возврат — я повторю попытку сам и сообщу, когда звёзды вернутся.
payments-refund-failed = Telegram отказал в возврате. Напишите, пожалуйста, в /paysupport — разберёмся.
payments-refund-already = Эти чаевые уже возвращены.
payments-refund-too-late = Срок возврата ({ $hours } ч после оплаты) прошёл. Если что-то пошло не так, напишите в /paysupport.
payments-callback-stale = Эта кнопка уже неактуальна.
payments-cancelled = Отменено.

payments-support =
    Поддержка по платежам
    Если платёж прошёл, а чаевые не дошли, списалось дважды или нужен возврат — { $contact ->
        [none] напишите нам по контакту из описания бота
       *[other] напишите { $contact }
    } и приложите номер платежа из чека Telegram. Мы отвечаем в течение 3 рабочих дней.
    Вернуть чаевые самостоятельно можно командой /refund в течение { $hours } ч после оплаты.
    Поддержка Telegram не рассматривает вопросы о покупках в ботах.
payments-terms =
    Условия чаевых
    1. Чаевые — добровольная благодарность собеседнику в звёздах Telegram (XTR). Они ничего не покупают и не дают преимуществ.
    2. Сервис удерживает комиссию, указанную перед оплатой; остальное начисляется на баланс собеседника в боте.
    3. Звёзды поступают на счёт владельца бота. Баланс собеседника выплачивается командой сервиса по запросу в /paysupport; сроки и способ согласуются отдельно.
    4. Вернуть чаевые можно командой /refund в течение { $hours } ч после оплаты. Ошибочные и повторные платежи возвращаются автоматически.
    5. Мы храним только сумму, дату и технический номер платежа — без переписки и без ваших данных Telegram в открытом виде.
