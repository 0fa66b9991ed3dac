-- Recommendations: /similar (bot and Mini App) shows up to three people whose diary portrait is
-- close to the user's, only among people who switched "use my diary to find people" on
-- (users.diary_matching), anonymously, as cards; taking one makes an ordinary proposal through
-- create_proposals, so both still have to accept. It also suggests topics the user writes about
-- in the diary but did not choose for the profile. Every card shown is a row, and taking it sets
-- taken_at: what was shown and what was taken, per kind, for /metrics.
--
-- The diary stays private: a person card names only topics both people chose for their profiles,
-- never portrait themes; the closeness is one coarse word. Topic suggestions go to the diary's
-- own writer only.

create table public.recommendations (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  -- More kinds (events) come later: a later migration replaces this named check.
  kind text not null constraint recommendations_kind_check check (kind in ('person', 'topic')),
  -- Which method made it, e.g. 'portrait_cosine_v1', to compare methods by their take rate.
  recommender text not null check (recommender ~ '^[a-z0-9_.]+$' and char_length(recommender) <= 60),
  target_user_id uuid references public.users (id) on delete cascade,
  topic_id integer references public.topics (id) on delete cascade,
  -- Cosine similarity of the portraits (person) or the theme's weight in the portrait (topic).
  score double precision,
  shown_at timestamptz not null default now(),
  taken_at timestamptz,
  constraint recommendations_person_target check (
    kind <> 'person' or (target_user_id is not null and topic_id is null)
  ),
  constraint recommendations_topic_target check (
    kind <> 'topic' or (topic_id is not null and target_user_id is null)
  ),
  constraint recommendations_not_self check (target_user_id <> user_id),
  constraint recommendations_taken_after_shown check (taken_at >= shown_at)
);

