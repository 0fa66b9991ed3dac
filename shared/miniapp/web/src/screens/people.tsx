// People: those whose diary is close (with consent on both sides), «Предложить общение» through
// the normal consent card, and topics one writes about but has not chosen.
import { useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { useApp } from "../app.tsx";
import { t } from "../texts.ts";
import { Card, ErrorState, Loading, Screen, useAction, useLoad } from "../ui.tsx";
import { ActionError } from "./home.tsx";

interface Person {
  id: string;
  pseudonym: string;
  shared_topics: string[];
  closeness: "very_close" | "close" | "similar";
}

interface TopicSuggestion {
  id: string;
  title: string;
}

const isOff = (error: unknown) => error instanceof ApiError && error.code === "diary_matching_off";
const noDiaryYet = (error: unknown) => error instanceof ApiError && error.code === "no_portrait";

export function PeopleScreen() {
  const { api, navigate } = useApp();
  const people = useLoad(() => api.get<{ people: Person[] }>("/similar"));
  const topics = useLoad(() => api.get<{ topics: TopicSuggestion[] }>("/recommendations/topics"));
  const turnOn = useAction(async () => {
    await api.send("PATCH", "/diary/settings", { useForMatching: true });
    people.reload();
    topics.reload();
  });
  if (isOff(people.error)) {
    return (
      <Screen name="people" title={t("app-people-title")}>
        <Card label={t("app-people-off-title")}>
          <h2>{t("app-people-off-title")}</h2>
          <p class="pre">{t("app-people-off")}</p>
          <button
            type="button"
            class="button primary"
            data-action="allow"
            disabled={turnOn.pending}
            onClick={() => turnOn.run()}
          >
            {t("app-people-allow")}
          </button>
          <ActionError action={turnOn} />
        </Card>
      </Screen>
    );
  }
  if (noDiaryYet(people.error)) {
    return (
      <Screen name="people" title={t("app-people-title")}>
        <Card label={t("app-people-title")}>
          <p data-state="no-portrait">{t("app-people-no-portrait")}</p>
          <button
            type="button"
            class="button primary"
            data-nav="diary"
            onClick={() => navigate({ name: "diary" })}
          >
            {t("app-people-open-diary")}
          </button>
        </Card>
      </Screen>
    );
  }
  return (
    <Screen name="people" title={t("app-people-title")}>
      {people.error && <ErrorState error={people.error} onRetry={people.reload} />}
      {!people.data && !people.error && <Loading />}
      {people.data && people.data.people.length === 0 && (
        <p class="muted">{t("app-people-empty")}</p>
      )}
      {people.data?.people.map((person) => <PersonCard key={person.id} person={person} />)}
      {topics.data && topics.data.topics.length > 0 && (
        <Card label={t("app-people-topics")}>
          <h2>{t("app-people-topics")}</h2>
          <p class="muted">{t("app-people-topics-text")}</p>
          {topics.data.topics.map((topic) => <TopicRow key={topic.id} topic={topic} />)}
        </Card>
      )}
    </Screen>
  );
}

function PersonCard(props: { person: Person }) {
  const { api } = useApp();
  const [done, setDone] = useState(false);
  const propose = useAction(async () => {
    await api.send("POST", `/similar/${props.person.id}/propose`);
    setDone(true);
  });
  return (
    <Card label={props.person.pseudonym}>
      <p class="partner-name">{props.person.pseudonym}</p>
      <p class="muted">{t(`app-people-closeness-${props.person.closeness}`)}</p>
      {props.person.shared_topics.length > 0 && (
        <ul class="chips" aria-label={t("app-home-proposal-topics")}>
          {props.person.shared_topics.map((topic) => <li key={topic}>{topic}</li>)}
        </ul>
      )}
      {done ? <p role="status">{t("app-people-proposed")}</p> : (
        <button
          type="button"
          class="button primary"
          data-action="propose"
          disabled={propose.pending}
          onClick={() => propose.run()}
        >
          {t("app-people-propose")}
        </button>
      )}
      <ActionError action={propose} />
    </Card>
  );
}

function TopicRow(props: { topic: TopicSuggestion }) {
  const { api } = useApp();
  const [added, setAdded] = useState(false);
  const add = useAction(async () => {
    await api.send("POST", `/recommendations/topics/${props.topic.id}`);
    setAdded(true);
  });
  return (
    <div class="toggle topic-row">
      <span>{props.topic.title}</span>
      {added ? <span class="badge">{t("app-people-topic-added")}</span> : (
        <button
          type="button"
          class="button secondary small"
          disabled={add.pending}
          onClick={() => add.run()}
        >
          {t("app-people-topic-add")}
        </button>
      )}
      <ActionError action={add} />
    </div>
  );
}
