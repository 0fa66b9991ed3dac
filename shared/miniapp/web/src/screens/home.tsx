// Home: the person's state at a glance (registration, restriction, search, proposal, chat) and
// the way to every other screen.
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { useApp } from "../app.tsx";
import { type ScreenName, SCREENS } from "./index.ts";
import { openTelegram } from "../telegram.ts";
import { t } from "../texts.ts";
import {
  type Action,
  ActionButton,
  Card,
  ErrorState,
  formatDateTime,
  Loading,
  minutesSeconds,
  useAction,
  useCountdown,
  useLoad,
} from "../ui.tsx";

interface MatchStatus {
  status: "idle" | "searching" | "proposed" | "waiting_for_partner" | "in_chat";
  match_id?: string;
  waiting_seconds?: number;
  expires_at?: string;
  /** The partner's card, when the API sends it with a proposal. */
  partner?: {
    pseudonym: string | null;
    topics: string[];
    bio: string | null;
    time_difference_hours: number | null;
  };
}

interface Restriction {
  status: "none" | "restricted";
  kind?: string;
  ends_at?: string | null;
}

interface HomeState {
  match: MatchStatus | "not_registered";
  restriction: Restriction;
}

const POLL_MS = 4000;

export function HomeScreen() {
  const { api } = useApp();
  const state = useLoad<HomeState>(async () => {
    const [match, restriction] = await Promise.all([
      api.get<MatchStatus>("/match/status").catch((error) => {
        if (error instanceof ApiError && error.kind === "not_registered") {
          return "not_registered" as const;
        }
        throw error;
      }),
      api.get<Restriction>("/safety/restriction"),
    ]);
    return { match, restriction };
  });
  // The moment Home shows the person's state (the bench reads it from Chromium's timeline).
  useEffect(() => {
    if (state.data && performance.getEntriesByName("app:home-data").length === 0) {
      performance.mark("app:home-data");
    }
  }, [state.data]);
  const status = state.data && state.data.match !== "not_registered"
    ? state.data.match.status
    : undefined;
  // While something is happening the state is refreshed, so a partner's answer shows up.
  useEffect(() => {
    if (status !== "searching" && status !== "proposed" && status !== "waiting_for_partner") {
      return;
    }
    const timer = setInterval(state.reload, POLL_MS);
    return () => clearInterval(timer);
  }, [status]);

  return (
    <main class="page" data-screen="home">
      <h1>{t("app-home-title")}</h1>
      {state.data
        ? <StateCard state={state.data} reload={state.reload} />
        : state.error
        ? <ErrorState error={state.error} onRetry={state.reload} />
        : <Loading />}
      <Menu />
    </main>
  );
}

function StateCard(props: { state: HomeState; reload: () => void }) {
  const { match, restriction } = props.state;
  if (match === "not_registered") return <NotRegistered />;
  if (restriction.status === "restricted" && match.status !== "in_chat") {
    return <Restricted restriction={restriction} />;
  }
  switch (match.status) {
    case "searching":
      return <Searching match={match} reload={props.reload} />;
    case "proposed":
      return <Proposal match={match} reload={props.reload} />;
    case "waiting_for_partner":
      return <WaitingForPartner match={match} />;
    case "in_chat":
      return <InChat />;
    default:
      return <Idle reload={props.reload} />;
  }
}

function NotRegistered() {
  const { botUsername } = useApp();
  return (
    <Card class="state" label={t("app-home-state-label")}>
      <h2>{t("app-home-unregistered-title")}</h2>
      <p>{t("app-home-unregistered-text")}</p>
      <button
        type="button"
        class="button primary"
        onClick={() => openTelegram(`https://t.me/${botUsername ?? ""}?start=app`)}
      >
        {t("app-home-open-bot")}
      </button>
    </Card>
  );
}

function Restricted(props: { restriction: Restriction }) {
  const { kind, ends_at } = props.restriction;
  return (
    <Card class="state warning" label={t("app-home-state-label")}>
      <h2>{kind?.includes("ban") ? t("app-home-banned-title") : t("app-home-muted-title")}</h2>
      <p data-field="ends-at">
        {ends_at
          ? t("app-home-restricted-until", { date: formatDateTime(ends_at) })
          : t("app-home-restricted-forever")}
      </p>
      <p class="muted">{t("app-home-restricted-help")}</p>
    </Card>
  );
}

function Idle(props: { reload: () => void }) {
  const { api } = useApp();
  const find = useAction(async () => {
    await api.send("POST", "/match/find");
    props.reload();
  });
  return (
    <Card class="state" label={t("app-home-state-label")}>
      <h2>{t("app-home-idle-title")}</h2>
      <p>{t("app-home-idle-text")}</p>
      <ActionButton action={find} name="find">{t("app-home-find")}</ActionButton>
      <ActionError action={find} />
    </Card>
  );
}

