-- Events, step 3: running the rounds. 5 minutes before the start everyone confirmed gets the
-- rules; at the start the event is RUNNING and each round opens the bot's anonymous relay between
-- the two partners (an ordinary active match tagged with the event, so the relay, masking,
-- refusals, reports and blocks all work as in any chat), tells whoever sits out, checks after a
-- minute whether both wrote (a silent partner is mentioned kindly to the other), and closes it
-- when the round ends, with the pause before the next. After the last round the event is
-- FINISHED and each participant marks the people they would like to continue with: only mutual
-- choices are revealed, as the normal consent card. Who met whom, silences, choices and times are
-- kept; never content.

alter table public.matches add column event_id uuid references public.events (id) on delete set null;
create index matches_event_id_idx on public.matches (event_id) where event_id is not null;

alter table public.matches drop constraint matches_end_reason_check;
alter table public.matches add constraint matches_end_reason_check check (
  end_reason in (
    'stop', 'next', 'block', 'report', 'gone', 'deleted', 'decline', 'expire', 'sanction',
    'round_end'
  )
);

alter table public.events add column reminded_at timestamptz;

alter table public.event_pairs
  add column opened_at timestamptz,
  -- Set when the round was closed for this pair (closing twice changes nothing).
  add column closed_at timestamptz,
  -- Set when the first-minute check ran; silent: who had not written by then.
  add column checked_at timestamptz,
  add column silent uuid[] not null default '{}',
  -- The pair could not meet: one of them was in another chat or a pending proposal.
  add column missed boolean not null default false;

-- Who would like to continue with whom (revealed only when mutual).
create table public.event_choices (
  event_id uuid not null references public.events (id) on delete cascade,
  chooser_user_id uuid not null references public.users (id) on delete cascade,
  chosen_user_id uuid not null references public.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (event_id, chooser_user_id, chosen_user_id)
);
create index event_choices_chosen_idx on public.event_choices (chosen_user_id);

-- Mutual choices that became a proposal (one per pair and event, whoever chose last).
create table public.event_mutual_choices (
  event_id uuid not null references public.events (id) on delete cascade,
  user_low uuid not null references public.users (id) on delete cascade,
  user_high uuid not null references public.users (id) on delete cascade,
  match_id uuid references public.matches (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (event_id, user_low, user_high),
  check (user_low < user_high)
);
create index event_mutual_choices_user_high_idx on public.event_mutual_choices (user_high);
create index event_mutual_choices_match_id_idx on public.event_mutual_choices (match_id);

alter table public.event_choices enable row level security;
alter table public.event_mutual_choices enable row level security;
revoke all on public.event_choices, public.event_mutual_choices from anon, authenticated;

insert into public.event_config (key, value, description)
values
  ('choice_hours', 24, 'After the end, participants can mark whom they would like to continue with for this long.'),
  ('reminder_minutes', 5, 'The rules go out this many minutes before the start.'),
  ('no_show_seconds', 60, 'A partner who has not written this long after a round opened is mentioned to the other.')
on conflict (key) do nothing;

alter table public.outbox drop constraint outbox_kind_check;
alter table public.outbox add constraint outbox_kind_check check (
  kind in (
    'proposal', 'chat_started', 'proposal_declined', 'proposal_expired', 'search_expired',
    'chat_ended', 'rate_request', 'api_call', 'relay', 'sanction', 'sanction_lifted',
    'tip_receipt', 'tip_received', 'tip_refunded', 'diary_reminder',
    'event_confirm', 'event_released', 'event_promoted', 'event_schedule',
    'event_reminder', 'event_round', 'event_bye', 'event_round_ended', 'event_partner_silent',
    'event_finished'
  )
);

-- When round p_round of the event starts (1-based).
create or replace function public.event_round_start(p_event public.events, p_round integer)
returns timestamptz
language sql
immutable
set search_path = ''
as $$
  select p_event.starts_at
         + make_interval(mins => (p_round - 1) * (p_event.round_minutes + p_event.pause_minutes))
$$;

-- What the round messages carry: ids, the title, times and the person's offset.
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
    'utc_offset_minutes', (select u.utc_offset_minutes from public.users u where u.id = p_user_id)
  )
$$;

-- Opens round p_round (internal; the event row is locked): a relay for each pair whose both
-- people are free, a note to whoever sits out (or whose partner is busy elsewhere).
create or replace function public.open_event_round(p_event public.events, p_round integer, p_rounds integer)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  p record;
  ends_at timestamptz := public.event_round_start(p_event, p_round)
                         + make_interval(mins => p_event.round_minutes);
  next_at timestamptz := case when p_round < p_rounds
                           then public.event_round_start(p_event, p_round + 1) end;
  match uuid;
  opened integer := 0;
