-- Event recommendations. /events puts recommended events first, each with a one-line reason:
--   content        the person's topic vector (chosen topics, diary themes when allowed) against
--                  the event's topics, IDF-weighted as in matching;
--   collaborative  events that people who were at the same events as them registered for
--                  (co-registration);
--   explore        a small, stable share (one event in ten, by a hash) shown without a reason.
-- Every shown card is a row in public.recommendations (kind 'event'), marked taken when the person
-- registers, so click-through and registration rate can be compared per recommender.

alter table public.recommendations drop constraint recommendations_kind_check;
alter table public.recommendations add constraint recommendations_kind_check
  check (kind in ('person', 'topic', 'event'));
alter table public.recommendations
  add column event_id uuid references public.events (id) on delete cascade;
alter table public.recommendations drop constraint recommendations_topic_target;
alter table public.recommendations add constraint recommendations_topic_target check (
  kind <> 'topic' or (topic_id is not null and target_user_id is null)
);
alter table public.recommendations add constraint recommendations_event_target check (
  kind <> 'event' or (event_id is not null and target_user_id is null and topic_id is null)
);
create index recommendations_event_id_idx on public.recommendations (event_id)
  where event_id is not null;

insert into public.matching_config (key, value, description)
values
  ('event_explore_share', 0.1, 'Share of upcoming events /events shows as exploration (no reason, stable per person and day).'),
  ('event_collaborative_weight', 0.3, 'Score of an event per co-registered person who registered for it (capped at 1).')
on conflict (key) do nothing;

-- An event's topics as a topic vector (weight 1 each), comparable with user_topic_vector().
create or replace function public.event_topic_vector(p_topic_ids integer[])
returns extensions.sparsevec
language sql
stable
security definer
set search_path = ''
as $$
  select ('{' || coalesce(string_agg(e.idx || ':' || e.value, ',' order by e.idx), '') || '}/1024')
           ::extensions.sparsevec
    from (
      select (t.id % 1024) + 1 as idx, sum(sqrt(coalesce(i.idf, 1))) as value
        from public.topics t
        left join public.topic_idf i on i.topic_id = t.id
       where t.id = any(p_topic_ids)
       group by 1
    ) e
$$;

-- Upcoming events for the person, recommended first, each with why; records what was shown.
create or replace function public.recommended_events(p_tg_id bigint, p_limit integer default 5)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me public.users;
  cfg jsonb := public.matching_settings();
  shrinkage double precision :=
    greatest(coalesce((cfg ->> 'overlap_shrinkage')::double precision, 13), 0.001);
  my_vec extensions.sparsevec;
  result jsonb;
begin
  select * into me from public.users u where u.tg_id = p_tg_id;
  if me.id is null or me.onboarding_step <> 'done' then
    return jsonb_build_object('status', 'profile_incomplete');
  end if;
  my_vec := public.user_topic_vector(me.id, cfg);
  with upcoming as (
    select e.* from public.events e
     where e.moderation = 'approved'
       and e.state in ('not_started', 'reg_confirm')
       and e.starts_at > now()
       and e.age_pool = public.age_pool(me.birth_year)
  ), peers as (
    -- People who were at an event with me (any status but cancelled).
    select distinct o.user_id
      from public.event_registrations mine
      join public.event_registrations o on o.event_id = mine.event_id and o.user_id <> me.id
     where mine.user_id = me.id and mine.status <> 'cancelled' and o.status <> 'cancelled'
  ), scored as (
    select u.*,
           (select d.dot / (d.dot + shrinkage)
              from (select greatest(-(my_vec operator(extensions.<#>)
                                      public.event_topic_vector(u.topic_ids)), 0) as dot) d)
             as content,
           least(1, coalesce((cfg ->> 'event_collaborative_weight')::double precision, 0.3) * (
             select count(*) from public.event_registrations r
              where r.event_id = u.id and r.user_id in (select peers.user_id from peers)
                and r.status <> 'cancelled'
           )) as collaborative,
           ('x' || left(md5(me.id::text || u.id::text || current_date::text), 8))::bit(32)::bigint
             % 1000 < 1000 * coalesce((cfg ->> 'event_explore_share')::double precision, 0.1)
             as explore,
           (select t.title
              from public.topics t
              join public.user_topics ut on ut.topic_id = t.id and ut.user_id = me.id
             where t.id = any(u.topic_ids)
             order by ut.weight desc, t.sort_order, t.id
             limit 1) as shared_topic
      from upcoming u
  ), ranked as (
    select s.*,
           case
             when s.explore then 'explore'
             when s.collaborative > s.content then 'collaborative'
             when s.content > 0 then 'content'
             else 'none'
           end as recommender,
           case when s.explore then 0.5 else greatest(s.content, s.collaborative) end as score
      from scored s
  ), chosen as (
    select r.* from ranked r
     order by (r.recommender <> 'none') desc, r.score desc, r.starts_at, r.id
     limit greatest(least(coalesce(p_limit, 5), 20), 1)
  ), shown as (
    insert into public.recommendations (user_id, kind, recommender, event_id, score)
    select me.id, 'event', 'event_' || c.recommender, c.id, c.score
      from chosen c
     where c.recommender <> 'none'
    returning event_id
  )
  select jsonb_agg(
           public.event_card(e, me.id) || jsonb_build_object(
             'recommender', c.recommender,
             'reason', case c.recommender
                         when 'content' then jsonb_build_object('kind', 'topic',
                           'topic', coalesce(c.shared_topic, (
                             select t.title from public.topics t
                              where t.id = any(c.topic_ids) order by t.sort_order, t.id limit 1)))
                         when 'collaborative' then jsonb_build_object('kind', 'people')
                         when 'explore' then jsonb_build_object('kind', 'new')
                       end
           )
           order by (c.recommender <> 'none') desc, c.score desc, c.starts_at, c.id)
    into result
    from chosen c
    join public.events e on e.id = c.id;
  return jsonb_build_object('status', 'ok', 'events', coalesce(result, '[]'::jsonb));
end
$$;

-- A registration after a recommended card: its latest shown row of the last week is taken.
create or replace function public.mark_event_recommendation_taken(p_tg_id bigint, p_event_id uuid)
returns void
language sql
security definer
set search_path = ''
as $$
  update public.recommendations r
     set taken_at = now()
   where r.id = (
     select x.id from public.recommendations x
      join public.users u on u.id = x.user_id and u.tg_id = p_tg_id
      where x.kind = 'event' and x.event_id = p_event_id
        and x.taken_at is null and x.shown_at > now() - interval '7 days'
      order by x.shown_at desc
      limit 1
   )
$$;

-- The event rows of recommendation_metrics(): shown and taken per recommender.
create or replace function public.event_recommendation_metrics()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_object_agg(r.recommender, jsonb_build_object(
           'shown', r.shown, 'taken', r.taken)), '{}'::jsonb)
    from (
      select x.recommender, count(*) as shown, count(x.taken_at) as taken
        from public.recommendations x
       where x.kind = 'event'
       group by x.recommender
    ) r
$$;

revoke execute on function public.event_topic_vector(integer[]) from public, anon, authenticated;
revoke execute on function public.recommended_events(bigint, integer) from public, anon, authenticated;
revoke execute on function public.mark_event_recommendation_taken(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.event_recommendation_metrics() from public, anon, authenticated;
grant execute on function public.event_topic_vector(integer[]) to service_role;
grant execute on function public.recommended_events(bigint, integer) to service_role;
grant execute on function public.mark_event_recommendation_taken(bigint, uuid) to service_role;
grant execute on function public.event_recommendation_metrics() to service_role;
