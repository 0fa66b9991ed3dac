// Profile: the card, and editing it with the bot's checks and Russian reasons (bio, purpose,
// availability, time zone; topics with the most important ones on their own screen).
import { useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { useApp } from "../app.tsx";
import { t } from "../texts.ts";
import { ActionButton, Card, ErrorState, Loading, Screen, useAction, useLoad } from "../ui.tsx";
import { ActionError } from "./home.tsx";

type Purpose = "support" | "advice" | "friendship";

interface ProfileTopic {
  slug: string;
  title: string;
  group_title: string;
  important: boolean;
}

interface ProfileData {
  profile: {
    pseudonym: string | null;
    age: number | null;
    timezone: string | null;
    utc_offset_minutes: number | null;
    bio: string | null;
    purpose: Purpose | null;
    available_hours: number[];
    topics: ProfileTopic[];
  };
  timezones: Array<{ code: string; name: string; utc_offset_minutes: number }>;
  limits: { bio_max: number; topics_min: number; topics_max: number; important_max: number };
  crisis?: boolean;
}

interface Catalogue {
  limits: { topics_min: number; topics_max: number; important_max: number };
  groups: Array<{
    slug: string;
    title: string;
    topics: Array<{ slug: string; title: string; selected: boolean; important: boolean }>;
  }>;
}

const PURPOSES: Purpose[] = ["support", "advice", "friendship"];
/** The bot's windows of the day (shared/profile/availability.ts). */
const WINDOWS = [
  { key: "night", hours: [0, 1, 2, 3, 4, 5] },
  { key: "morning", hours: [6, 7, 8, 9, 10, 11] },
  { key: "day", hours: [12, 13, 14, 15, 16, 17] },
  { key: "evening", hours: [18, 19, 20, 21, 22, 23] },
];

const offsetText = (minutes: number) => {
  const sign = minutes < 0 ? "−" : "+";
  const abs = Math.abs(minutes);
  return `UTC${sign}${Math.floor(abs / 60)}${
    abs % 60 ? `:${String(abs % 60).padStart(2, "0")}` : ""
  }`;
};

/** A refusal's field (`bio`, `timezone`…) so its reason shows under that field. */
const fieldOf = (error: unknown): string =>
  error instanceof ApiError
    ? String((error.body?.error as { field?: string } | undefined)?.field ?? "")
    : "";

/** The person's zone among the choices: by code or name, else the first with their offset. */
function zoneOf(profile: ProfileData["profile"], timezones: ProfileData["timezones"]) {
  return timezones.find((z) => z.name === profile.timezone || z.code === profile.timezone) ??
    timezones.find((z) => z.utc_offset_minutes === profile.utc_offset_minutes);
}

export function ProfileScreen() {
  const { api, navigate } = useApp();
  const loaded = useLoad(() => api.get<ProfileData>("/profile"));
  const [bio, setBio] = useState<string | null>(null);
  const [hours, setHours] = useState<number[] | null>(null);
  const save = useAction(async (change: Record<string, unknown>) => {
    loaded.set(await api.send<ProfileData>("PATCH", "/profile", change));
    setBio(null);
    setHours(null);
  });
  if (loaded.error) {
    return (
      <Screen name="profile" title={t("app-profile-title")}>
        <ErrorState error={loaded.error} onRetry={loaded.reload} />
      </Screen>
    );
  }
  if (!loaded.data) {
    return (
      <Screen name="profile" title={t("app-profile-title")}>
        <Loading />
      </Screen>
    );
  }
  const { profile, timezones, limits } = loaded.data;
  const bioValue = bio ?? profile.bio ?? "";
  const hoursValue = hours ?? profile.available_hours;
  const failedField = fieldOf(save.error);
  return (
    <Screen name="profile" title={t("app-profile-title")}>
      <Card label={t("app-profile-card")}>
        <p class="partner-name" data-field="pseudonym">{profile.pseudonym}</p>
        {profile.age !== null && <p class="muted">{t("app-profile-age", { age: profile.age })}</p>}
        <ul class="chips" aria-label={t("app-profile-topics")}>
          {profile.topics.map((topic) => (
            <li key={topic.slug}>{topic.important ? `★ ${topic.title}` : topic.title}</li>
          ))}
        </ul>
        <button
          type="button"
          class="button secondary"
          data-nav="profile-topics"
          onClick={() => navigate({ name: "profile-topics" })}
        >
          {t("app-profile-edit-topics")}
        </button>
      </Card>

      <Card label={t("app-profile-bio")}>
        <label for="bio">{t("app-profile-bio")}</label>
        <textarea
          id="bio"
          maxLength={limits.bio_max}
          value={bioValue}
          aria-describedby="bio-hint bio-error"
          onInput={(e) => {
            setBio((e.target as HTMLTextAreaElement).value);
            save.clearError();
          }}
        />
        <p id="bio-hint" class="muted">
          {t("app-profile-bio-hint", { n: [...bioValue].length, max: limits.bio_max })}
        </p>
        {failedField === "bio" && (
          <p id="bio-error" class="field-error" role="alert" data-field="bio-error">
            {(save.error as ApiError).message}
          </p>
        )}
        <button
          type="button"
          class="button primary"
          data-action="save-bio"
          disabled={save.pending || bio === null || bio === (profile.bio ?? "")}
          onClick={() => save.run({ bio: bioValue.trim() === "" ? null : bioValue })}
        >
          {t("app-save")}
        </button>
      </Card>

      <Card label={t("app-profile-purpose")}>
        <label for="purpose">{t("app-profile-purpose")}</label>
        <select
          id="purpose"
          value={profile.purpose ?? ""}
          disabled={save.pending}
          onChange={(e) => save.run({ purpose: (e.target as HTMLSelectElement).value })}
        >
          {PURPOSES.map((p) => <option key={p} value={p}>{t(`profile-purpose-${p}`)}</option>)}
        </select>
      </Card>

      <Card label={t("app-profile-availability")}>
        <fieldset class="windows">
          <legend>{t("app-profile-availability")}</legend>
          {WINDOWS.map((w) => {
            const on = w.hours.every((h) => hoursValue.includes(h));
            return (
              <label key={w.key} class="check">
                <input
                  type="checkbox"
                  checked={on}
                  data-window={w.key}
                  onChange={() =>
                    setHours(
                      on
                        ? hoursValue.filter((h) => !w.hours.includes(h))
                        : [...new Set([...hoursValue, ...w.hours])].sort((a, b) => a - b),
                    )}
                />
                {t(`profile-window-${w.key}`)}
              </label>
            );
          })}
        </fieldset>
        {failedField === "available_hours" && (
          <p class="field-error" role="alert">{(save.error as ApiError).message}</p>
        )}
        <button
          type="button"
          class="button primary"
          data-action="save-hours"
          disabled={save.pending || hours === null}
          onClick={() => save.run({ available_hours: hoursValue })}
        >
          {t("app-save")}
        </button>
      </Card>

      <Card label={t("app-profile-timezone")}>
        <label for="timezone">{t("app-profile-timezone")}</label>
        <select
          id="timezone"
          disabled={save.pending}
          value={zoneOf(profile, timezones)?.code ?? ""}
          onChange={(e) => save.run({ timezone: (e.target as HTMLSelectElement).value })}
        >
          {!zoneOf(profile, timezones) && (
            <option value="">
              {profile.utc_offset_minutes === null ? "—" : offsetText(profile.utc_offset_minutes)}
            </option>
          )}
          {timezones.map((z) => (
            <option key={z.code} value={z.code}>
              {z.name} ({offsetText(z.utc_offset_minutes)})
            </option>
          ))}
        </select>
      </Card>
      {save.error !== undefined && failedField !== "bio" && failedField !== "available_hours" && (
        <ErrorState error={save.error} />
      )}
      {loaded.data.crisis && <p class="muted">{t("app-diary-crisis-help")}</p>}
    </Screen>
  );
}

export function ProfileTopicsScreen() {
  const { api, back } = useApp();
  const catalogue = useLoad(() => api.get<Catalogue>("/topics"));
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [important, setImportant] = useState<string[] | null>(null);
  const [query, setQuery] = useState("");
  const save = useAction(async () => {
    await api.send("PATCH", "/profile", { topics: chosen, important });
    back();
  });
  if (catalogue.error) {
    return (
      <Screen name="profile-topics" title={t("app-profile-topics")}>
        <ErrorState error={catalogue.error} onRetry={catalogue.reload} />
      </Screen>
    );
  }
  if (!catalogue.data) {
    return (
      <Screen name="profile-topics" title={t("app-profile-topics")}>
        <Loading />
      </Screen>
    );
  }
  const all = catalogue.data.groups.flatMap((g) => g.topics);
  const selected = chosen ?? all.filter((x) => x.selected).map((x) => x.slug);
  const starred = important ?? all.filter((x) => x.important).map((x) => x.slug);
  const { limits } = catalogue.data;
  const needle = query.trim().toLowerCase();
  const toggle = (slug: string) => {
    const next = selected.includes(slug) ? selected.filter((s) => s !== slug) : [...selected, slug];
    setChosen(next);
    setImportant(starred.filter((s) => next.includes(s)));
  };
  const star = (slug: string) =>
    setImportant(starred.includes(slug) ? starred.filter((s) => s !== slug) : [...starred, slug]);
  const valid = selected.length >= limits.topics_min && selected.length <= limits.topics_max &&
    starred.length >= 1 && starred.length <= limits.important_max;
  return (
    <Screen name="profile-topics" title={t("app-profile-topics")}>
      <p class="muted" data-field="topic-count">
        {t("app-profile-topics-hint", {
          n: selected.length,
          min: limits.topics_min,
          max: limits.topics_max,
          important: limits.important_max,
        })}
      </p>
      <label for="topic-search">{t("app-profile-topics-search")}</label>
      <input
        id="topic-search"
        type="search"
        value={query}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
      />
      {catalogue.data.groups.map((group) => {
        const topics = group.topics.filter((x) =>
          !needle || x.title.toLowerCase().includes(needle)
        );
        if (topics.length === 0) return null;
        return (
          <Card key={group.slug} label={group.title}>
            <h2>{group.title}</h2>
            {topics.map((topic) => {
              const on = selected.includes(topic.slug);
              const isStar = starred.includes(topic.slug);
              return (
                <div key={topic.slug} class="toggle topic-row">
                  <label class="check">
                    <input
                      type="checkbox"
                      checked={on}
                      data-topic={topic.slug}
                      onChange={() => toggle(topic.slug)}
                    />
                    {topic.title}
                  </label>
                  {on && (
                    <button
                      type="button"
                      class={`star ${isStar ? "selected" : ""}`}
                      aria-pressed={isStar}
                      aria-label={t("app-profile-important", { topic: topic.title })}
                      data-star={topic.slug}
                      onClick={() => star(topic.slug)}
                    >
                      {isStar ? "★" : "☆"}
                    </button>
                  )}
                </div>
              );
            })}
          </Card>
        );
      })}
      <ActionButton action={save} name="save-topics">{t("app-save")}</ActionButton>
      {!valid && <p class="muted">{t("app-profile-topics-invalid")}</p>}
      <ActionError action={save} />
    </Screen>
  );
}
