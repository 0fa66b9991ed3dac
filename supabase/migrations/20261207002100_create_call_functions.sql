-- The call's functions for the API (the Mini App's room): preference, search, state,
-- signalling between the two participants only, heartbeat, next/end/report, and the sweep that
-- ends calls whose side vanished. Every function takes the caller's Telegram id (checked by the
-- API from signed initData) and answers a status; a third person gets 'forbidden'.

-- 'video' unless the person said 'text_only' (internal).
create or replace function public.call_preference_of(p_user_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(
    (select p.preference from public.call_preferences p where p.user_id = p_user_id),
    'video'
  )
$$;

-- Sets the preference; 'text_only' also leaves a call search in progress.
create or replace function public.set_call_preference(p_tg_id bigint, p_preference text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me_id uuid;
begin
  if p_preference is null or p_preference not in ('video', 'text_only') then
    return jsonb_build_object('status', 'invalid_preference');
  end if;
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  if me_id is null then
    return jsonb_build_object('status', 'not_registered');
  end if;
  insert into public.call_preferences (user_id, preference)
  values (me_id, p_preference)
  on conflict (user_id) do update set preference = excluded.preference, updated_at = now();
  if p_preference = 'text_only' then
    delete from public.match_queue q where q.user_id = me_id and q.mode = 'call';
  end if;
  return jsonb_build_object('status', 'ok', 'preference', p_preference);
end
$$;

-- «Начать созвон»: the same checks as /find (restriction, complete profile, nothing open), then
-- a call search: the queue row in mode 'call', tried against everyone waiting for a call at
-- once. A text search in progress gives way to it. The search lasts call_search_minutes.
create or replace function public.find_call(p_tg_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  restriction jsonb := public.restriction_of(p_tg_id);
  me public.users;
  open_match public.matches;
  queued public.match_queue;
  match_id uuid;
begin
  if restriction ->> 'status' = 'restricted' then
    return restriction;
  end if;
  select * into me from public.users u where u.tg_id = p_tg_id;
  if not found or me.onboarding_step <> 'done' or me.rules_accepted_at is null
     or public.age_pool(me.birth_year) is null then
    return jsonb_build_object('status', 'profile_incomplete');
  end if;
  if public.call_preference_of(me.id) = 'text_only' then
    return jsonb_build_object('status', 'text_only');
  end if;
  -- Serialises concurrent presses of the same person (and /find).
  perform 1 from public.users u where u.id = me.id for update;

  select m.* into open_match
    from public.match_members mm
    join public.matches m on m.id = mm.match_id
   where mm.user_id = me.id;
  if found then
    if open_match.state = 'active' then
      return jsonb_build_object(
        'status', case when open_match.kind = 'call' then 'already_in_call' else 'already_in_chat' end,
        'match_id', open_match.id
      );
    end if;
    return jsonb_build_object(
      'status', 'proposal_pending', 'match_id', open_match.id,
      'expires_at', open_match.expires_at
    );
  end if;

  select * into queued from public.match_queue q where q.user_id = me.id;
  if found and queued.expires_at > now() and queued.mode = 'call' then
    return jsonb_build_object(
      'status', 'already_searching',
      'waiting_seconds', floor(extract(epoch from now() - queued.enqueued_at))::integer,
      'expires_at', queued.expires_at
    );
  elsif found then
    delete from public.match_queue q where q.user_id = me.id;
  end if;

  perform public.enqueue_user(me.id, false);
  update public.match_queue q
     set mode = 'call',
         expires_at = least(q.expires_at, now() + make_interval(mins => coalesce(
           (public.matching_settings() ->> 'call_search_minutes')::double precision, 30)::integer))
   where q.user_id = me.id
  returning q.* into queued;
  if not found then
    return jsonb_build_object('status', 'profile_incomplete');
  end if;
  insert into public.domain_events (user_id, event, data)
  values (me.id, 'call.search_started', jsonb_build_object('arm', queued.arm));

  match_id := public.try_pair(me.id);
  if match_id is not null then
    return jsonb_build_object('status', 'proposed', 'match_id', match_id);
  end if;
  update public.match_queue set tried_at = now() where user_id = me.id;
  return jsonb_build_object('status', 'queued', 'expires_at', queued.expires_at);
end
$$;

-- Leaves a call search (a text search is left alone).
create or replace function public.cancel_call_search(p_tg_id bigint)
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
   where u.tg_id = p_tg_id and q.user_id = u.id and q.mode = 'call'
  returning q.user_id into left_id;
  if left_id is null then
    return jsonb_build_object('status', 'not_searching');
  end if;
  insert into public.domain_events (user_id, event, data)
  values (left_id, 'call.search_cancelled', '{}'::jsonb);
  return jsonb_build_object('status', 'cancelled');
end
$$;

-- What one participant may know of a call (internal): never the partner's Telegram identity.
create or replace function public.call_json(c public.calls, p_me uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', c.id,
    'match_id', c.match_id,
    'state', c.state,
    'end_reason', c.end_reason,
    'ended_by_me', c.ended_by is not null and c.ended_by = p_me,
    'role', case when c.user_a = p_me then 'offerer' else 'answerer' end,
    'partner_pseudonym', partner.pseudonym,
    'partner_bio', left(partner.bio, 120),
    'shared_topics', coalesce((
      select jsonb_agg(t.title order by t.sort_order, t.id)
        from (select t.* from public.topics t
               where t.id = any(m.shared_topic_ids)
               order by t.sort_order, t.id limit 3) t
    ), '[]'::jsonb),
    'i_accepted', case when c.user_a = p_me then m.a_accepted_at else m.b_accepted_at end is not null,
    'proposal_expires_at', case when c.state = 'proposed' then m.expires_at end,
    'partner_in_room', case when c.user_a = p_me then c.b_seen_at else c.a_seen_at end is not null,
    'connecting_at', c.connecting_at,
    'live_at', c.live_at,
    'ended_at', c.ended_at,
    'rated', exists (select 1 from public.ratings r where r.match_id = m.id and r.rater_user_id = p_me)
  )
    from public.matches m
    left join public.users partner
      on partner.id = case when c.user_a = p_me then c.user_b else c.user_a end
   where m.id = c.match_id
$$;

-- The room's screen: the preference, the search, the open call (or proposal), and the last call
-- if it ended within ten minutes (for the rating).
create or replace function public.call_state(p_tg_id bigint)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  me_id uuid;
  m public.matches;
  c public.calls;
  queued public.match_queue;
  status text := 'idle';
  result jsonb;
begin
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  if me_id is null then
    return jsonb_build_object('status', 'not_registered');
  end if;
  select x.* into m
    from public.match_members mm
    join public.matches x on x.id = mm.match_id
   where mm.user_id = me_id;
  if found and m.kind = 'chat' then
    status := case when m.state = 'active' then 'in_chat' else 'chat_proposed' end;
  elsif found then
    select * into c from public.calls x where x.match_id = m.id;
    status := case when m.state = 'active' then 'in_call' else 'proposed' end;
  else
    select * into queued from public.match_queue q where q.user_id = me_id and q.expires_at > now();
    if found then
      status := case when queued.mode = 'call' then 'searching' else 'searching_chat' end;
    end if;
  end if;
  result := jsonb_build_object('status', status, 'preference', public.call_preference_of(me_id));
  if status in ('searching', 'searching_chat') then
    result := result || jsonb_build_object(
      'waiting_seconds', floor(extract(epoch from now() - queued.enqueued_at))::integer,
      'expires_at', queued.expires_at
    );
  end if;
  if c.id is not null then
    result := result || jsonb_build_object('call', public.call_json(c, me_id));
  else
    select x.* into c
      from public.calls x
     where (x.user_a = me_id or x.user_b = me_id) and x.state = 'ended'
       and x.connecting_at is not null and x.ended_at > now() - interval '10 minutes'
     order by x.ended_at desc
     limit 1;
    if found then
      result := result || jsonb_build_object('last_call', public.call_json(c, me_id));
    end if;
  end if;
  return result;
end
$$;

-- One call for one of its participants: {status: ok, call} | forbidden | not_found.
create or replace function public.call_details(p_tg_id bigint, p_call_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  me_id uuid;
  c public.calls;
begin
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  select * into c from public.calls x where x.id = p_call_id;
  if not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  if me_id is null or me_id is distinct from c.user_a and me_id is distinct from c.user_b then
    return jsonb_build_object('status', 'forbidden');
  end if;
  return jsonb_build_object('status', 'ok', 'call', public.call_json(c, me_id));
end
$$;

-- Ends an open call whose side left the room or never came (internal; locks the match):
-- a heartbeat older than call_heartbeat_seconds, or no heartbeat call_join_seconds after both
-- accepted. The vanished side "went away" (end reason timeout); the partner is told.
create or replace function public.end_stale_call(p_call_id uuid)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  cfg jsonb := public.matching_settings();
  beat interval := make_interval(secs => coalesce((cfg ->> 'call_heartbeat_seconds')::double precision, 15));
  join_wait interval := make_interval(secs => coalesce((cfg ->> 'call_join_seconds')::double precision, 60));
  c public.calls;
  stale uuid;
begin
  select x.* into c from public.calls x where x.id = p_call_id;
  if not found or c.state not in ('connecting', 'live') then
    return false;
  end if;
  perform 1 from public.matches m where m.id = c.match_id for update;
  select x.* into c from public.calls x where x.id = p_call_id;
  if c.state not in ('connecting', 'live') then
    return false;
  end if;
  stale := case
    when c.a_seen_at is null and c.connecting_at <= now() - join_wait then c.user_a
    when c.b_seen_at is null and c.connecting_at <= now() - join_wait then c.user_b
    when c.a_seen_at <= now() - beat and (c.b_seen_at is null or c.a_seen_at <= c.b_seen_at) then c.user_a
    when c.b_seen_at <= now() - beat then c.user_b
  end;
  if stale is null then
    return false;
  end if;
  perform public.finish_chat(c.match_id, stale, 'gone', 'partner_gone');
  insert into public.domain_events (event, data)
  values ('call.timed_out', jsonb_build_object('call_id', c.id));
  return true;
end
$$;

-- The room is open and working: keeps the call alive, marks it live once media flows
-- (p_connected), and ends it when the partner's heartbeat stopped.
create or replace function public.heartbeat_call(p_tg_id bigint, p_call_id uuid, p_connected boolean)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me_id uuid;
  c public.calls;
begin
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  select * into c from public.calls x where x.id = p_call_id;
  if not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  if me_id is null or me_id is distinct from c.user_a and me_id is distinct from c.user_b then
    return jsonb_build_object('status', 'forbidden');
  end if;
  if c.state in ('connecting', 'live') then
    update public.calls x
       set a_seen_at = case when x.user_a = me_id then now() else x.a_seen_at end,
           b_seen_at = case when x.user_b = me_id then now() else x.b_seen_at end,
           state = case when coalesce(p_connected, false) then 'live' else x.state end,
           live_at = case when coalesce(p_connected, false) then coalesce(x.live_at, now())
                          else x.live_at end
     where x.id = c.id
    returning * into c;
    if c.state = 'live' and c.live_at = now() then
      insert into public.domain_events (user_id, event, data)
      values (me_id, 'call.live', jsonb_build_object(
        'call_id', c.id,
        'setup_ms', floor(extract(epoch from now() - c.connecting_at) * 1000)::integer
      ));
    end if;
    if public.end_stale_call(c.id) then
      select * into c from public.calls x where x.id = p_call_id;
    end if;
  end if;
  return jsonb_build_object('status', 'ok', 'call', public.call_json(c, me_id));
end
$$;

-- A signalling message to the partner. The API checked the kind and body (relay candidates
-- only); here: only a participant, only while the call is connecting or live, at most
-- call_signals_max per call.
create or replace function public.post_call_signal(
  p_tg_id bigint,
  p_call_id uuid,
  p_kind text,
  p_body jsonb
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me_id uuid;
  c public.calls;
  sent integer;
  new_id bigint;
begin
  if p_kind is null or p_kind not in ('offer', 'answer', 'candidate', 'restart') or p_body is null then
    return jsonb_build_object('status', 'invalid_signal');
  end if;
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  select * into c from public.calls x where x.id = p_call_id for share;
  if not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  if me_id is null or me_id is distinct from c.user_a and me_id is distinct from c.user_b then
    return jsonb_build_object('status', 'forbidden');
  end if;
  if c.state not in ('connecting', 'live') then
    return jsonb_build_object('status', 'not_open', 'state', c.state);
  end if;
  select count(*) into sent from public.call_signals s where s.call_id = c.id;
  if sent >= coalesce((public.matching_settings() ->> 'call_signals_max')::double precision, 400) then
    return jsonb_build_object('status', 'too_many');
  end if;
  if p_kind = 'restart' then
    update public.calls set restarts = restarts + 1 where id = c.id;
  end if;
  insert into public.call_signals (call_id, sender_user_id, kind, body)
  values (c.id, me_id, p_kind, p_body)
  returning id into new_id;
  return jsonb_build_object('status', 'ok', 'id', new_id);
end
$$;

-- The partner's signalling messages after p_after (the last id the caller saw), oldest first,
-- with the call's state so a waiting client learns the call ended.
create or replace function public.call_signals_after(p_tg_id bigint, p_call_id uuid, p_after bigint)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  me_id uuid;
  c public.calls;
begin
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  select * into c from public.calls x where x.id = p_call_id;
  if not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  if me_id is null or me_id is distinct from c.user_a and me_id is distinct from c.user_b then
    return jsonb_build_object('status', 'forbidden');
  end if;
  return jsonb_build_object(
    'status', 'ok',
    'state', c.state,
    'end_reason', c.end_reason,
    'signals', coalesce((
      select jsonb_agg(jsonb_build_object('id', s.id, 'kind', s.kind, 'body', s.body) order by s.id)
        from (
          select s.* from public.call_signals s
           where s.call_id = c.id and s.sender_user_id <> me_id and s.id > coalesce(p_after, 0)
           order by s.id
           limit 100
        ) s
    ), '[]'::jsonb)
  );
end
$$;

-- «Завершить» (p_reason 'end') or «Следующий» ('next': the caller searches for a call again at
-- once; the partner is told and may search again). On a proposal either one declines it.
create or replace function public.end_call(p_tg_id bigint, p_call_id uuid, p_reason text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me_id uuid;
  c public.calls;
  ended jsonb;
  result jsonb;
begin
  if p_reason is null or p_reason not in ('end', 'next') then
    return jsonb_build_object('status', 'invalid_reason');
  end if;
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  select * into c from public.calls x where x.id = p_call_id;
  if not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  if me_id is null or me_id is distinct from c.user_a and me_id is distinct from c.user_b then
    return jsonb_build_object('status', 'forbidden');
  end if;
  if c.state = 'ended' then
    return jsonb_build_object('status', 'already_ended', 'end_reason', c.end_reason);
  end if;
  if c.state = 'proposed' then
    ended := public.respond_to_proposal(p_tg_id, c.match_id, false);
    if ended ->> 'status' <> 'declined' then
      return jsonb_build_object('status', 'already_ended');
    end if;
  else
    ended := public.end_chat(p_tg_id, case when p_reason = 'next' then 'next' else 'stop' end);
    if ended ->> 'status' <> 'ended' or (ended ->> 'match_id')::uuid <> c.match_id then
      return jsonb_build_object('status', 'already_ended');
    end if;
  end if;
  insert into public.domain_events (user_id, event, data)
  values (me_id, 'call.ended', jsonb_build_object('call_id', c.id, 'reason', p_reason));
  result := jsonb_build_object('status', 'ended', 'call_id', c.id, 'match_id', c.match_id);
  if p_reason = 'next' then
    result := result || jsonb_build_object('search', public.find_call(p_tg_id));
  end if;
  return result;
end
$$;

-- «Пожаловаться» in the room: ends the call at once, blocks the partner and files the report
-- exactly as the text chat does (report_partner).
create or replace function public.report_call(p_tg_id bigint, p_call_id uuid, p_reason text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me_id uuid;
  c public.calls;
begin
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  select * into c from public.calls x where x.id = p_call_id;
  if not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  if me_id is null or me_id is distinct from c.user_a and me_id is distinct from c.user_b then
    return jsonb_build_object('status', 'forbidden');
  end if;
  return public.report_partner(p_tg_id, c.match_id, p_reason);
end
$$;

-- The periodic sweep (pg_cron every 5 s on Supabase, a timer in the dev server): ends calls
-- whose side stopped sending heartbeats.
create or replace function public.sweep_calls()
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  cfg jsonb := public.matching_settings();
  beat interval := make_interval(secs => coalesce((cfg ->> 'call_heartbeat_seconds')::double precision, 15));
  join_wait interval := make_interval(secs => coalesce((cfg ->> 'call_join_seconds')::double precision, 60));
  r record;
  ended integer := 0;
begin
  for r in
    select c.id from public.calls c
     where c.state in ('connecting', 'live')
       and (least(c.a_seen_at, c.b_seen_at) <= now() - beat
            or ((c.a_seen_at is null or c.b_seen_at is null) and c.connecting_at <= now() - join_wait))
  loop
    if public.end_stale_call(r.id) then
      ended := ended + 1;
    end if;
  end loop;
  return jsonb_build_object('status', 'ok', 'ended', ended);
end
$$;

insert into public.matching_config (key, value, description)
values
  ('call_search_minutes', 30, 'How long a call search stays in the queue.'),
  ('call_signals_max', 400, 'Signalling messages one call may carry at most (both sides).')
on conflict (key) do nothing;

do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'pg_cron') then
    create extension if not exists pg_cron;
    perform cron.schedule('calls-sweep', '5 seconds', 'select public.sweep_calls()');
  end if;
end
$$;

revoke execute on function public.call_preference_of(uuid) from public, anon, authenticated;
revoke execute on function public.set_call_preference(bigint, text) from public, anon, authenticated;
revoke execute on function public.find_call(bigint) from public, anon, authenticated;
revoke execute on function public.cancel_call_search(bigint) from public, anon, authenticated;
revoke execute on function public.call_json(public.calls, uuid) from public, anon, authenticated;
revoke execute on function public.call_state(bigint) from public, anon, authenticated;
revoke execute on function public.call_details(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.end_stale_call(uuid) from public, anon, authenticated;
revoke execute on function public.heartbeat_call(bigint, uuid, boolean) from public, anon, authenticated;
revoke execute on function public.post_call_signal(bigint, uuid, text, jsonb) from public, anon, authenticated;
revoke execute on function public.call_signals_after(bigint, uuid, bigint) from public, anon, authenticated;
revoke execute on function public.end_call(bigint, uuid, text) from public, anon, authenticated;
revoke execute on function public.report_call(bigint, uuid, text) from public, anon, authenticated;
revoke execute on function public.sweep_calls() from public, anon, authenticated;
grant execute on function public.call_preference_of(uuid) to service_role;
grant execute on function public.set_call_preference(bigint, text) to service_role;
grant execute on function public.find_call(bigint) to service_role;
grant execute on function public.cancel_call_search(bigint) to service_role;
grant execute on function public.call_json(public.calls, uuid) to service_role;
grant execute on function public.call_state(bigint) to service_role;
grant execute on function public.call_details(bigint, uuid) to service_role;
grant execute on function public.end_stale_call(uuid) to service_role;
grant execute on function public.heartbeat_call(bigint, uuid, boolean) to service_role;
grant execute on function public.post_call_signal(bigint, uuid, text, jsonb) to service_role;
grant execute on function public.call_signals_after(bigint, uuid, bigint) to service_role;
grant execute on function public.end_call(bigint, uuid, text) to service_role;
grant execute on function public.report_call(bigint, uuid, text) to service_role;
grant execute on function public.sweep_calls() to service_role;
