-- Escalating sanctions: toxic messages the relay refused count as strikes; enough strikes take
-- the user one step up the ladder warning -> mute -> temporary ban -> ban. A step counts
-- towards the next one for `sanction_memory_days` (so warnings expire), a ban until a moderator
-- lifts it. Reports never sanction anyone by themselves: they wait for a moderator (admin.*),
-- with open/resolved state and a decision kept on the report.

create table public.safety_config (
  key text primary key check (key ~ '^[a-z_]+$'),
  value double precision not null,
  description text not null
);

insert into public.safety_config (key, value, description)
values
  ('toxic_strikes_per_step', 2, 'Refused toxic messages (since the last sanction, within strike_window_hours) that take the user one step up the ladder.'),
  ('strike_window_hours', 24, 'Older strikes no longer count towards the next step.'),
  ('sanction_memory_days', 30, 'A sanction counts towards the next step for this long (warnings expire); a ban lasts until lifted.'),
  ('mute_minutes', 30, 'An automatic mute: no chat and no search for this long.'),
  ('temp_ban_hours', 168, 'An automatic temporary ban (7 days).'),
  ('report_priority_reporters', 3, 'This many different people reporting one user within report_priority_hours raise the report priority to high.'),
  ('report_priority_hours', 24, 'The window for report_priority_reporters.');

-- One row per refused toxic message: the category only, never the text.
create table public.toxicity_strikes (
  id bigint generated always as identity primary key,
  user_id uuid not null references public.users (id) on delete cascade,
  match_id uuid references public.matches (id) on delete set null,
  category text not null check (category in ('insult', 'threat', 'sexual', 'hate')),
  created_at timestamptz not null default now()
);
create index toxicity_strikes_user_id_idx on public.toxicity_strikes (user_id, created_at);
create index toxicity_strikes_match_id_idx on public.toxicity_strikes (match_id);

create table public.sanctions (
  id bigint generated always as identity primary key,
  user_id uuid not null references public.users (id) on delete cascade,
  kind text not null check (kind in ('warning', 'mute', 'temp_ban', 'ban')),
  -- What led to it: the toxicity strikes, a report a moderator resolved, or a moderator alone.
  reason text not null check (reason in ('toxicity', 'report', 'moderator')),
  report_id bigint references public.reports (id) on delete set null,
  -- 'bot' or whoever acted (a database role, or a member of the moderation chat).
  imposed_by text not null check (char_length(imposed_by) between 1 and 80),
  -- The moderator's own words about the decision; never a user's message.
  note text check (char_length(note) <= 500),
  created_at timestamptz not null default now(),
  -- When a mute or temporary ban ends; null for a warning (nothing to end) and a ban.
  ends_at timestamptz,
  lifted_at timestamptz,
  lifted_by text check (char_length(lifted_by) between 1 and 80),
  check ((kind in ('mute', 'temp_ban')) = (ends_at is not null))
);
create index sanctions_user_id_idx on public.sanctions (user_id, created_at);
create index sanctions_report_id_idx on public.sanctions (report_id);

alter table public.reports
  add column resolved_at timestamptz,
  add column decision text check (
    decision in ('dismissed', 'warning', 'mute', 'temp_ban', 'ban')
  ),
  add column resolved_by text check (char_length(resolved_by) between 1 and 80),
  add column resolution_note text check (char_length(resolution_note) <= 500),
  add constraint reports_resolved_has_decision check ((resolved_at is null) = (decision is null));
create index reports_open_idx on public.reports (reported_user_id, created_at) where resolved_at is null;

-- Crisis flags a moderator has looked at (from Studio or the moderation chat).
alter table public.safety_flags
  add column reviewed_at timestamptz,
  add column reviewed_by text check (char_length(reviewed_by) between 1 and 80);

-- A sanction ends the person's chat or proposal like any other way of leaving.
alter table public.matches drop constraint matches_end_reason_check;
alter table public.matches add constraint matches_end_reason_check check (
  end_reason in (
    'stop', 'next', 'block', 'report', 'gone', 'deleted', 'decline', 'expire', 'sanction'
  )
);

-- The person is told about a sanction through the outbox (also when a moderator imposed it).
alter table public.outbox drop constraint outbox_kind_check;
alter table public.outbox add constraint outbox_kind_check check (
  kind in (
    'proposal', 'chat_started', 'proposal_declined', 'proposal_expired', 'search_expired',
    'chat_ended', 'rate_request', 'api_call', 'relay', 'sanction', 'sanction_lifted'
  )
);

alter table public.safety_config enable row level security;
alter table public.toxicity_strikes enable row level security;
alter table public.sanctions enable row level security;
revoke all on public.safety_config, public.toxicity_strikes, public.sanctions
  from anon, authenticated;

create or replace function public.safety_settings()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_object_agg(c.key, c.value), '{}'::jsonb) from public.safety_config c
$$;