begin
  for p in
    select x.* from public.event_pairs x
     where x.event_id = p_event.id and x.round = p_round
     order by x.group_no, x.user_a
       for update
  loop
    if p.user_a is null then
      continue;
    end if;
    if p.user_b is null then
      perform public.outbox_push(p.user_a, 'event_bye',
        public.event_round_payload(p_event, p.user_a, p_round, p_rounds)
        || jsonb_build_object('next_at', next_at, 'reason', 'sit_out'));
      continue;
    end if;
    if exists (select 1 from public.match_members mm where mm.user_id in (p.user_a, p.user_b)) then
      update public.event_pairs set missed = true
       where event_id = p.event_id and group_no = p.group_no and round = p.round and user_a = p.user_a;
      perform public.outbox_push(who, 'event_bye',
        public.event_round_payload(p_event, who, p_round, p_rounds)
        || jsonb_build_object('next_at', next_at, 'reason', 'partner_busy'))
        from unnest(array[p.user_a, p.user_b]) as who
       where not exists (select 1 from public.match_members mm where mm.user_id = who);
      continue;
    end if;
    insert into public.matches (
      user_a, user_b, state, a_accepted_at, b_accepted_at, proposed_at, expires_at, started_at,
      event_id
    )
    values (
      least(p.user_a, p.user_b), greatest(p.user_a, p.user_b), 'active', now(), now(), now(),
      ends_at, now(), p_event.id
    )
    returning id into match;
    insert into public.match_members (user_id, match_id)
    values (p.user_a, match), (p.user_b, match);
    update public.event_pairs set match_id = match, opened_at = now()
     where event_id = p.event_id and group_no = p.group_no and round = p.round and user_a = p.user_a;
    perform public.outbox_push(me, 'event_round',
      public.event_round_payload(p_event, me, p_round, p_rounds)
      || jsonb_build_object(
           'match_id', match,
           'ends_at', ends_at,
           'partner_pseudonym', (select u.pseudonym from public.users u where u.id = partner)
         ))
      from (values (p.user_a, p.user_b), (p.user_b, p.user_a)) as x(me, partner);
    insert into public.domain_events (event, data)
    values ('event.round_opened', jsonb_build_object(
      'event_id', p_event.id, 'round', p_round, 'match_id', match));
    opened := opened + 1;
  end loop;
  return opened;
end
$$;

-- Closes round p_round (internal): ends its relays that are still open, keeps who met whom, and
-- tells both when the next round starts (or that this was the last).
create or replace function public.close_event_round(p_event public.events, p_round integer, p_rounds integer)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  p record;
  closed integer := 0;
  next_at timestamptz := case when p_round < p_rounds
                           then public.event_round_start(p_event, p_round + 1) end;
begin
  for p in
    select x.*, m.state as match_state
      from public.event_pairs x
      join public.matches m on m.id = x.match_id
     where x.event_id = p_event.id and x.round = p_round and x.closed_at is null
       for update of x, m
  loop
    update public.event_pairs set closed_at = now()
     where event_id = p.event_id and group_no = p.group_no and round = p.round and user_a = p.user_a;
    if p.match_state = 'active' then
      update public.matches
         set state = 'ended', ended_at = now(), end_reason = 'round_end'
       where id = p.match_id;
      delete from public.match_members where match_id = p.match_id;
      delete from public.relay_messages where match_id = p.match_id;
      perform public.outbox_push(who, 'event_round_ended',
        public.event_round_payload(p_event, who, p_round, p_rounds)
        || jsonb_build_object('match_id', p.match_id, 'next_at', next_at))
        from unnest(array[p.user_a, p.user_b]) as who
       where who is not null;
      closed := closed + 1;
    end if;
    if p.user_a is not null and p.user_b is not null then
      insert into public.event_pair_history (user_low, user_high, event_id)
      values (least(p.user_a, p.user_b), greatest(p.user_a, p.user_b), p_event.id)
      on conflict do nothing;
    end if;
  end loop;
  return closed;
end
$$;

-- The first-minute check (internal): in each open relay of the round, a side that has not
-- written yet is mentioned, kindly, to the other.
create or replace function public.check_event_silence(p_event public.events, p_round integer, p_rounds integer)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  p record;
  quiet uuid[];
  told integer := 0;
begin
  for p in
    select x.* from public.event_pairs x
      join public.matches m on m.id = x.match_id and m.state = 'active'
     where x.event_id = p_event.id and x.round = p_round and x.checked_at is null
       for update of x
  loop
    select coalesce(array_agg(who), '{}') into quiet
      from unnest(array[p.user_a, p.user_b]) as who
     where not exists (
       select 1 from public.relay_messages r
        where r.match_id = p.match_id and r.sender_user_id = who
     );
    update public.event_pairs set checked_at = now(), silent = quiet
     where event_id = p.event_id and group_no = p.group_no and round = p.round and user_a = p.user_a;
    -- Only when one side is silent: two silent people are both just slow to start.
    if cardinality(quiet) = 1 then
      perform public.outbox_push(
        case when quiet[1] = p.user_a then p.user_b else p.user_a end,
        'event_partner_silent',
        public.event_round_payload(p_event, p.user_a, p_round, p_rounds)
          || jsonb_build_object('match_id', p.match_id)
      );
      told := told + 1;
    end if;
  end loop;
  return told;
