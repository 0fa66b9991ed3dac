// Events: recommended first with the reason, the person's own registrations, an event's page
// (register, waiting list, cancel, confirm) and announcing a new one (the bot's checks and
// moderation).
import { useState } from "preact/hooks";
import { useApp } from "../app.tsx";
import { inZone } from "../zone.ts";
import { t } from "../texts.ts";
import { ActionButton, Card, ErrorState, Loading, Screen, useAction, useLoad } from "../ui.tsx";
import { ActionError } from "./home.tsx";
import type { ScreenProps } from "./index.ts";

interface EventCard {
  event_id: string;
  title: string;
  description: string;
  starts_at: string;
  round_minutes: number;
  rounds: number | null;
  capacity: number;
  state: string;
  topics: string[];
  registered: number;
  my_status: "registered" | "waiting" | "confirmed" | "released" | "cancelled" | null;
  utc_offset_minutes: number | null;
  reason?: { kind: "topic" | "people" | "new"; topic?: string } | null;
}

interface Mine {
  registrations: Array<
    EventCard & {
      schedule: Array<{ round: number; starts_at: string; ends_at: string; bye: boolean }>;
    }
  >;
  announced: Array<EventCard & { moderation: string }>;
}

/** `GET /events/{id}` answers `{ event }`; register, cancel and confirm answer `{ card }`. */
interface Outcome {
  status: string;
  event?: EventCard;
  card?: EventCard;
}