-- The mute or ban in force for the user, or null: the longest-lasting one wins.
create or replace function public.active_restriction(p_user_id uuid)
returns public.sanctions
language sql
stable
security definer
set search_path = ''
as $$
  select s.*
    from public.sanctions s
   where s.user_id = p_user_id
     and s.kind in ('mute', 'temp_ban', 'ban')
     and s.lifted_at is null
     and (s.ends_at is null or s.ends_at > now())
   order by s.ends_at desc nulls first
   limit 1
$$;

-- How long an automatic mute or temporary ban lasts (safety_config); null for the others.
create or replace function public.sanction_duration(p_kind text)
returns interval
language sql
stable
security definer
set search_path = ''
as $$
  select case p_kind
    when 'mute' then make_interval(
      mins => coalesce((public.safety_settings() ->> 'mute_minutes')::integer, 30))
    when 'temp_ban' then make_interval(
      hours => coalesce((public.safety_settings() ->> 'temp_ban_hours')::integer, 168))
  end
$$;

-- What a sanction looks like to the person (and to a caller): kind, reason, end.
create or replace function public.describe_sanction(s public.sanctions)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select jsonb_build_object(
    'sanction_id', s.id,
    'kind', s.kind,
    'reason', s.reason,
    'ends_at', s.ends_at,
    'minutes', case when s.ends_at is not null
                    then ceil(extract(epoch from s.ends_at - s.created_at) / 60)::integer end
  )
$$;

-- Imposes a sanction (internal; the bot's strikes and the moderators' functions call it). A mute
-- or ban takes the person out of the queue and ends their proposal or chat: the partner only
-- learns that the chat ended. The person is told through the outbox unless p_notify is false
-- (the bot then tells them itself, right after the refusal that led to it).
create or replace function public.impose_sanction(
  p_user_id uuid,
  p_kind text,
  p_reason text,
  p_duration interval,
  p_imposed_by text,
  p_note text default null,
  p_report_id bigint default null,
  p_notify boolean default true
)
returns public.sanctions
language plpgsql
security definer
set search_path = ''
as $$
declare
  s public.sanctions;
begin
  -- Serialises with /find and other sanctions of the same person.
  perform 1 from public.users u where u.id = p_user_id for update;
  if not found then
    return null;
  end if;
  insert into public.sanctions (user_id, kind, reason, report_id, imposed_by, note, ends_at)
  values (
    p_user_id, p_kind, p_reason, p_report_id, p_imposed_by, nullif(btrim(p_note), ''),
    case when p_kind in ('mute', 'temp_ban') then now() + p_duration end
  )
  returning * into s;
  if p_kind <> 'warning' then
    perform public.end_everything_for_user(p_user_id, 'sanction');
  end if;
  if p_notify then
    perform public.outbox_push(p_user_id, 'sanction', public.describe_sanction(s));
  end if;
  insert into public.domain_events (user_id, event, data)
  values (p_user_id, 'user.sanctioned', jsonb_build_object(
    'sanction_id', s.id, 'kind', s.kind, 'reason', s.reason, 'report_id', s.report_id,
    'imposed_by', s.imposed_by, 'ends_at', s.ends_at
  ));
  return s;
end
$$;

