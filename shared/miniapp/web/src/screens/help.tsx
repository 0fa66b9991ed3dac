// Help: the crisis lines for the person's country, the rules, payment support and terms, export
// and deletion of one's data.
import { useState } from "preact/hooks";
import { useApp } from "../app.tsx";
import { t } from "../texts.ts";
import { ActionButton, Card, ErrorState, Loading, Screen, useAction, useLoad } from "../ui.tsx";
import { ActionError } from "./home.tsx";

interface Hotline {
  country: string | null;
  name: string;
  phone: string;
  phone_mobile?: string | null;
  hours?: string | null;
  url?: string | null;
}

interface Sos {
  country: string | null;
  lines: Hotline[];
  emergency: string | null;
}

const REFUND_HOURS = 48;

export function HelpScreen() {
  return (
    <Screen name="help" title={t("app-help-title")}>
      <CrisisLines />
      <details class="card">
        <summary>{t("app-help-rules")}</summary>
        <p class="pre">{t("safety-rules")}</p>
      </details>
      <details class="card">
        <summary>{t("app-help-paysupport")}</summary>
        <p class="pre">{t("payments-support", { contact: "none", hours: REFUND_HOURS })}</p>
      </details>
      <details class="card">
        <summary>{t("app-help-terms")}</summary>
        <p class="pre">{t("payments-terms", { hours: REFUND_HOURS })}</p>
      </details>
      <MyData />
    </Screen>
  );
}

function CrisisLines() {
  const { api } = useApp();
  const sos = useLoad(() => api.get<Sos>("/safety/sos"));
  if (sos.error) return <ErrorState error={sos.error} onRetry={sos.reload} />;
  if (!sos.data) return <Loading />;
  const { lines, emergency, country } = sos.data;
  return (
    <Card class="sos" label={t("app-help-sos-title")}>
      <h2>{t("app-help-sos-title")}</h2>
      <p>{t("safety-sos-intro")}</p>
      {!country && <p class="muted">{t("safety-sos-unknown-country")}</p>}
      {lines.length === 0 && <p>{t("safety-sos-no-local-lines")}</p>}
      <ul class="lines">
        {lines.map((line) => (
          <li key={`${line.country}:${line.name}`}>
            <span class="line-name">{line.name}</span>
            <a class="phone" href={`tel:${line.phone.replace(/[^\d+]/g, "")}`}>{line.phone}</a>
            {line.phone_mobile && (
              <span class="muted">
                {t("app-help-sos-mobile")}{" "}
                <a href={`tel:${line.phone_mobile.replace(/[^\d+]/g, "")}`}>{line.phone_mobile}</a>
              </span>
            )}
            {line.hours && <span class="muted">{line.hours}</span>}
          </li>
        ))}
      </ul>
      {emergency && <p class="emergency">{t("safety-sos-emergency", { number: emergency })}</p>}
    </Card>
  );
}

function MyData() {
  const { api, reset } = useApp();
  const [confirming, setConfirming] = useState(false);
  const [exported, setExported] = useState<string>();
  const exportData = useAction(async () => {
    const data = await api.get<unknown>("/account/export");
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    setExported(URL.createObjectURL(blob));
  });
  const erase = useAction(async () => {
    await api.send("DELETE", "/account", { confirm: true });
    reset();
  });
  return (
    <Card label={t("app-help-data-title")}>
      <h2>{t("app-help-data-title")}</h2>
      <p class="muted">{t("app-help-data-text")}</p>
      <ActionButton action={exportData} name="export" variant="secondary">
        {t("app-help-export")}
      </ActionButton>
      {exported && (
        <a class="button secondary" href={exported} download="ty-ne-odin-data.json">
          {t("app-help-export-ready")}
        </a>
      )}
      <ActionError action={exportData} />
      {!confirming
        ? (
          <button
            type="button"
            class="button danger"
            data-action="delete"
            onClick={() => setConfirming(true)}
          >
            {t("app-help-delete")}
          </button>
        )
        : (
          <div class="confirm" role="alertdialog" aria-labelledby="delete-confirm">
            <p id="delete-confirm">{t("app-help-delete-confirm")}</p>
            <div class="row">
              <ActionButton action={erase} name="delete-confirm" variant="danger">
                {t("app-help-delete-yes")}
              </ActionButton>
              <button
                type="button"
                class="button secondary"
                disabled={erase.pending}
                onClick={() => setConfirming(false)}
              >
                {t("app-help-delete-no")}
              </button>
            </div>
          </div>
        )}
      <ActionError action={erase} />
    </Card>
  );
}