function Searching(props: { match: MatchStatus; reload: () => void }) {
  const { api } = useApp();
  const [since] = useState(() => Date.now() - (props.match.waiting_seconds ?? 0) * 1000);
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  const cancel = useAction(async () => {
    await api.send("POST", "/match/cancel");
    props.reload();
  });
  const elapsed = Math.max(0, Math.round((Date.now() - since) / 1000));
  return (
    <Card class="state" label={t("app-home-state-label")}>
      <h2>{t("app-home-searching-title")}</h2>
      <p>
        {t("app-home-searching-elapsed")}{" "}
        <time data-field="elapsed">{minutesSeconds(elapsed)}</time>
      </p>
      <p class="muted">{t("app-home-searching-text")}</p>
      <ActionButton action={cancel} name="cancel" variant="secondary">
        {t("app-home-cancel")}
      </ActionButton>
      <ActionError action={cancel} />
    </Card>
  );
}

function Proposal(props: { match: MatchStatus; reload: () => void }) {
  const { api } = useApp();
  const left = useCountdown(props.match.expires_at);
  const answer = useAction(async (accept: boolean) => {
    await api.send("POST", "/match/confirm", { match_id: props.match.match_id, accept });
    props.reload();
  });
  const partner = props.match.partner;
  return (
    <Card class="state proposal" label={t("app-home-state-label")}>
      <h2>{t("app-home-proposal-title")}</h2>
      {partner?.pseudonym && <p class="partner-name">{partner.pseudonym}</p>}
      {partner?.topics && partner.topics.length > 0 && (
        <ul class="chips" aria-label={t("app-home-proposal-topics")}>
          {partner.topics.map((topic) => <li key={topic}>{topic}</li>)}
        </ul>
      )}
      {partner?.bio && <p>{partner.bio}</p>}
      {partner && partner.time_difference_hours !== null && (
        <p class="muted">{timeDifference(partner.time_difference_hours)}</p>
      )}
      <p data-field="countdown">
        {t("app-home-proposal-expires", { time: minutesSeconds(left) })}
      </p>
      <div class="row">
        <button
          type="button"
          class="button primary"
          data-action="accept"
          disabled={answer.pending}
          onClick={() => answer.run(true)}
        >
          {t("app-home-accept")}
        </button>
        <button
          type="button"
          class="button secondary"
          data-action="skip"
          disabled={answer.pending}
          onClick={() => answer.run(false)}
        >
          {t("app-home-skip")}
        </button>
      </div>
      <ActionError action={answer} />
    </Card>
  );
}

/** The bot's words for the partner's time difference (matching.ftl). */
function timeDifference(hours: number): string {
  if (hours === 0) return t("matching-proposal-time-same");
  return t(hours > 0 ? "matching-proposal-time-ahead" : "matching-proposal-time-behind", {
    hours: String(Math.abs(hours)).replace(".", ","),
  });
}

function WaitingForPartner(props: { match: MatchStatus }) {
  const left = useCountdown(props.match.expires_at);
  return (
    <Card class="state" label={t("app-home-state-label")}>
      <h2>{t("app-home-waiting-title")}</h2>
      {props.match.partner?.pseudonym && <p class="partner-name">{props.match.partner.pseudonym}
      </p>}
      <p data-field="countdown">
        {t("app-home-proposal-expires", { time: minutesSeconds(left) })}
      </p>
    </Card>
  );
}

function InChat() {
  const { botUsername } = useApp();
  return (
    <Card class="state" label={t("app-home-state-label")}>
      <h2>{t("app-home-chat-title")}</h2>
      <p>{t("app-home-chat-text")}</p>
      <button
        type="button"
        class="button primary"
        data-action="open-chat"
        onClick={() => openTelegram(`https://t.me/${botUsername ?? ""}`)}
      >
        {t("app-home-open-chat")}
      </button>
    </Card>
  );
}

// deno-lint-ignore no-explicit-any
export function ActionError(props: { action: Action<any[]> }) {
  return props.action.error ? <ErrorState error={props.action.error} /> : null;
}

const MENU: Array<{ key: string; icon: string }> = [
  { key: "profile", icon: "👤" },
  { key: "diary", icon: "📔" },
  { key: "people", icon: "🤝" },
  { key: "call", icon: "📹" },
  { key: "events", icon: "📅" },
  { key: "tips", icon: "⭐" },
  { key: "help", icon: "🆘" },
];

const isScreen = (name: string): name is ScreenName => name in SCREENS;

function Menu() {
  const { navigate } = useApp();
  return (
    <nav class="menu" aria-label={t("app-menu-label")}>
      {MENU.filter((item) => isScreen(item.key)).map((item) => (
        <button
          type="button"
          key={item.key}
          class="menu-item"
          data-nav={item.key}
          onClick={() => navigate({ name: item.key as ScreenName })}
        >
          <span aria-hidden="true">{item.icon}</span>
          {t(`app-menu-${item.key}`)}
        </button>
      ))}
    </nav>
  );
}
