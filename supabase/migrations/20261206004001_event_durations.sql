-- Event durations as the settings say (issue 17).
-- * Hour and minute settings (confirm_open_hours, confirm_close_hours, choice_hours,
--   reminder_minutes) were cast to whole numbers: 0.5 h became 0 or 1. They are now taken as
--   they are, through public.event_setting_interval().
-- * The window for choices after an event counted from events.updated_at, so an admin's edit
--   after the end reopened it; it now counts from the new events.finished_at.
-- * The messages state durations from the settings and the event (reminder, pause, round,
--   confirmation, choices) instead of fixed ones: the payloads carry them.

alter table public.events add column finished_at timestamptz;
-- Events that finished before this migration: the best known end is the last update.
update public.events set finished_at = updated_at where state = 'finished' and finished_at is null;

-- One event setting (public.event_config) as a number, or p_default when it is not set.
create or replace function public.event_setting(p_key text, p_default double precision)
returns double precision
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((select c.value from public.event_config c where c.key = p_key), p_default)
$$;

-- A duration setting as an interval, fractions kept: the unit is the key's suffix (_days, _hours,
-- _minutes, _seconds), e.g. event_setting_interval('confirm_open_hours', 24).
create or replace function public.event_setting_interval(p_key text, p_default double precision)
returns interval
language sql
stable
security definer
set search_path = ''
as $$
  select make_interval(secs => public.event_setting(p_key, p_default) * case
           when p_key like '%\_days' then 86400
           when p_key like '%\_hours' then 3600
           when p_key like '%\_minutes' then 60
           when p_key like '%\_seconds' then 1
         end)
$$;

