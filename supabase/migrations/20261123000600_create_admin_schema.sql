-- Moderation for the people who run the service, in Supabase Studio: views of open reports,
-- crisis flags, sanctions and daily numbers, and functions for the decisions. Nothing here is
-- exposed through the API (PostgREST serves public only) and nothing shows message content or
-- Telegram ids. Readers: service_role (Studio's own connection reads as the owner) and the
-- `moderator` role, which a staff login is made a member of (README: Admin guide).

create schema if not exists admin;
comment on schema admin is 'Moderation views and actions for Studio; service_role and moderator only.';

do $$
begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'moderator') then
    create role moderator nologin;
  end if;
end
$$;
-- So the owner (Studio's SQL editor) can `set role moderator` to see exactly what staff see.
grant moderator to postgres;

revoke all on schema admin from public;
grant usage on schema admin to service_role, moderator;

-- What the views read, for a moderator: no Telegram id, bio or other profile text.
grant select (id, pseudonym, country, created_at) on public.users to moderator;
grant select on public.reports, public.sanctions, public.safety_flags, public.safety_config,
  public.matches, public.domain_events, public.toxicity_strikes to moderator;
create policy "Moderators can read users (pseudonym and country only)" on public.users
  for select to moderator using (true);
create policy "Moderators can read reports" on public.reports
  for select to moderator using (true);
create policy "Moderators can read sanctions" on public.sanctions
  for select to moderator using (true);
create policy "Moderators can read safety flags" on public.safety_flags
  for select to moderator using (true);
create policy "Moderators can read the safety settings" on public.safety_config
  for select to moderator using (true);
create policy "Moderators can read matches" on public.matches
  for select to moderator using (true);
create policy "Moderators can read the event log" on public.domain_events
  for select to moderator using (true);
create policy "Moderators can read toxicity strikes" on public.toxicity_strikes
  for select to moderator using (true);

-- Open reports, most urgent first. Priority is high when several different people reported the
-- same user within report_priority_hours, or the report says the person may be a minor; medium
-- when the user has more than one open report or a sanction in force. Never a sanction by
-- itself: a moderator decides (admin.resolve_report).
create or replace view admin.reports_queue with (security_invoker = true) as
with cfg as (
  select coalesce(max(value) filter (where key = 'report_priority_reporters'), 3) as reporters,
         coalesce(max(value) filter (where key = 'report_priority_hours'), 24) as hours
    from public.safety_config
),
per_user as (
  select r.reported_user_id,
         count(*) as open_reports,
         count(distinct r.reporter_user_id) filter (
           where r.created_at > now() - make_interval(hours => (select hours from cfg)::integer)
         ) as recent_reporters
    from public.reports r
   where r.resolved_at is null and r.reported_user_id is not null
   group by r.reported_user_id
),
history as (
  select s.user_id,
         count(*) as sanctions_total,
         max(s.created_at) as last_sanction_at,
         bool_or(s.lifted_at is null and s.kind in ('mute', 'temp_ban', 'ban')
                 and (s.ends_at is null or s.ends_at > now())) as restricted_now
    from public.sanctions s
   group by s.user_id
),
queue as (
  select r.id as report_id,
         r.created_at,
         r.reason,
         r.reported_user_id,
         u.pseudonym as reported_pseudonym,
         r.match_id,
         coalesce(p.open_reports, 0) as open_reports_about_user,
         coalesce(p.recent_reporters, 0) as recent_reporters,
         coalesce(h.sanctions_total, 0) as sanctions_total,
         h.last_sanction_at,
         coalesce(h.restricted_now, false) as restricted_now,
         case
           when r.reason = 'minor' or p.recent_reporters >= (select reporters from cfg) then 'high'
           when p.open_reports > 1 or h.restricted_now then 'medium'
           else 'normal'
         end as priority
    from public.reports r
    left join public.users u on u.id = r.reported_user_id
    left join per_user p on p.reported_user_id = r.reported_user_id
    left join history h on h.user_id = r.reported_user_id
   where r.resolved_at is null
)
select *
  from queue
 order by case priority when 'high' then 0 when 'medium' then 1 else 2 end, created_at;

comment on view admin.reports_queue is 'Open reports, most urgent first; resolve with admin.resolve_report(report_id, decision, note).';

create or replace view admin.safety_flags with (security_invoker = true) as
select f.id as flag_id,
       f.created_at,
       f.label,
       f.severity,
       f.source,
       f.user_id,
       u.pseudonym,
       f.match_id,
       (select count(*) from public.safety_flags g
         where g.user_id = f.user_id and g.created_at > now() - interval '30 days') as flags_30_days,
       f.reviewed_at,
       f.reviewed_by
  from public.safety_flags f
  left join public.users u on u.id = f.user_id
 order by f.reviewed_at is not null, f.severity = 'medium', f.created_at desc;

comment on view admin.safety_flags is 'Crisis signals (never the text); mark one seen with admin.review_flag(flag_id, note).';

create or replace view admin.user_sanctions with (security_invoker = true) as
select s.id as sanction_id,
       s.user_id,
       u.pseudonym,
       s.kind,
       s.reason,
       s.report_id,
       s.imposed_by,
       s.note,
       s.created_at,
       s.ends_at,
       s.lifted_at,
       s.lifted_by,
       (s.lifted_at is null and s.kind in ('mute', 'temp_ban', 'ban')
        and (s.ends_at is null or s.ends_at > now())) as in_force
  from public.sanctions s
  left join public.users u on u.id = s.user_id
 order by s.created_at desc;

comment on view admin.user_sanctions is 'Every sanction, newest first; in_force says whether it still restricts the user.';

-- Per day (UTC), the last 90 days. match_rate: the share of people who started a search that
-- day who were proposed a partner that day; accept_rate: the share of the proposals made that
-- day that became chats; report_rate: reports per chat started that day.
create or replace view admin.daily_metrics with (security_invoker = true) as
with days as (
  select d::date as day
    from generate_series(current_date - 89, current_date, interval '1 day') d
),
events as (
  select e.occurred_at::date as day,
         count(*) filter (where e.event = 'user.registered') as new_users,
         count(*) filter (where e.event = 'onboarding.completed') as completed_profiles,
         count(*) filter (where e.event = 'search.started') as find_requests,
         count(distinct e.user_id) filter (where e.event = 'search.started') as searchers,
         count(*) filter (where e.event = 'user.deleted') as erased_users,
         count(*) filter (where e.event = 'safety.flagged') as safety_flags,
         count(*) filter (where e.event = 'safety.toxic_refused') as toxic_refused,
         count(*) filter (where e.event = 'user.sanctioned') as sanctions
    from public.domain_events e
   where e.occurred_at >= current_date - 89
   group by 1
),
searched_and_proposed as (
  select e.occurred_at::date as day, count(distinct e.user_id) as proposed_searchers
    from public.domain_events e
    join public.matches m
      on m.proposed_at::date = e.occurred_at::date and e.user_id in (m.user_a, m.user_b)
   where e.event = 'search.started' and e.occurred_at >= current_date - 89
   group by 1
),
proposals as (
  select m.proposed_at::date as day,
         count(*) as proposals,
         count(*) filter (where m.started_at is not null) as accepted
    from public.matches m
   where m.proposed_at >= current_date - 89
   group by 1
),
chats as (
  select m.started_at::date as day, count(*) as chats_started
    from public.matches m
   where m.started_at >= current_date - 89
   group by 1
),
durations as (
  select m.ended_at::date as day,
         percentile_cont(0.5) within group (order by extract(epoch from m.ended_at - m.started_at))
           as median_chat_seconds
    from public.matches m
   where m.state = 'ended' and m.started_at is not null and m.ended_at >= current_date - 89
   group by 1
),
reports as (
  select r.created_at::date as day, count(*) as reports
    from public.reports r
   where r.created_at >= current_date - 89
   group by 1
)
select d.day,
       coalesce(e.new_users, 0) as new_users,
       coalesce(e.completed_profiles, 0) as completed_profiles,
       coalesce(e.find_requests, 0) as find_requests,
       coalesce(p.proposals, 0) as proposals,
       coalesce(c.chats_started, 0) as chats_started,
       round(coalesce(sp.proposed_searchers, 0)::numeric / nullif(e.searchers, 0), 3) as match_rate,
       round(p.accepted::numeric / nullif(p.proposals, 0), 3) as accept_rate,
       round(du.median_chat_seconds::numeric / 60, 1) as median_chat_minutes,
       coalesce(r.reports, 0) as reports,
       round(r.reports::numeric / nullif(c.chats_started, 0), 3) as report_rate,
       coalesce(e.safety_flags, 0) as safety_flags,
       coalesce(e.toxic_refused, 0) as toxic_refused,
       coalesce(e.sanctions, 0) as sanctions,
       coalesce(e.erased_users, 0) as erased_users
  from days d
  left join events e on e.day = d.day
  left join searched_and_proposed sp on sp.day = d.day
  left join proposals p on p.day = d.day
  left join chats c on c.day = d.day
  left join durations du on du.day = d.day
  left join reports r on r.day = d.day
 order by d.day desc;

comment on view admin.daily_metrics is 'Per UTC day, last 90 days: funnel, rates, median chat length, reports, safety.';

revoke all on all tables in schema admin from public, anon, authenticated;
grant select on admin.reports_queue, admin.safety_flags, admin.user_sanctions, admin.daily_metrics
  to service_role, moderator;

-- Who acted: the name a caller passes (the moderation chat passes its member), else the
-- database login (in Studio: the role the SQL editor runs as).
create or replace function admin.actor(p_actor text)
returns text
language sql
stable
set search_path = ''
as $$
  select left(coalesce(nullif(btrim(p_actor), ''), session_user::text), 80)
$$;

create or replace function admin.ban_user(
  p_user_id uuid,
  p_note text default null,
  p_days integer default null,
  p_actor text default null
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  s public.sanctions;
begin
  if p_days is not null and p_days not between 1 and 3650 then
    raise exception 'p_days must be 1..3650 (or null for a permanent ban)' using errcode = '22023';
  end if;
  s := public.impose_sanction(
    p_user_id, case when p_days is null then 'ban' else 'temp_ban' end, 'moderator',
    make_interval(days => coalesce(p_days, 0)), admin.actor(p_actor), p_note
  );
  if s.id is null then
    return jsonb_build_object('status', 'unknown_user');
  end if;
  return jsonb_build_object('status', 'ok') || public.describe_sanction(s);
end
$$;

create or replace function admin.mute_user(
  p_user_id uuid,
  p_minutes integer default 60,
  p_note text default null,
  p_actor text default null
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  s public.sanctions;
begin
  if p_minutes is null or p_minutes not between 1 and 43200 then
    raise exception 'p_minutes must be 1..43200' using errcode = '22023';
  end if;
  s := public.impose_sanction(
    p_user_id, 'mute', 'moderator', make_interval(mins => p_minutes), admin.actor(p_actor), p_note
  );
  if s.id is null then
    return jsonb_build_object('status', 'unknown_user');
  end if;
  return jsonb_build_object('status', 'ok') || public.describe_sanction(s);
end
$$;

-- Lifts every mute and ban in force; the person is told they can use the bot again.
create or replace function admin.unban_user(
  p_user_id uuid,
  p_note text default null,
  p_actor text default null
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  who text := admin.actor(p_actor);
  lifted integer;
begin
  perform 1 from public.users u where u.id = p_user_id for update;
  if not found then
    return jsonb_build_object('status', 'unknown_user');
  end if;
  update public.sanctions s
     set lifted_at = now(), lifted_by = who
   where s.user_id = p_user_id and s.lifted_at is null and s.kind in ('mute', 'temp_ban', 'ban')
     and (s.ends_at is null or s.ends_at > now());
  get diagnostics lifted = row_count;
  if lifted = 0 then
    return jsonb_build_object('status', 'not_restricted');
  end if;
  perform public.outbox_push(p_user_id, 'sanction_lifted', '{}'::jsonb);
  insert into public.domain_events (user_id, event, data)
  values (p_user_id, 'user.unsanctioned', jsonb_build_object(
    'lifted', lifted, 'lifted_by', who, 'with_note', nullif(btrim(p_note), '') is not null
  ));
  return jsonb_build_object('status', 'ok', 'lifted', lifted);
end
$$;

-- Decides a report, and with it every other open report about the same person (a decision is
-- about the person). 'dismissed' sanctions nobody; the others impose that sanction (a temporary
-- ban for temp_ban_hours, a mute for mute_minutes).
create or replace function admin.resolve_report(
  p_report_id bigint,
  p_decision text,
  p_note text default null,
  p_actor text default null
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  who text := admin.actor(p_actor);
  r public.reports;
  s public.sanctions;
  resolved integer;
begin
  if p_decision is null
     or p_decision not in ('dismissed', 'warning', 'mute', 'temp_ban', 'ban') then
    raise exception 'decision must be dismissed, warning, mute, temp_ban or ban' using errcode = '22023';
  end if;
  select * into r from public.reports x where x.id = p_report_id for update;
  if not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  if r.resolved_at is not null then
    return jsonb_build_object('status', 'already_resolved', 'decision', r.decision);
  end if;
  if p_decision <> 'dismissed' and r.reported_user_id is not null then
    s := public.impose_sanction(
      r.reported_user_id, p_decision, 'report', public.sanction_duration(p_decision), who, p_note,
      r.id
    );
  end if;
  update public.reports x
     set resolved_at = now(), decision = p_decision, resolved_by = who,
         resolution_note = nullif(btrim(p_note), '')
   where x.resolved_at is null
     and (x.id = r.id or (r.reported_user_id is not null and x.reported_user_id = r.reported_user_id));
  get diagnostics resolved = row_count;
  insert into public.domain_events (user_id, event, data)
  values (r.reported_user_id, 'report.resolved', jsonb_build_object(
    'report_id', r.id, 'decision', p_decision, 'resolved_by', who, 'reports_closed', resolved,
    'sanction_id', s.id
  ));
  return jsonb_build_object('status', 'ok', 'decision', p_decision, 'reports_closed', resolved,
    'sanction_id', s.id);
end
$$;

create or replace function admin.review_flag(
  p_flag_id bigint,
  p_note text default null,
  p_actor text default null
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  who text := admin.actor(p_actor);
  f public.safety_flags;
begin
  update public.safety_flags x set reviewed_at = now(), reviewed_by = who
   where x.id = p_flag_id and x.reviewed_at is null
  returning * into f;
  if not found then
    return jsonb_build_object('status', case when exists (
      select 1 from public.safety_flags x where x.id = p_flag_id) then 'already_reviewed' else 'not_found' end);
  end if;
  insert into public.domain_events (user_id, event, data)
  values (f.user_id, 'safety.flag_reviewed', jsonb_build_object(
    'flag_id', f.id, 'reviewed_by', who, 'with_note', nullif(btrim(p_note), '') is not null
  ));
  return jsonb_build_object('status', 'ok');
end
$$;

revoke all on all functions in schema admin from public, anon, authenticated;
grant execute on all functions in schema admin to service_role, moderator;
