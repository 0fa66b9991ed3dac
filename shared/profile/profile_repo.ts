import type { Db } from "../db/db.ts";

/** Typed access to the profile SQL functions (see supabase/migrations/*_profile_*.sql). */
export type OnboardingStep =
  | "rules"
  | "birth_year"
  | "pseudonym"
  | "timezone"
  | "topics"
  | "bio"
  | "purpose"
  | "availability"
  | "done";

export type AwaitedInput = "birth_year" | "pseudonym" | "timezone" | "bio";

export interface ProfileState {
  onboarding_step: OnboardingStep;
  awaiting_input: AwaitedInput | null;
  rules_accepted: boolean;
  onboarding_completed: boolean;
  pseudonym: string | null;
  age_pool: "teen" | "adult" | null;
  country: string | null;
  utc_offset_minutes: number | null;
  created?: boolean;
}

/** advanced: onboarding moved on; completed: it just finished; edited: a finished profile changed. */
export type StepOutcome = "advanced" | "completed" | "edited" | "unchanged";

export type StepResult =
  | { ok: true; outcome: StepOutcome; state: ProfileState }
  | { ok: false; reason: string };

export interface ProfileTopic {
  slug: string;
  title: string;
  group_slug: string;
  group_title: string;
  important: boolean;
}

export interface ProfileCard {
  pseudonym: string | null;
  birth_year: number | null;
  age: number | null;
  age_pool: "teen" | "adult" | null;
  timezone: string | null;
  utc_offset_minutes: number | null;
  country: string | null;
  bio: string | null;
  purpose: "support" | "advice" | "friendship" | null;
  available_hours: number[];
  onboarding_step: OnboardingStep;
  topics: ProfileTopic[];
}

export interface PickerTopic extends ProfileTopic {
  selected: boolean;
}

export interface TopicPicker {
  count: number;
  important_count: number;
  topics: PickerTopic[];
}

export type ToggleResult =
  | { ok: true; selected?: boolean; important?: boolean }
  | { ok: false; reason: string };

export function createProfileRepo(db: Db) {
  const call = <T>(fn: string, args: Record<string, unknown>) => db.call<T>(fn, args);
  return {
    ensureUser: (tgId: number) => call<ProfileState>("ensure_user", { p_tg_id: tgId }),
    state: (tgId: number) => call<ProfileState | null>("get_user_state", { p_tg_id: tgId }),
    acceptRules: (tgId: number) => call<StepResult>("accept_rules", { p_tg_id: tgId }),
    setBirthYear: (tgId: number, year: number) =>
      call<StepResult>("set_birth_year", { p_tg_id: tgId, p_birth_year: year }),
    setPseudonym: (tgId: number, pseudonym: string) =>
      call<StepResult>("set_pseudonym", { p_tg_id: tgId, p_pseudonym: pseudonym }),
    setTimezone: (tgId: number, name: string, offsetMinutes: number, country: string | null) =>
      call<StepResult>("set_timezone", {
        p_tg_id: tgId,
        p_timezone: name,
        p_utc_offset_minutes: offsetMinutes,
        p_country: country,
      }),
    setBio: (tgId: number, bio: string | null) =>
      call<StepResult>("set_bio", { p_tg_id: tgId, p_bio: bio }),
    setPurpose: (tgId: number, purpose: string) =>
      call<StepResult>("set_purpose", { p_tg_id: tgId, p_purpose: purpose }),
    setAvailableHours: (tgId: number, hours: number[]) =>
      call<StepResult>("set_available_hours", { p_tg_id: tgId, p_hours: hours }),
    setAwaitingInput: (tgId: number, input: AwaitedInput | null) =>
      call<StepResult>("set_awaiting_input", { p_tg_id: tgId, p_input: input }),
    topicPicker: (tgId: number) => call<TopicPicker | null>("get_topic_picker", { p_tg_id: tgId }),
    toggleTopic: (tgId: number, slug: string) =>
      call<ToggleResult>("toggle_topic", { p_tg_id: tgId, p_topic_slug: slug }),
    toggleImportant: (tgId: number, slug: string) =>
      call<ToggleResult>("toggle_important_topic", { p_tg_id: tgId, p_topic_slug: slug }),
    finishTopics: (tgId: number) =>
      call<{ ok: boolean; reason?: string; count?: number }>("finish_topics", { p_tg_id: tgId }),
    finishImportantTopics: (tgId: number) =>
      call<StepResult>("finish_important_topics", { p_tg_id: tgId }),
    card: (tgId: number) => call<ProfileCard | null>("get_profile_card", { p_tg_id: tgId }),
    saveEmbedding: (tgId: number, embedding: number[], model: string) =>
      call<{ ok: boolean }>("save_profile_embedding", {
        p_tg_id: tgId,
        // As text: the function casts it to vector(384), whichever adapter sends it.
        p_embedding: JSON.stringify(embedding),
        p_model: model,
      }),
    deleteUser: (tgId: number) => call<{ deleted: boolean }>("delete_user", { p_tg_id: tgId }),
  };
}

export type ProfileRepo = ReturnType<typeof createProfileRepo>;
