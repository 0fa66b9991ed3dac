-- Online meeting events (issue 10), step 1: the tables and the round-robin schedule.
-- An event runs NOT_STARTED -> REG_CONFIRM -> READY -> RUNNING -> FINISHED (or CANCELLED); the
-- state machine, the bot and the API come in the following migrations. Rounds happen in the
-- bot's anonymous relay chat; nothing here ever holds message content.

create table public.events (
  id uuid primary key default gen_random_uuid(),
  title text not null check (char_length(title) between 3 and 100),
  description text not null default '' check (char_length(description) <= 1000),
  -- Catalogue topics the event is about (ids of public.topics).
  topic_ids integer[] not null default '{}' check (cardinality(topic_ids) <= 10),
  starts_at timestamptz not null,
  round_minutes integer not null default 5 check (round_minutes between 2 and 30),
  pause_minutes integer not null default 1 check (pause_minutes between 0 and 10),
  -- null: "until everyone met" (a full round robin within each group).
  rounds integer check (rounds between 1 and 59),
  capacity integer not null default 30 check (capacity between 2 and 300),
  -- Largest group; more confirmed people are split into balanced groups.
  group_size integer not null default 12 check (group_size between 2 and 60),
  age_pool text not null default 'adult' check (age_pool in ('teen', 'adult')),
  language text not null default 'ru' check (language ~ '^[a-z]{2}$'),
  link text check (link ~ '^https://' and char_length(link) <= 300),
  -- Announced by a user: pending until a moderator approves it. null: created by an admin.
  created_by uuid references public.users (id) on delete set null,
  moderation text not null default 'approved' check (moderation in ('pending', 'approved', 'rejected')),
  state text not null default 'not_started' check (
    state in ('not_started', 'reg_confirm', 'ready', 'running', 'finished', 'cancelled')
  ),
  -- The round being played (1-based) while running.
  current_round integer,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index events_upcoming_idx on public.events (starts_at)
  where state in ('not_started', 'reg_confirm', 'ready', 'running');
create index events_created_by_idx on public.events (created_by) where created_by is not null;

create table public.event_registrations (
  event_id uuid not null references public.events (id) on delete cascade,
  user_id uuid not null references public.users (id) on delete cascade,
  -- registered -> confirmed, or waiting (the list is full) -> registered when a place frees;
  -- released: not confirmed in time; cancelled: withdrawn by the person.
  status text not null default 'registered' check (
    status in ('registered', 'waiting', 'confirmed', 'released', 'cancelled')
  ),
  registered_at timestamptz not null default now(),
  confirmed_at timestamptz,
  group_no integer,
  primary key (event_id, user_id)
);

create index event_registrations_user_idx on public.event_registrations (user_id);

-- The schedule: one row per pair and round in a group; user_b null is a bye (sitting out).
create table public.event_pairs (
  event_id uuid not null references public.events (id) on delete cascade,
  group_no integer not null,
  round integer not null check (round >= 1),
  user_a uuid references public.users (id) on delete set null,
  user_b uuid references public.users (id) on delete set null,
  -- Why someone sits out: the odd one in the circle, or a pair that must not meet.
  bye_reason text check (bye_reason in ('odd', 'blocked', 'recent')),
  match_id uuid references public.matches (id) on delete set null,
  primary key (event_id, group_no, round, user_a)
);

create index event_pairs_user_a_idx on public.event_pairs (user_a);
create index event_pairs_user_b_idx on public.event_pairs (user_b);
create index event_pairs_match_id_idx on public.event_pairs (match_id) where match_id is not null;

-- Who met whom at an event (ids and time only), so later events avoid repeating a pair.
create table public.event_pair_history (
  user_low uuid not null references public.users (id) on delete cascade,
  user_high uuid not null references public.users (id) on delete cascade,
  event_id uuid references public.events (id) on delete set null,
  met_at timestamptz not null default now(),
  primary key (user_low, user_high, met_at),
  check (user_low < user_high)
);

create index event_pair_history_user_high_idx on public.event_pair_history (user_high);
create index event_pair_history_event_id_idx on public.event_pair_history (event_id);

alter table public.events enable row level security;
alter table public.event_registrations enable row level security;
alter table public.event_pairs enable row level security;
alter table public.event_pair_history enable row level security;
revoke all on public.events, public.event_registrations, public.event_pairs,
  public.event_pair_history from anon, authenticated;

-- The circle method for n people: seats 0..m-1 (m = n rounded up to even; seat m-1 is the bye
-- when n is odd). Seat m-1 stays put, the others rotate one step per round; in round r (0-based)
-- the fixed seat meets seat r and seats x, y meet when x + y = 2r (mod m - 1). Every pair meets
-- exactly once in m - 1 rounds, and with odd n each person sits out exactly once, in turn.
-- Returns 1-based rounds and 0-based seats; b is null for the one sitting out.
create or replace function public.circle_pairs(p_n integer)
returns table (round integer, a integer, b integer)
language sql
immutable
set search_path = ''
as $$
  with m as (
    select p_n + p_n % 2 as seats where p_n >= 2
  ), rounds as (
    select r from m, generate_series(0, m.seats - 2) as r
  ), pairs as (
    -- The fixed seat with the rotating seat r.
    select rounds.r, rounds.r as x, m.seats - 1 as y from rounds, m
    union all
    select rounds.r, x, ((2 * rounds.r - x) % (m.seats - 1) + (m.seats - 1)) % (m.seats - 1) as y
      from rounds, m, generate_series(0, m.seats - 2) as x
     where x <> rounds.r
  )
  select p.r + 1,
         least(p.x, p.y),
         case when greatest(p.x, p.y) >= p_n then null else greatest(p.x, p.y) end
    from pairs p
   where p.x < p.y
   order by 1, 2
$$;

revoke execute on function public.circle_pairs(integer) from public, anon, authenticated;
grant execute on function public.circle_pairs(integer) to service_role;

-- Splits the confirmed participants into balanced groups (sizes differ by at most one; people
-- with similar topics together) and writes every group's rounds: the circle method, with the
-- seating that keeps pairs who must not meet (blocked either way, in a chat cooldown) out of
-- the rounds played, and the rounds ordered so that pairs with more in common come early and
-- pairs who met at an earlier event come last (dropped when the event has fewer rounds). A pair
-- that must not meet still sits out its round, both of them. Idempotent: an event that has a
-- schedule keeps it. Returns the number of rows written.
create or replace function public.build_event_schedule(p_event_id uuid)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  ev public.events;
  cfg jsonb := public.matching_settings();
  shrinkage double precision :=
    greatest(coalesce((cfg ->> 'overlap_shrinkage')::double precision, 13), 0.001);
  people uuid[];
  groups integer;
  g integer;
  members uuid[];
  n integer;
  seats integer;
  played integer;
  seating integer;
  best_attempt integer;
  best_quality double precision;
  quality double precision;
  written integer := 0;
  added integer;
begin
  select * into ev from public.events e where e.id = p_event_id for update;
  if not found or exists (select 1 from public.event_pairs p where p.event_id = p_event_id) then
    return 0;
  end if;

  -- Groups: order by the topic set (similar people next to each other), deal in contiguous runs.
  select array_agg(r.user_id order by public.user_topic_bits(r.user_id, 1), r.user_id)
    into people
    from public.event_registrations r
   where r.event_id = p_event_id and r.status = 'confirmed';
  n := coalesce(cardinality(people), 0);
  if n < 2 then
    return 0;
  end if;
  groups := ceil(n::double precision / ev.group_size)::integer;
  update public.event_registrations r
     set group_no = 1 + ((x.i - 1) * groups) / n
    from unnest(people) with ordinality as x(user_id, i)
   where r.event_id = p_event_id and r.user_id = x.user_id;

  -- Affinity is the matching score's topic term: the IDF-weighted overlap of the topic vectors
  -- (with diary themes for those who allow it), shrunk the same way. One vector per person.
  drop table if exists pg_temp.schedule_vectors;
  create temp table schedule_vectors (user_id uuid primary key, vec extensions.sparsevec)
    on commit drop;
  insert into pg_temp.schedule_vectors
  select x.user_id, public.user_topic_vector(x.user_id, cfg) from unnest(people) as x(user_id);
  create temp table if not exists pg_temp.schedule_pairs (
    attempt integer, round integer, a uuid, b uuid, forbidden text, met boolean,
    affinity double precision
  ) on commit drop;

  for g in 1..groups loop
    select array_agg(r.user_id order by r.user_id) into members
      from public.event_registrations r
     where r.event_id = p_event_id and r.status = 'confirmed' and r.group_no = g;
    n := cardinality(members);
    if n < 2 then
      continue;
    end if;
    seats := n + n % 2;
    played := least(coalesce(ev.rounds, seats - 1), seats - 1);
    truncate pg_temp.schedule_pairs;

    -- Eight seatings (deterministic per event), each with every round scored.
    insert into pg_temp.schedule_pairs (attempt, round, a, b, forbidden, met, affinity)
    select s.attempt, c.round, sa.user_id, sb.user_id, null, false, 0
      from generate_series(1, 8) as s(attempt)
      cross join lateral (
        select m.user_id, (row_number() over (order by md5(m.user_id::text || p_event_id::text || s.attempt)) - 1)::integer as seat
          from unnest(members) as m(user_id)
      ) sa
      join public.circle_pairs(n) c on c.a = sa.seat
      left join lateral (
        select m.user_id, (row_number() over (order by md5(m.user_id::text || p_event_id::text || s.attempt)) - 1)::integer as seat
          from unnest(members) as m(user_id)
      ) sb on sb.seat = c.b;

    update pg_temp.schedule_pairs sp
       set forbidden = case
             when exists (
               select 1 from public.blocks bl
                where (bl.blocker_user_id = sp.a and bl.blocked_user_id = sp.b)
                   or (bl.blocker_user_id = sp.b and bl.blocked_user_id = sp.a)
             ) then 'blocked'
             when exists (
               select 1 from public.recent_contacts rc
                where rc.user_low = least(sp.a, sp.b) and rc.user_high = greatest(sp.a, sp.b)
                  and rc.until > now()
             ) then 'recent'
           end,
           met = exists (
             select 1 from public.event_pair_history h
              where h.user_low = least(sp.a, sp.b) and h.user_high = greatest(sp.a, sp.b)
           ),
           affinity = (
             select d.dot / (d.dot + shrinkage)
               from (
                 select greatest(-(va.vec operator(extensions.<#>) vb.vec), 0) as dot
                   from pg_temp.schedule_vectors va, pg_temp.schedule_vectors vb
                  where va.user_id = sp.a and vb.user_id = sp.b
               ) d
           )
     where sp.b is not null;

    -- A seating's quality: its best `played` rounds; a forbidden pair in them costs the most.
    best_quality := null;
    for seating in 1..8 loop
      select sum(q.score) into quality
        from (
          select sum(case when sp.forbidden is not null then -100 when sp.met then -10
                          else sp.affinity end) as score
            from pg_temp.schedule_pairs sp
           where sp.attempt = seating
           group by sp.round
           order by 1 desc, sp.round
           limit played
        ) q;
      if best_quality is null or quality > best_quality then
        best_quality := quality;
        best_attempt := seating;
      end if;
    end loop;

    insert into public.event_pairs (event_id, group_no, round, user_a, user_b, bye_reason)
    select p_event_id, g, o.new_round, x.user_a, x.user_b, x.bye_reason
      from (
        select sp.round,
               row_number() over (
                 order by sum(case when sp.forbidden is not null then -100 when sp.met then -10
                                   else sp.affinity end) desc, sp.round
               ) as new_round
          from pg_temp.schedule_pairs sp
         where sp.attempt = best_attempt
         group by sp.round
      ) o
      join pg_temp.schedule_pairs sp on sp.attempt = best_attempt and sp.round = o.round
      cross join lateral (
        select sp.a as user_a, sp.b as user_b, null::text as bye_reason
         where sp.b is not null and sp.forbidden is null
        union all
        select sp.a, null, 'odd' where sp.b is null
        union all
        select who, null, sp.forbidden
          from unnest(array[sp.a, sp.b]) as who
         where sp.b is not null and sp.forbidden is not null
      ) x
     where o.new_round <= played;
    get diagnostics added = row_count;
    written := written + added;
  end loop;
  return written;
end
$$;

revoke execute on function public.build_event_schedule(uuid) from public, anon, authenticated;
grant execute on function public.build_event_schedule(uuid) to service_role;
