-- What the Mini App's diary API needs beyond the bot's functions: editing an entry by its id
-- (the bot edits by Telegram message id), the mood summary for one period (day, ISO week or
-- month: mood_summary answers days and weeks only), the person's own portrait figures (never
-- the embedding) and the diary settings read and changed together.

-- Edits one of the person's entries by id (the Mini App's entries have no Telegram message).
-- Same rules and event as edit_diary_entry; the app re-analyses the text afterwards.
create or replace function public.update_diary_entry(
  p_tg_id bigint,
  p_entry_id uuid,
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
   where u.tg_id = p_tg_id and e.user_id = u.id and e.id = p_entry_id
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

-- The mood for one period kind, in the person's local time, read from the aggregates:
--   day: the last 30 days; week: the last 12 ISO weeks; month: the last 12 months.
-- Every bucket is listed (entries 0 and null means when nothing was analysed), then the current
-- and previous bucket, their valence change (the trend: today vs yesterday, this week vs the
-- last, this month vs the last; /mood calls a change within ±0.1 "about the same"), the streak
-- of days with an entry up to today (or yesterday) and the top 5 labels of the whole window.
create or replace function public.mood_period_summary(p_tg_id bigint, p_period text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  me public.users;
  today date;
  step interval;
  first_start date;
  last_start date;
  buckets jsonb;
  streak integer;
begin
  if p_period is null or p_period not in ('day', 'week', 'month') then
    return jsonb_build_object('status', 'invalid_period');
  end if;
  select * into me from public.users u where u.tg_id = p_tg_id;
  if not found then
    return jsonb_build_object('status', 'not_registered');
  end if;
  today := ((now() at time zone 'utc') + make_interval(mins => coalesce(me.utc_offset_minutes, 0)))::date;
  case p_period
    when 'day' then
      step := interval '1 day';
      last_start := today;
      first_start := today - 29;
    when 'week' then
      step := interval '1 week';
      last_start := date_trunc('week', today)::date;
      first_start := last_start - 11 * 7;
    else
      step := interval '1 month';
      last_start := date_trunc('month', today)::date;
      first_start := (last_start - interval '11 months')::date;
  end case;

  select jsonb_agg(jsonb_build_object(
           'start', s.d::date,
           'entries', coalesce(a.entries, 0),
           'valence', case when a.entries > 0 then round((a.valence_sum / a.entries)::numeric, 3) end,
           'arousal', case when a.entries > 0 then round((a.arousal_sum / a.entries)::numeric, 3) end
         ) order by s.d)
    into buckets
    from generate_series(first_start, last_start, step) s(d)
    left join public.mood_aggregates a
      on a.user_id = me.id and a.period = p_period and a.period_start = s.d::date;

  -- Days with an entry, newest first, counted while they follow each other without a gap.
  with anchor as (
    select case when exists (
             select 1 from public.diary_entries e where e.user_id = me.id and e.local_date = today
           ) then today else today - 1 end as a
  ), days as (
    select d.local_date, row_number() over (order by d.local_date desc) as rn
      from (
        select distinct e.local_date
          from public.diary_entries e, anchor
         where e.user_id = me.id and e.local_date <= anchor.a
      ) d
  )
  select count(*) into streak from days, anchor where anchor.a - days.local_date = days.rn - 1;

  return jsonb_build_object(
    'status', 'ok',
    'period', p_period,
    'today', today,
    'entries_total', (select count(*) from public.diary_entries e where e.user_id = me.id),
    'streak_days', streak,
    'buckets', buckets,
    'current', buckets -> -1,
    'previous', buckets -> -2,
    'change', (
      select round(((buckets -> -1 ->> 'valence')::numeric - (buckets -> -2 ->> 'valence')::numeric), 3)
    ),
    'top_labels', coalesce((
      select jsonb_agg(jsonb_build_object('label', l.k, 'count', l.n, 'share',
                                          round(l.n::numeric / nullif(t.total, 0), 3))
                       order by l.n desc, l.k)
        from (
          select key as k, sum(value::integer) as n
            from public.mood_aggregates a, jsonb_each_text(a.label_counts)
           where a.user_id = me.id and a.period = p_period
             and a.period_start between first_start and last_start
           group by key
           order by 2 desc, 1
           limit 5
        ) l
        cross join (
          select sum(a.entries) as total from public.mood_aggregates a
           where a.user_id = me.id and a.period = p_period
             and a.period_start between first_start and last_start
        ) t
    ), '[]'::jsonb)
  );
end
$$;

-- The person's own portrait for the Mini App: entry count, means, dominant labels and the
-- themes as catalogue slugs and titles with weights. Never the embedding or the per-entry state.
-- Someone without analysed entries gets an empty portrait (entry_count 0).
create or replace function public.diary_portrait(p_tg_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select case when u.id is null then jsonb_build_object('status', 'not_registered') else
    jsonb_build_object(
      'status', 'ok',
      'entry_count', coalesce(p.entry_count, 0),
      'valence_mean', p.valence_mean,
      'arousal_mean', p.arousal_mean,
      'labels', coalesce((
        select jsonb_agg(jsonb_build_object('label', l.key, 'weight', l.value::double precision)
                         order by l.value::double precision desc, l.key)
          from jsonb_each_text(p.labels) l
      ), '[]'::jsonb),
      'themes', coalesce((
        select jsonb_agg(jsonb_build_object(
                           'slug', t.slug, 'title', t.title, 'weight', th.value::double precision
                         ) order by th.value::double precision desc, t.slug)
          from jsonb_each_text(p.themes) th
          join public.topics t on t.slug = th.key
      ), '[]'::jsonb),
      'updated_at', p.updated_at
    )
  end
    from (select 1) one
    left join public.users u on u.tg_id = p_tg_id
    left join public.user_portraits p on p.user_id = u.id
$$;

-- The diary settings: the reminder's local minute (null: off), AI analysis, and "use my diary
-- to find people".
create or replace function public.diary_settings(p_tg_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((
    select jsonb_build_object(
             'status', 'ok',
             'reminder_minute', u.diary_reminder_minute,
             'ai_analysis', u.diary_ai_analysis,
             'diary_matching', u.diary_matching
           )
      from public.users u
     where u.tg_id = p_tg_id
  ), jsonb_build_object('status', 'not_registered'))
$$;

-- Changes any of the diary settings at once, through the functions the bot uses (their checks
-- and events): p_set_reminder says whether p_reminder_minute (null: off) applies; a null
-- p_ai_analysis or p_diary_matching leaves that one as it is. One transaction: a refused
-- reminder time changes nothing. Answers the settings as diary_settings does.
create or replace function public.set_diary_settings(
  p_tg_id bigint,
  p_set_reminder boolean,
  p_reminder_minute integer,
  p_ai_analysis boolean,
  p_diary_matching boolean
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  result jsonb;
begin
  if not exists (select 1 from public.users u where u.tg_id = p_tg_id) then
    return jsonb_build_object('status', 'not_registered');
  end if;
  if coalesce(p_set_reminder, false) then
    result := public.set_diary_reminder(p_tg_id, p_reminder_minute);
    if result ->> 'status' <> 'ok' then
      return result;
    end if;
  end if;
  if p_ai_analysis is not null then
    perform public.set_diary_ai_analysis(p_tg_id, p_ai_analysis);
  end if;
  if p_diary_matching is not null then
    perform public.set_diary_matching(p_tg_id, p_diary_matching);
  end if;
  return public.diary_settings(p_tg_id);
end
$$;

revoke execute on function public.update_diary_entry(bigint, uuid, text) from public, anon, authenticated;
revoke execute on function public.mood_period_summary(bigint, text) from public, anon, authenticated;
revoke execute on function public.diary_portrait(bigint) from public, anon, authenticated;
revoke execute on function public.diary_settings(bigint) from public, anon, authenticated;
revoke execute on function public.set_diary_settings(bigint, boolean, integer, boolean, boolean)
  from public, anon, authenticated;

grant execute on function public.update_diary_entry(bigint, uuid, text) to service_role;
grant execute on function public.mood_period_summary(bigint, text) to service_role;
grant execute on function public.diary_portrait(bigint) to service_role;
grant execute on function public.diary_settings(bigint) to service_role;
grant execute on function public.set_diary_settings(bigint, boolean, integer, boolean, boolean)
  to service_role;
