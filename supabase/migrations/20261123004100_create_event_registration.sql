-- Events, step 2: registration with a waiting list, the confirmation 24 h before, and the state
-- machine up to READY (unconfirmed places released, groups and rounds built, schedule cards).
-- A participant sees how many are registered, never who.

create table public.event_config (
  key text primary key check (key ~ '^[a-z_]+$'),
  value double precision not null,
  description text not null
);

insert into public.event_config (key, value, description)
values
  ('confirm_open_hours', 24, 'Participants are asked to confirm this many hours before the start.'),
  ('confirm_close_hours', 3, 'Unconfirmed places are released this many hours before the start.')
on conflict (key) do nothing;

alter table public.event_config enable row level security;
revoke all on public.event_config from anon, authenticated;

alter table public.outbox drop constraint outbox_kind_check;
alter table public.outbox add constraint outbox_kind_check check (
  kind in (
    'proposal', 'chat_started', 'proposal_declined', 'proposal_expired', 'search_expired',
    'chat_ended', 'rate_request', 'api_call', 'relay', 'sanction', 'sanction_lifted',
    'tip_receipt', 'tip_received', 'tip_refunded', 'diary_reminder',
    'event_confirm', 'event_released', 'event_promoted', 'event_schedule'
  )
);

create or replace function public.event_settings()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_object_agg(c.key, c.value), '{}'::jsonb) from public.event_config c
$$;

-- What a participant's card needs: the event and where it stands, in ids, times and counts.
create or replace function public.event_card(p_event public.events, p_user_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'event_id', p_event.id,
    'title', p_event.title,
    'description', p_event.description,
    'starts_at', p_event.starts_at,
    'round_minutes', p_event.round_minutes,
    'pause_minutes', p_event.pause_minutes,
    'rounds', p_event.rounds,
    'capacity', p_event.capacity,
    'link', p_event.link,
    'state', p_event.state,
    'topics', coalesce((
      select jsonb_agg(t.title order by t.sort_order, t.id)
        from public.topics t where t.id = any(p_event.topic_ids)
    ), '[]'::jsonb),
    'registered', (
      select count(*) from public.event_registrations r
       where r.event_id = p_event.id and r.status in ('registered', 'confirmed')
    ),
    'my_status', (
      select r.status from public.event_registrations r
       where r.event_id = p_event.id and r.user_id = p_user_id
    ),
    'utc_offset_minutes', (select u.utc_offset_minutes from public.users u where u.id = p_user_id)
  )
$$;

-- Upcoming approved events of the user's age pool, soonest first, with their own status.
create or replace function public.upcoming_events(p_tg_id bigint, p_limit integer default 10)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  me public.users;
begin
  select * into me from public.users u where u.tg_id = p_tg_id;
  if me.id is null or me.onboarding_step <> 'done' then
    return jsonb_build_object('status', 'profile_incomplete');
  end if;
  return jsonb_build_object('status', 'ok', 'events', coalesce((
    select jsonb_agg(public.event_card(e, me.id) order by e.starts_at, e.id)
      from (
        select * from public.events e
         where e.moderation = 'approved'
           and e.state in ('not_started', 'reg_confirm')
           and e.starts_at > now()
           and e.age_pool = public.age_pool(me.birth_year)
         order by e.starts_at, e.id
         limit greatest(least(coalesce(p_limit, 10), 50), 1)
      ) e
  ), '[]'::jsonb));
end
$$;

-- Registers the user: a place while there is one, the waiting list after. Inside the confirmation
-- window a new place is asked to confirm at once. Registration closes when confirmation does.
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
     or now() >= ev.starts_at - make_interval(
          hours => coalesce((public.event_settings() ->> 'confirm_close_hours')::double precision, 3)::integer) then
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
    'card', public.event_card(ev, me.id)
  );
end
$$;

-- The first person on the waiting list takes a freed place (internal; the event row is locked).
create or replace function public.promote_from_waiting_list(p_event public.events)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  promoted uuid;
begin
  update public.event_registrations r
     set status = 'registered'
   where r.event_id = p_event.id
     and r.user_id = (
       select w.user_id from public.event_registrations w
        where w.event_id = p_event.id and w.status = 'waiting'
        order by w.registered_at, w.user_id
        limit 1
     )
  returning r.user_id into promoted;
  if promoted is not null then
    perform public.outbox_push(promoted, 'event_promoted', public.event_card(p_event, promoted)
      || jsonb_build_object('confirm_now', p_event.state = 'reg_confirm'));
    insert into public.domain_events (user_id, event, data)
    values (promoted, 'event.promoted', jsonb_build_object('event_id', p_event.id));
  end if;
end
$$;

