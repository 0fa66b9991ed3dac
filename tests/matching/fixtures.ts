import type { SqlDb } from "../../shared/db/db.ts";

export interface UserSpec {
  tg: number;
  /** Indexes into the topic catalogue (ordered by id); weight 2 for those in `top`. */
  topics: number[];
  top?: number[];
  birthYear?: number;
  offsetMinutes?: number;
  /** Local free hours; omitted or empty means "not said". */
  hours?: number[];
  arm?: "strict" | "soft";
  embedding?: number[];
  done?: boolean;
}

export interface FixtureUser {
  id: string;
  tg: number;
}

/** Topic ids of the seeded catalogue, in id order. */
export async function topicIds(db: SqlDb): Promise<number[]> {
  const rows = await db.query<{ id: number }>("select id from public.topics order by id");
  return rows.map((row) => row.id);
}

/** A user with a complete profile (unless `done: false`), built with plain inserts. */
export async function makeUser(db: SqlDb, spec: UserSpec): Promise<FixtureUser> {
  const ids = await topicIds(db);
  const [row] = await db.query<{ id: string }>(
    `insert into public.users (tg_id, pseudonym, bio, birth_year, utc_offset_minutes,
       rules_accepted_at, onboarding_step)
     values ($1, $2, $3, $4, $5, now(), $6) returning id`,
    [
      spec.tg,
      `user${spec.tg}`,
      `bio of ${spec.tg}`,
      spec.birthYear ?? 1990,
      spec.offsetMinutes ?? 0,
      spec.done === false ? "topics" : "done",
    ],
  );
  const id = row!.id;
  for (const index of spec.topics) {
    await db.query(
      "insert into public.user_topics (user_id, topic_id, weight) values ($1, $2, $3)",
      [id, ids[index], spec.top?.includes(index) ? 2 : 1],
    );
  }
  await db.query(
    "insert into public.preferences (user_id, purpose, available_hours) values ($1, 'support', $2::smallint[])",
    [id, `{${(spec.hours ?? []).join(",")}}`],
  );
  if (spec.arm) {
    await db.query(
      `insert into public.experiment_assignments (user_id, experiment, arm)
       values ($1, 'matching_fallback', $2)`,
      [id, spec.arm],
    );
  }
  if (spec.embedding) {
    await db.query(
      "insert into public.profile_embeddings (user_id, embedding, model) values ($1, $2::extensions.vector, 'test')",
      [id, vectorLiteral(spec.embedding)],
    );
  }
  return { id, tg: spec.tg };
}

/** A 384-dimensional vector literal: the given leading values, then zeros. */
export function vectorLiteral(head: number[]): string {
  const values = Array.from({ length: 384 }, (_, i) => head[i] ?? 0);
  return `[${values.join(",")}]`;
}

// deno-lint-ignore no-explicit-any
export type Json = Record<string, any>;

export function call(db: SqlDb, fn: string, args: Record<string, unknown> = {}): Promise<Json> {
  return db.call<Json>(fn, args);
}

export function find(db: SqlDb, user: FixtureUser): Promise<Json> {
  return call(db, "find_partner", { p_tg_id: user.tg });
}

/** Outbox rows of one user, oldest first. */
export async function outboxOf(db: SqlDb, user: FixtureUser): Promise<Json[]> {
  return await db.query<Json>(
    "select kind, payload, status from public.outbox where user_id = $1 order by id",
    [user.id],
  );
}

/** Pretends time passed for everything the matching functions compare with now(). */
export async function ageQueue(db: SqlDb, minutes: number): Promise<void> {
  await db.query(
    `update public.match_queue
        set enqueued_at = enqueued_at - make_interval(mins => $1),
            expires_at = expires_at - make_interval(mins => $1),
            tried_at = tried_at - make_interval(mins => $1)`,
    [minutes],
  );
}

export async function ageProposals(db: SqlDb, minutes: number): Promise<void> {
  await db.query(
    `update public.matches
        set proposed_at = proposed_at - make_interval(mins => $1),
            expires_at = expires_at - make_interval(mins => $1)
      where state in ('proposed', 'accepted_by_one')`,
    [minutes],
  );
}

/** Two users proposed to each other (a searches first, b's search pairs them). */
export async function proposedPair(
  db: SqlDb,
  a: UserSpec,
  b: UserSpec,
): Promise<{ a: FixtureUser; b: FixtureUser; matchId: string }> {
  const ua = await makeUser(db, a);
  const ub = await makeUser(db, b);
  await find(db, ua);
  const result = await find(db, ub);
  if (result.status !== "proposed") throw new Error(`expected a proposal, got ${result.status}`);
  return { a: ua, b: ub, matchId: result.match_id };
}

/** Two users in an active chat. */
export async function activeChat(
  db: SqlDb,
  a: UserSpec,
  b: UserSpec,
): Promise<{ a: FixtureUser; b: FixtureUser; matchId: string }> {
  const pair = await proposedPair(db, a, b);
  await call(db, "respond_to_proposal", {
    p_tg_id: a.tg,
    p_match_id: pair.matchId,
    p_accept: true,
  });
  const started = await call(db, "respond_to_proposal", {
    p_tg_id: b.tg,
    p_match_id: pair.matchId,
    p_accept: true,
  });
  if (started.status !== "chat_started") throw new Error(`expected a chat, got ${started.status}`);
  return pair;
}
