// Diary: write, the mood summary (day/week/month) and chart, the entries page by page, one entry
// (edit, delete with confirmation), settings and export.
import { useEffect, useState } from "preact/hooks";
import { useApp } from "../app.tsx";
import { t } from "../texts.ts";
import { ActionButton, Card, ErrorState, Loading, Screen, useAction, useLoad } from "../ui.tsx";
import { ActionError } from "./home.tsx";
import type { ScreenProps } from "./index.ts";

interface ListItem {
  id: string;
  local_date: string;
  pick: string | null;
  valence: number | null;
  snippet: string;
}

interface Entry extends ListItem {
  body: string;
  labels: Array<{ label: string; score: number }>;
  updated_at: string | null;
  crisis?: boolean;
}

interface Bucket {
  start: string;
  entries: number;
  valence: number | null;
}

interface Summary {
  period: "day" | "week" | "month";
  entries_total: number;
  streak_days: number;
  current: Bucket;
  previous: Bucket;
  top_labels: Array<{ label: string; count: number }>;
}

interface Settings {
  reminderMinute: number | null;
  aiAnalysis: boolean;
  useForMatching: boolean;
}

const PAGE = 10;
const SCALE = ["scale_1", "scale_2", "scale_3", "scale_4", "scale_5"] as const;
const PERIODS = ["day", "week", "month"] as const;
const REMINDERS = [null, 9 * 60, 13 * 60, 20 * 60, 22 * 60] as const;

/** Valence in words, the bot's thresholds (shared/diary/mood_report.ts). */
export function moodWord(valence: number): string {
  if (valence <= -0.5) return t("diary-mood-very-bad");
  if (valence <= -0.15) return t("diary-mood-bad");
  if (valence < 0.15) return t("diary-mood-neutral");
  if (valence < 0.5) return t("diary-mood-good");
  return t("diary-mood-very-good");
}

const labelText = (label: string) => t(`diary-label-${label}`);
const dateText = (localDate: string) =>
  new Date(`${localDate}T12:00:00`).toLocaleDateString("ru-RU", { day: "numeric", month: "long" });

export function DiaryScreen() {
  const [round, setRound] = useState(0);
  const refresh = () => setRound((r) => r + 1);
  return (
    <Screen name="diary" title={t("app-diary-title")}>
      <WriteForm onWritten={refresh} />
      <SummaryCard key={`s${round}`} />
      <EntryList key={`l${round}`} />
      <DiaryLinks />
    </Screen>
  );
}

function WriteForm(props: { onWritten: () => void }) {
  const { api } = useApp();
  const [text, setText] = useState("");
  const [pick, setPick] = useState<string | null>(null);
  const [saved, setSaved] = useState<Entry>();
  const write = useAction(async () => {
    const entry = await api.send<Entry>("POST", "/diary/entries", { text, pick });
    setSaved(entry);
    setText("");
    setPick(null);
    props.onWritten();
  });
  return (
    <Card label={t("app-diary-write-title")}>
      <h2>{t("app-diary-write-title")}</h2>
      <label for="diary-text">{t("app-diary-write-label")}</label>
      <textarea
        id="diary-text"
        maxLength={4096}
        value={text}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
      />
      <fieldset class="scale">
        <legend>{t("app-diary-pick-label")}</legend>
        {SCALE.map((key, i) => (
          <button
            type="button"
            key={key}
            class={`scale-item ${pick === key ? "selected" : ""}`}
            aria-pressed={pick === key}
            aria-label={t("app-diary-pick-aria", { n: i + 1 })}
            onClick={() => setPick(pick === key ? null : key)}
          >
            {t(`diary-pick-${key}`)}
          </button>
        ))}
      </fieldset>
      <button
        type="button"
        class="button primary"
        data-action="write"
        disabled={write.pending || text.trim().length === 0}
        onClick={() => write.run()}
      >
        {t("app-diary-write")}
      </button>
      <ActionError action={write} />
      {saved && (
        <p role="status" class="saved" data-field="saved">
          {saved.valence === null
            ? t("diary-saved")
            : t("app-diary-saved-mood", { mood: moodWord(saved.valence) })}
          {saved.labels.length > 0 &&
            `: ${saved.labels.slice(0, 2).map((l) => labelText(l.label)).join(", ")}`}
          {saved.valence === null ? "" : "."}
        </p>
      )}
      {saved?.crisis && <p class="muted">{t("diary-crisis")} {t("app-diary-crisis-help")}</p>}
    </Card>
  );
}