create index recommendations_user_id_idx on public.recommendations (user_id, kind, shown_at desc);
-- Erasing a profile also removes the cards that showed it (the foreign key's cascade).
create index recommendations_target_user_id_idx on public.recommendations (target_user_id)
  where target_user_id is not null;
create index recommendations_topic_id_idx on public.recommendations (topic_id)
  where topic_id is not null;

-- Service only: the bot and the API go through the functions below.
alter table public.recommendations enable row level security;
revoke all on public.recommendations from anon, authenticated;

-- Nearest portraits at 100,000 users: an HNSW index, read with an iterative scan so it keeps
-- going while similar_people skips rows (people who did not opt in, another age pool, ...).
create index if not exists user_portraits_embedding_hnsw_idx on public.user_portraits
  using hnsw (embedding extensions.vector_cosine_ops);

insert into public.matching_config (key, value, description)
values
  ('similar_min_similarity', 0.3, '/similar shows a person only from this cosine similarity of the two diary portraits.'),
  ('similar_scan_limit', 2000, '/similar reads at most this many nearest portraits (bounds the cost when most of them are not eligible).'),
  ('similar_card_hours', 24, 'A /similar card (person or topic) can be taken for this long after it was shown.'),
  ('topic_suggestion_min_weight', 0.2, 'A portrait theme is suggested as a profile topic from this weight (0..1: how much of the recent diary is about it).')
on conflict (key) do nothing;

-- Why the user cannot get or take person recommendations now, as the result to answer (the
-- same statuses /find uses, plus diary_matching_off and no_portrait); null when they can.
create or replace function public.recommendation_refusal(p_user_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  me public.users;
  restriction public.sanctions;
  open_match public.matches;
begin
  select * into me from public.users u where u.id = p_user_id;
  if not found or me.onboarding_step <> 'done' or me.rules_accepted_at is null
     or public.age_pool(me.birth_year) is null then
    return jsonb_build_object('status', 'profile_incomplete');
  end if;
  restriction := public.active_restriction(me.id);
  if restriction.id is not null then
    return jsonb_build_object('status', 'restricted') || public.describe_sanction(restriction);
  end if;
  select m.* into open_match
    from public.match_members mm
    join public.matches m on m.id = mm.match_id
   where mm.user_id = me.id;
  if found then
    if open_match.state = 'active' then
      return jsonb_build_object('status', 'already_in_chat', 'match_id', open_match.id);
    end if;
    return jsonb_build_object(
      'status', 'proposal_pending', 'match_id', open_match.id, 'expires_at', open_match.expires_at
    );
  end if;
  if not me.diary_matching then
    return jsonb_build_object('status', 'diary_matching_off');
  end if;
  if not exists (
    select 1 from public.user_portraits p where p.user_id = me.id and p.embedding is not null
  ) then
    return jsonb_build_object('status', 'no_portrait');
  end if;
  return null;
end
$$;

-- Whether p_target may be recommended to p_user_id now: opted in, a portrait vector, a complete
-- profile in the same age pool (teens only with teens), not blocked either way, not in the
-- cooldown after a declined proposal, not in an open proposal or chat, not muted or banned, and
-- not both in acute crisis.
-- The one definition of these rules: similar_people filters with it, and a take checks it again.
create or replace function public.person_recommendable(p_user_id uuid, p_target_id uuid)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  me public.users;
  target public.users;
  cfg jsonb;
begin
  if p_target_id is null or p_user_id is null or p_target_id = p_user_id then
    return false;
  end if;
  select * into me from public.users u where u.id = p_user_id;
  select * into target from public.users t where t.id = p_target_id;
  if target.id is null or me.id is null
     or not target.diary_matching
     or target.onboarding_step <> 'done'
     or target.rules_accepted_at is null
     or coalesce(public.age_pool(target.birth_year) <> public.age_pool(me.birth_year), true)
     or not exists (
          select 1 from public.user_portraits p
           where p.user_id = p_target_id and p.embedding is not null
        )
     or exists (
          select 1 from public.blocks b
           where (b.blocker_user_id = p_user_id and b.blocked_user_id = p_target_id)
              or (b.blocker_user_id = p_target_id and b.blocked_user_id = p_user_id)
        )
     or exists (
          select 1 from public.recent_contacts r
           where r.user_low = least(p_user_id, p_target_id)
             and r.user_high = greatest(p_user_id, p_target_id)
             and r.until > now()
        )
     or exists (select 1 from public.match_members mm where mm.user_id = p_target_id)
     or (public.active_restriction(p_target_id)).id is not null then
    return false;
  end if;
  -- As in candidates_for: two people in acute crisis are never proposed to each other (the
  -- target first: most people are not, and then the caller need not be looked at).
  cfg := public.matching_settings();
  return not (
    public.in_acute_crisis(
      p_target_id, (select m.valence from public.recent_mood(p_target_id, cfg) m), cfg)
    and public.in_acute_crisis(
      p_user_id, (select m.valence from public.recent_mood(p_user_id, cfg) m), cfg)
  );
end
$$;

-- The one coarse word a card shows instead of the similarity.
create or replace function public.closeness_word(p_similarity double precision)
returns text
language sql
immutable
set search_path = ''
as $$
  select case
    when p_similarity >= 0.8 then 'very_close'
    when p_similarity >= 0.6 then 'close'
    else 'similar'
  end
$$;

-- Titles of the topics both people chose (never diary themes), the top three by combined weight
-- and then catalogue order: what a proposal card shows.
create or replace function public.shared_topic_titles(p_user_id uuid, p_other_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(s.title order by s.rank), '[]'::jsonb)
    from (
      select t.title,
             row_number() over (order by a.weight + b.weight desc, t.sort_order, t.id) as rank
        from public.user_topics a
        join public.user_topics b on b.user_id = p_other_id and b.topic_id = a.topic_id
        join public.topics t on t.id = a.topic_id
       where a.user_id = p_user_id
    ) s
   where s.rank <= 3
$$;

-- /similar: up to p_limit (at most 10) people whose portraits are nearest to the user's, among
-- those person_recommendable allows, from similar_min_similarity up. Each card is recorded as
-- shown. Answers { status: 'ok', people: [{ id, pseudonym, shared_topics, closeness }] } (best
-- first; id is the card's, for take_person_recommendation) or a recommendation_refusal status.
--
-- The nearest portraits stream from the HNSW index (cheap column filters applied on the way);
-- each is checked against the rules until enough passed, and the walk stops at the first one
-- below the similarity floor, so it reads a few rows, not the whole index.
create or replace function public.similar_people(p_tg_id bigint, p_limit integer default 3)
returns jsonb
language plpgsql
security definer
set search_path = ''
-- Past the nearest ef_search rows the index keeps walking while rows are rejected.
set hnsw.iterative_scan = relaxed_order
-- With a limit in the thousands the planner would rather sort every portrait than walk the
-- index, although the loop below stops after a few rows: no sorting here. And no JIT: that
-- penalty would make the plans look expensive enough to compile, 1-2 s for a 5 ms call.
set enable_sort = off
set jit = off
as $$
declare
  me public.users;
  refusal jsonb;
  my_embedding extensions.vector(384);
  my_pool text;
  min_similarity double precision := coalesce(
    (public.matching_settings() ->> 'similar_min_similarity')::double precision, 0.3);
  wanted integer := least(greatest(coalesce(p_limit, 3), 0), 10);
  scan_limit integer := coalesce(
    (public.matching_settings() ->> 'similar_scan_limit')::double precision, 2000)::integer;
  picked uuid[] := '{}';
  scores double precision[] := '{}';
  candidate record;
  cards jsonb;
begin
  select * into me from public.users u where u.tg_id = p_tg_id;
  refusal := public.recommendation_refusal(me.id);
  if refusal is not null then
    return refusal;
  end if;
  select p.embedding into my_embedding from public.user_portraits p where p.user_id = me.id;
  my_pool := public.age_pool(me.birth_year);

  if wanted > 0 then
    -- The plain nearest-neighbour query, streamed (joined with users, the planner may scan
    -- users and sort their portraits instead); the rules follow per row.
    for candidate in
      select p.user_id as id, 1 - (p.embedding operator(extensions.<=>) my_embedding) as similarity
        from public.user_portraits p
       where p.embedding is not null
       order by p.embedding operator(extensions.<=>) my_embedding
       limit scan_limit
    loop
      exit when candidate.similarity < min_similarity;
      -- The cheap columns first: most of the nearest people did not opt in.
      continue when candidate.id = me.id or not exists (
        select 1 from public.users u
         where u.id = candidate.id
           and u.diary_matching
           and u.onboarding_step = 'done'
           and public.age_pool(u.birth_year) = my_pool
      );
      if public.person_recommendable(me.id, candidate.id) then
        picked := picked || candidate.id;
        scores := scores || candidate.similarity;
        exit when cardinality(picked) >= wanted;
      end if;
    end loop;
  end if;

  with shown as (
    insert into public.recommendations (user_id, kind, recommender, target_user_id, score)
    select me.id, 'person', 'portrait_cosine_v1', x.id, round(x.similarity::numeric, 4)
      from unnest(picked, scores) as x(id, similarity)
    returning id, target_user_id, score
  )
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', shown.id,
           'pseudonym', t.pseudonym,
           'shared_topics', public.shared_topic_titles(me.id, t.id),
           'closeness', public.closeness_word(shown.score)
         ) order by shown.score desc, shown.id), '[]'::jsonb)
    into cards
    from shown
    join public.users t on t.id = shown.target_user_id;
  return jsonb_build_object('status', 'ok', 'people', cards);