/** The start in the person's own time zone (their profile's offset), as the bot shows it. */
export function whenText(card: EventCard): string {
  const offset = card.utc_offset_minutes ?? -new Date(card.starts_at).getTimezoneOffset();
  const local = new Date(Date.parse(card.starts_at) + offset * 60_000);
  return local.toLocaleString("ru-RU", {
    timeZone: "UTC",
    weekday: "short",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** A time of day in the person's zone. */
function timeText(card: EventCard, iso: string): string {
  const offset = card.utc_offset_minutes ?? -new Date(iso).getTimezoneOffset();
  return new Date(Date.parse(iso) + offset * 60_000).toLocaleTimeString("ru-RU", {
    timeZone: "UTC",
    hour: "2-digit",
    minute: "2-digit",
  });
}

const ACTIVE = new Set(["registered", "waiting", "confirmed"]);

export function EventsScreen() {
  const { api, navigate } = useApp();
  const list = useLoad(() => api.get<{ events: EventCard[] }>("/events/recommended"));
  const mine = useLoad(() => api.get<Mine>("/events/mine"));
  const registrations = mine.data?.registrations ?? [];
  const announced = mine.data?.announced ?? [];
  return (
    <Screen name="events" title={t("app-events-title")}>
      <p class="muted">{t("app-events-intro")}</p>
      {mine.error !== undefined && <ErrorState error={mine.error} onRetry={mine.reload} />}
      {(registrations.length > 0 || announced.length > 0) && (
        <section aria-label={t("app-events-mine")}>
          <h2>{t("app-events-mine")}</h2>
          {registrations.map((card) => <EventItem key={card.event_id} card={card} />)}
          {announced.map((card) => (
            <EventItem key={card.event_id} card={card} moderation={card.moderation} />
          ))}
        </section>
      )}
      {list.error && <ErrorState error={list.error} onRetry={list.reload} />}
      {(!list.data || !mine.data) && !list.error && !mine.error && <Loading />}
      {list.data && (
        <section aria-label={t("app-events-upcoming")}>
          <h2>{t("app-events-upcoming")}</h2>
          {list.data.events.length === 0 && <p class="muted">{t("app-events-empty")}</p>}
          {list.data.events.map((card) => <EventItem key={card.event_id} card={card} />)}
        </section>
      )}
      <button
        type="button"
        class="button secondary"
        data-nav="event-new"
        onClick={() => navigate({ name: "event-new" })}
      >
        {t("app-events-announce")}
      </button>
    </Screen>
  );
}

function EventItem(props: { card: EventCard; moderation?: string }) {
  const { navigate } = useApp();
  const { card } = props;
  const left = Math.max(0, card.capacity - card.registered);
  return (
    <button
      type="button"
      class="card event-item"
      data-event={card.event_id}
      onClick={() => navigate({ name: "event", params: { id: card.event_id } })}
    >
      <span class="event-title">{card.title}</span>
      <span>{whenText(card)}</span>
      {card.reason && (
        <span class="muted">
          {t(`event-reason-${card.reason.kind}`, { topic: card.reason.topic ?? "" })}
        </span>
      )}
      <span class="muted">
        {left > 0 ? t("app-events-places-left", { n: left }) : t("app-events-full")}
      </span>
      {card.my_status && ACTIVE.has(card.my_status) && !props.moderation && (
        <span class="badge">{t(`app-events-status-${card.my_status}`)}</span>
      )}
      {props.moderation && (
        <span class="badge">{t(`app-events-moderation-${props.moderation}`)}</span>
      )}
    </button>
  );
}

export function EventScreen(props: ScreenProps) {
  const { api } = useApp();
  const id = props.params.id ?? "";
  const details = useLoad(() => api.get<Outcome>(`/events/${id}`));
  const mine = useLoad(() => api.get<Mine>("/events/mine"));
  const schedule = mine.data?.registrations.find((r) => r.event_id === id)?.schedule ?? [];
  const [notice, setNotice] = useState<string>();
  const act = useAction(async (method: "POST" | "DELETE", path: string) => {
    const outcome = await api.send<Outcome>(method, path);
    if (outcome.card) details.set({ status: "ok", card: outcome.card });
    else details.reload();
    mine.reload();
    setNotice(outcome.status);
  });
  const card = details.data?.event ?? details.data?.card;
  const left = card ? Math.max(0, card.capacity - card.registered) : 0;
  const open = card && (card.state === "not_started" || card.state === "reg_confirm");
  const status = card?.my_status;
  return (
    <Screen name="event" title={card?.title ?? t("app-events-title")}>
      {details.error && <ErrorState error={details.error} onRetry={details.reload} />}
      {!details.data && !details.error && <Loading />}
      {card && (
        <Card label={card.title}>
          <p data-field="when">{t("event-card-when", { when: whenText(card) })}</p>
          {card.description && <p class="pre">{card.description}</p>}
          {card.topics.length > 0 && (
            <ul class="chips" aria-label={t("app-events-topics")}>
              {card.topics.map((topic) => <li key={topic}>{topic}</li>)}
            </ul>
          )}
          <p data-field="places">
            {t("event-card-places", { registered: card.registered, capacity: card.capacity })}
            {" · "}
            {left > 0 ? t("app-events-places-left", { n: left }) : t("app-events-full")}
          </p>
          <p class="muted">{t("app-events-format", { minutes: card.round_minutes })}</p>
          {status && <p role="status" data-field="my-status">{t(`event-status-${status}`)}</p>}
          {notice === "waiting" && <p class="muted">{t("app-events-waiting-note")}</p>}
          {schedule.length > 0 && (
            <section aria-label={t("app-events-schedule")}>
              <h2>{t("app-events-schedule")}</h2>
              <ul class="list" data-field="schedule">
                {schedule.map((round) => (
                  <li key={round.round}>
                    {t(round.bye ? "app-events-round-bye" : "app-events-round", {
                      n: round.round,
                      from: timeText(card, round.starts_at),
                      to: timeText(card, round.ends_at),
                    })}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {open && (!status || status === "cancelled" || status === "released") && (
            <button
              type="button"
              class="button primary"
              data-action="register"
              disabled={act.pending}
              onClick={() => act.run("POST", `/events/${id}/register`)}
            >
              {left > 0 ? t("app-events-register") : t("app-events-join-waiting")}
            </button>
          )}
          {open && status === "registered" && card.state === "reg_confirm" && (
            <button
              type="button"
              class="button primary"
              data-action="confirm"
              disabled={act.pending}
              onClick={() => act.run("POST", `/events/${id}/confirm`)}
            >
              {t("app-events-confirm")}
            </button>
          )}
          {open && status && ACTIVE.has(status) && (
            <button
              type="button"
              class="button secondary"
              data-action="cancel-registration"
              disabled={act.pending}
              onClick={() => act.run("DELETE", `/events/${id}/register`)}
            >
              {t("app-events-cancel")}
            </button>
          )}
          <ActionError action={act} />
        </Card>
      )}
    </Screen>
  );
}

export function EventNewScreen() {
  const { api } = useApp();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [when, setWhen] = useState("");
  const [sent, setSent] = useState(false);
  // The typed time is in the person's own zone from their profile, as the bot's /newevent reads
  // it ("по вашему времени"); the device's zone only when the profile has none.
  const zone = useLoad(() =>
    api.get<{ profile: { utc_offset_minutes: number | null } }>("/profile")
  );
  const submit = useAction(async () => {
    await api.send("POST", "/events", {
      title,
      description,
      startsAt: inZone(when, zone.data?.profile.utc_offset_minutes ?? null),
    });
    setSent(true);
  });
  if (sent) {
    return (
      <Screen name="event-new" title={t("app-events-announce")}>
        <Card>
          <p role="status">{t("newevent-submitted")}</p>
        </Card>
      </Screen>
    );
  }
  return (
    <Screen name="event-new" title={t("app-events-announce")}>
      <Card label={t("app-events-announce")}>
        <label for="event-title">{t("app-events-new-title")}</label>
        <input
          id="event-title"
          maxLength={100}
          value={title}
          onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
        />
        <label for="event-description">{t("app-events-new-description")}</label>
        <textarea
          id="event-description"
          maxLength={1000}
          value={description}
          onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)}
        />
        <label for="event-when">{t("app-events-new-when")}</label>
        <input
          id="event-when"
          type="datetime-local"
          value={when}
          onInput={(e) => setWhen((e.target as HTMLInputElement).value)}
        />
        <p class="muted">{t("app-events-new-moderation")}</p>
        <ActionButton action={submit} name="announce">
          {t("newevent-submit-button")}
        </ActionButton>
        <ActionError action={submit} />
      </Card>
    </Screen>
  );
}
