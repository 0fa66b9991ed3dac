/**
 * A local stand-in for the Telegram Bot API (`TELEGRAM_API_ROOT`): it answers
 * `POST /bot<token>/<method>` the way Telegram does and records every call for assertions.
 */
export interface RecordedCall {
  method: string;
  // deno-lint-ignore no-explicit-any
  payload: Record<string, any>;
  /** Set when the stand-in answered this call with a planned failure. */
  failed?: true;
  /** `performance.now()` when the call arrived. */
  at: number;
}

interface PlannedFailure {
  method: string;
  chatId?: number;
  errorCode: number;
  description: string;
  retryAfter?: number;
  times: number;
}

export class FakeTelegram {
  readonly calls: RecordedCall[] = [];
  readonly token = "123456:TEST-token-for-the-local-stand-in";
  readonly botInfo = {
    id: 123456,
    is_bot: true as const,
    first_name: "Ты не один",
    username: "ty_ne_odin_bot",
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
  private server?: Deno.HttpServer<Deno.NetAddr>;
  private nextMessageId = 1000;
  private failures: PlannedFailure[] = [];
  private pendingUpdates: Record<string, unknown>[] = [];
  /** getChatMember answers: status by `${chat_id}:${user_id}`; "left" for anyone not listed. */
  readonly chatMembers = new Map<string, string>();
  /** `performance.now()` of the last call received (getUpdates aside). */
  lastCallAt = 0;
  /**
   * The bot's Star transactions as getStarTransactions pages them (oldest first): incoming
   * payments are added by `starPaymentMade`, outgoing refunds by refundStarPayment.
   */
  readonly starTransactions: Array<Record<string, unknown>> = [];
  private nextInvoiceLink = 1;

  start(): string {
    this.server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      (req) => this.handle(req),
    );
    return `http://127.0.0.1:${this.server.addr.port}`;
  }

  async stop(): Promise<void> {
    await this.server?.shutdown();
  }

  /** Planned failures not used up yet are forgotten. */
  clearFailures(): void {
    this.failures = [];
  }

  /** The next `times` calls of `method` (optionally to one chat) fail with this error. */
  failNext(
    method: string,
    failure: { chatId?: number; errorCode: number; description: string; retryAfter?: number },
    times = 1,
  ): void {
    this.failures.push({ method, times, ...failure });
  }

  /** Queues an update for the bot's next `getUpdates` (long polling). */
  queueUpdate(update: unknown): void {
    this.pendingUpdates.push(update as Record<string, unknown>);
  }

  /** Telegram took a Stars payment: it shows up in getStarTransactions and can be refunded. */
  starPaymentMade(chargeId: string, amount: number, userId: number, payload: string): void {
    this.starTransactions.push({
      id: chargeId,
      amount,
      date: Math.floor(Date.now() / 1000),
      source: {
        type: "user",
        transaction_type: "invoice_payment",
        user: { id: userId, is_bot: false, first_name: "User" },
        invoice_payload: payload,
      },
    });
  }

  /** Texts that reached a chat (sendMessage calls that did not fail). */
  deliveredTextsTo(chatId: number): string[] {
    return this.callsOf("sendMessage", chatId).filter((c) => !c.failed).map((c) =>
      String(c.payload.text)
    );
  }

  /** Calls of one method, optionally only those to one chat. */
  callsOf(method: string, chatId?: number): RecordedCall[] {
    return this.calls.filter((c) =>
      c.method === method && (chatId === undefined || Number(c.payload.chat_id) === chatId)
    );
  }

  /** Texts sent to a chat (sendMessage and editMessageText), in order. */
  textsTo(chatId: number): string[] {
    return this.calls
      .filter((c) =>
        (c.method === "sendMessage" || c.method === "editMessageText") &&
        Number(c.payload.chat_id) === chatId
      )
      .map((c) => String(c.payload.text));
  }

  lastTextTo(chatId: number): string | undefined {
    return this.textsTo(chatId).at(-1);
  }

  clear(): void {
    this.calls.length = 0;
  }

