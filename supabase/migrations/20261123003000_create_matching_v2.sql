-- Matching v2: the diary (only with the user's consent) and rarer shared topics sharpen the score.
--   * users.diary_matching: "use my diary to find people", off by default. When on, the themes
--     the portrait found extend the person's topics at a lower weight (never shown to anyone:
--     the proposal card lists only topics both chose), and for two `support` seekers a similar
--     recent mood adds to the score.
--   * The topic-overlap term becomes an IDF-weighted dot product with shrinkage: it grows with
--     the evidence (eight shared topics beat two) and a shared rare experience weighs more than
--     a shared popular hobby. tests/eval/ is the offline evaluation behind the choice
--     (k = 13 and diary_topic_weight = 0.5: see tests/eval/README.md).
--   * Two people in acute crisis are never proposed to each other.

alter table public.users add column diary_matching boolean not null default false;

-- Switches "use my diary to find people" on or off. Takes effect at the next search.
create or replace function public.set_diary_matching(p_tg_id bigint, p_on boolean)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid;
begin
  if p_on is null then
    raise exception 'p_on must be true or false' using errcode = '22023';
  end if;
  update public.users set diary_matching = p_on where tg_id = p_tg_id returning id into me;
  if me is null then
    return jsonb_build_object('status', 'not_registered');
  end if;
  insert into public.domain_events (user_id, event, data)
  values (me, case when p_on then 'diary.matching_on' else 'diary.matching_off' end, '{}');
  return jsonb_build_object('status', 'ok', 'diary_matching', p_on);
end
$$;

revoke execute on function public.set_diary_matching(bigint, boolean) from public, anon, authenticated;
grant execute on function public.set_diary_matching(bigint, boolean) to service_role;

insert into public.matching_config (key, value, description)
values
  ('overlap_shrinkage', 13, 'k in the topic term dot / (dot + k): the IDF-weighted evidence at which it reaches half.'),
  ('diary_topic_weight', 0.5, 'Weight of a topic found in the diary (chosen topics weigh 1, most important 2); 0 = off.'),
  ('diary_theme_min', 0.2, 'A diary theme counts when its portrait weight (share of recent entries) reaches this.'),
  ('mood_similarity', 0.1, 'Score weight of a similar recent mood between two support seekers who allow the diary.'),
  ('mood_min_entries', 3, 'Analysed diary entries needed before the mood counts for matching.'),
  ('mood_recent_days', 14, 'The portrait must have changed within this many days for its mood to count.'),
  ('crisis_valence', -0.6, 'A recent diary mood at or below this marks acute crisis (two such people are never paired).'),
  ('crisis_guard_hours', 72, 'A high-severity crisis flag marks acute crisis for this many hours.')
on conflict (key) do nothing;

-- How rare each topic is among people with topics: idf = ln((1 + N) / (1 + df)) + 1 (the +1 keeps
-- a topic everyone has worth something). Refreshed daily; a topic without a row weighs 1.
create table public.topic_idf (
  topic_id integer primary key references public.topics (id) on delete cascade,
  people integer not null check (people >= 0),
  idf double precision not null check (idf > 0),
  refreshed_at timestamptz not null default now()
);

alter table public.topic_idf enable row level security;
revoke all on public.topic_idf from anon, authenticated;

create or replace function public.refresh_topic_idf()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  refreshed integer;
begin
  with population as (
    select count(distinct t.user_id)::double precision as total from public.user_topics t
  ), df as (
    select tp.id, count(t.user_id)::integer as people
      from public.topics tp
      left join public.user_topics t on t.topic_id = tp.id
     group by tp.id
  )
  insert into public.topic_idf as i (topic_id, people, idf, refreshed_at)
  select df.id, df.people, ln((1 + population.total) / (1 + df.people)) + 1, now()
    from df, population
  on conflict (topic_id) do update
    set people = excluded.people, idf = excluded.idf, refreshed_at = excluded.refreshed_at;
  get diagnostics refreshed = row_count;
  return refreshed;
