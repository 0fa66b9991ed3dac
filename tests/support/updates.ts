import type { Update } from "grammy/types";

/** Builders for real-shaped Telegram updates. */
let nextUpdateId = 10_000;
let nextMessageId = 1;

export interface TestUser {
  id: number;
  first_name: string;
  username?: string;
}

export function user(id: number, firstName = "Тест"): TestUser {
  return { id, first_name: firstName, username: `user${id}` };
}

function privateChat(from: TestUser) {
  return { id: from.id, type: "private" as const, first_name: from.first_name };
}

export function textUpdate(
  from: TestUser,
  text: string,
  extra: Record<string, unknown> = {},
): Update {
  const entities = text.startsWith("/")
    ? [{ type: "bot_command" as const, offset: 0, length: text.split(" ")[0]!.length }]
    : undefined;
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: privateChat(from),
      from: { ...from, is_bot: false, language_code: "ru" },
      text,
      ...(entities ? { entities } : {}),
      ...extra,
    },
  } as Update;
}

export function messageUpdate(from: TestUser, message: Record<string, unknown>): Update {
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: privateChat(from),
      from: { ...from, is_bot: false, language_code: "ru" },
      ...message,
    },
  } as Update;
}

export function callbackUpdate(from: TestUser, data: string, messageId = 1): Update {
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: String(nextUpdateId),
      from: { ...from, is_bot: false, language_code: "ru" },
      chat_instance: `ci-${from.id}`,
      data,
      message: {
        message_id: messageId,
        date: Math.floor(Date.now() / 1000),
        chat: privateChat(from),
        text: "…",
      },
    },
  } as Update;
}

export function groupTextUpdate(from: TestUser, groupId: number, text: string): Update {
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: groupId, type: "group", title: "Группа" },
      from: { ...from, is_bot: false },
      text,
    },
  } as Update;
}

/** `my_chat_member`: the user blocked the bot (Telegram's "kicked" for a private chat). */
export function blockedBotUpdate(from: TestUser): Update {
  const bot = { id: 1, is_bot: true, first_name: "b" };
  return {
    update_id: nextUpdateId++,
    my_chat_member: {
      chat: { id: from.id, type: "private", first_name: from.first_name },
      from: { ...from, is_bot: false },
      date: Math.floor(Date.now() / 1000),
      old_chat_member: { status: "member", user: bot },
      new_chat_member: { status: "kicked", until_date: 0, user: bot },
    },
  } as Update;
}

/** Telegram asks the bot to approve a payment (the payer pressed «Оплатить»). */
export function preCheckoutUpdate(
  from: TestUser,
  invoice: { payload: string; amount: number; currency?: string },
): Update {
  return {
    update_id: nextUpdateId++,
    pre_checkout_query: {
      id: `pcq-${nextUpdateId}`,
      from: { ...from, is_bot: false, language_code: "ru" },
      currency: invoice.currency ?? "XTR",
      total_amount: invoice.amount,
      invoice_payload: invoice.payload,
    },
  } as Update;
}

/** The payment went through: a service message with its charge id. */
export function successfulPaymentUpdate(
  from: TestUser,
  payment: { payload: string; amount: number; chargeId: string; currency?: string },
): Update {
  return messageUpdate(from, {
    successful_payment: {
      currency: payment.currency ?? "XTR",
      total_amount: payment.amount,
      invoice_payload: payment.payload,
      telegram_payment_charge_id: payment.chargeId,
      provider_payment_charge_id: "",
    },
  });
}
