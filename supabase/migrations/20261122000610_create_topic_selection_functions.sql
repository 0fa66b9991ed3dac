-- Topic selection: 2-10 topics from the catalogue, 1-3 of them marked most important.

-- The whole catalogue with the user's marks, for drawing the pickers.
create or replace function public.get_topic_picker(p_tg_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  with me as (select u.id from public.users u where u.tg_id = p_tg_id)
  select case when not exists (select 1 from me) then null else jsonb_build_object(
    'count', (select count(*) from public.user_topics ut where ut.user_id = (select id from me)),
    'important_count', (
      select count(*) from public.user_topics ut
       where ut.user_id = (select id from me) and ut.weight = 2
    ),
    'topics', coalesce((
      select jsonb_agg(jsonb_build_object(
               'slug', t.slug,
               'title', t.title,
               'group_slug', t.group_slug,
               'group_title', t.group_title,
               'selected', ut.user_id is not null,
               'important', coalesce(ut.weight = 2, false)
             ) order by t.sort_order, t.id)
        from public.topics t
        left join public.user_topics ut on ut.topic_id = t.id and ut.user_id = (select id from me)
    ), '[]'::jsonb)
  ) end
$$;

-- Selects or unselects one topic; refuses an 11th. Unselecting also drops its importance.
create or replace function public.toggle_topic(p_tg_id bigint, p_topic_slug text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
  v_topic_id integer;
  selected_count integer;
begin
  v_user_id := public.lock_user_at_step(p_tg_id, 'topics');
  if v_user_id is null then
    return public.step_refusal(p_tg_id);
  end if;
  select t.id into v_topic_id from public.topics t where t.slug = p_topic_slug;
  if v_topic_id is null then
    return jsonb_build_object('ok', false, 'reason', 'unknown_topic');
  end if;
  delete from public.user_topics ut where ut.user_id = v_user_id and ut.topic_id = v_topic_id;
  if found then
    perform public.record_topics_edit(v_user_id);
    return jsonb_build_object('ok', true, 'selected', false);
  end if;
  select count(*) into selected_count from public.user_topics ut where ut.user_id = v_user_id;
  if selected_count >= 10 then
    return jsonb_build_object('ok', false, 'reason', 'too_many');
  end if;
  insert into public.user_topics (user_id, topic_id) values (v_user_id, v_topic_id);
  perform public.record_topics_edit(v_user_id);
  return jsonb_build_object('ok', true, 'selected', true);
end
$$;

-- Marks or unmarks a selected topic as most important; at most 3.
create or replace function public.toggle_important_topic(p_tg_id bigint, p_topic_slug text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
  current_weight smallint;
  important_count integer;
begin
  v_user_id := public.lock_user_at_step(p_tg_id, 'topics');
  if v_user_id is null then
    return public.step_refusal(p_tg_id);
  end if;
  select ut.weight into current_weight
    from public.user_topics ut
    join public.topics t on t.id = ut.topic_id
   where ut.user_id = v_user_id and t.slug = p_topic_slug;
  if current_weight is null then
    return jsonb_build_object('ok', false, 'reason', 'not_selected');
  end if;
  if current_weight = 1 then
    select count(*) into important_count
      from public.user_topics ut where ut.user_id = v_user_id and ut.weight = 2;
    if important_count >= 3 then
      return jsonb_build_object('ok', false, 'reason', 'too_many_important');
    end if;
  end if;
  update public.user_topics ut
     set weight = case when current_weight = 2 then 1 else 2 end
    from public.topics t
   where t.id = ut.topic_id and ut.user_id = v_user_id and t.slug = p_topic_slug;
  perform public.record_topics_edit(v_user_id);
  return jsonb_build_object('ok', true, 'important', current_weight = 1);
end
$$;

-- Checks the selection before the importance step: 2-10 topics.
create or replace function public.finish_topics(p_tg_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
  selected_count integer;
begin
  v_user_id := public.lock_user_at_step(p_tg_id, 'topics');
  if v_user_id is null then
    return public.step_refusal(p_tg_id);
  end if;
  select count(*) into selected_count from public.user_topics ut where ut.user_id = v_user_id;
  if selected_count < 2 then
    return jsonb_build_object('ok', false, 'reason', 'too_few', 'count', selected_count);
  end if;
  return jsonb_build_object('ok', true, 'count', selected_count);
end
$$;

-- Completes the topics step: 2-10 topics with 1-3 most important. Moves onboarding on.
create or replace function public.finish_important_topics(p_tg_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
  outcome text;
  selected_count integer;
  important_count integer;
begin
  v_user_id := public.lock_user_at_step(p_tg_id, 'topics');
  if v_user_id is null then
    return public.step_refusal(p_tg_id);
  end if;
  select count(*), count(*) filter (where ut.weight = 2) into selected_count, important_count
    from public.user_topics ut where ut.user_id = v_user_id;
  if selected_count < 2 then
    return jsonb_build_object('ok', false, 'reason', 'too_few');
  end if;
  if important_count < 1 then
    return jsonb_build_object('ok', false, 'reason', 'no_important');
  end if;
  outcome := public.complete_profile_step(v_user_id, 'topics');
  return jsonb_build_object(
    'ok', true, 'outcome', outcome, 'state', public.profile_state(v_user_id));
end
$$;

-- Topic edits of a finished profile count as one profile update per minute, not per tap.
create or replace function public.record_topics_edit(p_user_id uuid)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.domain_events (user_id, event, data)
  select p_user_id, 'profile.updated', '{"field": "topics"}'::jsonb
   where exists (
           select 1 from public.users u where u.id = p_user_id and u.onboarding_step = 'done'
         )
     and not exists (
           select 1 from public.domain_events e
            where e.user_id = p_user_id and e.event = 'profile.updated'
              and e.data ->> 'field' = 'topics' and e.occurred_at > now() - interval '1 minute'
         )
$$;

revoke execute on function public.get_topic_picker(bigint) from public, anon, authenticated;
revoke execute on function public.toggle_topic(bigint, text) from public, anon, authenticated;
revoke execute on function public.toggle_important_topic(bigint, text) from public, anon, authenticated;
revoke execute on function public.finish_topics(bigint) from public, anon, authenticated;
revoke execute on function public.finish_important_topics(bigint) from public, anon, authenticated;
revoke execute on function public.record_topics_edit(uuid) from public, anon, authenticated;
grant execute on function public.get_topic_picker(bigint) to service_role;
grant execute on function public.toggle_topic(bigint, text) to service_role;
grant execute on function public.toggle_important_topic(bigint, text) to service_role;
grant execute on function public.finish_topics(bigint) to service_role;
grant execute on function public.finish_important_topics(bigint) to service_role;
grant execute on function public.record_topics_edit(uuid) to service_role;