-- Records a toxic message the relay refused and, when the strikes since the last sanction reach
-- toxic_strikes_per_step, takes the next step: warning, mute, temporary ban, ban. Returns the
-- sanction taken now (if any) for the bot to explain, and the partner's id when the chat ended.
create or replace function public.record_toxic_message(p_tg_id bigint, p_category text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  cfg jsonb := public.safety_settings();
  me public.users;
  m public.matches;
  last_sanction timestamptz;
  strikes integer;
  steps integer;
  next_kind text;
  s public.sanctions;
begin
  if p_category is null or p_category not in ('insult', 'threat', 'sexual', 'hate') then
    raise exception 'invalid toxicity category' using errcode = '22023';
  end if;
  select * into me from public.users u where u.tg_id = p_tg_id for update;
  if not found then
    return jsonb_build_object('status', 'unknown_user');
  end if;
  m := public.active_match_of(me.id);
  insert into public.toxicity_strikes (user_id, match_id, category)
  values (me.id, m.id, p_category);
  insert into public.domain_events (user_id, event, data)
  values (me.id, 'safety.toxic_refused', jsonb_build_object('category', p_category, 'match_id', m.id));

  select max(x.created_at) into last_sanction
    from public.sanctions x where x.user_id = me.id and x.lifted_at is null;
  select count(*) into strikes
    from public.toxicity_strikes t
   where t.user_id = me.id
     and t.created_at > greatest(
       coalesce(last_sanction, '-infinity'::timestamptz),
       now() - make_interval(hours => coalesce((cfg ->> 'strike_window_hours')::integer, 24))
     );
  if strikes < coalesce((cfg ->> 'toxic_strikes_per_step')::integer, 2) then
    return jsonb_build_object('status', 'ok', 'strikes', strikes, 'sanction', null);
  end if;

  -- The step is decided by the sanctions still remembered (lifted ones do not count).
  select count(*) into steps
    from public.sanctions x
   where x.user_id = me.id and x.lifted_at is null
     and (x.kind = 'ban'
          or x.created_at > now() - make_interval(
               days => coalesce((cfg ->> 'sanction_memory_days')::integer, 30)));
  next_kind := case least(steps, 3)
    when 0 then 'warning' when 1 then 'mute' when 2 then 'temp_ban' else 'ban' end;
  s := public.impose_sanction(
    me.id, next_kind, 'toxicity', public.sanction_duration(next_kind), 'bot', null, null, false
  );
  return jsonb_build_object('status', 'ok', 'strikes', strikes, 'sanction', public.describe_sanction(s));
end
$$;

-- The restriction in force for a Telegram user, as the bot and the API show it (or status 'none').
create or replace function public.restriction_of(p_tg_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(
    (select jsonb_build_object('status', 'restricted') || public.describe_sanction(r)
       from public.users u
       cross join lateral public.active_restriction(u.id) r
      where u.tg_id = p_tg_id and r.id is not null),
    jsonb_build_object('status', 'none')
  )
$$;

-- Nobody under a mute or ban gets into the queue, whichever way they would be enqueued (a
-- search, or going back to the front after a partner withdrew).
create or replace function public.match_queue_skip_restricted()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if (public.active_restriction(new.user_id)).id is not null then
    return null;
  end if;
  return new;
end
$$;

create trigger match_queue_skip_restricted
before insert on public.match_queue
for each row execute function public.match_queue_skip_restricted();

-- A ban outlives erasing the profile: /delete erases everything else, but the Telegram id stays
-- on this short list until the ban ends, so deleting and starting again does not undo it. The
-- README says so in the privacy section.
create table public.restrictions_after_erasure (
  tg_id bigint primary key,
  kind text not null check (kind in ('temp_ban', 'ban')),
  ends_at timestamptz,
  created_at timestamptz not null default now(),
  check ((kind = 'temp_ban') = (ends_at is not null))
);
alter table public.restrictions_after_erasure enable row level security;
revoke all on public.restrictions_after_erasure from anon, authenticated;

create or replace function public.users_keep_ban_before_delete()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  r public.sanctions := public.active_restriction(old.id);
begin
  if r.kind in ('temp_ban', 'ban') then
    insert into public.restrictions_after_erasure (tg_id, kind, ends_at)
    values (old.tg_id, r.kind, r.ends_at)
    on conflict (tg_id) do update set kind = excluded.kind, ends_at = excluded.ends_at;
  end if;
  return old;
end
$$;

create trigger users_keep_ban_before_delete
before delete on public.users
for each row execute function public.users_keep_ban_before_delete();

-- Starting again after erasing a banned profile brings the ban back (and forgets the list entry).
create or replace function public.users_restore_ban_after_insert()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  kept public.restrictions_after_erasure;
begin
  delete from public.restrictions_after_erasure e where e.tg_id = new.tg_id returning * into kept;
  if kept.tg_id is not null and (kept.ends_at is null or kept.ends_at > now()) then
    insert into public.sanctions (user_id, kind, reason, imposed_by, note, ends_at)
    values (new.id, kept.kind, 'moderator', 'bot', 'restored after the profile was erased', kept.ends_at);
  end if;
  return new;
end
$$;

create trigger users_restore_ban_after_insert
after insert on public.users
for each row execute function public.users_restore_ban_after_insert();

-- /find (bot and Mini App) for someone under a mute or ban answers when they can search again.
alter function public.find_partner(bigint) rename to find_partner_unrestricted;

create or replace function public.find_partner(p_tg_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  restriction jsonb := public.restriction_of(p_tg_id);
begin
  if restriction ->> 'status' = 'restricted' then
    return restriction;
  end if;
  return public.find_partner_unrestricted(p_tg_id);
end
$$;

revoke execute on function public.safety_settings() from public, anon, authenticated;
revoke execute on function public.active_restriction(uuid) from public, anon, authenticated;
revoke execute on function public.sanction_duration(text) from public, anon, authenticated;
revoke execute on function public.describe_sanction(public.sanctions) from public, anon, authenticated;
revoke execute on function public.impose_sanction(uuid, text, text, interval, text, text, bigint, boolean) from public, anon, authenticated;
revoke execute on function public.record_toxic_message(bigint, text) from public, anon, authenticated;
revoke execute on function public.restriction_of(bigint) from public, anon, authenticated;
revoke execute on function public.match_queue_skip_restricted() from public, anon, authenticated;
revoke execute on function public.users_keep_ban_before_delete() from public, anon, authenticated;
revoke execute on function public.users_restore_ban_after_insert() from public, anon, authenticated;
revoke execute on function public.find_partner(bigint) from public, anon, authenticated;
grant execute on function public.safety_settings() to service_role;
grant execute on function public.active_restriction(uuid) to service_role;
grant execute on function public.sanction_duration(text) to service_role;
grant execute on function public.describe_sanction(public.sanctions) to service_role;
grant execute on function public.impose_sanction(uuid, text, text, interval, text, text, bigint, boolean) to service_role;
grant execute on function public.record_toxic_message(bigint, text) to service_role;
grant execute on function public.restriction_of(bigint) to service_role;
grant execute on function public.find_partner(bigint) to service_role;
