import type { SanctionInfo } from "../safety/sanctions.ts";

/**
 * Result shapes of the recommendation SQL functions
 * (supabase/migrations/20261123003100_create_recommendations.sql). Every result carries
 * `status`, so callers switch on it.
 */

/** Why the user cannot get or take person recommendations now. */
export type RecommendRefusal =
  | { status: "profile_incomplete" | "diary_matching_off" | "no_portrait" }
  | { status: "already_in_chat"; match_id: string }
  | { status: "proposal_pending"; match_id: string; expires_at?: string }
  /** A mute or ban is in force (see shared/safety/sanctions.ts). */
  | ({ status: "restricted" } & SanctionInfo);

/** How close two portraits are, as one coarse word (never the number). */
export type Closeness = "very_close" | "close" | "similar";

/** One /similar card: the card's id (to take it), never the person's. */
export interface PersonCard {
  id: string;
  pseudonym: string;
  /** Up to three topics both people chose for their profiles (never diary themes). */
  shared_topics: string[];
  closeness: Closeness;
}

export type SimilarPeopleResult = { status: "ok"; people: PersonCard[] } | RecommendRefusal;

export type TakePersonResult =
  | { status: "proposed"; match_id: string }
  | { status: "not_found" | "stale" | "already_taken" | "unavailable" }
  | RecommendRefusal;

export interface TopicCard {
  id: string;
  topic_id: number;
  slug: string;
  title: string;
}

export type TopicSuggestionsResult =
  | { status: "ok"; topics: TopicCard[] }
  | { status: "profile_incomplete" | "diary_matching_off" | "no_portrait" | "topics_full" };

export type TakeTopicResult =
  | { status: "added" | "already_chosen"; topic_id: number; title: string }
  | {
    status:
      | "not_found"
      | "stale"
      | "already_taken"
      | "profile_incomplete"
      | "diary_matching_off"
      | "topics_full";
  };

/** recommendation_metrics(): cards shown and taken, per kind. */
export type RecommendationMetricsResult = Record<string, { shown: number; taken: number }>;
