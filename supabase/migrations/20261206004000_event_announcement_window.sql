-- Events announced by users (/newevent, POST /events): the window for the start is two settings,
-- announce_min_hours and announce_max_days, read by the rule and by the texts alike (they said
-- «не раньше чем через сутки» while the rule refused anything under 26 hours). A refused start
-- says why: already past, too soon or too far, with the window. The draft also carries the
-- format the event will get (its round length and capacity are the events table's defaults).

insert into public.event_config (key, value, description)
values
  ('announce_min_hours', 26, 'An event a user announces starts at least this many hours after it is sent (moderation, then registration and the confirmation).'),
  ('announce_max_days', 60, 'An event a user announces starts at most this many days ahead.')
on conflict (key) do nothing;

-- The window for an announced event's start: the settings and the instants they give now.
create or replace function public.event_announce_window()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'min_hours', w.min_hours,
    'max_days', w.max_days,
    'earliest', now() + make_interval(secs => w.min_hours * 3600),
    'latest', now() + make_interval(secs => w.max_days * 86400)
  )
    from (
      select coalesce((s ->> 'announce_min_hours')::double precision, 26) as min_hours,
             coalesce((s ->> 'announce_max_days')::double precision, 60) as max_days
        from public.event_settings() as s
    ) w
$$;

-- Why an announced event cannot start at p_starts_at: null when it can; otherwise the window with
-- a status — 'past' (or no time at all), 'too_soon' or 'too_far'.
create or replace function public.event_start_refusal(p_starts_at timestamptz)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select case
           when p_starts_at is null or p_starts_at <= now()
             then jsonb_build_object('status', 'past') || w
           when p_starts_at < (w ->> 'earliest')::timestamptz
             then jsonb_build_object('status', 'too_soon') || w
           when p_starts_at > (w ->> 'latest')::timestamptz
             then jsonb_build_object('status', 'too_far') || w
         end
    from public.event_announce_window() as w
$$;

-- What an announced event will be like: the round length and capacity it gets are the events
-- table's column defaults, read from the catalogue so the text cannot drift from them.
create or replace function public.event_announcement_format()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_object_agg(a.attname, pg_catalog.pg_get_expr(d.adbin, d.adrelid)::integer),
                  '{}'::jsonb)
    from pg_catalog.pg_attrdef d
    join pg_catalog.pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
   where d.adrelid = 'public.events'::regclass
     and a.attname in ('round_minutes', 'pause_minutes', 'capacity')
$$;

-- The step the person's draft waits for (null: no draft, or one older than a day), with the
-- window for the start and the format the event will get.
create or replace function public.event_draft_of(p_tg_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object('step', d.step, 'title', d.title, 'description', d.description,
                            'starts_at', d.starts_at,
                            'utc_offset_minutes', u.utc_offset_minutes,
                            'window', public.event_announce_window(),
                            'format', public.event_announcement_format())
    from public.users u
    join public.event_drafts d on d.user_id = u.id
   where u.tg_id = p_tg_id and d.updated_at > now() - interval '1 day'
$$;

-- Stores the answer to the step the draft waits for (the bot checked the text for contacts;
-- the lengths and the time are checked here too) and moves on. The step that asks for the start
-- returns the window; a refused start returns why (event_start_refusal).
create or replace function public.answer_event_draft(
  p_tg_id bigint,
  p_step text,
  p_text text,
  p_starts_at timestamptz default null
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  d public.event_drafts;
  refusal jsonb;
begin
  select x.* into d
    from public.event_drafts x join public.users u on u.id = x.user_id
   where u.tg_id = p_tg_id
     for update of x;
  if not found or d.step <> p_step then
    return jsonb_build_object('status', 'stale');
  end if;
  if p_step = 'title' then
    if char_length(coalesce(p_text, '')) not between 3 and 100 then
      return jsonb_build_object('status', 'invalid');
    end if;
    update public.event_drafts set title = p_text, step = 'description', updated_at = now()
     where user_id = d.user_id;
    return jsonb_build_object('status', 'ok', 'step', 'description');
  elsif p_step = 'description' then
    if char_length(coalesce(p_text, '')) > 1000 then
      return jsonb_build_object('status', 'invalid');
    end if;
    update public.event_drafts set description = coalesce(p_text, ''), step = 'starts_at',
           updated_at = now()
     where user_id = d.user_id;
    return jsonb_build_object('status', 'ok', 'step', 'starts_at',
                              'window', public.event_announce_window());
  elsif p_step = 'starts_at' then
    refusal := public.event_start_refusal(p_starts_at);
    if refusal is not null then
      return refusal;
    end if;
    update public.event_drafts set starts_at = p_starts_at, step = 'confirm', updated_at = now()
     where user_id = d.user_id;
    return jsonb_build_object('status', 'ok', 'step', 'confirm');
  end if;
  return jsonb_build_object('status', 'stale');
end
$$;

-- The Mini App's announcement in one call: the same rules as /newevent (a refused start says
-- why, as there).
create or replace function public.announce_event(
  p_tg_id bigint,
  p_title text,
  p_description text,
  p_starts_at timestamptz,
  p_topic_slugs jsonb default '[]'
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  started jsonb := public.start_event_draft(p_tg_id);
  me public.users;
  refusal jsonb;
begin
  if started ->> 'status' <> 'ok' then
    return started;
  end if;
  select * into me from public.users u where u.tg_id = p_tg_id;
  delete from public.event_drafts where user_id = me.id;
  if char_length(coalesce(p_title, '')) not between 3 and 100
     or char_length(coalesce(p_description, '')) > 1000 then
    return jsonb_build_object('status', 'invalid');
  end if;
  refusal := public.event_start_refusal(p_starts_at);
  if refusal is not null then
    return refusal;
  end if;
  return jsonb_build_object('status', 'pending', 'event_id',
    public.file_event_announcement(me, p_title, p_description, p_starts_at, p_topic_slugs));
end
$$;

revoke execute on function public.event_announce_window() from public, anon, authenticated;
revoke execute on function public.event_start_refusal(timestamptz) from public, anon, authenticated;
revoke execute on function public.event_announcement_format() from public, anon, authenticated;
revoke execute on function public.event_draft_of(bigint) from public, anon, authenticated;
revoke execute on function public.answer_event_draft(bigint, text, text, timestamptz) from public, anon, authenticated;
revoke execute on function public.announce_event(bigint, text, text, timestamptz, jsonb) from public, anon, authenticated;
grant execute on function public.event_announce_window() to service_role;
grant execute on function public.event_start_refusal(timestamptz) to service_role;
grant execute on function public.event_announcement_format() to service_role;
grant execute on function public.event_draft_of(bigint) to service_role;
grant execute on function public.answer_event_draft(bigint, text, text, timestamptz) to service_role;
grant execute on function public.announce_event(bigint, text, text, timestamptz, jsonb) to service_role;