end
$$;

-- A user's topics as a sparse vector (index = topic id mod 1024 + 1): weight * sqrt(idf), so the
-- inner product of two vectors sums weight_a * weight_b * idf over shared topics. With
-- users.diary_matching on, portrait themes the user did not choose join at diary_topic_weight.
create or replace function public.user_topic_vector(p_user_id uuid, p_cfg jsonb)
returns extensions.sparsevec
language sql
stable
security definer
set search_path = ''
as $$
  with chosen as (
    select t.topic_id, t.weight::double precision as weight
      from public.user_topics t
     where t.user_id = p_user_id
  ), from_diary as (
    select tp.id as topic_id,
           coalesce((p_cfg ->> 'diary_topic_weight')::double precision, 0.5) as weight
      from public.users u
      join public.user_portraits p on p.user_id = u.id
      cross join lateral jsonb_each_text(p.themes) as th(slug, share)
      join public.topics tp on tp.slug = th.slug
     where u.id = p_user_id
       and u.diary_matching
       and th.share::double precision
           >= coalesce((p_cfg ->> 'diary_theme_min')::double precision, 0.2)
       and not exists (select 1 from chosen c where c.topic_id = tp.id)
  ), entries as (
    select (a.topic_id % 1024) + 1 as idx, sum(a.weight * sqrt(coalesce(i.idf, 1))) as value
      from (select * from chosen union all select * from from_diary) a
      left join public.topic_idf i on i.topic_id = a.topic_id
     group by 1
  )
  select ('{' || coalesce(string_agg(e.idx || ':' || e.value, ',' order by e.idx), '') || '}/1024')
           ::extensions.sparsevec
    from entries e
   where e.value > 0
$$;

-- The recent mood from the diary portrait, only when the user lets the diary help matching and
-- it rests on enough recent entries; no row otherwise.
create or replace function public.recent_mood(p_user_id uuid, p_cfg jsonb)
returns table (valence double precision, arousal double precision)
language sql
stable
security definer
set search_path = ''
as $$
  select p.valence_mean, p.arousal_mean
    from public.users u
    join public.user_portraits p on p.user_id = u.id
   where u.id = p_user_id
     and u.diary_matching
     and p.valence_mean is not null
     and p.arousal_mean is not null
     and p.entry_count >= coalesce((p_cfg ->> 'mood_min_entries')::double precision, 3)
     and p.updated_at > now() - make_interval(
           days => coalesce((p_cfg ->> 'mood_recent_days')::double precision, 14)::integer)
$$;

-- Acute crisis: a high-severity crisis flag in the last crisis_guard_hours, or a recent diary mood
-- at or below crisis_valence. Two such people are never proposed to each other: each should
-- meet someone steadier first.
create or replace function public.in_acute_crisis(
  p_user_id uuid,
  p_recent_valence double precision,
  p_cfg jsonb
)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(p_recent_valence <= coalesce((p_cfg ->> 'crisis_valence')::double precision, -0.6), false)
      or exists (
           select 1 from public.safety_flags f
            where f.user_id = p_user_id
              and f.severity = 'high'
              and f.created_at > now() - make_interval(
                    hours => coalesce((p_cfg ->> 'crisis_guard_hours')::double precision, 72)::integer)
         )
$$;

-- Similarity of two recent moods, centred: +0.5 for the same valence and arousal, -0.5 for
-- opposite ends, 0 when either is unknown (so not sharing a diary neither helps nor hurts).
create or replace function public.mood_similarity(
  p_valence_a double precision,
  p_arousal_a double precision,
  p_valence_b double precision,
  p_arousal_b double precision
)
returns double precision
language sql
immutable
set search_path = ''
as $$
  select coalesce(
    0.5 - (abs(p_valence_a - p_valence_b) / 2 + abs(p_arousal_a - p_arousal_b)) / 2,
    0
  )