end
$$;

-- Takes a person card: proposes a conversation through the ordinary consent flow. The card must
-- be the caller's, untaken and shown within similar_card_hours (otherwise not_found, stale or
-- already_taken, nothing changes). Both people are locked in a fixed order (their users rows,
-- then their queue rows, which a tick or /find must hold to pair them), every rule is checked
-- again, and only then the proposal is made: two taps at once, or two people taking each
-- other's card at once, make exactly one proposal (the second finds proposal_pending).
-- Answers { status: 'proposed', match_id }, unavailable, or a recommendation_refusal status.
create or replace function public.take_person_recommendation(p_tg_id bigint, p_rec_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me_id uuid;
  rec public.recommendations;
  refusal jsonb;
  card_ttl interval := make_interval(secs => 3600 * coalesce(
    (public.matching_settings() ->> 'similar_card_hours')::double precision, 24));
  new_match uuid;
begin
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  if me_id is null or p_rec_id is null then
    return jsonb_build_object('status', 'not_found');
  end if;
  select * into rec from public.recommendations r
   where r.id = p_rec_id and r.user_id = me_id and r.kind = 'person';
  if not found then
    return jsonb_build_object('status', 'not_found');
  end if;

  -- No key update: the proposal's own foreign keys (key share) on these rows do not wait for it.
  perform 1 from public.users u
   where u.id in (me_id, rec.target_user_id)
   order by u.id
     for no key update;
  perform 1 from public.match_queue q
   where q.user_id in (me_id, rec.target_user_id)
   order by q.user_id
     for update;

  select * into rec from public.recommendations r where r.id = p_rec_id for update;
  if not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  if rec.taken_at is not null then
    return jsonb_build_object('status', 'already_taken');
  end if;
  if rec.shown_at <= now() - card_ttl then
    return jsonb_build_object('status', 'stale');
  end if;
  refusal := public.recommendation_refusal(me_id);
  if refusal is not null then
    return refusal;
  end if;
  if not public.person_recommendable(me_id, rec.target_user_id) then
    return jsonb_build_object('status', 'unavailable');
  end if;

  new_match := (public.create_proposals(
    array[me_id], array[rec.target_user_id], array[coalesce(rec.score, 0)]
  ))[1];
  update public.recommendations set taken_at = now() where id = rec.id;
  insert into public.domain_events (user_id, event, data)
  values (me_id, 'recommendation.taken', jsonb_build_object(
    'recommendation_id', rec.id, 'kind', rec.kind, 'match_id', new_match));
  return jsonb_build_object('status', 'proposed', 'match_id', new_match);
end
$$;

-- Topics the user writes about but did not choose: portrait themes from
-- topic_suggestion_min_weight up, strongest first, no more than the profile still has room for
-- (10 topics, as toggle_topic allows). Only with diary_matching on. Each suggestion is recorded
-- as shown. Answers { status: 'ok', topics: [{ id, topic_id, slug, title }] } or
-- profile_incomplete, diary_matching_off, no_portrait, topics_full.
create or replace function public.topic_recommendations(p_tg_id bigint, p_limit integer default 3)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me public.users;
  chosen integer;
  themes jsonb;
  min_weight double precision := coalesce(
    (public.matching_settings() ->> 'topic_suggestion_min_weight')::double precision, 0.2);
  suggestions jsonb;
begin
  select * into me from public.users u where u.tg_id = p_tg_id;
  if not found or me.onboarding_step <> 'done' or me.rules_accepted_at is null then
    return jsonb_build_object('status', 'profile_incomplete');
  end if;
  if not me.diary_matching then
    return jsonb_build_object('status', 'diary_matching_off');
  end if;
  select p.themes into themes from public.user_portraits p where p.user_id = me.id;
  if themes is null or themes = '{}'::jsonb then
    return jsonb_build_object('status', 'no_portrait');
  end if;
  select count(*) into chosen from public.user_topics ut where ut.user_id = me.id;
  if chosen >= 10 then
    return jsonb_build_object('status', 'topics_full');
  end if;

  with candidates as (
    select t.id as topic_id, th.value::double precision as weight, t.sort_order
      from jsonb_each_text(themes) th
      join public.topics t on t.slug = th.key
     where th.value::double precision >= min_weight
       and not exists (
             select 1 from public.user_topics ut where ut.user_id = me.id and ut.topic_id = t.id
           )
     order by th.value::double precision desc, t.sort_order, t.id
     limit least(greatest(coalesce(p_limit, 3), 0), 10 - chosen)
  ), shown as (
    insert into public.recommendations (user_id, kind, recommender, topic_id, score)
    select me.id, 'topic', 'portrait_themes_v1', candidates.topic_id,
           round(candidates.weight::numeric, 4)
      from candidates
    returning id, topic_id, score
  )
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', shown.id, 'topic_id', t.id, 'slug', t.slug, 'title', t.title
         ) order by shown.score desc, t.sort_order, t.id), '[]'::jsonb)
    into suggestions
    from shown
    join public.topics t on t.id = shown.topic_id;
  return jsonb_build_object('status', 'ok', 'topics', suggestions);