-- Withdraws the registration (or the place on the waiting list); a freed place goes to the
-- waiting list at once.
create or replace function public.cancel_event_registration(p_tg_id bigint, p_event_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid;
  ev public.events;
  was text;
begin
  select u.id into me from public.users u where u.tg_id = p_tg_id;
  select * into ev from public.events e where e.id = p_event_id for update;
  if me is null or not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  if ev.state not in ('not_started', 'reg_confirm') then
    return jsonb_build_object('status', 'closed');
  end if;
  select r.status into was
    from public.event_registrations r where r.event_id = ev.id and r.user_id = me;
  if was is null or was not in ('registered', 'confirmed', 'waiting') then
    return jsonb_build_object('status', 'not_registered');
  end if;
  update public.event_registrations r
     set status = 'cancelled'
   where r.event_id = ev.id and r.user_id = me;
  insert into public.domain_events (user_id, event, data)
  values (me, 'event.cancelled_registration', jsonb_build_object('event_id', ev.id));
  if was in ('registered', 'confirmed') then
    perform public.promote_from_waiting_list(ev);
  end if;
  return jsonb_build_object('status', 'cancelled');
end
$$;

-- «Подтверждаю»: only a registered participant, only while confirmation is open.
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
    return jsonb_build_object('status', case when ev.state = 'not_started' then 'too_early' else 'closed' end);
  end if;
  update public.event_registrations
     set status = 'confirmed', confirmed_at = now()
   where event_id = ev.id and user_id = me;
  insert into public.domain_events (user_id, event, data)
  values (me, 'event.confirmed', jsonb_build_object('event_id', ev.id));
  return jsonb_build_object('status', 'confirmed', 'card', public.event_card(ev, me));
end
$$;

-- Before an event: up to three people of the same group the participant may especially want to talk to: the
-- highest topic affinity (the schedule puts those pairs early). Pseudonyms only.
create or replace function public.event_suggested_people(p_event_id uuid, p_user_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(x.pseudonym order by x.affinity desc, x.pseudonym), '[]'::jsonb)
    from (
      select u.pseudonym,
             greatest(-(public.user_topic_vector(p_user_id, public.matching_settings())
                        operator(extensions.<#>)
                        public.user_topic_vector(o.user_id, public.matching_settings())), 0)
               as affinity
        from public.event_registrations me
        join public.event_registrations o
          on o.event_id = me.event_id and o.group_no = me.group_no and o.user_id <> me.user_id
         and o.status = 'confirmed'
        join public.users u on u.id = o.user_id
       where me.event_id = p_event_id and me.user_id = p_user_id
         and not exists (
           select 1 from public.blocks b
            where (b.blocker_user_id = p_user_id and b.blocked_user_id = o.user_id)
               or (b.blocker_user_id = o.user_id and b.blocked_user_id = p_user_id)
         )
       order by 2 desc, u.pseudonym
       limit 3
    ) x
   where x.affinity > 0
$$;

-- The state machine, up to READY. pg_cron calls it every 10 seconds on Supabase, the dev
-- server's scheduler locally; one run at a time (advisory lock), each transition one
-- statement on a locked row, so running it twice changes nothing extra.
--   not_started -> reg_confirm  confirm_open_hours before the start: everyone registered is
--                               asked to confirm (a card with a deadline);
--   reg_confirm -> ready        confirm_close_hours before the start: unconfirmed places are
--                               released, the waiting list is told, groups and rounds are built
--                               and every participant gets a schedule card (or, alone, a
--                               cancellation).
create or replace function public.advance_events()
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  cfg jsonb := public.event_settings();
  open_before interval := make_interval(
    hours => coalesce((cfg ->> 'confirm_open_hours')::double precision, 24)::integer);
  close_before interval := make_interval(
    hours => coalesce((cfg ->> 'confirm_close_hours')::double precision, 3)::integer);
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
                              'suggested', public.event_suggested_people(ev.id, r.user_id)));
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

do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'pg_cron') then
    create extension if not exists pg_cron;
    perform cron.schedule('events-tick', '10 seconds', 'select public.advance_events()');
  end if;
end
$$;

revoke execute on function public.event_settings() from public, anon, authenticated;
revoke execute on function public.event_card(public.events, uuid) from public, anon, authenticated;
revoke execute on function public.upcoming_events(bigint, integer) from public, anon, authenticated;
revoke execute on function public.register_for_event(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.promote_from_waiting_list(public.events) from public, anon, authenticated;
revoke execute on function public.cancel_event_registration(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.confirm_event_participation(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.advance_events() from public, anon, authenticated;
revoke execute on function public.event_suggested_people(uuid, uuid) from public, anon, authenticated;
grant execute on function public.event_settings() to service_role;
grant execute on function public.event_card(public.events, uuid) to service_role;
grant execute on function public.upcoming_events(bigint, integer) to service_role;
grant execute on function public.register_for_event(bigint, uuid) to service_role;
grant execute on function public.promote_from_waiting_list(public.events) to service_role;
grant execute on function public.cancel_event_registration(bigint, uuid) to service_role;
grant execute on function public.confirm_event_participation(bigint, uuid) to service_role;
grant execute on function public.advance_events() to service_role;
grant execute on function public.event_suggested_people(uuid, uuid) to service_role;