function SummaryCard() {
  const { api } = useApp();
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>("week");
  const summary = useLoad(() => api.get<Summary>(`/mood/summary?period=${period}`), [period]);
  const [chart, setChart] = useState<string>();
  useEffect(() => {
    const theme = document.documentElement.dataset.theme === "dark" ? "dark" : "light";
    let url: string | undefined;
    api.blobUrl(`/mood/chart.png?theme=${theme}`).then((u) => setChart(url = u), () => {});
    return () => url && URL.revokeObjectURL(url);
  }, []);
  return (
    <Card label={t("app-diary-summary-title")}>
      <h2>{t("app-diary-summary-title")}</h2>
      <div class="tabs" role="group" aria-label={t("app-diary-period-label")}>
        {PERIODS.map((p) => (
          <button
            type="button"
            key={p}
            class={`tab ${p === period ? "selected" : ""}`}
            aria-pressed={p === period}
            data-period={p}
            onClick={() => setPeriod(p)}
          >
            {t(`app-diary-period-${p}`)}
          </button>
        ))}
      </div>
      {summary.error && <ErrorState error={summary.error} onRetry={summary.reload} />}
      {!summary.data && !summary.error && <Loading />}
      {summary.data && <SummaryFigures summary={summary.data} />}
      {chart && <img class="chart" src={chart} alt={t("app-diary-chart-alt")} />}
    </Card>
  );
}

function SummaryFigures(props: { summary: Summary }) {
  const { current, previous, top_labels, streak_days, entries_total } = props.summary;
  const change = current.valence !== null && previous.valence !== null
    ? current.valence - previous.valence
    : null;
  return (
    <div data-field="summary">
      <p>
        {t(`app-diary-summary-${props.summary.period}`, { entries: current.entries })}
        {current.valence !== null && ` ${
          t("app-diary-summary-mood", {
            mood: moodWord(current.valence),
          })
        }`}
      </p>
      {change !== null && (
        <p class="muted">
          {change > 0.1
            ? t("app-diary-change-better")
            : change < -0.1
            ? t("app-diary-change-worse")
            : t("app-diary-change-same")}
        </p>
      )}
      <p class="muted">
        {t("app-diary-summary-totals", { total: entries_total, streak: streak_days })}
      </p>
      {top_labels.length > 0 && (
        <ul class="chips" aria-label={t("app-diary-top-labels")}>
          {top_labels.slice(0, 4).map((l) => <li key={l.label}>{labelText(l.label)}</li>)}
        </ul>
      )}
    </div>
  );
}