$$;

-- The queue row carries the new attributes (snapshotted at enqueue like the rest); topic_weight
-- only fed the old overlap term.
alter table public.match_queue
  add column topic_vec extensions.sparsevec(1024) not null default '{}/1024',
  add column purpose text check (purpose in ('support', 'advice', 'friendship')),
  add column valence double precision,
  add column arousal double precision,
  add column acute boolean not null default false,
  drop column topic_weight;

select public.refresh_topic_idf();

update public.match_queue q
   set topic_vec = public.user_topic_vector(q.user_id, public.matching_settings()),
       purpose = (select p.purpose from public.preferences p where p.user_id = q.user_id);

alter table public.match_queue alter column topic_vec drop default;

-- IDF once a day where pg_cron exists; the dev server calls refresh_topic_idf() itself.
do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'pg_cron') then
    create extension if not exists pg_cron;
    perform cron.schedule('topic-idf', '23 3 * * *', 'select public.refresh_topic_idf()');
  end if;
end
$$;

-- Puts a user into the queue with a fresh snapshot of their matching attributes (internal).
-- Returns false when they were already queued.
create or replace function public.enqueue_user(p_user_id uuid, p_priority boolean default false)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  cfg jsonb := public.matching_settings();
  inserted integer;
begin
  insert into public.match_queue (
    user_id, expires_at, priority, age_pool, arm, topic_bits, top_bits, utc_mask, helpfulness,
    topic_vec, purpose, valence, arousal, acute
  )
  select u.id,
         now() + make_interval(hours => coalesce((cfg ->> 'queue_ttl_hours')::double precision, 24)::integer),
         coalesce(p_priority, false),
         public.age_pool(u.birth_year),
         public.experiment_arm(u.id, 'matching_fallback'),
         public.user_topic_bits(u.id, 1),
         public.user_topic_bits(u.id, 2),
         p.available_utc_mask,
         public.user_helpfulness(u.id, coalesce((cfg ->> 'helpfulness_default')::double precision, 0.5)),
         public.user_topic_vector(u.id, cfg),
         p.purpose,
         mood.valence,
         mood.arousal,
         public.in_acute_crisis(u.id, mood.valence, cfg)
    from public.users u
    left join public.preferences p on p.user_id = u.id
    left join lateral public.recent_mood(u.id, cfg) mood on true
   where u.id = p_user_id and public.age_pool(u.birth_year) is not null
  on conflict (user_id) do nothing;
  get diagnostics inserted = row_count;
  return inserted > 0;
end
$$;

-- The best partners for a queued user, best first. Candidates are other queued people; the
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
      select q.user_id, q.queue_key, q.age_pool, q.topic_bits, q.top_bits, q.topic_vec,
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
          window by_topics as (partition by q.age_pool order by q.topic_bits, q.i),
                 by_top as (partition by q.age_pool order by q.top_bits, q.topic_bits desc, q.i)
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

revoke execute on function public.refresh_topic_idf() from public, anon, authenticated;
revoke execute on function public.user_topic_vector(uuid, jsonb) from public, anon, authenticated;
revoke execute on function public.recent_mood(uuid, jsonb) from public, anon, authenticated;
revoke execute on function public.in_acute_crisis(uuid, double precision, jsonb) from public, anon, authenticated;
revoke execute on function public.mood_similarity(double precision, double precision, double precision, double precision)
  from public, anon, authenticated;
grant execute on function public.refresh_topic_idf() to service_role;
grant execute on function public.user_topic_vector(uuid, jsonb) to service_role;
grant execute on function public.recent_mood(uuid, jsonb) to service_role;
grant execute on function public.in_acute_crisis(uuid, double precision, jsonb) to service_role;
grant execute on function public.mood_similarity(double precision, double precision, double precision, double precision)
  to service_role;
