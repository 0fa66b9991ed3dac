-- The Mini App's profile editing, "my events" and the account export (issue 18).
-- The bot edits one field per message; the Mini App sends a form, so update_profile() applies
-- every field it names in one transaction, after checking all of them: a bad field changes
-- nothing. The checks are the setters' (set_bio, set_purpose, set_available_hours,
-- set_timezone, toggle_topic, finish_important_topics); the friendly wording lives in the app.

-- Changes a finished profile: any of bio (text or null), purpose, available_hours (0-23),
-- timezone {name, utc_offset_minutes, country}, topics (2-10 catalogue slugs) with important
-- (1-3 of them). Returns {status: ok, changed: [...]} or {status, field, reason}.
create or replace function public.update_profile(p_tg_id bigint, p_changes jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
  v_step text;
  v_bio text;
  v_hours smallint[];
  v_zone jsonb;
  v_topics text[];
  v_important text[];
  v_topic_ids integer[];
  v_changed text[] := '{}';
begin
  if p_changes is null or jsonb_typeof(p_changes) <> 'object' then
    return jsonb_build_object('status', 'invalid', 'field', '', 'reason', 'invalid');
  end if;
  select u.id, u.onboarding_step into v_user_id, v_step
    from public.users u where u.tg_id = p_tg_id for update;
  if v_user_id is null then
    return jsonb_build_object('status', 'not_registered');
  end if;
  if v_step <> 'done' then
    return jsonb_build_object('status', 'profile_incomplete');
  end if;

  -- Every field is checked before anything is written.
  if p_changes ? 'bio' then
    if jsonb_typeof(p_changes -> 'bio') not in ('string', 'null') then
      return jsonb_build_object('status', 'invalid', 'field', 'bio', 'reason', 'invalid');
    end if;
    v_bio := nullif(btrim(coalesce(p_changes ->> 'bio', '')), '');
    if char_length(v_bio) > 160 then
      return jsonb_build_object('status', 'invalid', 'field', 'bio', 'reason', 'too_long');
    end if;
  end if;
  if p_changes ? 'purpose'
     and coalesce(p_changes ->> 'purpose', '') not in ('support', 'advice', 'friendship') then
    return jsonb_build_object('status', 'invalid', 'field', 'purpose', 'reason', 'invalid');
  end if;
  if p_changes ? 'available_hours' then
    if jsonb_typeof(p_changes -> 'available_hours') <> 'array'
       or jsonb_array_length(p_changes -> 'available_hours') = 0
       or exists (
         select 1 from jsonb_array_elements(p_changes -> 'available_hours') e
          where jsonb_typeof(e) <> 'number' or e::text !~ '^([0-9]|1[0-9]|2[0-3])$'
       ) then
      return jsonb_build_object('status', 'invalid', 'field', 'available_hours', 'reason', 'invalid');
    end if;
    select array_agg(distinct e::text::smallint order by e::text::smallint) into v_hours
      from jsonb_array_elements(p_changes -> 'available_hours') e;
  end if;
  if p_changes ? 'timezone' then
    v_zone := p_changes -> 'timezone';
    if jsonb_typeof(v_zone) <> 'object'
       or char_length(coalesce(v_zone ->> 'name', '')) not between 1 and 64
       or jsonb_typeof(v_zone -> 'utc_offset_minutes') is distinct from 'number'
       or (v_zone ->> 'utc_offset_minutes') !~ '^-?[0-9]+$'
       or (v_zone ->> 'utc_offset_minutes')::integer not between -720 and 840
       or (v_zone ->> 'utc_offset_minutes')::integer % 15 <> 0
       or (v_zone ->> 'country' is not null and (v_zone ->> 'country') !~ '^[A-Z]{2}$') then
      return jsonb_build_object('status', 'invalid', 'field', 'timezone', 'reason', 'invalid');
    end if;
  end if;
  if p_changes ? 'topics' or p_changes ? 'important' then
    if p_changes ? 'topics' then
      if jsonb_typeof(p_changes -> 'topics') <> 'array' then
        return jsonb_build_object('status', 'invalid', 'field', 'topics', 'reason', 'invalid');
      end if;
      select coalesce(array_agg(distinct e), '{}') into v_topics
        from jsonb_array_elements_text(p_changes -> 'topics') e;
    else
      select coalesce(array_agg(t.slug), '{}') into v_topics
        from public.user_topics ut join public.topics t on t.id = ut.topic_id
       where ut.user_id = v_user_id;
    end if;
    if p_changes ? 'important' then
      if jsonb_typeof(p_changes -> 'important') <> 'array' then
        return jsonb_build_object('status', 'invalid', 'field', 'important', 'reason', 'invalid');
      end if;
      select coalesce(array_agg(distinct e), '{}') into v_important
        from jsonb_array_elements_text(p_changes -> 'important') e;
    else
      -- New topics keep the importance of those that stay.
      select coalesce(array_agg(t.slug), '{}') into v_important
        from public.user_topics ut join public.topics t on t.id = ut.topic_id
       where ut.user_id = v_user_id and ut.weight = 2 and t.slug = any(v_topics);
    end if;
    select coalesce(array_agg(t.id), '{}') into v_topic_ids
      from public.topics t where t.slug = any(v_topics);
    if cardinality(v_topic_ids) <> cardinality(v_topics) then
      return jsonb_build_object('status', 'invalid', 'field', 'topics', 'reason', 'unknown_topic');
    end if;
    if cardinality(v_topics) < 2 then
      return jsonb_build_object('status', 'invalid', 'field', 'topics', 'reason', 'too_few');
    end if;
    if cardinality(v_topics) > 10 then
      return jsonb_build_object('status', 'invalid', 'field', 'topics', 'reason', 'too_many');
    end if;
    if not (v_important <@ v_topics) then
      return jsonb_build_object('status', 'invalid', 'field', 'important', 'reason', 'not_selected');
    end if;
    if cardinality(v_important) < 1 then
      return jsonb_build_object('status', 'invalid', 'field', 'important', 'reason', 'no_important');
    end if;
    if cardinality(v_important) > 3 then
      return jsonb_build_object(
        'status', 'invalid', 'field', 'important', 'reason', 'too_many_important');
    end if;
  end if;

  -- Then everything is written, each field recorded as an edit (as complete_profile_step does).
  if p_changes ? 'bio' then
    update public.users set bio = v_bio where id = v_user_id;
    v_changed := v_changed || 'bio'::text;
  end if;
  if p_changes ? 'purpose' then
    insert into public.preferences as p (user_id, purpose) values (v_user_id, p_changes ->> 'purpose')
    on conflict (user_id) do update set purpose = excluded.purpose, updated_at = now();
    v_changed := v_changed || 'purpose'::text;
  end if;
  if p_changes ? 'available_hours' then
    insert into public.preferences as p (user_id, available_hours) values (v_user_id, v_hours)
    on conflict (user_id) do update
      set available_hours = excluded.available_hours, updated_at = now();
    v_changed := v_changed || 'availability'::text;
  end if;
  if p_changes ? 'timezone' then
    update public.users
       set timezone = v_zone ->> 'name',
           utc_offset_minutes = (v_zone ->> 'utc_offset_minutes')::integer,
           country = v_zone ->> 'country'
     where id = v_user_id;
    v_changed := v_changed || 'timezone'::text;
  end if;
  if v_topics is not null then
    delete from public.user_topics ut
     where ut.user_id = v_user_id and ut.topic_id <> all(v_topic_ids);
    insert into public.user_topics as ut (user_id, topic_id, weight)
    select v_user_id, t.id, case when t.slug = any(v_important) then 2 else 1 end
      from public.topics t where t.id = any(v_topic_ids)
    on conflict (user_id, topic_id) do update set weight = excluded.weight;
    v_changed := v_changed || 'topics'::text;
  end if;
  update public.users set awaiting_input = null where id = v_user_id;
  insert into public.domain_events (user_id, event, data)
  select v_user_id, 'profile.updated', jsonb_build_object('field', f, 'source', 'api')
    from unnest(v_changed) f;
  return jsonb_build_object('status', 'ok', 'changed', to_jsonb(v_changed));
end
$$;

-- The person's events: registrations of events not over (with the card and, once the
-- schedule is built, their rounds: when each starts and ends, or a bye), and events they
-- announced with their moderation state. Never who else is in a round.
create or replace function public.my_events(p_tg_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  with me as (select u.id from public.users u where u.tg_id = p_tg_id)
  select case when not exists (select 1 from me) then jsonb_build_object('status', 'not_registered')
  else jsonb_build_object(
    'status', 'ok',
    'registrations', coalesce((
      select jsonb_agg(public.event_card(e, r.user_id) || jsonb_build_object(
               'registered_at', r.registered_at,
               'confirmed_at', r.confirmed_at,
               'schedule', coalesce((
                 select jsonb_agg(jsonb_build_object(
                          'round', p.round,
                          'starts_at', public.event_round_start(e, p.round),
                          'ends_at', public.event_round_start(e, p.round)
                                     + make_interval(mins => e.round_minutes),
                          'bye', p.user_a is null or p.user_b is null
                        ) order by p.round)
                   from public.event_pairs p
                  where p.event_id = e.id and (p.user_a = r.user_id or p.user_b = r.user_id)
               ), '[]'::jsonb)
             ) order by e.starts_at, e.id)
        from public.event_registrations r
        join public.events e on e.id = r.event_id
       where r.user_id = (select id from me)
         and r.status in ('registered', 'waiting', 'confirmed')
         and e.state not in ('finished', 'cancelled')
    ), '[]'::jsonb),
    'announced', coalesce((
      select jsonb_agg(public.event_card(e, e.created_by)
                       || jsonb_build_object('moderation', e.moderation)
                       order by e.starts_at, e.id)
        from public.events e
       where e.created_by = (select id from me)
         and e.state not in ('finished', 'cancelled')
    ), '[]'::jsonb)
  ) end
$$;

-- Everything stored about the person, for GET /account/export: the profile, topics, settings,
-- diary, mood, portrait, events, chats, calls, ratings and reports they made, tips, sanctions,
-- safety flags, coach hints, recommendations. Other people are never named: a chat or a tip
-- shows no partner, a report no one reported. Embedding vectors are left out (numbers derived
-- from the texts already exported). null for someone the bot does not know.
create or replace function public.account_export(p_tg_id bigint)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_user public.users;
begin
  select * into v_user from public.users u where u.tg_id = p_tg_id;
  if v_user.id is null then
    return null;
  end if;
  return jsonb_build_object(
    'exported_at', now(),
    'profile', to_jsonb(v_user) - 'id' - 'awaiting_input' - 'diary_reminder_sent_on',
    'preferences', (
      select to_jsonb(p) - 'user_id' - 'available_utc_mask'
        from public.preferences p where p.user_id = v_user.id
    ),
    'topics', coalesce((
      select jsonb_agg(jsonb_build_object(
               'slug', t.slug, 'title', t.title, 'group', t.group_title,
               'important', ut.weight = 2) order by t.sort_order, t.id)
        from public.user_topics ut join public.topics t on t.id = ut.topic_id
       where ut.user_id = v_user.id
    ), '[]'::jsonb),
    'diary', public.diary_export(p_tg_id),
    'mood_aggregates', coalesce((
      select jsonb_agg(to_jsonb(m) - 'user_id' order by m.period, m.period_start)
        from public.mood_aggregates m where m.user_id = v_user.id
    ), '[]'::jsonb),
    'portrait', (
      select to_jsonb(p) - 'user_id' - 'embedding' - 'embedded_themes' - 'last_event_id'
        from public.user_portraits p where p.user_id = v_user.id
    ),
    'profile_embedding', (
      select jsonb_build_object('model', e.model, 'updated_at', e.updated_at)
        from public.profile_embeddings e where e.user_id = v_user.id
    ),
    'event_registrations', coalesce((
      select jsonb_agg(jsonb_build_object(
               'event_id', e.id, 'title', e.title, 'starts_at', e.starts_at,
               'status', r.status, 'registered_at', r.registered_at,
               'confirmed_at', r.confirmed_at) order by r.registered_at)
        from public.event_registrations r join public.events e on e.id = r.event_id
       where r.user_id = v_user.id
    ), '[]'::jsonb),
    'events_announced', coalesce((
      select jsonb_agg(jsonb_build_object(
               'event_id', e.id, 'title', e.title, 'description', e.description,
               'starts_at', e.starts_at, 'moderation', e.moderation, 'state', e.state,
               'created_at', e.created_at) order by e.created_at)
        from public.events e where e.created_by = v_user.id
    ), '[]'::jsonb),
    'event_draft', (
      select to_jsonb(d) - 'user_id' from public.event_drafts d where d.user_id = v_user.id
    ),
    'chats', coalesce((
      select jsonb_agg(jsonb_build_object(
               'match_id', x.id, 'kind', x.kind, 'state', x.state,
               'proposed_at', x.proposed_at, 'started_at', x.started_at,
               'ended_at', x.ended_at, 'end_reason', x.end_reason,
               'ended_by_me', x.ended_by = v_user.id) order by x.proposed_at)
        from public.match_members mm join public.matches x on x.id = mm.match_id
       where mm.user_id = v_user.id
    ), '[]'::jsonb),
    'calls', coalesce((
      select jsonb_agg(jsonb_build_object(
               'call_id', c.id, 'match_id', c.match_id, 'state', c.state,
               'created_at', c.created_at, 'live_at', c.live_at, 'ended_at', c.ended_at,
               'end_reason', c.end_reason) order by c.created_at)
        from public.calls c where v_user.id in (c.user_a, c.user_b)
    ), '[]'::jsonb),
    'call_preferences', (
      select to_jsonb(p) - 'user_id' from public.call_preferences p where p.user_id = v_user.id
    ),
    'ratings_given', coalesce((
      select jsonb_agg(jsonb_build_object(
               'match_id', r.match_id, 'score', r.score, 'created_at', r.created_at)
             order by r.created_at)
        from public.ratings r where r.rater_user_id = v_user.id
    ), '[]'::jsonb),
    'reports_made', coalesce((
      select jsonb_agg(jsonb_build_object(
               'match_id', r.match_id, 'reason', r.reason, 'created_at', r.created_at,
               'decision', r.decision, 'resolved_at', r.resolved_at) order by r.created_at)
        from public.reports r where r.reporter_user_id = v_user.id
    ), '[]'::jsonb),
    'blocks_made', (select count(*) from public.blocks b where b.blocker_user_id = v_user.id),
    'tips_sent', coalesce((
      select jsonb_agg(jsonb_build_object(
               'tip_id', t.id, 'match_id', t.match_id, 'amount', t.amount,
               'currency', t.currency, 'status', t.status, 'created_at', t.created_at,
               'paid_at', t.paid_at, 'refunded_at', t.refunded_at) order by t.created_at)
        from public.tips t where t.payer_id = v_user.id
    ), '[]'::jsonb),
    'tips_received', coalesce((
      select jsonb_agg(jsonb_build_object(
               'tip_id', t.id, 'match_id', t.match_id, 'share', t.recipient_share,
               'currency', t.currency, 'status', t.status, 'paid_at', t.paid_at)
             order by t.created_at)
        from public.tips t where t.recipient_id = v_user.id and t.status <> 'pending'
    ), '[]'::jsonb),
    'tip_ledger', coalesce((
      select jsonb_agg(jsonb_build_object(
               'tip_id', l.tip_id, 'kind', l.kind, 'amount', l.amount,
               'available_at', l.available_at, 'created_at', l.created_at)
             order by l.created_at, l.id)
        from public.tip_ledger l where l.user_id = v_user.id
    ), '[]'::jsonb),
    'sanctions', coalesce((
      select jsonb_agg(jsonb_build_object(
               'kind', s.kind, 'reason', s.reason, 'created_at', s.created_at,
               'ends_at', s.ends_at, 'lifted_at', s.lifted_at) order by s.created_at)
        from public.sanctions s where s.user_id = v_user.id
    ), '[]'::jsonb),
    'safety_flags', coalesce((
      select jsonb_agg(jsonb_build_object(
               'label', f.label, 'severity', f.severity, 'source', f.source,
               'created_at', f.created_at) order by f.created_at)
        from public.safety_flags f where f.user_id = v_user.id
    ), '[]'::jsonb),
    'toxicity_strikes', coalesce((
      select jsonb_agg(jsonb_build_object('category', s.category, 'created_at', s.created_at)
             order by s.created_at)
        from public.toxicity_strikes s where s.user_id = v_user.id
    ), '[]'::jsonb),
    'coach_hints', coalesce((
      select jsonb_agg(jsonb_build_object(
               'match_id', h.match_id, 'type', h.hint_type, 'coach', h.coach,
               'source', h.source, 'shown_at', h.shown_at, 'accepted_at', h.accepted_at)
             order by h.shown_at)
        from public.ai_hints h where h.user_id = v_user.id
    ), '[]'::jsonb),
    'recommendations', coalesce((
      select jsonb_agg(jsonb_build_object(
               'kind', r.kind, 'recommender', r.recommender, 'score', r.score,
               'topic', (select t.slug from public.topics t where t.id = r.topic_id),
               'event_id', r.event_id, 'shown_at', r.shown_at, 'taken_at', r.taken_at)
             order by r.shown_at)
        from public.recommendations r where r.user_id = v_user.id
    ), '[]'::jsonb),
    'experiments', coalesce((
      select jsonb_agg(jsonb_build_object(
               'experiment', a.experiment, 'arm', a.arm, 'assigned_at', a.assigned_at)
             order by a.assigned_at)
        from public.experiment_assignments a where a.user_id = v_user.id
    ), '[]'::jsonb),
    'activity', coalesce((
      select jsonb_agg(jsonb_build_object('event', d.event, 'at', d.occurred_at)
             order by d.occurred_at, d.id)
        from public.domain_events d where d.user_id = v_user.id
    ), '[]'::jsonb)
  );
end
$$;

revoke execute on function public.update_profile(bigint, jsonb) from public, anon, authenticated;
revoke execute on function public.my_events(bigint) from public, anon, authenticated;
revoke execute on function public.account_export(bigint) from public, anon, authenticated;
grant execute on function public.update_profile(bigint, jsonb) to service_role;
grant execute on function public.my_events(bigint) to service_role;
grant execute on function public.account_export(bigint) to service_role;