function EntryList() {
  const { api, navigate } = useApp();
  const [offset, setOffset] = useState(0);
  const page = useLoad(
    () =>
      api.get<{ total: number; entries: ListItem[] }>(
        `/diary/entries?offset=${offset}&limit=${PAGE}`,
      ),
    [offset],
  );
  return (
    <Card label={t("app-diary-list-title")}>
      <h2>{t("app-diary-list-title")}</h2>
      {page.error && <ErrorState error={page.error} onRetry={page.reload} />}
      {!page.data && !page.error && <Loading />}
      {page.data && page.data.total === 0 && <p class="muted">{t("app-diary-list-empty")}</p>}
      {page.data && page.data.entries.length > 0 && (
        <ul class="list">
          {page.data.entries.map((entry) => (
            <li key={entry.id}>
              <button
                type="button"
                class="list-item"
                data-entry={entry.id}
                onClick={() => navigate({ name: "diary-entry", params: { id: entry.id } })}
              >
                <span class="list-date">
                  {dateText(entry.local_date)} {entry.pick ? t(`diary-pick-${entry.pick}`) : ""}
                </span>
                <span>{entry.snippet}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {page.data && page.data.total > PAGE && (
        <div class="row">
          <button
            type="button"
            class="button secondary"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            {t("app-diary-newer")}
          </button>
          <button
            type="button"
            class="button secondary"
            data-action="older"
            disabled={offset + PAGE >= page.data.total}
            onClick={() => setOffset(offset + PAGE)}
          >
            {t("app-diary-older")}
          </button>
        </div>
      )}
    </Card>
  );
}

function DiaryLinks() {
  const { api, navigate } = useApp();
  const [file, setFile] = useState<string>();
  const exportAll = useAction(async () => {
    const data = await api.get<unknown>("/diary/export");
    setFile(URL.createObjectURL(
      new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }),
    ));
  });
  return (
    <Card label={t("app-diary-more")}>
      <button
        type="button"
        class="button secondary"
        data-nav="diary-settings"
        onClick={() => navigate({ name: "diary-settings" })}
      >
        {t("app-diary-settings")}
      </button>
      <ActionButton action={exportAll} name="diary-export" variant="secondary">
        {t("app-diary-export")}
      </ActionButton>
      {file && (
        <a class="button secondary" href={file} download="diary.json">
          {t("app-help-export-ready")}
        </a>
      )}
      <ActionError action={exportAll} />
    </Card>
  );
}

export function DiaryEntryScreen(props: ScreenProps) {
  const { api, back } = useApp();
  const id = props.params.id ?? "";
  const entry = useLoad(() => api.get<Entry>(`/diary/entries/${id}`));
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState("");
  const [confirming, setConfirming] = useState(false);
  const save = useAction(async () => {
    entry.set(await api.send<Entry>("PATCH", `/diary/entries/${id}`, { text }));
    setEditing(false);
  });
  const remove = useAction(async () => {
    await api.send("DELETE", `/diary/entries/${id}`);
    back();
  });
  return (
    <Screen name="diary-entry" title={t("app-diary-entry-title")}>
      {entry.error && <ErrorState error={entry.error} onRetry={entry.reload} />}
      {!entry.data && !entry.error && <Loading />}
      {entry.data && (
        <Card label={t("app-diary-entry-title")}>
          <p class="muted">
            {dateText(entry.data.local_date)}
            {entry.data.updated_at ? ` · ${t("app-diary-edited")}` : ""}
          </p>
          {editing
            ? (
              <>
                <label for="entry-text">{t("app-diary-edit-label")}</label>
                <textarea
                  id="entry-text"
                  maxLength={4096}
                  value={text}
                  onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
                />
                <div class="row">
                  <button
                    type="button"
                    class="button primary"
                    data-action="save"
                    disabled={save.pending || text.trim().length === 0}
                    onClick={() => save.run()}
                  >
                    {t("app-save")}
                  </button>
                  <button
                    type="button"
                    class="button secondary"
                    disabled={save.pending}
                    onClick={() => setEditing(false)}
                  >
                    {t("app-cancel")}
                  </button>
                </div>
                <ActionError action={save} />
              </>
            )
            : <p class="pre" data-field="body">{entry.data.body}</p>}
          {entry.data.valence !== null && (
            <p data-field="mood">
              {t("app-diary-entry-mood", { mood: moodWord(entry.data.valence) })}
              {entry.data.labels.length > 0 &&
                `: ${entry.data.labels.map((l) => labelText(l.label)).join(", ")}`}
            </p>
          )}
          {!editing && !confirming && (
            <div class="row">
              <button
                type="button"
                class="button secondary"
                data-action="edit"
                onClick={() => {
                  setText(entry.data!.body);
                  setEditing(true);
                }}
              >
                {t("app-diary-edit")}
              </button>
              <button
                type="button"
                class="button danger"
                data-action="delete"
                onClick={() => setConfirming(true)}
              >
                {t("app-diary-delete")}
              </button>
            </div>
          )}
          {confirming && (
            <div class="confirm" role="alertdialog" aria-labelledby="entry-delete">
              <p id="entry-delete">{t("diary-delete-confirm")}</p>
              <div class="row">
                <ActionButton action={remove} name="delete-confirm" variant="danger">
                  {t("diary-delete-yes-button")}
                </ActionButton>
                <button
                  type="button"
                  class="button secondary"
                  disabled={remove.pending}
                  onClick={() => setConfirming(false)}
                >
                  {t("app-cancel")}
                </button>
              </div>
              <ActionError action={remove} />
            </div>
          )}
        </Card>
      )}
    </Screen>
  );
}

export function DiarySettingsScreen() {
  const { api } = useApp();
  const settings = useLoad(() => api.get<Settings>("/diary/settings"));
  const change = useAction(async (patch: Partial<Settings>) => {
    settings.set(await api.send<Settings>("PATCH", "/diary/settings", patch));
  });
  const s = settings.data;
  return (
    <Screen name="diary-settings" title={t("app-diary-settings")}>
      {settings.error && <ErrorState error={settings.error} onRetry={settings.reload} />}
      {!s && !settings.error && <Loading />}
      {s && (
        <>
          <Card label={t("app-diary-ai-title")}>
            <Toggle
              id="ai"
              label={t("app-diary-ai-title")}
              checked={s.aiAnalysis}
              disabled={change.pending}
              onChange={(v) => change.run({ aiAnalysis: v })}
            />
            <p class="muted">{t("app-diary-ai-text")}</p>
          </Card>
          <Card label={t("app-diary-matching-title")}>
            <Toggle
              id="matching"
              label={t("app-diary-matching-title")}
              checked={s.useForMatching}
              disabled={change.pending}
              onChange={(v) => change.run({ useForMatching: v })}
            />
            <p class="muted">{t("app-diary-matching-text")}</p>
          </Card>
          <Card label={t("app-diary-reminder-title")}>
            <label for="reminder">{t("app-diary-reminder-title")}</label>
            <select
              id="reminder"
              disabled={change.pending}
              value={String(s.reminderMinute ?? "")}
              onChange={(e) => {
                const v = (e.target as HTMLSelectElement).value;
                change.run({ reminderMinute: v === "" ? null : Number(v) });
              }}
            >
              {REMINDERS.map((m) => (
                <option key={String(m)} value={m === null ? "" : String(m)}>
                  {m === null ? t("app-diary-reminder-off") : `${m / 60}:00`}
                </option>
              ))}
            </select>
            <p class="muted">{t("diary-reminder-pick")}</p>
          </Card>
          <ActionError action={change} />
        </>
      )}
    </Screen>
  );
}

export function Toggle(
  props: {
    id: string;
    label: string;
    checked: boolean;
    disabled?: boolean;
    onChange(value: boolean): void;
  },
) {
  return (
    <div class="toggle">
      <label for={`toggle-${props.id}`}>{props.label}</label>
      <input
        id={`toggle-${props.id}`}
        type="checkbox"
        role="switch"
        checked={props.checked}
        disabled={props.disabled}
        data-toggle={props.id}
        onChange={(e) => props.onChange((e.target as HTMLInputElement).checked)}
      />
    </div>
  );
}
