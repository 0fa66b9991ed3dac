-- The mood diary: private entries, their mood analysis, and per day / ISO week / month
-- aggregates in the writer's local time, kept up to date incrementally. Entries are the
-- person's own text: only they read them (RLS for the Mini App; the bot goes through the
-- functions below), /delete erases them, and the event log gets ids and numbers, never text:
-- diary.entry_created / diary.entry_updated / diary.entry_deleted / mood.analyzed (the log's
-- names for DiaryEntryCreated, …, MoodAnalyzed).

create table public.diary_entries (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  -- The Telegram message it came from: an edit of that message updates the entry.
  tg_message_id bigint,
  body text not null check (char_length(body) between 1 and 4096),
  pick text check (
    pick in (
      'scale_1', 'scale_2', 'scale_3', 'scale_4', 'scale_5', 'feel_sad', 'feel_anxious',
      'feel_angry', 'feel_tired', 'feel_lonely', 'feel_grateful', 'feel_calm'
    )
  ),
  -- The writer's calendar day when it was written (their UTC offset), for the aggregates.
  local_date date not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz,
  valence real check (valence between -1 and 1),
  arousal real check (arousal between 0 and 1),
  labels jsonb not null default '[]',
  analyzer text check (char_length(analyzer) <= 80),
  analyzer_version text check (char_length(analyzer_version) <= 40),
  analyzed_at timestamptz,
  unique (user_id, tg_message_id)
);
create index diary_entries_user_created_idx on public.diary_entries (user_id, created_at desc);

-- Sums per period, so a summary reads a few rows and each analysis changes a few rows.
create table public.mood_aggregates (
  user_id uuid not null references public.users (id) on delete cascade,
  period text not null check (period in ('day', 'week', 'month')),
  period_start date not null,
  entries integer not null default 0 check (entries >= 0),
  valence_sum double precision not null default 0,
  arousal_sum double precision not null default 0,
  -- {"anxiety": 3, "joy": 1}: how many analysed entries carried each label.
  label_counts jsonb not null default '{}',
  primary key (user_id, period, period_start)
);

-- An optional daily reminder at a local time the person picked (minute of their day).
alter table public.users
  add column diary_reminder_minute smallint check (diary_reminder_minute between 0 and 1439),
  add column diary_reminder_sent_on date,
  -- Off unless the person turns it on: entries then go (anonymised) to the configured model.
  add column diary_ai_analysis boolean not null default false;

-- "Writing mode" after /diary: the next messages (outside a chat) are entries until it ends.
create table public.diary_sessions (
  user_id uuid primary key references public.users (id) on delete cascade,
  pick text,
  expires_at timestamptz not null
);

alter table public.diary_entries enable row level security;
alter table public.mood_aggregates enable row level security;
alter table public.diary_sessions enable row level security;
revoke all on public.diary_entries, public.mood_aggregates, public.diary_sessions
  from anon, authenticated;
grant select, insert, update, delete on public.diary_entries to authenticated;
grant select on public.mood_aggregates to authenticated;

create policy "Users can read their own diary entries"
  on public.diary_entries for select to authenticated
  using (user_id = (select auth.uid()));
create policy "Users can write their own diary entries"
  on public.diary_entries for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy "Users can edit their own diary entries"
  on public.diary_entries for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));
create policy "Users can delete their own diary entries"
  on public.diary_entries for delete to authenticated
  using (user_id = (select auth.uid()));
create policy "Users can read their own mood figures"
  on public.mood_aggregates for select to authenticated
  using (user_id = (select auth.uid()));

-- Adds (p_sign = 1) or takes away (-1) one analysed entry from its day, week and month.
create or replace function public.apply_mood_delta(
  p_user_id uuid,
  p_local_date date,
  p_valence double precision,
  p_arousal double precision,
  p_labels jsonb,
  p_sign integer
)
returns void
language plpgsql
set search_path = ''
as $$
declare
  period_name text;
  starts date;
