-- The search queue and mutual-consent proposals:
-- queued -> proposed -> accepted_by_one -> active, or -> declined / expired.
-- Every transition is one transaction and appends to public.domain_events.

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
    user_id, expires_at, priority, age_pool, arm, topic_bits, top_bits, topic_weight, utc_mask,
    helpfulness
  )
  select u.id,
         now() + make_interval(hours => coalesce((cfg ->> 'queue_ttl_hours')::double precision, 24)::integer),
         coalesce(p_priority, false),
         public.age_pool(u.birth_year),
         public.experiment_arm(u.id, 'matching_fallback'),
         public.user_topic_bits(u.id, 1),
         public.user_topic_bits(u.id, 2),
         greatest(
           (select count(*) + count(*) filter (where t.weight = 2)
              from public.user_topics t where t.user_id = u.id),
           1
         ),
         p.available_utc_mask,
         public.user_helpfulness(u.id, coalesce((cfg ->> 'helpfulness_default')::double precision, 0.5))
    from public.users u
    left join public.preferences p on p.user_id = u.id
   where u.id = p_user_id and public.age_pool(u.birth_year) is not null
  on conflict (user_id) do nothing;
  get diagnostics inserted = row_count;
  return inserted > 0;
end
$$;

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
    returning q.user_id, q.enqueued_at
  ), created as (
    insert into public.matches (id, user_a, user_b, expires_at, score, shared_topic_ids)
    select pairs.id, pairs.low, pairs.high, now() + ttl, round(pairs.s::numeric, 4),
           coalesce(topics_of.ids, '{}')
      from pairs
      left join topics_of on topics_of.id = pairs.id
    returning id, user_a, user_b, expires_at
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
    select created.id, created.user_a as me, created.user_b as partner, created.expires_at
      from created
    union all
    select created.id, created.user_b, created.user_a, created.expires_at from created
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
               greatest(floor(extract(epoch from now() - left_queue.enqueued_at)), 0)::integer
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

-- Tries to pair one queued user with their best available candidate (internal). Queue rows are
-- locked with skip locked, so concurrent ticks and searches never take the same person twice.
create or replace function public.try_pair(p_user_id uuid)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  candidate record;
begin
  perform 1 from public.match_queue q
   where q.user_id = p_user_id and q.expires_at > now()
     for update skip locked;
  if not found then
    return null;
  end if;
  for candidate in select * from public.candidates_for(p_user_id, 5) loop
    perform 1 from public.match_queue q
     where q.user_id = candidate.candidate_id and q.expires_at > now()
       for update skip locked;
    if found then
      return (public.create_proposals(
        array[p_user_id], array[candidate.candidate_id], array[candidate.score]
      ))[1];
    end if;
  end loop;
  return null;
end
$$;

-- Ends an unanswered proposal past its deadline (internal; caller holds the match row lock).
-- Whoever had accepted goes back to the queue first in line; a non-responder leaves it.
create or replace function public.expire_proposal(p_match_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  m public.matches;
begin
  update public.matches
     set state = 'expired', ended_at = now(), end_reason = 'expire'
   where id = p_match_id and state in ('proposed', 'accepted_by_one')
  returning * into m;
  if not found then
    return;
  end if;
  delete from public.match_members where match_id = p_match_id;
  if m.user_a is not null then
    if m.a_accepted_at is not null then
      perform public.enqueue_user(m.user_a, true);
    end if;
    perform public.outbox_push(m.user_a, 'proposal_expired',
      jsonb_build_object('match_id', m.id, 'requeued', m.a_accepted_at is not null));
  end if;
  if m.user_b is not null then
    if m.b_accepted_at is not null then
      perform public.enqueue_user(m.user_b, true);
    end if;
    perform public.outbox_push(m.user_b, 'proposal_expired',
      jsonb_build_object('match_id', m.id, 'requeued', m.b_accepted_at is not null));
  end if;
  insert into public.domain_events (event, data)
  values ('match.expired', jsonb_build_object('match_id', m.id));
end
$$;

-- /find: checks the profile, enqueues for 24 h and tries to pair right away.
create or replace function public.find_partner(p_tg_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me public.users;
  open_match public.matches;
  queued public.match_queue;
  arm text;
  match_id uuid;
begin
  select * into me from public.users u where u.tg_id = p_tg_id;
  if not found or me.onboarding_step <> 'done' or me.rules_accepted_at is null
     or public.age_pool(me.birth_year) is null then
    return jsonb_build_object('status', 'profile_incomplete');
  end if;
  -- Serialises concurrent /find presses of the same user.
  perform 1 from public.users u where u.id = me.id for update;

  select m.* into open_match
    from public.match_members mm
    join public.matches m on m.id = mm.match_id
   where mm.user_id = me.id;
  if found then
    if open_match.state = 'active' then
      return jsonb_build_object('status', 'already_in_chat', 'match_id', open_match.id);
    end if;
    return jsonb_build_object(
      'status', 'proposal_pending', 'match_id', open_match.id,
      'expires_at', open_match.expires_at
    );
  end if;

  select * into queued from public.match_queue q where q.user_id = me.id;
  if found and queued.expires_at > now() then
    return jsonb_build_object(
      'status', 'already_searching',
      'waiting_seconds', floor(extract(epoch from now() - queued.enqueued_at))::integer,
      'expires_at', queued.expires_at
    );
  elsif found then
    delete from public.match_queue q where q.user_id = me.id;
  end if;

  perform public.enqueue_user(me.id, false);
  select q.arm, q.expires_at into arm, queued.expires_at
    from public.match_queue q where q.user_id = me.id;
  insert into public.domain_events (user_id, event, data)
  values (me.id, 'search.started', jsonb_build_object('arm', arm));

  match_id := public.try_pair(me.id);
  if match_id is not null then
    return jsonb_build_object('status', 'proposed', 'match_id', match_id);
  end if;
  -- Compared with everyone waiting: the tick leaves this person alone until resweep_seconds.
  update public.match_queue set tried_at = now() where user_id = me.id;
  return jsonb_build_object('status', 'queued', 'arm', arm, 'expires_at', queued.expires_at);
end
$$;

-- /cancel: leaves the queue.
create or replace function public.cancel_search(p_tg_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  left_id uuid;
begin
  delete from public.match_queue q
   using public.users u
   where u.tg_id = p_tg_id and q.user_id = u.id
  returning q.user_id into left_id;
  if left_id is null then
    return jsonb_build_object('status', 'not_searching');
  end if;
  insert into public.domain_events (user_id, event, data)
  values (left_id, 'search.cancelled', '{}'::jsonb);
  return jsonb_build_object('status', 'cancelled');
end
$$;

-- Accept or decline a proposal. Both accepts -> the chat starts exactly once (the match row
-- lock serialises two simultaneous answers). A decline returns the partner to the queue first
-- in line and starts the cooldown for the pair.
create or replace function public.respond_to_proposal(
  p_tg_id bigint,
  p_match_id uuid,
  p_accept boolean
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  cfg jsonb := public.matching_settings();
  me_id uuid;
  m public.matches;
  i_am_a boolean;
  partner_id uuid;
  mine_accepted boolean;
  theirs_accepted boolean;
begin
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  if me_id is null or p_match_id is null then
    return jsonb_build_object('status', 'not_found');
  end if;
  select * into m from public.matches x where x.id = p_match_id for update;
  if not found or me_id not in (m.user_a, m.user_b) or m.user_a is null or m.user_b is null then
    if found and m.state in ('declined', 'expired') and me_id in (m.user_a, m.user_b) then
      return jsonb_build_object('status', 'expired');
    end if;
    return jsonb_build_object('status', 'not_found');
  end if;
  i_am_a := m.user_a = me_id;
  partner_id := case when i_am_a then m.user_b else m.user_a end;
  mine_accepted := case when i_am_a then m.a_accepted_at else m.b_accepted_at end is not null;
  theirs_accepted := case when i_am_a then m.b_accepted_at else m.a_accepted_at end is not null;

  if m.state in ('active', 'ended') then
    return jsonb_build_object('status', 'already_answered');
  end if;
  if m.state in ('declined', 'expired') then
    return jsonb_build_object('status', 'expired');
  end if;
  if m.expires_at <= now() then
    perform public.expire_proposal(m.id);
    return jsonb_build_object('status', 'expired');
  end if;

  if coalesce(p_accept, false) then
    if mine_accepted then
      return jsonb_build_object('status', 'already_answered');
    end if;
    if theirs_accepted then
      update public.matches
         set state = 'active', started_at = now(),
             a_accepted_at = coalesce(a_accepted_at, now()),
             b_accepted_at = coalesce(b_accepted_at, now())
       where id = m.id;
      insert into public.chat_stats (match_id) values (m.id) on conflict do nothing;
      insert into public.domain_events (user_id, event, data)
      values (me_id, 'match.accepted', jsonb_build_object('match_id', m.id)),
             (null, 'match.started', jsonb_build_object('match_id', m.id));
      perform public.outbox_push(me_id, 'chat_started', jsonb_build_object(
        'match_id', m.id,
        'partner_pseudonym', (select u.pseudonym from public.users u where u.id = partner_id)));
      perform public.outbox_push(partner_id, 'chat_started', jsonb_build_object(
        'match_id', m.id,
        'partner_pseudonym', (select u.pseudonym from public.users u where u.id = me_id)));
      return jsonb_build_object('status', 'chat_started', 'match_id', m.id);
    end if;
    update public.matches
       set state = 'accepted_by_one',
           a_accepted_at = case when i_am_a then now() else a_accepted_at end,
           b_accepted_at = case when i_am_a then b_accepted_at else now() end
     where id = m.id;
    insert into public.domain_events (user_id, event, data)
    values (me_id, 'match.accepted', jsonb_build_object('match_id', m.id));
    return jsonb_build_object('status', 'waiting_for_partner', 'match_id', m.id);
  end if;

  update public.matches
     set state = 'declined', ended_at = now(), end_reason = 'decline', ended_by = me_id
   where id = m.id;
  delete from public.match_members where match_id = m.id;
  insert into public.recent_contacts (user_low, user_high, until)
  values (
    least(me_id, partner_id), greatest(me_id, partner_id),
    now() + make_interval(hours => coalesce((cfg ->> 'cooldown_hours')::double precision, 72)::integer)
  )
  on conflict (user_low, user_high) do update set until = greatest(public.recent_contacts.until, excluded.until);
  perform public.enqueue_user(partner_id, true);
  perform public.outbox_push(partner_id, 'proposal_declined', jsonb_build_object('match_id', m.id));
  insert into public.domain_events (user_id, event, data)
  values (me_id, 'match.declined', jsonb_build_object('match_id', m.id));
  return jsonb_build_object('status', 'declined', 'match_id', m.id);
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
      select q.user_id, q.queue_key, q.age_pool, q.topic_bits, q.top_bits, q.topic_weight,
             q.utc_mask, q.helpfulness,
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
             w_tags * least(1.0, (bit_count(d.topic_bits & c.topic_bits)
                                  + bit_count(c.top_bits & d.top_bits))::double precision
                                 / greatest(least(c.topic_weight, d.topic_weight), 1))
           + w_time * case
                        when c.utc_mask is null or d.utc_mask is null then 0.5
                        else bit_count((c.utc_mask & d.utc_mask)::bit(32))::double precision
                             / greatest(least(bit_count(c.utc_mask::bit(32)),
                                              bit_count(d.utc_mask::bit(32))), 1)
                      end
           + w_help * c.helpfulness as base
        from near
        join q d on d.i = near.di
        join q c on c.i = near.ci
       where (d.due or c.due)
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

-- Where the user stands: idle, searching, proposed (their answer is awaited),
-- waiting_for_partner (they accepted) or in_chat.
create or replace function public.match_status(p_tg_id bigint)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  me_id uuid;
  m public.matches;
  queued public.match_queue;
begin
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  if me_id is null then
    return jsonb_build_object('status', 'idle');
  end if;
  select x.* into m
    from public.match_members mm
    join public.matches x on x.id = mm.match_id
   where mm.user_id = me_id;
  if found then
    if m.state = 'active' then
      return jsonb_build_object('status', 'in_chat', 'match_id', m.id);
    end if;
    if (m.user_a = me_id and m.a_accepted_at is not null)
       or (m.user_b = me_id and m.b_accepted_at is not null) then
      return jsonb_build_object('status', 'waiting_for_partner', 'match_id', m.id, 'expires_at', m.expires_at);
    end if;
    return jsonb_build_object('status', 'proposed', 'match_id', m.id, 'expires_at', m.expires_at);
  end if;
  select * into queued from public.match_queue q where q.user_id = me_id and q.expires_at > now();
  if found then
    return jsonb_build_object(
      'status', 'searching',
      'waiting_seconds', floor(extract(epoch from now() - queued.enqueued_at))::integer,
      'expires_at', queued.expires_at
    );
  end if;
  return jsonb_build_object('status', 'idle');
end
$$;

revoke execute on function public.enqueue_user(uuid, boolean) from public, anon, authenticated;
revoke execute on function public.create_proposals(uuid[], uuid[], double precision[]) from public, anon, authenticated;
revoke execute on function public.try_pair(uuid) from public, anon, authenticated;
revoke execute on function public.expire_proposal(uuid) from public, anon, authenticated;
revoke execute on function public.find_partner(bigint) from public, anon, authenticated;
revoke execute on function public.cancel_search(bigint) from public, anon, authenticated;
revoke execute on function public.respond_to_proposal(bigint, uuid, boolean) from public, anon, authenticated;
revoke execute on function public.run_matching_tick() from public, anon, authenticated;
revoke execute on function public.match_status(bigint) from public, anon, authenticated;
grant execute on function public.enqueue_user(uuid, boolean) to service_role;
grant execute on function public.create_proposals(uuid[], uuid[], double precision[]) to service_role;
grant execute on function public.try_pair(uuid) to service_role;
grant execute on function public.expire_proposal(uuid) to service_role;
grant execute on function public.find_partner(bigint) to service_role;
grant execute on function public.cancel_search(bigint) to service_role;
grant execute on function public.respond_to_proposal(bigint, uuid, boolean) to service_role;
grant execute on function public.run_matching_tick() to service_role;
grant execute on function public.match_status(bigint) to service_role;