-- Registers the user: a place while there is one, the waiting list after. Inside the confirmation
-- window a new place is asked to confirm at once. Registration closes when confirmation does.
-- The answer says when confirmation opens (confirm_open_hours), for the text that promises it.
create or replace function public.register_for_event(p_tg_id bigint, p_event_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me public.users;
  ev public.events;
  restriction jsonb;
  taken integer;
  existing text;
  next_status text;
begin
  select * into me from public.users u where u.tg_id = p_tg_id;
  if me.id is null or me.onboarding_step <> 'done' then
    return jsonb_build_object('status', 'profile_incomplete');
  end if;
  restriction := public.restriction_of(p_tg_id);
  if restriction ->> 'status' = 'restricted' then
    return restriction;
  end if;
  -- The event row lock serialises registrations: the capacity check below cannot be raced.
  select * into ev from public.events e where e.id = p_event_id for update;
  if not found or ev.moderation <> 'approved' then
    return jsonb_build_object('status', 'not_found');
  end if;
  if ev.age_pool is distinct from public.age_pool(me.birth_year) then
    return jsonb_build_object('status', 'not_for_you');
  end if;
  if ev.state not in ('not_started', 'reg_confirm') or ev.starts_at <= now()
     or now() >= ev.starts_at - public.event_setting_interval('confirm_close_hours', 3) then
    return jsonb_build_object('status', 'closed');
  end if;
  select r.status into existing
    from public.event_registrations r
   where r.event_id = ev.id and r.user_id = me.id;
  if existing in ('registered', 'confirmed', 'waiting') then
    return jsonb_build_object('status', 'already', 'registration', existing,
                              'card', public.event_card(ev, me.id));
  end if;
  select count(*) into taken
    from public.event_registrations r
   where r.event_id = ev.id and r.status in ('registered', 'confirmed');
  next_status := case when taken < ev.capacity then 'registered' else 'waiting' end;
  insert into public.event_registrations as r (event_id, user_id, status, registered_at)
  values (ev.id, me.id, next_status, now())
  on conflict (event_id, user_id) do update
    set status = excluded.status, registered_at = excluded.registered_at, confirmed_at = null,
        group_no = null;
  insert into public.domain_events (user_id, event, data)
  values (me.id, 'event.registered', jsonb_build_object('event_id', ev.id, 'status', next_status));
  return jsonb_build_object(
    'status', next_status,
    'confirm_now', next_status = 'registered' and ev.state = 'reg_confirm',
    'confirm_open_hours', public.event_setting('confirm_open_hours', 24),
    'card', public.event_card(ev, me.id)
  );
end
$$;

-- «Подтверждаю»: only a registered participant, only while confirmation is open (too early: the
-- answer says how long before the start it opens).
create or replace function public.confirm_event_participation(p_tg_id bigint, p_event_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid;
  ev public.events;
  current_status text;
begin
  select u.id into me from public.users u where u.tg_id = p_tg_id;
  select * into ev from public.events e where e.id = p_event_id for update;
  if me is null or not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  select r.status into current_status
    from public.event_registrations r where r.event_id = ev.id and r.user_id = me;
  if current_status = 'confirmed' then
    return jsonb_build_object('status', 'already');
  end if;
  if current_status is distinct from 'registered' then
    return jsonb_build_object('status', 'not_registered');
  end if;
  if ev.state <> 'reg_confirm' then
    return jsonb_build_object(
      'status', case when ev.state = 'not_started' then 'too_early' else 'closed' end,
      'confirm_open_hours', public.event_setting('confirm_open_hours', 24));
  end if;
  update public.event_registrations
     set status = 'confirmed', confirmed_at = now()
   where event_id = ev.id and user_id = me;
  insert into public.domain_events (user_id, event, data)
  values (me, 'event.confirmed', jsonb_build_object('event_id', ev.id));
  return jsonb_build_object('status', 'confirmed', 'card', public.event_card(ev, me));
end
$$;

-- The state machine up to READY (advance_events() runs it, then the running part), as before,
-- with the hour settings taken as they are (1.5 is an hour and a half) and the schedule card
-- saying how long before the start the rules come (reminder_minutes).
create or replace function public.advance_events_to_ready()
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  open_before interval := public.event_setting_interval('confirm_open_hours', 24);
  close_before interval := public.event_setting_interval('confirm_close_hours', 3);
  ev public.events;
  opened integer := 0;
  readied integer := 0;
  cancelled integer := 0;
  r record;
begin
  if not pg_try_advisory_xact_lock(hashtext('public.advance_events')) then
    return jsonb_build_object('status', 'ok', 'skipped', true);
  end if;

  for ev in
    select * from public.events e
     where e.state = 'not_started' and e.moderation = 'approved'
       and now() >= e.starts_at - open_before
     order by e.starts_at
       for update skip locked
  loop
    update public.events set state = 'reg_confirm', updated_at = now() where id = ev.id;
    ev.state := 'reg_confirm';
    for r in
      select x.user_id from public.event_registrations x
       where x.event_id = ev.id and x.status = 'registered'
    loop
      perform public.outbox_push(r.user_id, 'event_confirm', public.event_card(ev, r.user_id)
        || jsonb_build_object('deadline', ev.starts_at - close_before));
    end loop;
    insert into public.domain_events (event, data)
    values ('event.state_changed', jsonb_build_object('event_id', ev.id, 'state', 'reg_confirm'));
    opened := opened + 1;
  end loop;

  for ev in
    select * from public.events e
     where e.state = 'reg_confirm' and now() >= e.starts_at - close_before
     order by e.starts_at
       for update skip locked
  loop
    for r in
      update public.event_registrations x
         set status = 'released'
       where x.event_id = ev.id and x.status = 'registered'
      returning x.user_id
    loop
      perform public.outbox_push(r.user_id, 'event_released', public.event_card(ev, r.user_id)
        || jsonb_build_object('reason', 'not_confirmed'));
    end loop;
    for r in
      update public.event_registrations x
         set status = 'released'
       where x.event_id = ev.id and x.status = 'waiting'
      returning x.user_id
    loop
      perform public.outbox_push(r.user_id, 'event_released', public.event_card(ev, r.user_id)
        || jsonb_build_object('reason', 'full'));
    end loop;
    if (select count(*) from public.event_registrations x
         where x.event_id = ev.id and x.status = 'confirmed') < 2 then
      update public.events set state = 'cancelled', updated_at = now() where id = ev.id;
      for r in
        select x.user_id from public.event_registrations x
         where x.event_id = ev.id and x.status = 'confirmed'
      loop
        perform public.outbox_push(r.user_id, 'event_released', public.event_card(ev, r.user_id)
          || jsonb_build_object('reason', 'too_few'));
      end loop;
      insert into public.domain_events (event, data)
      values ('event.state_changed', jsonb_build_object('event_id', ev.id, 'state', 'cancelled'));
      cancelled := cancelled + 1;
      continue;
    end if;
    perform public.build_event_schedule(ev.id);
    update public.events set state = 'ready', updated_at = now() where id = ev.id;
    ev.state := 'ready';
    for r in
      select x.user_id, x.group_no,
             coalesce((
               select jsonb_agg(jsonb_build_object(
                        'round', p.round,
                        'starts_at', ev.starts_at + make_interval(
                          mins => (p.round - 1) * (ev.round_minutes + ev.pause_minutes)),
                        'sits_out', p.user_b is null and p.user_a = x.user_id
                      ) order by p.round)
                 from public.event_pairs p
                where p.event_id = ev.id
                  and (p.user_a = x.user_id or p.user_b = x.user_id)
             ), '[]'::jsonb) as rounds
        from public.event_registrations x
       where x.event_id = ev.id and x.status = 'confirmed'
    loop
      perform public.outbox_push(r.user_id, 'event_schedule', public.event_card(ev, r.user_id)
        || jsonb_build_object('group_no', r.group_no, 'schedule', r.rounds,
                              'suggested', public.event_suggested_people(ev.id, r.user_id),
                              'reminder_minutes', public.event_setting('reminder_minutes', 5)));
    end loop;
    insert into public.domain_events (event, data)
    values ('event.state_changed', jsonb_build_object('event_id', ev.id, 'state', 'ready'));
    readied := readied + 1;
  end loop;

  return jsonb_build_object(
    'status', 'ok', 'opened', opened, 'ready', readied, 'cancelled', cancelled
  );
end
$$;

-- What the round messages carry: ids, the title, times (with the event's round and pause
-- lengths, which the texts state) and the person's offset.
create or replace function public.event_round_payload(
  p_event public.events,
  p_user_id uuid,
  p_round integer,
  p_rounds integer
)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'event_id', p_event.id,
    'title', p_event.title,
    'round', p_round,
    'rounds', p_rounds,
    'round_minutes', p_event.round_minutes,
    'pause_minutes', p_event.pause_minutes,
    'utc_offset_minutes', (select u.utc_offset_minutes from public.users u where u.id = p_user_id)
  )
$$;

-- The running part of the state machine, as before, except: the reminder goes out
-- reminder_minutes before (fractions kept) and says how many minutes are left; the end is
-- stamped in finished_at (the window for choices counts from it) and the last message says until
-- when choices are open.
create or replace function public.advance_running_event(p_event_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  cfg jsonb := public.event_settings();
  ev public.events;
  rounds integer;
  round_end timestamptz;
begin
  select * into ev from public.events e where e.id = p_event_id for update skip locked;
  if not found or ev.state not in ('ready', 'running') then
    return;
  end if;
  select max(p.round) into rounds from public.event_pairs p where p.event_id = ev.id;

  if ev.state = 'ready' and ev.reminded_at is null
     and now() >= ev.starts_at - public.event_setting_interval('reminder_minutes', 5) then
    perform public.outbox_push(r.user_id, 'event_reminder',
      public.event_card(ev, r.user_id) || jsonb_build_object(
        'starts_in_minutes',
        greatest(ceil(extract(epoch from ev.starts_at - now()) / 60), 0)::integer))
      from public.event_registrations r
     where r.event_id = ev.id and r.status = 'confirmed';
    update public.events set reminded_at = now() where id = ev.id;
  end if;

  if ev.state = 'ready' and now() >= ev.starts_at then
    update public.events set state = 'running', current_round = 0, updated_at = now()
     where id = ev.id returning * into ev;
    -- No ordinary proposals for participants while the event runs.
    delete from public.match_queue q
     where q.user_id in (select r.user_id from public.event_registrations r
                          where r.event_id = ev.id and r.status = 'confirmed');
    insert into public.domain_events (event, data)
    values ('event.state_changed', jsonb_build_object('event_id', ev.id, 'state', 'running'));
  end if;
  if ev.state <> 'running' then
    return;
  end if;

  loop
    if ev.current_round >= 1 then
      round_end := public.event_round_start(ev, ev.current_round)
                   + make_interval(mins => ev.round_minutes);
      if now() < round_end then
        if now() >= public.event_round_start(ev, ev.current_round) + make_interval(
             secs => coalesce((cfg ->> 'no_show_seconds')::double precision, 60)) then
          perform public.check_event_silence(ev, ev.current_round, rounds);
        end if;
        exit;
      end if;
      perform public.close_event_round(ev, ev.current_round, rounds);
    end if;
    if ev.current_round >= coalesce(rounds, 0) then
      update public.events set state = 'finished', finished_at = now(), updated_at = now()
       where id = ev.id;
      perform public.outbox_push(r.user_id, 'event_finished',
        public.event_round_payload(ev, r.user_id, rounds, rounds)
        || jsonb_build_object('partners', public.event_partners_of(ev.id, r.user_id),
                              'choose_until',
                              now() + public.event_setting_interval('choice_hours', 24)))
        from public.event_registrations r
       where r.event_id = ev.id and r.status = 'confirmed';
      insert into public.domain_events (event, data)
      values ('event.state_changed', jsonb_build_object('event_id', ev.id, 'state', 'finished'));
      exit;
    end if;
    exit when now() < public.event_round_start(ev, ev.current_round + 1);
    update public.events set current_round = current_round + 1, updated_at = now()
     where id = ev.id returning * into ev;
    perform public.open_event_round(ev, ev.current_round, rounds);
  end loop;
end
$$;

-- «Хочу продолжить» with the p_index-th person the user met: recorded; when the other chose them
-- too (and neither blocked the other), both get the normal consent card. The chooser learns
-- nothing about a choice that is not mutual. The window (choice_hours) counts from the end of
-- the event, not from the row's last edit.
create or replace function public.choose_event_partner(p_tg_id bigint, p_event_id uuid, p_index integer)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid;
  ev public.events;
  partner uuid;
  low uuid;
  high uuid;
  proposal uuid[];
begin
  select u.id into me from public.users u where u.tg_id = p_tg_id;
  select * into ev from public.events e where e.id = p_event_id;
  if me is null or not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  if ev.state <> 'finished'
     or now() > coalesce(ev.finished_at, ev.updated_at)
                + public.event_setting_interval('choice_hours', 24) then
    return jsonb_build_object('status', 'closed');
  end if;
  select case when x.user_a = me then x.user_b else x.user_a end into partner
    from (
      select p.user_a, p.user_b, row_number() over (order by p.round) as n
        from public.event_pairs p
       where p.event_id = ev.id and p.match_id is not null and (p.user_a = me or p.user_b = me)
    ) x
   where x.n = p_index;
  if partner is null then
    return jsonb_build_object('status', 'not_found');
  end if;
  low := least(me, partner);
  high := greatest(me, partner);
  -- Both choices of a pair are decided one after the other (a transaction-level lock per pair).
  perform pg_advisory_xact_lock(hashtext(ev.id::text || low::text || high::text));
  insert into public.event_choices (event_id, chooser_user_id, chosen_user_id)
  values (ev.id, me, partner)
  on conflict do nothing;
  if not exists (
       select 1 from public.event_choices c
        where c.event_id = ev.id and c.chooser_user_id = partner and c.chosen_user_id = me
     )
     or exists (
       select 1 from public.blocks b
        where (b.blocker_user_id = me and b.blocked_user_id = partner)
           or (b.blocker_user_id = partner and b.blocked_user_id = me)
     ) then
    return jsonb_build_object('status', 'chosen');
  end if;
  if exists (select 1 from public.event_mutual_choices m
              where m.event_id = ev.id and m.user_low = low and m.user_high = high
                and m.match_id is not null) then
    return jsonb_build_object('status', 'already');
  end if;
  if exists (select 1 from public.match_members mm where mm.user_id in (me, partner)) then
    -- One of them is in a chat or a proposal now: the button works again later.
    return jsonb_build_object('status', 'mutual_busy');
  end if;
  proposal := public.create_proposals(array[me], array[partner], array[1.0::double precision]);
  insert into public.event_mutual_choices (event_id, user_low, user_high, match_id)
  values (ev.id, low, high, proposal[1])
  on conflict (event_id, user_low, user_high) do update set match_id = excluded.match_id;
  insert into public.domain_events (event, data)
  values ('event.mutual_choice', jsonb_build_object('event_id', ev.id, 'match_id', proposal[1]));
  return jsonb_build_object('status', 'mutual', 'match_id', proposal[1]);
end
$$;

revoke execute on function public.event_setting(text, double precision) from public, anon, authenticated;
revoke execute on function public.event_setting_interval(text, double precision) from public, anon, authenticated;
revoke execute on function public.register_for_event(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.confirm_event_participation(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.advance_events_to_ready() from public, anon, authenticated;
revoke execute on function public.event_round_payload(public.events, uuid, integer, integer) from public, anon, authenticated;
revoke execute on function public.advance_running_event(uuid) from public, anon, authenticated;
revoke execute on function public.choose_event_partner(bigint, uuid, integer) from public, anon, authenticated;
grant execute on function public.event_setting(text, double precision) to service_role;
grant execute on function public.event_setting_interval(text, double precision) to service_role;
grant execute on function public.register_for_event(bigint, uuid) to service_role;
grant execute on function public.confirm_event_participation(bigint, uuid) to service_role;
grant execute on function public.advance_events_to_ready() to service_role;
grant execute on function public.event_round_payload(public.events, uuid, integer, integer) to service_role;
grant execute on function public.advance_running_event(uuid) to service_role;
grant execute on function public.choose_event_partner(bigint, uuid, integer) to service_role;