begin
  foreach period_name in array array['day', 'week', 'month'] loop
    starts := case period_name
      when 'day' then p_local_date
      when 'week' then date_trunc('week', p_local_date)::date
      else date_trunc('month', p_local_date)::date
    end;
    insert into public.mood_aggregates as a (
      user_id, period, period_start, entries, valence_sum, arousal_sum, label_counts
    )
    values (p_user_id, period_name, starts, 0, 0, 0, '{}')
    on conflict (user_id, period, period_start) do nothing;
    update public.mood_aggregates a
       set entries = a.entries + p_sign,
           valence_sum = a.valence_sum + p_sign * p_valence,
           arousal_sum = a.arousal_sum + p_sign * p_arousal,
           label_counts = (
             select coalesce(jsonb_object_agg(k, n) filter (where n > 0), '{}'::jsonb)
               from (
                 select k, sum(n)::integer as n
                   from (
                     select key as k, value::integer as n from jsonb_each_text(a.label_counts)
                     union all
                     select l ->> 'label', p_sign
                       from jsonb_array_elements(coalesce(p_labels, '[]'::jsonb)) l
                   ) both_sides
                  group by k
               ) summed
           )
     where a.user_id = p_user_id and a.period = period_name and a.period_start = starts;
  end loop;
  delete from public.mood_aggregates a
   where a.user_id = p_user_id and a.entries <= 0;
end
$$;

