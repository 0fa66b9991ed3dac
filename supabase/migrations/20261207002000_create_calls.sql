-- Video calls: the same matching and consent as the text chat, for two people who both search
-- for a call. A call search is a queue row in mode 'call'; the search pairs only equal modes
-- (candidates_for, run_matching_tick), so nobody is proposed a call who did not ask for one.
-- The proposal is a match of kind 'call' with its `calls` row; the call's states:
--   proposed -> connecting (both accepted) -> live (media flows) -> ended
-- with the reasons next, end, report, timeout (no heartbeat), sanction, blocked (and declined,
-- expired for a proposal nobody took). The match is the conversation: whichever way it ends
-- (the room's buttons, /stop in the bot, a block, a sanction, /delete) ends the call too.
-- Media never touches the project (TURN relay only); the signalling rows (SDP, ICE candidates)
-- live only while the call is open.

-- Whether the person wants calls at all ('text_only' never enters a call search).
create table public.call_preferences (
  user_id uuid primary key references public.users (id) on delete cascade,
  preference text not null default 'video' check (preference in ('video', 'text_only')),
  updated_at timestamptz not null default now()
);

alter table public.match_queue
  add column mode text not null default 'chat' check (mode in ('chat', 'call'));

alter table public.matches
  add column kind text not null default 'chat' check (kind in ('chat', 'call'));

create table public.calls (
  id uuid primary key default gen_random_uuid(),
  match_id uuid not null unique references public.matches (id) on delete cascade,
  -- user_a (the lower id, as in the match) makes the offer; user_b answers.
  user_a uuid references public.users (id) on delete set null,
  user_b uuid references public.users (id) on delete set null,
  state text not null default 'proposed' check (state in ('proposed', 'connecting', 'live', 'ended')),
  created_at timestamptz not null default now(),
  connecting_at timestamptz,
  live_at timestamptz,
  ended_at timestamptz,
  end_reason text check (
    end_reason in (
      'next', 'end', 'report', 'timeout', 'sanction', 'blocked', 'declined', 'expired'
    )
  ),
  ended_by uuid references public.users (id) on delete set null,
  -- Last heartbeat of each side in the room (null: not in the room yet).
  a_seen_at timestamptz,
  b_seen_at timestamptz,
  -- ICE restarts asked for so far (the client tries one, then ends the call).
  restarts smallint not null default 0,
  check ((state = 'ended') = (ended_at is not null)),
  check (user_a < user_b)
);

create index calls_user_a_idx on public.calls (user_a, created_at desc);
create index calls_user_b_idx on public.calls (user_b, created_at desc);
create index calls_ended_by_idx on public.calls (ended_by) where ended_by is not null;
create index calls_open_idx on public.calls (connecting_at) where state in ('connecting', 'live');

-- SDP offers/answers and ICE candidates between the two participants, in order. Only relay
-- candidates are ever stored (the API refuses others). Deleted when the call ends.
create table public.call_signals (
  id bigint generated always as identity primary key,
  call_id uuid not null references public.calls (id) on delete cascade,
  sender_user_id uuid not null references public.users (id) on delete cascade,
  kind text not null check (kind in ('offer', 'answer', 'candidate', 'restart')),
  body jsonb not null check (octet_length(body::text) <= 20000),
  created_at timestamptz not null default now()
);

create index call_signals_call_idx on public.call_signals (call_id, id);
create index call_signals_sender_idx on public.call_signals (sender_user_id);

insert into public.matching_config (key, value, description)
values
  ('call_heartbeat_seconds', 15, 'A call ends when a side in the room sent no heartbeat for this long.'),
  ('call_join_seconds', 60, 'A call ends when a side has not opened the room this long after both accepted.')
on conflict (key) do nothing;

alter table public.call_preferences enable row level security;
alter table public.calls enable row level security;
alter table public.call_signals enable row level security;
-- Service only: the API reaches these through the security definer functions below, which
-- let only the two participants read or write a call's signals.
revoke all on public.call_preferences, public.calls, public.call_signals from anon, authenticated;

-- Creates proposals for pairs of users whose queue rows the caller has locked (internal): takes
-- them out of the queue and writes matches, members, events and both 'proposal' notifications
-- in one set-based statement (a tick creates thousands of proposals at once; a per-row payload
-- function made that several times slower).
create or replace function public.create_proposals(
  p_users uuid[],
  p_partners uuid[],
  p_scores double precision[]
)
returns uuid[]
language plpgsql
security definer
set search_path = ''
as $$
declare
  ttl interval := make_interval(mins => coalesce(
    (public.matching_settings() ->> 'proposal_ttl_minutes')::double precision, 5)::integer);
  ids uuid[];
begin
  if coalesce(cardinality(p_users), 0) = 0 then
    return '{}';
  end if;
  with pairs as materialized (
    select least(x.u, x.p) as low, greatest(x.u, x.p) as high, x.s, gen_random_uuid() as id
      from unnest(p_users, p_partners, p_scores) as x(u, p, s)
  ), shared as materialized (
    -- Shared topics with both weights; the top three (by combined weight, then catalogue
    -- order) are shown to both sides.
    select pairs.id, a.topic_id, t.title,
           row_number() over (
             partition by pairs.id order by a.weight + b.weight desc, t.sort_order, t.id
           ) as rank
      from pairs
      join public.user_topics a on a.user_id = pairs.low
      join public.user_topics b on b.user_id = pairs.high and b.topic_id = a.topic_id
      join public.topics t on t.id = a.topic_id
  ), topics_of as (
    select shared.id,
           array_agg(shared.topic_id order by shared.topic_id) as ids,
           coalesce(jsonb_agg(shared.title order by shared.rank) filter (where shared.rank <= 3),
                    '[]'::jsonb) as titles
      from shared
     group by shared.id
  ), left_queue as (
    delete from public.match_queue q
     using (select pairs.low as id from pairs union all select pairs.high from pairs) x
     where q.user_id = x.id
    returning q.user_id, q.enqueued_at, q.mode
  ), created as (
    -- A call when both people were searching for one (the search pairs only equal modes).
    insert into public.matches (id, user_a, user_b, expires_at, score, shared_topic_ids, kind)
    select pairs.id, pairs.low, pairs.high, now() + ttl, round(pairs.s::numeric, 4),
           coalesce(topics_of.ids, '{}'),
           case
             when (select count(*) from left_queue lq
                    where lq.user_id in (pairs.low, pairs.high) and lq.mode = 'call') = 2
               then 'call'
             else 'chat'
           end
      from pairs
      left join topics_of on topics_of.id = pairs.id
    returning id, user_a, user_b, expires_at, kind
  ), proposed_calls as (
    insert into public.calls (match_id, user_a, user_b)
    select created.id, created.user_a, created.user_b from created where created.kind = 'call'
  ), members as (
    -- The primary key refuses a second open match for either person.
    insert into public.match_members (user_id, match_id)
    select created.user_a, created.id from created
    union all
    select created.user_b, created.id from created
  ), events as (
    insert into public.domain_events (event, data)
    select 'match.proposed', jsonb_build_object('match_id', created.id) from created
  ), sides as (
    select created.id, created.user_a as me, created.user_b as partner, created.expires_at,
           created.kind
      from created
    union all
    select created.id, created.user_b, created.user_a, created.expires_at, created.kind
      from created
  ), notified as (
    -- What one side is told about the other: only what the partner chose to show.
    insert into public.outbox (user_id, tg_id, kind, payload)
    select me.id, me.tg_id, 'proposal', jsonb_build_object(
             'match_id', sides.id,
             'partner_pseudonym', partner.pseudonym,
             'shared_topics', coalesce(topics_of.titles, '[]'::jsonb),
             'partner_bio', left(partner.bio, 120),
             'time_difference_hours',
               round((partner.utc_offset_minutes - me.utc_offset_minutes) / 60.0, 1),
             'expires_minutes',
               greatest(ceil(extract(epoch from sides.expires_at - now()) / 60.0), 0)::integer,
             'waited_seconds',
               greatest(floor(extract(epoch from now() - left_queue.enqueued_at)), 0)::integer,
             'call', sides.kind = 'call'
           )
      from sides
      join public.users me on me.id = sides.me
      join public.users partner on partner.id = sides.partner
      left join topics_of on topics_of.id = sides.id
      left join left_queue on left_queue.user_id = sides.me
  )
  select coalesce(array_agg(created.id), '{}') into ids from created;
  return ids;
end
$$;

-- search walks the queue in order (priority, then longest waiting) through at most
-- enqueue_scan_limit rows (candidate_scan_limit with p_after_me), keeps the first candidate_pool_size that pass every rule, and
-- ranks those by score:
--   tag_overlap          * dot / (dot + overlap_shrinkage), dot = the IDF-weighted dot product
--                          of the topic vectors (chosen topics, and diary themes when allowed)
-- + time_overlap         * shared free hours / the smaller number of free hours (0.5 unknown)
-- + helpfulness          * the candidate's mean received rating, 0..1
-- + embedding_similarity * cosine similarity of the profile embeddings (0 when missing)
-- + mood_similarity      * (recent mood similarity - 0.5), only between two `support` seekers
--                          who both let their diary help (0 otherwise)
-- Two people in acute crisis are never candidates for each other.
-- p_after_me = true looks only behind the user in line: the tick uses it, because everyone
-- ahead already had their turn and the rules are symmetric.
create or replace function public.candidates_for(
  p_user_id uuid,
  p_limit integer default 10,
  p_after_me boolean default false
)
returns table (candidate_id uuid, score double precision, shared_topics integer)
language plpgsql
stable
security definer
set search_path = ''
-- Custom plans would be re-planned on every call (the limits are parameters); the generic plan
-- is the same index range scan and saves most of the cost of a call.
set plan_cache_mode = force_generic_plan
as $$
declare
  ctx record;
  me public.match_queue;
  cfg jsonb;
  soft_after interval;
  me_soft boolean;
  strict_min integer;
  soft_min integer;
  near_mask integer;
  soft_cutoff timestamptz;
  my_bits bit(1024);
  shrinkage double precision;
  excluded uuid[];
  scan_limit integer;
  from_key double precision := '-infinity';
  from_id uuid := '00000000-0000-0000-0000-000000000000';
begin
  -- One round trip for the user's row, embedding, settings and exclusions (blocked either way
  -- or in the cooldown: usually none, so one lookup per search beats three per candidate).
  select q as row, e.embedding, public.matching_settings() as cfg,
         array(
           select b.blocked_user_id from public.blocks b where b.blocker_user_id = p_user_id
           union all
           select b.blocker_user_id from public.blocks b where b.blocked_user_id = p_user_id
           union all
           select r.user_high from public.recent_contacts r
            where r.user_low = p_user_id and r.until > now()
           union all
           select r.user_low from public.recent_contacts r
            where r.user_high = p_user_id and r.until > now()
         ) as excluded
    into ctx
    from public.match_queue q
    left join public.profile_embeddings e on e.user_id = q.user_id
   where q.user_id = p_user_id and q.expires_at > now();
  if not found then
    return;
  end if;
  me := ctx.row;
  cfg := ctx.cfg;
  if p_after_me then
    from_key := me.queue_key;
    from_id := me.user_id;
  end if;
  soft_after := make_interval(mins => coalesce((cfg ->> 'soft_fallback_minutes')::double precision, 5)::integer);
  strict_min := coalesce((cfg ->> 'min_shared_topics_strict')::double precision, 2)::integer;
  soft_min := coalesce((cfg ->> 'min_shared_topics_soft')::double precision, 1)::integer;
  soft_cutoff := now() - soft_after;
  me_soft := me.arm = 'soft' and me.enqueued_at <= soft_cutoff;
  my_bits := me.topic_bits;
  shrinkage := greatest(coalesce((cfg ->> 'overlap_shrinkage')::double precision, 13), 0.001);
  excluded := ctx.excluded;
  scan_limit := coalesce((cfg ->> case when p_after_me then 'candidate_scan_limit' else 'enqueue_scan_limit' end)::double precision, 500)::integer;
  near_mask := public.hours_near_mask(
    extract(hour from now() at time zone 'utc')::integer,
    coalesce((cfg ->> 'window_tolerance_hours')::double precision, 3)::integer
  );

  return query
  select s.user_id, s.total, s.shared
    from (
      select c.user_id, c.queue_key, c.shared,
             coalesce((cfg ->> 'tag_overlap')::double precision, 0.6) * c.dot / (c.dot + shrinkage)
           + coalesce((cfg ->> 'time_overlap')::double precision, 0.2)
               * case
                   when c.utc_mask is null or me.utc_mask is null then 0.5
                   else bit_count((c.utc_mask & me.utc_mask)::bit(32))::double precision
                        / greatest(least(bit_count(c.utc_mask::bit(32)), bit_count(me.utc_mask::bit(32))), 1)
                 end
           + coalesce((cfg ->> 'helpfulness')::double precision, 0.2) * c.helpfulness
           + coalesce((cfg ->> 'mood_similarity')::double precision, 0.1)
               * case
                 when me.purpose = 'support' and c.purpose = 'support'
                   then public.mood_similarity(me.valence, me.arousal, c.valence, c.arousal)
                 else 0
               end
           + coalesce((cfg ->> 'embedding_similarity')::double precision, 0.05)
               * coalesce((
                   select 1 - (ctx.embedding operator(extensions.<=>) e.embedding)
                     from public.profile_embeddings e
                    where e.user_id = c.user_id
                 ), 0)
             as total
        from (
          -- No outer order by: the scan below is already in queue order, and without a sort
          -- the limit stops it as soon as enough candidates passed.
          select v.user_id, v.queue_key, v.utc_mask, v.helpfulness, v.purpose, v.valence,
                 v.arousal, bit_count(v.topic_bits & my_bits)::integer as shared,
                 greatest(-(v.topic_vec operator(extensions.<#>) me.topic_vec), 0) as dot
            from (
              select q.user_id, q.queue_key, q.expires_at, q.enqueued_at, q.arm, q.topic_bits,
                     q.topic_vec, q.utc_mask, q.helpfulness, q.purpose, q.valence, q.arousal,
                     q.acute
                from public.match_queue q
               where q.age_pool = me.age_pool
                 -- A call search is paired only with another call search (and a chat with a chat).
                 and q.mode = me.mode
                 and (q.queue_key, q.user_id) > (from_key, from_id)
               order by q.queue_key, q.user_id
               limit scan_limit
            ) v
           where v.user_id <> p_user_id
             and v.expires_at > now()
             and bit_count(v.topic_bits & my_bits) >= case
                   when me_soft or (v.arm = 'soft' and v.enqueued_at <= soft_cutoff)
                     then soft_min
                   else strict_min
                 end
             and case
                   when me.utc_mask is null and v.utc_mask is null then true
                   when me.utc_mask is null then (v.utc_mask & near_mask) <> 0
                   when v.utc_mask is null then (me.utc_mask & near_mask) <> 0
                   else (me.utc_mask & v.utc_mask) <> 0
                 end
             and v.user_id <> all(excluded)
             and not (me.acute and v.acute)
           limit coalesce((cfg ->> 'candidate_pool_size')::double precision, 10)::integer
        ) c
    ) s
   order by s.total desc, s.queue_key, s.user_id
   limit greatest(coalesce(p_limit, 10), 0);
end
$$;

-- The periodic sweep (pg_cron every 10 s on Supabase, an interval in the dev server): expires
-- proposals and searches, then pairs people who are due (see below), first in line first.
--
-- Pairing has two passes, both greedy in queue order (priority first, then longest waiting):
-- 1. Sorted neighbourhood, set-based: the queue is sorted twice (by topic set, and by
--    most-important topics then topic set), and each person's next few neighbours in either
--    order become candidate pairs. People with similar topics sit next to each other, so this
--    finds most good pairs while reading each queue row a few times instead of comparing
--    everyone with hundreds of others. Every rule is checked on each pair; the embedding
--    tie-breaker is computed only for pairs within reach of the person's best score.
-- 2. The exact per-person search (candidates_for) for due people still unpaired, until the
--    tick has used tick_budget_ms; whoever it does not reach stays due for the next tick. So a
--    cold start (thousands queued at once) or a full resweep is spread over a few ticks instead
--    of one long one.
create or replace function public.run_matching_tick()
returns jsonb
language plpgsql
security definer
set search_path = ''
-- The neighbourhood pass sorts tens of thousands of pair rows; keep them in memory.
set work_mem = '64MB'
as $$
declare
  started timestamptz := clock_timestamp();
  expired_proposals integer := 0;
  expired_queue integer := 0;
  pairs integer := 0;
  r record;
  candidate record;
  locked integer;
  taken boolean[] := '{}';
  n integer := 0;
  pair_users uuid[] := '{}';
  pair_partners uuid[] := '{}';
  pair_scores double precision[] := '{}';
  tried uuid[] := '{}';
  tried_n integer := 0;
  paired boolean;
  cfg jsonb := public.matching_settings();
  resweep interval := make_interval(
    secs => coalesce((cfg ->> 'resweep_seconds')::double precision, 600)
  );
  soft_after interval := make_interval(
    mins => coalesce((cfg ->> 'soft_fallback_minutes')::double precision, 5)::integer
  );
  budget interval := make_interval(
    secs => coalesce((cfg ->> 'tick_budget_ms')::double precision, 1200) / 1000
  );
  strict_min integer := coalesce((cfg ->> 'min_shared_topics_strict')::double precision, 2)::integer;
  soft_min integer := coalesce((cfg ->> 'min_shared_topics_soft')::double precision, 1)::integer;
  w_tags double precision := coalesce((cfg ->> 'tag_overlap')::double precision, 0.6);
  w_time double precision := coalesce((cfg ->> 'time_overlap')::double precision, 0.2);
  w_help double precision := coalesce((cfg ->> 'helpfulness')::double precision, 0.2);
  w_emb double precision := coalesce((cfg ->> 'embedding_similarity')::double precision, 0.05);
  w_mood double precision := coalesce((cfg ->> 'mood_similarity')::double precision, 0.1);
  shrinkage double precision :=
    greatest(coalesce((cfg ->> 'overlap_shrinkage')::double precision, 13), 0.001);
  near_mask integer := public.hours_near_mask(
    extract(hour from now() at time zone 'utc')::integer,
    coalesce((cfg ->> 'window_tolerance_hours')::double precision, 3)::integer
  );
begin
  -- One sweep at a time; a second concurrent call returns at once (row locks below still keep
  -- a concurrent /find from taking the same people).
  if not pg_try_advisory_xact_lock(hashtext('public.run_matching_tick')) then
    return jsonb_build_object(
      'status', 'ok', 'pairs', 0, 'expired_proposals', 0, 'expired_queue', 0, 'skipped', true
    );
  end if;
  for r in
    select m.id from public.matches m
     where m.state in ('proposed', 'accepted_by_one') and m.expires_at <= now()
     order by m.expires_at
       for update skip locked
  loop
    perform public.expire_proposal(r.id);
    expired_proposals := expired_proposals + 1;
  end loop;

  for r in
    select q.user_id from public.match_queue q
     where q.expires_at <= now()
       for update skip locked
  loop
    delete from public.match_queue where user_id = r.user_id;
    perform public.outbox_push(r.user_id, 'search_expired', '{}'::jsonb);
    insert into public.domain_events (user_id, event, data)
    values (r.user_id, 'search.expired', '{}'::jsonb);
    expired_queue := expired_queue + 1;
  end loop;

  -- Who is due: people not yet tried since they were (re)queued, whose last try is older than
  -- resweep_seconds (an hour or an ended cooldown may have changed the answer), and soft-arm
  -- people whose fallback began since their last try. Everyone else already compared
  -- themselves with the whole queue (a newcomer does so in find_partner), so a pair needs at
  -- least one due person.
  if not exists (
    select 1 from public.match_queue q
     where q.expires_at > now()
       and (q.tried_at is null
            or q.tried_at <= now() - resweep
            or (q.arm = 'soft' and q.enqueued_at + soft_after > q.tried_at
                and q.enqueued_at + soft_after <= now()))
  ) then
    return jsonb_build_object(
      'status', 'ok', 'pairs', 0, 'expired_proposals', expired_proposals,
      'expired_queue', expired_queue
    );
  end if;

  -- Pass 1: sorted neighbourhood. Rows come ordered by the earlier person in line, best pair
  -- first; a pair is taken when both people are still free (an earlier person always takes
  -- a free partner when one is left, so each pair only needs to be seen from its earlier side).
  for r in
    with q as materialized (
      select q.user_id, q.queue_key, q.age_pool, q.mode, q.topic_bits, q.top_bits, q.topic_vec,
             q.utc_mask, q.helpfulness, q.purpose, q.valence, q.arousal, q.acute,
             q.arm = 'soft' and q.enqueued_at + soft_after <= now() as soft,
             (q.tried_at is null
              or q.tried_at <= now() - resweep
              or (q.arm = 'soft' and q.enqueued_at + soft_after > q.tried_at
                  and q.enqueued_at + soft_after <= now())) as due,
             row_number() over (order by q.queue_key, q.user_id)::integer as i
        from public.match_queue q
       where q.expires_at > now()
    ), near as (
      select distinct least(n.i, x.j) as di, greatest(n.i, x.j) as ci
        from (
          select q.i,
                 lead(q.i, 1) over by_topics as t1, lead(q.i, 2) over by_topics as t2,
                 lead(q.i, 3) over by_topics as t3, lead(q.i, 1) over by_top as p1,
                 lead(q.i, 2) over by_top as p2, lead(q.i, 3) over by_top as p3
            from q
          window by_topics as (partition by q.age_pool, q.mode order by q.topic_bits, q.i),
                 by_top as (partition by q.age_pool, q.mode order by q.top_bits, q.topic_bits desc, q.i)
        ) n
        cross join lateral (values (n.t1), (n.t2), (n.t3), (n.p1), (n.p2), (n.p3)) as x(j)
       where x.j is not null
    ), excluded as (
      -- Blocked either way or in the cooldown: usually few rows, so one hashed anti-join.
      select least(b.blocker_user_id, b.blocked_user_id) as low,
             greatest(b.blocker_user_id, b.blocked_user_id) as high
        from public.blocks b
      union all
      select rc.user_low, rc.user_high from public.recent_contacts rc where rc.until > now()
    ), scored as (
      select near.di, near.ci, d.user_id as d_id, c.user_id as c_id,
             w_tags * ov.dot / (ov.dot + shrinkage)
           + w_time * case
                        when c.utc_mask is null or d.utc_mask is null then 0.5
                        else bit_count((c.utc_mask & d.utc_mask)::bit(32))::double precision
                             / greatest(least(bit_count(c.utc_mask::bit(32)),
                                              bit_count(d.utc_mask::bit(32))), 1)
                      end
           + w_help * c.helpfulness
           + w_mood * case
                 when d.purpose = 'support' and c.purpose = 'support'
                   then public.mood_similarity(d.valence, d.arousal, c.valence, c.arousal)
                 else 0
               end
             as base
        from near
        join q d on d.i = near.di
        join q c on c.i = near.ci
        cross join lateral (
          select greatest(-(d.topic_vec operator(extensions.<#>) c.topic_vec), 0) as dot
        ) ov
       where (d.due or c.due)
         and d.mode = c.mode
         and not (d.acute and c.acute)
         and bit_count(d.topic_bits & c.topic_bits)
             >= case when d.soft or c.soft then soft_min else strict_min end
         and case
               when d.utc_mask is null and c.utc_mask is null then true
               when d.utc_mask is null then (c.utc_mask & near_mask) <> 0
               when c.utc_mask is null then (d.utc_mask & near_mask) <> 0
               else (d.utc_mask & c.utc_mask) <> 0
             end
         and not exists (
               select 1 from excluded x
                where x.low = least(d.user_id, c.user_id) and x.high = greatest(d.user_id, c.user_id)
             )
    ), best as (
      select scored.*, max(scored.base) over (partition by scored.di) as best
        from scored
    ), ranked as (
      select best.*,
             count(*) filter (where best.base >= best.best - 2 * w_emb)
               over (partition by best.di) as contenders
        from best
    )
    select ranked.di, ranked.ci, ranked.d_id, ranked.c_id,
           ranked.base + case
             -- The embedding moves a score by at most w_emb either way: only pairs within
             -- 2 * w_emb of the person's best can change places with it, and only when there
             -- are two of them.
             when ranked.contenders > 1 and ranked.base >= ranked.best - 2 * w_emb
               then w_emb * coalesce((
               select 1 - (ed.embedding operator(extensions.<=>) ec.embedding)
                 from public.profile_embeddings ed, public.profile_embeddings ec
                where ed.user_id = ranked.d_id and ec.user_id = ranked.c_id
             ), 0)
             else 0
           end as score
      from ranked
     order by ranked.di, score desc, ranked.ci
  loop
    if coalesce(taken[r.di], false) or coalesce(taken[r.ci], false) then
      continue;
    end if;
    taken[r.di] := true;
    taken[r.ci] := true;
    n := n + 1;
    pair_users[n] := r.d_id;
    pair_partners[n] := r.c_id;
    pair_scores[n] := r.score;
  end loop;

  if n > 0 then
    -- Lock both queue rows of every chosen pair (skip locked: a concurrent /find may hold one);
    -- a pair proceeds only when both are still queued, free and locked.
    with chosen as (
      select x.u, x.p, x.s from unnest(pair_users, pair_partners, pair_scores) as x(u, p, s)
    ), lockable as (
      select q.user_id
        from public.match_queue q
        join (select chosen.u as id from chosen union all select chosen.p from chosen) c
          on c.id = q.user_id
       where q.expires_at > now()
         and not exists (select 1 from public.match_members mm where mm.user_id = q.user_id)
         for update of q skip locked
    )
    select coalesce(array_agg(chosen.u), '{}'), coalesce(array_agg(chosen.p), '{}'),
           coalesce(array_agg(chosen.s), '{}')
      into pair_users, pair_partners, pair_scores
      from chosen
     where chosen.u in (select lockable.user_id from lockable)
       and chosen.p in (select lockable.user_id from lockable);
    pairs := cardinality(public.create_proposals(pair_users, pair_partners, pair_scores));
  end if;

  -- Pass 2: the exact search for due people still waiting, within the time budget. A due
  -- person looks only behind themselves in line (whoever is ahead had their turn, and the rules
  -- are symmetric); a soft fallback that just began looks at the whole line. Few pairs are left
  -- for this pass, so each is written at once and leaves the queue for the searches after it.
  for r in
    select q.user_id,
           q.tried_at is not null and q.arm = 'soft'
             and q.enqueued_at + soft_after > q.tried_at
             and q.enqueued_at + soft_after <= now() as whole_line
      from public.match_queue q
     where q.expires_at > now()
       and (q.tried_at is null
            or q.tried_at <= now() - resweep
            or (q.arm = 'soft' and q.enqueued_at + soft_after > q.tried_at
                and q.enqueued_at + soft_after <= now()))
     order by q.queue_key, q.user_id
  loop
    exit when clock_timestamp() - started > budget;
    paired := false;
    for candidate in select * from public.candidates_for(r.user_id, 3, not r.whole_line) loop
      select count(*) into locked
        from (
          select 1 from public.match_queue q
           where q.user_id in (r.user_id, candidate.candidate_id) and q.expires_at > now()
             for update skip locked
        ) x;
      if locked = 2 then
        pairs := pairs + cardinality(public.create_proposals(
          array[r.user_id], array[candidate.candidate_id], array[candidate.score]
        ));
        paired := true;
        exit;
      end if;
    end loop;
    if not paired then
      tried_n := tried_n + 1;
      tried[tried_n] := r.user_id;
    end if;
  end loop;
  -- Spread the next retries over the resweep period so one tick does not retry everyone.
  update public.match_queue q
     set tried_at = now() - random() * resweep / 2
   where q.user_id = any(tried);

  return jsonb_build_object(
    'status', 'ok', 'pairs', pairs, 'expired_proposals', expired_proposals,
    'expired_queue', expired_queue
  );
end
$$;

-- Someone put back in line because their call proposal fell through (a decline, an expiry, a
-- withdrawal: that match ended in this very transaction) keeps searching for a call, whichever
-- function put them back (enqueue_user knows nothing of calls).
create or replace function public.match_queue_inherit_call_mode()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.mode = 'chat' and exists (
    select 1 from public.matches m
     where m.kind = 'call' and m.ended_at = now()
       and (m.user_a = new.user_id or m.user_b = new.user_id)
  ) then
    new.mode := 'call';
  end if;
  return new;
end
$$;

create trigger match_queue_inherit_call_mode
before insert on public.match_queue
for each row execute function public.match_queue_inherit_call_mode();

-- The call follows its match: both accepted -> connecting; the proposal declined or expired,
-- or the conversation ended any way at all -> ended with the matching reason, and the
-- signalling rows are gone.
create or replace function public.matches_sync_call()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.state = 'active' then
    update public.calls
       set state = 'connecting', connecting_at = now()
     where match_id = new.id and state = 'proposed';
  elsif new.state in ('declined', 'expired', 'ended') then
    update public.calls
       set state = 'ended', ended_at = now(), ended_by = new.ended_by,
           end_reason = case new.end_reason
             when 'next' then 'next'
             when 'stop' then 'end'
             when 'report' then 'report'
             when 'block' then 'blocked'
             when 'sanction' then 'sanction'
             when 'gone' then 'timeout'
             when 'decline' then 'declined'
             when 'expire' then 'expired'
             else case new.state when 'declined' then 'declined' when 'expired' then 'expired'
                                 else 'end' end
           end
     where match_id = new.id and state <> 'ended';
    delete from public.call_signals s
     using public.calls c
     where c.match_id = new.id and s.call_id = c.id;
  end if;
  return null;
end
$$;

create trigger matches_sync_call
after update of state on public.matches
for each row when (new.kind = 'call' and new.state is distinct from old.state)
execute function public.matches_sync_call();

-- Notices about a call's match say so (`call: true`), so the bot words them for a call; the
-- functions that queue them (respond_to_proposal, finish_chat, ...) stay as they are.
create or replace function public.outbox_mark_call()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.kind in ('chat_started', 'chat_ended', 'rate_request', 'proposal_declined', 'proposal_expired')
     and not (new.payload ? 'call')
     and coalesce(new.payload ->> 'match_id', '')
         ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
     and exists (
       select 1 from public.matches m
        where m.id = (new.payload ->> 'match_id')::uuid and m.kind = 'call'
     ) then
    new.payload := new.payload || jsonb_build_object('call', true);
  end if;
  return new;
end
$$;

create trigger outbox_mark_call
before insert on public.outbox
for each row execute function public.outbox_mark_call();

-- The moderators' card of a report says whether it was made from a call.
create or replace function public.moderation_report_card(p_match_id uuid, p_reporter_tg_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select to_jsonb(q) || jsonb_build_object('call', coalesce(m.kind = 'call', false))
    from admin.reports_queue q
    join public.reports r on r.id = q.report_id
    join public.users u on u.id = r.reporter_user_id
    left join public.matches m on m.id = r.match_id
   where r.match_id = p_match_id and u.tg_id = p_reporter_tg_id
   order by r.id desc
   limit 1
$$;


revoke execute on function public.match_queue_inherit_call_mode() from public, anon, authenticated;
revoke execute on function public.matches_sync_call() from public, anon, authenticated;
revoke execute on function public.outbox_mark_call() from public, anon, authenticated;
revoke execute on function public.moderation_report_card(uuid, bigint) from public, anon, authenticated;
revoke execute on function public.create_proposals(uuid[], uuid[], double precision[]) from public, anon, authenticated;
revoke execute on function public.candidates_for(uuid, integer, boolean) from public, anon, authenticated;
revoke execute on function public.run_matching_tick() from public, anon, authenticated;
grant execute on function public.moderation_report_card(uuid, bigint) to service_role;
grant execute on function public.create_proposals(uuid[], uuid[], double precision[]) to service_role;
grant execute on function public.candidates_for(uuid, integer, boolean) to service_role;
grant execute on function public.run_matching_tick() to service_role;