  private async handle(req: Request): Promise<Response> {
    const match = new URL(req.url).pathname.match(/^\/bot([^/]+)\/([A-Za-z]+)$/);
    if (!match || match[1] !== this.token) {
      return Response.json({ ok: false, error_code: 404, description: "Not Found" }, {
        status: 404,
      });
    }
    const method = match[2]!;
    const payload = await readPayload(req);
    if (method === "getUpdates") return this.longPoll(payload);
    this.lastCallAt = performance.now();
    this.calls.push({ method, payload, at: this.lastCallAt });

    if (method === "refundStarPayment") {
      const refusal = this.refusalOfRefund(payload);
      if (refusal) {
        return Response.json({ ok: false, error_code: 400, description: refusal }, {
          status: 400,
        });
      }
    }
    const failure = this.failures.find((f) =>
      f.method === method && (f.chatId === undefined || f.chatId === Number(payload.chat_id))
    );
    if (failure) {
      this.calls[this.calls.length - 1]!.failed = true;
      if (--failure.times <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
      return Response.json({
        ok: false,
        error_code: failure.errorCode,
        description: failure.description,
        ...(failure.retryAfter ? { parameters: { retry_after: failure.retryAfter } } : {}),
      }, { status: failure.errorCode });
    }
    return Response.json({ ok: true, result: this.resultFor(method, payload) });
  }

  /**
   * Telegram's answers to a refund it will not make: an unknown charge or one of another user,
   * and one already refunded. Otherwise the refund is recorded as an outgoing transaction.
   */
  // deno-lint-ignore no-explicit-any
  private refusalOfRefund(payload: Record<string, any>): string | undefined {
    const chargeId = String(payload.telegram_payment_charge_id);
    // deno-lint-ignore no-explicit-any
    const paid = this.starTransactions.find((tx: any) =>
      tx.id === chargeId && tx.source?.user?.id === Number(payload.user_id)
    );
    if (!paid) return "Bad Request: CHARGE_ID_INVALID";
    // deno-lint-ignore no-explicit-any
    if (this.starTransactions.some((tx: any) => tx.id === chargeId && tx.receiver)) {
      return "Bad Request: CHARGE_ALREADY_REFUNDED";
    }
    if (this.failures.some((f) => f.method === "refundStarPayment")) return undefined;
    this.starTransactions.push({
      id: chargeId,
      amount: paid.amount,
      date: Math.floor(Date.now() / 1000),
      receiver: {
        type: "user",
        transaction_type: "invoice_payment",
        user: { id: Number(payload.user_id), is_bot: false, first_name: "User" },
      },
    });
    return undefined;
  }

  /** Answers at once when updates are queued, otherwise after a short wait, as a long poll. */
  // deno-lint-ignore no-explicit-any
  private async longPoll(payload: Record<string, any>): Promise<Response> {
    const offset = Number(payload.offset ?? 0);
    this.pendingUpdates = this.pendingUpdates.filter((u) => Number(u.update_id) >= offset);
    if (this.pendingUpdates.length === 0) await new Promise((r) => setTimeout(r, 100));
    return Response.json({ ok: true, result: this.pendingUpdates.slice(0, 100) });
  }

  // deno-lint-ignore no-explicit-any
  private resultFor(method: string, payload: Record<string, any>): unknown {
    const chat = { id: Number(payload.chat_id), type: "private", first_name: "User" };
    const date = Math.floor(Date.now() / 1000);
    switch (method) {
      case "getMe":
        return this.botInfo;
      case "sendMessage":
      case "editMessageText":
        return {
          message_id: payload.message_id ?? this.nextMessageId++,
          date,
          chat,
          from: this.botInfo,
          text: payload.text,
          ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}),
        };
      case "copyMessage":
        return { message_id: this.nextMessageId++ };
      case "getChatMember": {
        const status = this.chatMembers.get(`${payload.chat_id}:${payload.user_id}`) ?? "left";
        const user = { id: Number(payload.user_id), is_bot: false, first_name: "User" };
        return status === "restricted"
          ? { status, user, is_member: true, until_date: 0 }
          : { status, user };
      }
      case "sendDocument":
      case "sendPhoto":
        return { message_id: this.nextMessageId++, date, chat, from: this.botInfo };
      case "sendInvoice":
        return {
          message_id: this.nextMessageId++,
          date,
          chat,
          from: this.botInfo,
          invoice: {
            title: payload.title,
            description: payload.description,
            start_parameter: "",
            currency: payload.currency,
            total_amount: payload.prices?.[0]?.amount ?? 0,
          },
        };
      case "createInvoiceLink":
        return `https://t.me/$invoice-test-${this.nextInvoiceLink++}`;
      case "getStarTransactions": {
        const offset = Number(payload.offset ?? 0);
        const limit = Math.min(100, Math.max(1, Number(payload.limit ?? 100)));
        return { transactions: this.starTransactions.slice(offset, offset + limit) };
      }
      case "getWebhookInfo":
        return { url: "", has_custom_certificate: false, pending_update_count: 0 };
      default:
        return true;
    }
  }
}

/** An uploaded file as the stand-in records it. */
export interface UploadedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/**
 * JSON bodies, and multipart uploads (sendDocument, sendPhoto with a file) as grammY sends them:
 * fields that hold JSON (reply_markup, …) are parsed, `attach://` references are replaced by
 * the file itself.
 */
// deno-lint-ignore no-explicit-any
async function readPayload(req: Request): Promise<Record<string, any>> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) {
    const text = await req.text();
    return text ? JSON.parse(text) : {};
  }
  const form = await req.formData();
  // deno-lint-ignore no-explicit-any
  const payload: Record<string, any> = {};
  const files = new Map<string, UploadedFile>();
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") {
      files.set(key, {
        name: value.name,
        type: value.type,
        bytes: new Uint8Array(await value.arrayBuffer()),
      });
      continue;
    }
    try {
      payload[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    } catch {
      payload[key] = value;
    }
  }
  for (const [key, value] of Object.entries(payload)) {
    if (typeof value === "string" && value.startsWith("attach://")) {
      payload[key] = files.get(value.slice("attach://".length));
    }
  }
  for (const [key, file] of files) if (!(key in payload)) payload[key] = file;
  return payload;
}