-- /diary: opens writing mode for 30 minutes, with an optional mood pick for what follows.
create or replace function public.start_diary(p_tg_id bigint, p_pick text default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid;
begin
  select u.id into me from public.users u where u.tg_id = p_tg_id and u.onboarding_completed_at is not null;
  if me is null then
    return jsonb_build_object('status', 'not_registered');
  end if;
  if exists (select 1 from public.matches m where m.state = 'active' and me in (m.user_a, m.user_b)) then
    return jsonb_build_object('status', 'in_chat');
  end if;
  insert into public.diary_sessions (user_id, pick, expires_at)
  values (me, p_pick, now() + interval '30 minutes')
  on conflict (user_id) do update set pick = excluded.pick, expires_at = excluded.expires_at;
  return jsonb_build_object('status', 'ok', 'pick', p_pick);
end
$$;

-- Leaves writing mode.
create or replace function public.end_diary(p_tg_id bigint)
returns jsonb
language sql
security definer
set search_path = ''
as $$
  with ended as (
    delete from public.diary_sessions s
     using public.users u
     where s.user_id = u.id and u.tg_id = p_tg_id
    returning 1
  )
  select jsonb_build_object('status', case when exists (select 1 from ended) then 'ok' else 'no_session' end)
$$;

-- A message in writing mode becomes an entry (the session goes on for another 30 minutes).
-- Outside writing mode, or in a chat: 'no_session', and the message is not the diary's.
create or replace function public.add_diary_entry(
  p_tg_id bigint,
  p_message_id bigint,
  p_body text
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me public.users;
  session public.diary_sessions;
  entry public.diary_entries;
begin
  select * into me from public.users u where u.tg_id = p_tg_id;
  if not found then
    return jsonb_build_object('status', 'no_session');
  end if;
  select * into session from public.diary_sessions s
   where s.user_id = me.id and s.expires_at > now()
   for update;
  if not found or exists (
    select 1 from public.matches m where m.state = 'active' and me.id in (m.user_a, m.user_b)
  ) then
    return jsonb_build_object('status', 'no_session');
  end if;
  if p_body is null or char_length(btrim(p_body)) = 0 or char_length(p_body) > 4096 then
    return jsonb_build_object('status', 'invalid_body');
  end if;
  insert into public.diary_entries (user_id, tg_message_id, body, pick, local_date)
  values (
    me.id, p_message_id, p_body, session.pick,
    ((now() at time zone 'utc') + make_interval(mins => coalesce(me.utc_offset_minutes, 0)))::date
  )
  on conflict (user_id, tg_message_id) do nothing
  returning * into entry;
  if entry.id is null then
    return jsonb_build_object('status', 'duplicate');
  end if;
  update public.diary_sessions set expires_at = now() + interval '30 minutes'
   where user_id = me.id;
  insert into public.domain_events (user_id, event, data)
  values (me.id, 'diary.entry_created', jsonb_build_object(
    'entry_id', entry.id, 'local_date', entry.local_date, 'pick', entry.pick,
    'length', char_length(entry.body)
  ));
  return jsonb_build_object(
    'status', 'ok', 'entry_id', entry.id, 'pick', entry.pick, 'ai_analysis', me.diary_ai_analysis
  );
end
$$;

-- An entry from the Mini App (no writing mode, no Telegram message behind it).
create or replace function public.write_diary_entry(p_tg_id bigint, p_body text, p_pick text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me public.users;
  entry public.diary_entries;
begin
  select * into me from public.users u
   where u.tg_id = p_tg_id and u.onboarding_completed_at is not null;
  if not found then
    return jsonb_build_object('status', 'not_registered');
  end if;
  if p_body is null or char_length(btrim(p_body)) = 0 or char_length(p_body) > 4096 then
    return jsonb_build_object('status', 'invalid_body');
  end if;
  insert into public.diary_entries (user_id, body, pick, local_date)
  values (
    me.id, p_body, p_pick,
    ((now() at time zone 'utc') + make_interval(mins => coalesce(me.utc_offset_minutes, 0)))::date
  )
  returning * into entry;
  insert into public.domain_events (user_id, event, data)
  values (me.id, 'diary.entry_created', jsonb_build_object(
    'entry_id', entry.id, 'local_date', entry.local_date, 'pick', entry.pick,
    'length', char_length(entry.body)
  ));
  return jsonb_build_object(
    'status', 'ok', 'entry_id', entry.id, 'pick', entry.pick, 'ai_analysis', me.diary_ai_analysis
  );
end
$$;

-- Stores an entry's analysis and moves the aggregates from the old figures to the new ones.
create or replace function public.record_mood_analysis(
  p_entry_id uuid,
  p_valence double precision,
  p_arousal double precision,
  p_labels jsonb,
  p_analyzer text,
  p_version text,
  p_themes jsonb default '[]'
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  entry public.diary_entries;
  event_data jsonb;
  event_id bigint;
begin
  if p_valence is null or p_valence not between -1 and 1 or p_arousal is null
     or p_arousal not between 0 and 1 or jsonb_typeof(coalesce(p_labels, '[]'::jsonb)) <> 'array' then
    raise exception 'analysis out of range' using errcode = '22023';
  end if;
  select * into entry from public.diary_entries e where e.id = p_entry_id for update;
  if not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  if entry.analyzed_at is not null then
    perform public.apply_mood_delta(
      entry.user_id, entry.local_date, entry.valence, entry.arousal, entry.labels, -1
    );
  end if;
  update public.diary_entries
     set valence = p_valence, arousal = p_arousal, labels = coalesce(p_labels, '[]'::jsonb),
         analyzer = left(p_analyzer, 80), analyzer_version = left(p_version, 40),
         analyzed_at = now()
   where id = entry.id;
  perform public.apply_mood_delta(
    entry.user_id, entry.local_date, p_valence, p_arousal, p_labels, 1
  );
  event_data := jsonb_build_object(
    'entry_id', entry.id, 'local_date', entry.local_date,
    'valence', round(p_valence::numeric, 4), 'arousal', round(p_arousal::numeric, 4),
    'labels', coalesce(p_labels, '[]'::jsonb),
    'themes', coalesce(p_themes, '[]'::jsonb),
    'analyzer', left(p_analyzer, 80), 'version', left(p_version, 40)
  );
  insert into public.domain_events (user_id, event, data)
  values (entry.user_id, 'mood.analyzed', event_data)
  returning id into event_id;
  -- The portrait (next migration) is a projection of these events.
  perform public.update_portrait(entry.user_id, 'mood.analyzed', event_data, event_id);
  return jsonb_build_object('status', 'ok');
end
$$;

-- A Telegram edit of an entry's message: the entry's text follows (then it is re-analysed).
create or replace function public.edit_diary_entry(
  p_tg_id bigint,
  p_message_id bigint,
  p_body text
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  entry public.diary_entries;
begin
  if p_body is null or char_length(btrim(p_body)) = 0 or char_length(p_body) > 4096 then
    return jsonb_build_object('status', 'invalid_body');
  end if;
  update public.diary_entries e
     set body = p_body, updated_at = now()
    from public.users u
   where u.tg_id = p_tg_id and e.user_id = u.id and e.tg_message_id = p_message_id
  returning e.* into entry;
  if entry.id is null then
    return jsonb_build_object('status', 'not_found');
  end if;
  insert into public.domain_events (user_id, event, data)
  values (entry.user_id, 'diary.entry_updated', jsonb_build_object(
    'entry_id', entry.id, 'length', char_length(entry.body)
  ));
  return jsonb_build_object(
    'status', 'ok', 'entry_id', entry.id, 'pick', entry.pick,
    'ai_analysis', (select u.diary_ai_analysis from public.users u where u.id = entry.user_id)
  );
end
$$;

-- Deletes one of the person's entries and takes it out of the aggregates.
create or replace function public.delete_diary_entry(p_tg_id bigint, p_entry_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  entry public.diary_entries;
  event_id bigint;
begin
  select e.* into entry
    from public.diary_entries e
    join public.users u on u.id = e.user_id and u.tg_id = p_tg_id
   where e.id = p_entry_id
   for update of e;
  if not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  if entry.analyzed_at is not null then
    perform public.apply_mood_delta(
      entry.user_id, entry.local_date, entry.valence, entry.arousal, entry.labels, -1
    );
  end if;
  delete from public.diary_entries where id = entry.id;
  insert into public.domain_events (user_id, event, data)
  values (entry.user_id, 'diary.entry_deleted', jsonb_build_object('entry_id', entry.id))
  returning id into event_id;
  perform public.update_portrait(
    entry.user_id, 'diary.entry_deleted', jsonb_build_object('entry_id', entry.id), event_id
  );
  return jsonb_build_object('status', 'ok');
end
$$;

-- A page of the person's entries, newest first: date, pick, mood and the first words.
create or replace function public.diary_page(p_tg_id bigint, p_offset integer, p_limit integer)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'total', (select count(*) from public.diary_entries e join public.users u on u.id = e.user_id
               where u.tg_id = p_tg_id),
    'entries', coalesce((
      select jsonb_agg(jsonb_build_object(
               'id', p.id, 'local_date', p.local_date, 'pick', p.pick, 'valence', p.valence,
               'snippet', left(p.body, 60), 'created_at', p.created_at
             ) order by p.created_at desc, p.id)
        from (
          select e.*
            from public.diary_entries e
            join public.users u on u.id = e.user_id
           where u.tg_id = p_tg_id
           order by e.created_at desc, e.id
          offset greatest(coalesce(p_offset, 0), 0)
           limit least(greatest(coalesce(p_limit, 5), 1), 50)
        ) p
    ), '[]'::jsonb)
  )
$$;

-- One entry of the person (or nothing).
create or replace function public.diary_entry(p_tg_id bigint, p_entry_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((
    select jsonb_build_object(
             'status', 'ok', 'id', e.id, 'local_date', e.local_date, 'pick', e.pick,
             'body', e.body, 'valence', e.valence, 'arousal', e.arousal, 'labels', e.labels,
             'created_at', e.created_at, 'updated_at', e.updated_at
           )
      from public.diary_entries e
      join public.users u on u.id = e.user_id
     where u.tg_id = p_tg_id and e.id = p_entry_id
  ), jsonb_build_object('status', 'not_found'))
$$;

-- Every entry of the person, oldest first: the right to one's own data.
create or replace function public.diary_export(p_tg_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', e.id, 'date', e.local_date, 'written_at', e.created_at, 'edited_at', e.updated_at,
           'pick', e.pick, 'text', e.body, 'valence', e.valence, 'arousal', e.arousal,
           'labels', e.labels, 'analyzer', e.analyzer, 'analyzer_version', e.analyzer_version
         ) order by e.created_at, e.id), '[]'::jsonb)
    from public.diary_entries e
    join public.users u on u.id = e.user_id
   where u.tg_id = p_tg_id
$$;

-- /mood: the last 30 days by day, the last 6 ISO weeks, the trend (this week vs the last),
-- the streak of days with an entry up to today (or yesterday), and the top labels of 30 days.
create or replace function public.mood_summary(p_tg_id bigint)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  me public.users;
  today date;
  streak integer := 0;
  day_cursor date;
begin
  select * into me from public.users u where u.tg_id = p_tg_id;
  if not found then
    return jsonb_build_object('status', 'not_registered');
  end if;
  today := ((now() at time zone 'utc') + make_interval(mins => coalesce(me.utc_offset_minutes, 0)))::date;
  day_cursor := case
    when exists (select 1 from public.diary_entries e where e.user_id = me.id and e.local_date = today)
    then today else today - 1 end;
  while exists (
    select 1 from public.diary_entries e where e.user_id = me.id and e.local_date = day_cursor
  ) loop
    streak := streak + 1;
    day_cursor := day_cursor - 1;
  end loop;
  return jsonb_build_object(
    'status', 'ok',
    'today', today,
    'entries_total', (select count(*) from public.diary_entries e where e.user_id = me.id),
    'streak_days', streak,
    'days', (
      select jsonb_agg(jsonb_build_object(
               'date', d::date,
               'entries', coalesce(a.entries, 0),
               'valence', case when a.entries > 0 then round((a.valence_sum / a.entries)::numeric, 3) end
             ) order by d)
        from generate_series(today - 29, today, interval '1 day') d
        left join public.mood_aggregates a
          on a.user_id = me.id and a.period = 'day' and a.period_start = d::date
    ),
    'weeks', (
      select jsonb_agg(jsonb_build_object(
               'start', w::date,
               'entries', coalesce(a.entries, 0),
               'valence', case when a.entries > 0 then round((a.valence_sum / a.entries)::numeric, 3) end,
               'arousal', case when a.entries > 0 then round((a.arousal_sum / a.entries)::numeric, 3) end
             ) order by w)
        from generate_series(
               date_trunc('week', today) - interval '5 weeks', date_trunc('week', today),
               interval '1 week'
             ) w
        left join public.mood_aggregates a
          on a.user_id = me.id and a.period = 'week' and a.period_start = w::date
    ),
    'top_labels', coalesce((
      select jsonb_agg(jsonb_build_object('label', l.k, 'count', l.n, 'share',
                                          round(l.n::numeric / nullif(t.total, 0), 3))
                       order by l.n desc, l.k)
        from (
          select key as k, sum(value::integer) as n
            from public.mood_aggregates a, jsonb_each_text(a.label_counts)
           where a.user_id = me.id and a.period = 'day' and a.period_start > today - 30
           group by key
           order by 2 desc, 1
           limit 4
        ) l
        cross join (
          select sum(a.entries) as total from public.mood_aggregates a
           where a.user_id = me.id and a.period = 'day' and a.period_start > today - 30
        ) t
    ), '[]'::jsonb)
  );
end
$$;

-- AI analysis of the diary: on or off (off by default).
create or replace function public.set_diary_ai_analysis(p_tg_id bigint, p_on boolean)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid;
begin
  if p_on is null then
    raise exception 'p_on must be true or false' using errcode = '22023';
  end if;
  update public.users set diary_ai_analysis = p_on where tg_id = p_tg_id returning id into me;
  if me is null then
    return jsonb_build_object('status', 'not_registered');
  end if;
  insert into public.domain_events (user_id, event, data)
  values (me, case when p_on then 'diary.ai_analysis_on' else 'diary.ai_analysis_off' end, '{}');
  return jsonb_build_object('status', 'ok', 'ai_analysis', p_on);
end
$$;

-- Sets (or, with null, switches off) the daily reminder. Only daytime: 08:00-22:00 local.
create or replace function public.set_diary_reminder(p_tg_id bigint, p_minute integer)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid;
begin
  if p_minute is not null and p_minute not between 8 * 60 and 22 * 60 then
    return jsonb_build_object('status', 'invalid_time');
  end if;
  update public.users
     set diary_reminder_minute = p_minute, diary_reminder_sent_on = null
   where tg_id = p_tg_id
  returning id into me;
  if me is null then
    return jsonb_build_object('status', 'not_registered');
  end if;
  return jsonb_build_object('status', 'ok', 'minute', p_minute);
end
$$;

-- The periodic sweep (pg_cron every 5 minutes; the dev server's scheduler locally): queues a
-- reminder for everyone whose time has come today, within the hour after it (a sweep that
-- missed the hour sends nothing late), never at night (23:00-08:00 local), not during a chat,
-- not after they already wrote today, and at most once a day.
create or replace function public.queue_diary_reminders()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  queued integer;
begin
  with due as (
    select u.id, local.at::date as local_day
      from public.users u
      cross join lateral (
        select (now() at time zone 'utc') + make_interval(mins => coalesce(u.utc_offset_minutes, 0)) as at
      ) local
     where u.diary_reminder_minute is not null
       and (u.diary_reminder_sent_on is null or u.diary_reminder_sent_on < local.at::date)
       and extract(hour from local.at) * 60 + extract(minute from local.at)
           between u.diary_reminder_minute and u.diary_reminder_minute + 59
       and extract(hour from local.at) between 8 and 22
       and not exists (
         select 1 from public.matches m where m.state = 'active' and u.id in (m.user_a, m.user_b)
       )
       and not exists (
         select 1 from public.diary_entries e
          where e.user_id = u.id and e.local_date = local.at::date
       )
     for update of u skip locked
  ), marked as (
    update public.users u set diary_reminder_sent_on = due.local_day
      from due
     where u.id = due.id
    returning u.id
  )
  insert into public.outbox (user_id, tg_id, kind, payload)
  select u.id, u.tg_id, 'diary_reminder', '{}'::jsonb
    from marked join public.users u on u.id = marked.id;
  get diagnostics queued = row_count;
  return queued;
end
$$;

do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'pg_cron') then
    create extension if not exists pg_cron;
    perform cron.schedule('diary-reminders', '*/5 * * * *', 'select public.queue_diary_reminders()');
  end if;
end
$$;

alter table public.outbox drop constraint outbox_kind_check;
alter table public.outbox add constraint outbox_kind_check check (
  kind in (
    'proposal', 'chat_started', 'proposal_declined', 'proposal_expired', 'search_expired',
    'chat_ended', 'rate_request', 'api_call', 'relay', 'sanction', 'sanction_lifted',
    'tip_receipt', 'tip_received', 'tip_refunded', 'diary_reminder'
  )
);

revoke execute on function public.apply_mood_delta(uuid, date, double precision, double precision, jsonb, integer)
  from public, anon, authenticated;
revoke execute on function public.start_diary(bigint, text) from public, anon, authenticated;
revoke execute on function public.end_diary(bigint) from public, anon, authenticated;
revoke execute on function public.add_diary_entry(bigint, bigint, text) from public, anon, authenticated;
revoke execute on function public.record_mood_analysis(uuid, double precision, double precision, jsonb, text, text, jsonb)
  from public, anon, authenticated;
revoke execute on function public.edit_diary_entry(bigint, bigint, text) from public, anon, authenticated;
revoke execute on function public.delete_diary_entry(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.diary_page(bigint, integer, integer) from public, anon, authenticated;
revoke execute on function public.diary_entry(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.diary_export(bigint) from public, anon, authenticated;
revoke execute on function public.write_diary_entry(bigint, text, text) from public, anon, authenticated;
revoke execute on function public.mood_summary(bigint) from public, anon, authenticated;
revoke execute on function public.set_diary_reminder(bigint, integer) from public, anon, authenticated;
revoke execute on function public.queue_diary_reminders() from public, anon, authenticated;
revoke execute on function public.set_diary_ai_analysis(bigint, boolean) from public, anon, authenticated;

grant execute on function public.start_diary(bigint, text) to service_role;
grant execute on function public.end_diary(bigint) to service_role;
grant execute on function public.add_diary_entry(bigint, bigint, text) to service_role;
grant execute on function public.record_mood_analysis(uuid, double precision, double precision, jsonb, text, text, jsonb)
  to service_role;
grant execute on function public.edit_diary_entry(bigint, bigint, text) to service_role;
grant execute on function public.delete_diary_entry(bigint, uuid) to service_role;
grant execute on function public.diary_page(bigint, integer, integer) to service_role;
grant execute on function public.diary_entry(bigint, uuid) to service_role;
grant execute on function public.diary_export(bigint) to service_role;
grant execute on function public.write_diary_entry(bigint, text, text) to service_role;
grant execute on function public.mood_summary(bigint) to service_role;
grant execute on function public.set_diary_reminder(bigint, integer) to service_role;
grant execute on function public.queue_diary_reminders() to service_role;
grant execute on function public.set_diary_ai_analysis(bigint, boolean) to service_role;
