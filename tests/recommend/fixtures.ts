import type { SqlDb } from "../../shared/db/db.ts";
import {
  call,
  type FixtureUser,
  type Json,
  makeUser,
  type UserSpec,
  vectorLiteral,
} from "../matching/fixtures.ts";

/**
 * A complete profile whose diary portrait is given directly: `head` are the first values of
 * its 384-d vector (the rest zeros), `themes` its themes by slug. `optIn` switches "use my
 * diary to find people" on (through set_diary_matching, as the bot does).
 */
export async function diaryUser(
  db: SqlDb,
  spec: UserSpec & { head?: number[]; themes?: Record<string, number>; optIn?: boolean },
): Promise<FixtureUser> {
  const user = await makeUser(db, spec);
  if (spec.head || spec.themes) await setPortrait(db, user, spec.head ?? null, spec.themes ?? {});
  if (spec.optIn ?? true) await call(db, "set_diary_matching", { p_tg_id: user.tg, p_on: true });
  return user;
}

export async function setPortrait(
  db: SqlDb,
  user: FixtureUser,
  head: number[] | null,
  themes: Record<string, number>,
): Promise<void> {
  await db.query(
    `insert into public.user_portraits (user_id, entry_count, themes, embedding, embedding_model)
     values ($1, 3, $2::jsonb, $3::extensions.vector, 'test')
     on conflict (user_id) do update
       set themes = excluded.themes, embedding = excluded.embedding`,
    [user.id, JSON.stringify(themes), head ? vectorLiteral(head) : null],
  );
}

export function similar(db: SqlDb, user: FixtureUser, limit?: number): Promise<Json> {
  return call(db, "similar_people", { p_tg_id: user.tg, ...(limit ? { p_limit: limit } : {}) });
}

export function takePerson(db: SqlDb, user: FixtureUser, recId: string): Promise<Json> {
  return call(db, "take_person_recommendation", { p_tg_id: user.tg, p_rec_id: recId });
}

export function topics(db: SqlDb, user: FixtureUser, limit?: number): Promise<Json> {
  return call(db, "topic_recommendations", {
    p_tg_id: user.tg,
    ...(limit ? { p_limit: limit } : {}),
  });
}

export function takeTopic(db: SqlDb, user: FixtureUser, recId: string): Promise<Json> {
  return call(db, "take_topic_recommendation", { p_tg_id: user.tg, p_rec_id: recId });
}

/** The pseudonyms on a similar_people answer, in order. */
export function names(result: Json): string[] {
  return (result.people ?? []).map((p: Json) => p.pseudonym);
}

/** Recommendation rows of one user (as the viewer), oldest first. */
export async function rowsOf(db: SqlDb, user: FixtureUser): Promise<Json[]> {
  return await db.query<Json>(
    `select id, kind, recommender, target_user_id, topic_id, score, shown_at, taken_at
       from public.recommendations where user_id = $1 order by shown_at, id`,
    [user.id],
  );
}

/** Pretends the user's cards were shown `hours` ago. */
export async function ageCards(db: SqlDb, user: FixtureUser, hours: number): Promise<void> {
  await db.query(
    `update public.recommendations
        set shown_at = shown_at - make_interval(hours => $2)
      where user_id = $1 and taken_at is null`,
    [user.id, hours],
  );
}

export async function matchesOf(db: SqlDb, user: FixtureUser): Promise<Json[]> {
  return await db.query<Json>(
    "select id, state, user_a, user_b from public.matches where $1 in (user_a, user_b) order by proposed_at",
    [user.id],
  );
}