end
$$;

-- Takes a topic suggestion: adds the topic to the profile through toggle_topic. The suggestion
-- must be the caller's, untaken and recent (not_found, stale, already_taken otherwise); the
-- topic must not be chosen already (already_chosen) and the profile must have room
-- (topics_full). Answers { status: 'added', topic_id, title }.
create or replace function public.take_topic_recommendation(p_tg_id bigint, p_rec_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me public.users;
  rec public.recommendations;
  topic public.topics;
  toggled jsonb;
  card_ttl interval := make_interval(secs => 3600 * coalesce(
    (public.matching_settings() ->> 'similar_card_hours')::double precision, 24));
begin
  -- The same lock toggle_topic takes: taps on two suggestions at once add one after the other.
  select * into me from public.users u where u.tg_id = p_tg_id for update;
  if not found or p_rec_id is null then
    return jsonb_build_object('status', 'not_found');
  end if;
  select * into rec from public.recommendations r
   where r.id = p_rec_id and r.user_id = me.id and r.kind = 'topic'
     for update;
  if not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  if rec.taken_at is not null then
    return jsonb_build_object('status', 'already_taken');
  end if;
  if rec.shown_at <= now() - card_ttl then
    return jsonb_build_object('status', 'stale');
  end if;
  if me.onboarding_step <> 'done' or me.rules_accepted_at is null then
    return jsonb_build_object('status', 'profile_incomplete');
  end if;
  if not me.diary_matching then
    return jsonb_build_object('status', 'diary_matching_off');
  end if;
  select * into topic from public.topics t where t.id = rec.topic_id;
  if exists (
    select 1 from public.user_topics ut where ut.user_id = me.id and ut.topic_id = topic.id
  ) then
    return jsonb_build_object('status', 'already_chosen', 'topic_id', topic.id, 'title', topic.title);
  end if;
  toggled := public.toggle_topic(p_tg_id, topic.slug);
  if not coalesce((toggled ->> 'selected')::boolean, false) then
    return jsonb_build_object(
      'status', case when toggled ->> 'reason' = 'too_many' then 'topics_full' else 'not_found' end
    );
  end if;
  update public.recommendations set taken_at = now() where id = rec.id;
  insert into public.domain_events (user_id, event, data)
  values (me.id, 'recommendation.taken', jsonb_build_object(
    'recommendation_id', rec.id, 'kind', rec.kind, 'topic_id', topic.id));
  return jsonb_build_object('status', 'added', 'topic_id', topic.id, 'title', topic.title);
end
$$;

-- For /metrics: cards shown and taken per kind (numbers only), every kind listed even at zero.
create or replace function public.recommendation_metrics()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_object_agg(k.kind, jsonb_build_object(
           'shown', coalesce(c.shown, 0), 'taken', coalesce(c.taken, 0)))
    from (values ('person'), ('topic')) as k(kind)
    full join (
      select r.kind, count(*) as shown, count(r.taken_at) as taken
        from public.recommendations r
       group by r.kind
    ) c using (kind)
$$;

revoke execute on function public.recommendation_refusal(uuid) from public, anon, authenticated;
revoke execute on function public.person_recommendable(uuid, uuid) from public, anon, authenticated;
revoke execute on function public.closeness_word(double precision) from public, anon, authenticated;
revoke execute on function public.shared_topic_titles(uuid, uuid) from public, anon, authenticated;
revoke execute on function public.similar_people(bigint, integer) from public, anon, authenticated;
revoke execute on function public.take_person_recommendation(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.topic_recommendations(bigint, integer) from public, anon, authenticated;
revoke execute on function public.take_topic_recommendation(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.recommendation_metrics() from public, anon, authenticated;
grant execute on function public.recommendation_refusal(uuid) to service_role;
grant execute on function public.person_recommendable(uuid, uuid) to service_role;
grant execute on function public.closeness_word(double precision) to service_role;
grant execute on function public.shared_topic_titles(uuid, uuid) to service_role;
grant execute on function public.similar_people(bigint, integer) to service_role;
grant execute on function public.take_person_recommendation(bigint, uuid) to service_role;
grant execute on function public.topic_recommendations(bigint, integer) to service_role;
grant execute on function public.take_topic_recommendation(bigint, uuid) to service_role;
grant execute on function public.recommendation_metrics() to service_role;