end
$$;

-- The people a participant talked with at the event, in the order they met: [{index, pseudonym}].
-- The index (1-based) is what the choice buttons carry, so no user id leaves the database.
create or replace function public.event_partners_of(p_event_id uuid, p_user_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('index', x.n, 'pseudonym', x.pseudonym) order by x.n),
                  '[]'::jsonb)
    from (
      select row_number() over (order by p.round) as n, u.pseudonym
        from public.event_pairs p
        join public.users u
          on u.id = case when p.user_a = p_user_id then p.user_b else p.user_a end
       where p.event_id = p_event_id and p.match_id is not null
         and (p.user_a = p_user_id or p.user_b = p_user_id)
    ) x
$$;

-- «Хочу продолжить» with the p_index-th person the user met: recorded; when the other chose them
-- too (and neither blocked the other), both get the normal consent card. The chooser learns
-- nothing about a choice that is not mutual.
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
  if ev.state <> 'finished' or now() > ev.updated_at + make_interval(
       hours => coalesce((public.event_settings() ->> 'choice_hours')::double precision, 24)::integer) then
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

-- The running part of the state machine (called by advance_events for each event): reminder,
-- start, rounds opening, silence checks, closing, the end. Catches up when ticks were missed.
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
     and now() >= ev.starts_at - make_interval(
           mins => coalesce((cfg ->> 'reminder_minutes')::double precision, 5)::integer) then
    perform public.outbox_push(r.user_id, 'event_reminder',
      public.event_card(ev, r.user_id))
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
      update public.events set state = 'finished', updated_at = now() where id = ev.id;
      perform public.outbox_push(r.user_id, 'event_finished',
        public.event_round_payload(ev, r.user_id, rounds, rounds)
        || jsonb_build_object('partners', public.event_partners_of(ev.id, r.user_id)))
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

-- advance_events() gains the running part: every ready or running event is advanced too.
alter function public.advance_events() rename to advance_events_to_ready;

create or replace function public.advance_events()
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  result jsonb := public.advance_events_to_ready();
  ev record;
begin
  if (result ->> 'skipped')::boolean then
    return result;
  end if;
  for ev in
    select e.id from public.events e
     where e.state in ('ready', 'running')
       and now() >= e.starts_at - interval '1 hour'
     order by e.starts_at
  loop
    perform public.advance_running_event(ev.id);
  end loop;
  return result || jsonb_build_object(
    'running', (select count(*) from public.events e where e.state = 'running')
  );
end
$$;

-- The event round a user is in now, if any (the bot refuses /next there: the round ends by
-- itself and the schedule goes on).
create or replace function public.event_round_of(p_tg_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((
    select jsonb_build_object('event_id', m.event_id, 'match_id', m.id, 'ends_at', m.expires_at)
      from public.users u
      join public.match_members mm on mm.user_id = u.id
      join public.matches m on m.id = mm.match_id and m.state = 'active' and m.event_id is not null
     where u.tg_id = p_tg_id
  ), '{}'::jsonb)
$$;

revoke execute on function public.event_round_start(public.events, integer) from public, anon, authenticated;
revoke execute on function public.event_round_payload(public.events, uuid, integer, integer) from public, anon, authenticated;
revoke execute on function public.open_event_round(public.events, integer, integer) from public, anon, authenticated;
revoke execute on function public.close_event_round(public.events, integer, integer) from public, anon, authenticated;
revoke execute on function public.check_event_silence(public.events, integer, integer) from public, anon, authenticated;
revoke execute on function public.advance_running_event(uuid) from public, anon, authenticated;
revoke execute on function public.advance_events_to_ready() from public, anon, authenticated;
revoke execute on function public.advance_events() from public, anon, authenticated;
revoke execute on function public.event_round_of(bigint) from public, anon, authenticated;
revoke execute on function public.event_partners_of(uuid, uuid) from public, anon, authenticated;
revoke execute on function public.choose_event_partner(bigint, uuid, integer) from public, anon, authenticated;
grant execute on function public.event_round_start(public.events, integer) to service_role;
grant execute on function public.event_round_payload(public.events, uuid, integer, integer) to service_role;
grant execute on function public.open_event_round(public.events, integer, integer) to service_role;
grant execute on function public.close_event_round(public.events, integer, integer) to service_role;
grant execute on function public.check_event_silence(public.events, integer, integer) to service_role;
grant execute on function public.advance_running_event(uuid) to service_role;
grant execute on function public.advance_events_to_ready() to service_role;
grant execute on function public.advance_events() to service_role;
grant execute on function public.event_round_of(bigint) to service_role;
grant execute on function public.event_partners_of(uuid, uuid) to service_role;
grant execute on function public.choose_event_partner(bigint, uuid, integer) to service_role;
