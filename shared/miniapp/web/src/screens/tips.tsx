// Tips: the balance, recent chats, and a tip in Stars with the split shown before paying, paid
// through Telegram's invoice (openInvoice) and answered from its invoice_closed status.
import { useEffect, useState } from "preact/hooks";
import { useApp } from "../app.tsx";
import { haptic, hasMainButton, payInvoice, showMainButton } from "../telegram.ts";
import { t } from "../texts.ts";
import {
  ActionButton,
  Card,
  ErrorState,
  formatDateTime,
  Loading,
  Screen,
  useAction,
  useLoad,
} from "../ui.tsx";
import { ActionError } from "./home.tsx";
import type { ScreenProps } from "./index.ts";

interface Overview {
  balance: { earned: number; pending: number; paid_out: number; available: number };
  refund_hours: number;
  chats: Array<{ match_id: string; pseudonym: string; ended_at: string }>;
}

interface Invoice {
  invoice_link: string;
  tip_id: string;
  amount: number;
  commission_percent: number;
  platform_commission: number;
  recipient_share: number;
  recipient_pseudonym: string;
}

const AMOUNTS = [10, 50, 100];
const MAX_AMOUNT = 2500;

export function TipsScreen() {
  const { api, navigate } = useApp();
  const overview = useLoad(() => api.get<Overview>("/tips"));
  return (
    <Screen name="tips" title={t("app-tips-title")}>
      {overview.error && <ErrorState error={overview.error} onRetry={overview.reload} />}
      {!overview.data && !overview.error && <Loading />}
      {overview.data && (
        <>
          <Card label={t("app-tips-balance")}>
            <h2>{t("app-tips-balance")}</h2>
            <p class="stars" data-field="available">
              {t("app-tips-stars", { n: overview.data.balance.available })}
            </p>
            <p class="muted">
              {t("app-tips-balance-detail", {
                earned: overview.data.balance.earned,
                pending: overview.data.balance.pending,
                paid: overview.data.balance.paid_out,
              })}
            </p>
          </Card>
          <Card label={t("app-tips-chats")}>
            <h2>{t("app-tips-chats")}</h2>
            {overview.data.chats.length === 0 && <p class="muted">{t("app-tips-no-chats")}</p>}
            <ul class="list">
              {overview.data.chats.map((chat) => (
                <li key={chat.match_id}>
                  <button
                    type="button"
                    class="list-item"
                    data-tip-chat={chat.match_id}
                    onClick={() =>
                      navigate({
                        name: "tip",
                        params: { match: chat.match_id, pseudonym: chat.pseudonym },
                      })}
                  >
                    <span class="list-date">{chat.pseudonym}</span>
                    <span class="muted">{formatDateTime(chat.ended_at)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </Card>
          <p class="muted">{t("app-tips-terms", { hours: overview.data.refund_hours })}</p>
        </>
      )}
    </Screen>
  );
}

type PayState = { status: "idle" } | { status: "closed"; result: string };

export function TipScreen(props: ScreenProps) {
  const { api } = useApp();
  const matchId = props.params.match ?? "";
  const [amount, setAmount] = useState<number | null>(null);
  const [custom, setCustom] = useState("");
  const [invoice, setInvoice] = useState<Invoice>();
  const [paid, setPaid] = useState<PayState>({ status: "idle" });
  const chosen = amount ?? (custom ? Number(custom) : NaN);
  const valid = Number.isInteger(chosen) && chosen >= 1 && chosen <= MAX_AMOUNT;
  const prepare = useAction(async () => {
    setInvoice(
      await api.send<Invoice>("POST", "/tips/create", {
        match_id: matchId,
        amount: chosen,
      }),
    );
  });
  const pay = useAction(async () => {
    const result = await payInvoice(invoice!.invoice_link);
    setPaid({ status: "closed", result });
    haptic(result === "paid" ? "success" : "warning");
  });
  // Paying is the screen's one main action: Telegram's MainButton where the client has it.
  const payStep = invoice !== undefined && paid.status === "idle";
  useEffect(
    () =>
      showMainButton(
        payStep
          ? {
            text: t("app-tip-pay", { n: invoice!.amount }),
            pending: pay.pending,
            onClick: () => pay.run(),
          }
          : null,
      ),
    [payStep, pay.pending, invoice?.amount],
  );
  return (
    <Screen name="tip" title={t("app-tip-title", { pseudonym: props.params.pseudonym ?? "" })}>
      {!invoice && (
        <Card label={t("app-tip-amount")}>
          <h2>{t("app-tip-amount")}</h2>
          <div class="tabs" role="group" aria-label={t("app-tip-amount")}>
            {AMOUNTS.map((n) => (
              <button
                type="button"
                key={n}
                class={`tab ${amount === n ? "selected" : ""}`}
                aria-pressed={amount === n}
                data-amount={n}
                onClick={() => {
                  setAmount(n);
                  setCustom("");
                }}
              >
                {t("app-tips-stars", { n })}
              </button>
            ))}
          </div>
          <label for="tip-custom">{t("app-tip-custom", { max: MAX_AMOUNT })}</label>
          <input
            id="tip-custom"
            inputMode="numeric"
            value={custom}
            onInput={(e) => {
              setCustom((e.target as HTMLInputElement).value.replace(/\D/g, "").slice(0, 5));
              setAmount(null);
            }}
          />
          {custom && !valid && (
            <p class="field-error">{t("app-tip-custom-invalid", { max: MAX_AMOUNT })}</p>
          )}
          <button
            type="button"
            class="button primary"
            data-action="prepare"
            disabled={!valid || prepare.pending}
            onClick={() => prepare.run()}
          >
            {t("app-tip-next")}
          </button>
          <ActionError action={prepare} />
        </Card>
      )}
      {invoice && paid.status === "idle" && (
        <Card label={t("app-tip-split")}>
          <h2>{t("app-tip-split")}</h2>
          <dl class="split" data-field="split">
            <dt>{t("app-tip-split-amount")}</dt>
            <dd>{t("app-tips-stars", { n: invoice.amount })}</dd>
            <dt>{t("app-tip-split-commission", { percent: invoice.commission_percent })}</dt>
            <dd>{t("app-tips-stars", { n: invoice.platform_commission })}</dd>
            <dt>{t("app-tip-split-recipient", { pseudonym: invoice.recipient_pseudonym })}</dt>
            <dd>{t("app-tips-stars", { n: invoice.recipient_share })}</dd>
          </dl>
          {hasMainButton()
            ? <p class="muted">{t("app-tip-pay-below", { n: invoice.amount })}</p>
            : (
              <ActionButton action={pay} name="pay">
                {t("app-tip-pay", { n: invoice.amount })}
              </ActionButton>
            )}
          <ActionError action={pay} />
        </Card>
      )}
      {paid.status === "closed" && (
        <Card label={t("app-tip-result")}>
          <p role="status" data-field="pay-result" data-result={paid.result}>
            {t(`app-tip-result-${
              paid.result === "paid" || paid.result === "cancelled" ||
                paid.result === "pending"
                ? paid.result
                : "failed"
            }`)}
          </p>
          {paid.result !== "paid" && (
            <button
              type="button"
              class="button secondary"
              onClick={() => setPaid({ status: "idle" })}
            >
              {t("app-tip-again")}
            </button>
          )}
        </Card>
      )}
    </Screen>
  );
}
