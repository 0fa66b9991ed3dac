-- Candidate selection and scoring. Hard rules filter (age pool, shared topics, free hours,
-- blocks, cooldown, nobody already in a match); a weighted score read from matching_config
-- orders what is left.

-- All knobs as one json object, read once per call.
create or replace function public.matching_settings()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_object_agg(c.key, c.value), '{}'::jsonb) from public.matching_config c
$$;

-- public.age_pool(birth_year) ('teen' 16-17, 'adult' 18+, null otherwise) is helper A's, in
-- 20261122000600_create_profile_functions.sql: teens are matched only with teens.

-- A user's topics as a 1024-bit set (bit = topic id mod 1024), optionally only weight-2 ones.
-- Shared-topic counts then cost one AND and a popcount per pair. (Ids past 1023 would share
-- bits and over-count; the catalogue has under a hundred topics.)
create or replace function public.user_topic_bits(p_user_id uuid, p_min_weight integer default 1)
returns bit(1024)
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(
    bit_or(b'1'::bit(1024) >> (t.topic_id % 1024)),
    b'0'::bit(1024)
  )
    from public.user_topics t
   where t.user_id = p_user_id and t.weight >= p_min_weight
$$;

-- Mean rating received in the last 90 days, scaled from 1..5 to 0..1; p_default when unrated.
create or replace function public.user_helpfulness(p_user_id uuid, p_default double precision)
returns double precision
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((avg(r.score)::double precision - 1) / 4, p_default)
    from public.ratings r
   where r.rated_user_id = p_user_id and r.created_at > now() - interval '90 days'
$$;

-- The user's arm in an experiment, assigned on first use: a hash of the user id gives a stable
-- 50/50 split without storing any randomness.
create or replace function public.experiment_arm(p_user_id uuid, p_experiment text)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  chosen text;
begin
  select e.arm into chosen
    from public.experiment_assignments e
   where e.user_id = p_user_id and e.experiment = p_experiment;
  if found then
    return chosen;
  end if;
  chosen := case
    when (('x' || left(md5(p_user_id::text || ':' || p_experiment), 8))::bit(32)::integer & 1) = 0
      then 'strict'
    else 'soft'
  end;
  insert into public.experiment_assignments (user_id, experiment, arm)
  values (p_user_id, p_experiment, chosen)
  on conflict (user_id, experiment) do nothing;
  select e.arm into chosen
    from public.experiment_assignments e
   where e.user_id = p_user_id and e.experiment = p_experiment;
  return chosen;
end
$$;

-- UTC hours within ±p_tolerance hours of p_hour, as a 24-bit mask (a rotated run of ones).
create or replace function public.hours_near_mask(p_hour integer, p_tolerance integer)
returns integer
language sql
immutable
as $$
  select case
    when p_tolerance >= 12 then 16777215
    else (((((1 << (2 * greatest(p_tolerance, 0) + 1)) - 1) << ((p_hour - greatest(p_tolerance, 0) + 24) % 24))
          | ((((1 << (2 * greatest(p_tolerance, 0) + 1)) - 1)) >> ((24 - (p_hour - greatest(p_tolerance, 0) + 24) % 24) % 24)))
          & 16777215)
  end
$$;

-- The best partners for a queued user, best first. Candidates are other queued people; the
-- search walks the queue in order (priority, then longest waiting) through at most
-- enqueue_scan_limit rows (candidate_scan_limit with p_after_me), keeps the first candidate_pool_size that pass every rule, and
-- ranks those by score:
--   tag_overlap          * weighted shared topics / the smaller total weight
-- + time_overlap         * shared free hours / the smaller number of free hours (0.5 unknown)
-- + helpfulness          * the candidate's mean received rating, 0..1
-- + embedding_similarity * cosine similarity of the profile embeddings (0 when missing)
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
             coalesce((cfg ->> 'tag_overlap')::double precision, 0.6)
               * least(1.0, (c.shared + bit_count(c.top_bits & me.top_bits))::double precision
                            / greatest(least(c.topic_weight, me.topic_weight), 1))
           + coalesce((cfg ->> 'time_overlap')::double precision, 0.2)
               * case
                   when c.utc_mask is null or me.utc_mask is null then 0.5
                   else bit_count((c.utc_mask & me.utc_mask)::bit(32))::double precision
                        / greatest(least(bit_count(c.utc_mask::bit(32)), bit_count(me.utc_mask::bit(32))), 1)
                 end
           + coalesce((cfg ->> 'helpfulness')::double precision, 0.2) * c.helpfulness
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
          select v.user_id, v.queue_key, v.top_bits, v.topic_weight, v.utc_mask, v.helpfulness,
                 bit_count(v.topic_bits & my_bits)::integer as shared
            from (
              select q.user_id, q.queue_key, q.expires_at, q.enqueued_at, q.arm, q.topic_bits,
                     q.top_bits, q.topic_weight, q.utc_mask, q.helpfulness
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
           limit coalesce((cfg ->> 'candidate_pool_size')::double precision, 10)::integer
        ) c
    ) s
   order by s.total desc, s.queue_key, s.user_id
   limit greatest(coalesce(p_limit, 10), 0);
end
$$;

revoke execute on function public.matching_settings() from public, anon, authenticated;
revoke execute on function public.user_topic_bits(uuid, integer) from public, anon, authenticated;
revoke execute on function public.user_helpfulness(uuid, double precision) from public, anon, authenticated;
revoke execute on function public.experiment_arm(uuid, text) from public, anon, authenticated;
revoke execute on function public.hours_near_mask(integer, integer) from public, anon, authenticated;
revoke execute on function public.candidates_for(uuid, integer, boolean) from public, anon, authenticated;
grant execute on function public.matching_settings() to service_role;
grant execute on function public.user_topic_bits(uuid, integer) to service_role;
grant execute on function public.user_helpfulness(uuid, double precision) to service_role;
grant execute on function public.experiment_arm(uuid, text) to service_role;
grant execute on function public.hours_near_mask(integer, integer) to service_role;
grant execute on function public.candidates_for(uuid, integer, boolean) to service_role;
