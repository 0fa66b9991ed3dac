-- Profile functions the bot calls: registration, the onboarding steps, editing, the profile card.
-- Each step is validated here too (defence in depth); the friendly wording lives in the bot.
-- Setters return {ok: true, state} or {ok: false, reason}; `state` is what the handlers need.

-- The onboarding steps in order; the index tells whether a user has reached a step.
create or replace function public.onboarding_step_index(p_step text)
returns integer
language sql
immutable
set search_path = ''
as $$
  select array_position(
    array['rules', 'birth_year', 'pseudonym', 'timezone', 'topics', 'bio', 'purpose',
          'availability', 'done'],
    p_step
  )
$$;

-- 'teen' (16-17) or 'adult' (18+) from the birth year; null when unknown or under 16.
-- Only the year is known, so the age is the calendar-year difference.
create or replace function public.age_pool(p_birth_year integer)
returns text
language sql
stable
set search_path = ''
as $$
  select case
    when p_birth_year is null then null
    when extract(year from now() at time zone 'utc')::integer - p_birth_year < 16 then null
    when extract(year from now() at time zone 'utc')::integer - p_birth_year < 18 then 'teen'
    else 'adult'
  end
$$;

-- The dialog state of one user, as the handlers read it.
create or replace function public.profile_state(p_user_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'onboarding_step', u.onboarding_step,
    'awaiting_input', u.awaiting_input,
    'rules_accepted', u.rules_accepted_at is not null,
    'onboarding_completed', u.onboarding_completed_at is not null,
    'pseudonym', u.pseudonym,
    'age_pool', public.age_pool(u.birth_year),
    'country', u.country,
    'utc_offset_minutes', u.utc_offset_minutes
  )
  from public.users u
  where u.id = p_user_id
$$;

-- Moves the user past p_step when that is the step they are on (onboarding), or records a
-- profile edit when onboarding is already done. The next step's free-text input is awaited.
-- Returns 'advanced', 'completed' (onboarding just finished), 'edited' or 'unchanged'.
create or replace function public.complete_profile_step(p_user_id uuid, p_step text)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  current_step text;
  next_step text;
begin
  select u.onboarding_step into current_step from public.users u where u.id = p_user_id;
  if current_step = 'done' then
    update public.users set awaiting_input = null where id = p_user_id;
    insert into public.domain_events (user_id, event, data)
    values (p_user_id, 'profile.updated', jsonb_build_object('field', p_step));
    return 'edited';
  end if;
  if current_step is distinct from p_step then
    return 'unchanged';
  end if;
  next_step := (array['rules', 'birth_year', 'pseudonym', 'timezone', 'topics', 'bio',
                      'purpose', 'availability', 'done'])[public.onboarding_step_index(p_step) + 1];
  update public.users
     set onboarding_step = next_step,
         awaiting_input = case
           when next_step in ('birth_year', 'pseudonym', 'timezone', 'bio') then next_step
         end,
         onboarding_completed_at = case
           when next_step = 'done' then coalesce(onboarding_completed_at, now())
           else onboarding_completed_at
         end
   where id = p_user_id;
  if next_step = 'done' then
    insert into public.domain_events (user_id, event, data)
    values (p_user_id, 'onboarding.completed', '{}');
    return 'completed';
  end if;
  return 'advanced';
end
$$;

-- Locks and returns the user's id when p_step is their current onboarding step, or when
-- onboarding is done (editing); null otherwise, so a button left over from an earlier step
-- cannot change an answer mid-onboarding.
create or replace function public.lock_user_at_step(p_tg_id bigint, p_step text)
returns uuid
language sql
security definer
set search_path = ''
as $$
  select u.id
    from public.users u
   where u.tg_id = p_tg_id
     and u.onboarding_step in (p_step, 'done')
   for update
$$;

-- After onboarding, a free-text field changes only while the bot asked for it.
create or replace function public.awaits_input(p_user_id uuid, p_input text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.users u
     where u.id = p_user_id and (u.onboarding_step <> 'done' or u.awaiting_input = p_input)
  )
$$;

-- Why a setter refused: the user is unknown, or has not reached this step yet.
create or replace function public.step_refusal(p_tg_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'ok', false,
    'reason', case
      when exists (select 1 from public.users u where u.tg_id = p_tg_id) then 'wrong_step'
      else 'no_user'
    end
  )
$$;

-- Finds or registers the user by Telegram id and marks them as seen; returns their state.
create or replace function public.ensure_user(p_tg_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
  inserted boolean;
begin
  insert into public.users as u (tg_id) values (p_tg_id)
  on conflict (tg_id) do update set last_seen_at = now()
  returning u.id, (u.xmax = 0) into v_user_id, inserted;
  if inserted then
    insert into public.domain_events (user_id, event, data)
    values (v_user_id, 'user.registered', '{}');
  end if;
  return public.profile_state(v_user_id) || jsonb_build_object('created', inserted);
end
$$;

-- The state of a known user (marking them as seen), or null: never registers anyone.
create or replace function public.get_user_state(p_tg_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
begin
  update public.users u set last_seen_at = now() where u.tg_id = p_tg_id returning u.id into v_user_id;
  if v_user_id is null then
    return null;
  end if;
  return public.profile_state(v_user_id);
end
$$;

-- Records that the user accepted the rules (once) and moves on to the birth year.
create or replace function public.accept_rules(p_tg_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
  outcome text;
  first_time boolean;
begin
  select u.id, u.rules_accepted_at is null into v_user_id, first_time
    from public.users u where u.tg_id = p_tg_id for update;
  if v_user_id is null then
    return public.step_refusal(p_tg_id);
  end if;
  if first_time then
    update public.users set rules_accepted_at = now() where id = v_user_id;
    insert into public.domain_events (user_id, event, data)
    values (v_user_id, 'rules.accepted', '{}');
  end if;
  -- A second tap on an old "accept" button must not count as a profile edit.
  outcome := case
    when (select u.onboarding_step from public.users u where u.id = v_user_id) = 'rules'
      then public.complete_profile_step(v_user_id, 'rules')
    else 'unchanged'
  end;
  return jsonb_build_object(
    'ok', true, 'outcome', outcome, 'state', public.profile_state(v_user_id));
end
$$;

-- Sets the birth year once. Under 16 is refused and nothing is stored; so is an implausible
-- year. The age pool ('teen' 16-17, 'adult') follows from it.
create or replace function public.set_birth_year(p_tg_id bigint, p_birth_year integer)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
  outcome text;
  stored integer;
  this_year integer := extract(year from now() at time zone 'utc')::integer;
begin
  v_user_id := public.lock_user_at_step(p_tg_id, 'birth_year');
  if v_user_id is null then
    return public.step_refusal(p_tg_id);
  end if;
  if p_birth_year is null or p_birth_year > this_year or p_birth_year < this_year - 100 then
    return jsonb_build_object('ok', false, 'reason', 'implausible');
  end if;
  if this_year - p_birth_year < 16 then
    return jsonb_build_object('ok', false, 'reason', 'too_young');
  end if;
  select u.birth_year into stored from public.users u where u.id = v_user_id;
  -- The age pool decides who may meet whom, so it cannot be changed afterwards.
  if stored is not null and stored <> p_birth_year then
    return jsonb_build_object('ok', false, 'reason', 'already_set');
  end if;
  update public.users set birth_year = p_birth_year where id = v_user_id;
  outcome := public.complete_profile_step(v_user_id, 'birth_year');
  return jsonb_build_object(
    'ok', true, 'outcome', outcome, 'age_pool', public.age_pool(p_birth_year), 'state', public.profile_state(v_user_id)
  );
end
$$;

-- Sets the pseudonym (2-32 characters, one line, at least one letter).
create or replace function public.set_pseudonym(p_tg_id bigint, p_pseudonym text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
  outcome text;
  clean text := btrim(coalesce(p_pseudonym, ''));
begin
  v_user_id := public.lock_user_at_step(p_tg_id, 'pseudonym');
  if v_user_id is null or not public.awaits_input(v_user_id, 'pseudonym') then
    return public.step_refusal(p_tg_id);
  end if;
  if char_length(clean) < 2 then
    return jsonb_build_object('ok', false, 'reason', 'too_short');
  end if;
  if char_length(clean) > 32 then
    return jsonb_build_object('ok', false, 'reason', 'too_long');
  end if;
  -- Only ASCII classes, so the check means the same under any database locale.
  if clean ~ '[\x01-\x1f\x7f]' or clean ~ '^[[:digit:][:space:][:punct:]]*$' then
    return jsonb_build_object('ok', false, 'reason', 'invalid');
  end if;
  update public.users set pseudonym = clean where id = v_user_id;
  outcome := public.complete_profile_step(v_user_id, 'pseudonym');
  return jsonb_build_object(
    'ok', true, 'outcome', outcome, 'state', public.profile_state(v_user_id));
end
$$;

-- Sets the time zone: a name (IANA or 'UTC+05:30'), the offset in minutes, the country if known.
create or replace function public.set_timezone(
  p_tg_id bigint,
  p_timezone text,
  p_utc_offset_minutes integer,
  p_country text
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
  outcome text;
begin
  v_user_id := public.lock_user_at_step(p_tg_id, 'timezone');
  if v_user_id is null then
    return public.step_refusal(p_tg_id);
  end if;
  if p_timezone is null or char_length(p_timezone) not between 1 and 64
     or p_utc_offset_minutes is null or p_utc_offset_minutes not between -720 and 840
     or p_utc_offset_minutes % 15 <> 0
     or (p_country is not null and p_country !~ '^[A-Z]{2}$') then
    return jsonb_build_object('ok', false, 'reason', 'invalid');
  end if;
  update public.users
     set timezone = p_timezone, utc_offset_minutes = p_utc_offset_minutes, country = p_country
   where id = v_user_id;
  outcome := public.complete_profile_step(v_user_id, 'timezone');
  return jsonb_build_object(
    'ok', true, 'outcome', outcome, 'state', public.profile_state(v_user_id));
end
$$;

-- Sets the short bio (at most 160 characters); null or blank clears it (the "skip" button).
create or replace function public.set_bio(p_tg_id bigint, p_bio text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
  outcome text;
  clean text := nullif(btrim(coalesce(p_bio, '')), '');
begin
  v_user_id := public.lock_user_at_step(p_tg_id, 'bio');
  if v_user_id is null or not public.awaits_input(v_user_id, 'bio') then
    return public.step_refusal(p_tg_id);
  end if;
  if char_length(clean) > 160 then
    return jsonb_build_object('ok', false, 'reason', 'too_long');
  end if;
  update public.users set bio = clean where id = v_user_id;
  outcome := public.complete_profile_step(v_user_id, 'bio');
  return jsonb_build_object(
    'ok', true, 'outcome', outcome, 'state', public.profile_state(v_user_id));
end
$$;

-- Sets what the user is looking for: support, advice or friendship.
create or replace function public.set_purpose(p_tg_id bigint, p_purpose text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
  outcome text;
begin
  v_user_id := public.lock_user_at_step(p_tg_id, 'purpose');
  if v_user_id is null then
    return public.step_refusal(p_tg_id);
  end if;
  if p_purpose is null or p_purpose not in ('support', 'advice', 'friendship') then
    return jsonb_build_object('ok', false, 'reason', 'invalid');
  end if;
  insert into public.preferences as p (user_id, purpose) values (v_user_id, p_purpose)
  on conflict (user_id) do update set purpose = excluded.purpose, updated_at = now();
  outcome := public.complete_profile_step(v_user_id, 'purpose');
  return jsonb_build_object(
    'ok', true, 'outcome', outcome, 'state', public.profile_state(v_user_id));
end
$$;

-- Sets the local hours (a JSON array of distinct 0-23) when the user is usually free.
-- This is the last onboarding step: completing it completes the profile.
create or replace function public.set_available_hours(p_tg_id bigint, p_hours jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
  outcome text;
  hours smallint[];
begin
  v_user_id := public.lock_user_at_step(p_tg_id, 'availability');
  if v_user_id is null then
    return public.step_refusal(p_tg_id);
  end if;
  if p_hours is null or jsonb_typeof(p_hours) <> 'array' or jsonb_array_length(p_hours) = 0
     or exists (
       select 1 from jsonb_array_elements(p_hours) e
        where jsonb_typeof(e) <> 'number' or e::text !~ '^([0-9]|1[0-9]|2[0-3])$'
     ) then
    return jsonb_build_object('ok', false, 'reason', 'invalid');
  end if;
  select array_agg(distinct e::text::smallint order by e::text::smallint) into hours
    from jsonb_array_elements(p_hours) e;
  insert into public.preferences as p (user_id, available_hours) values (v_user_id, hours)
  on conflict (user_id) do update set available_hours = excluded.available_hours, updated_at = now();
  outcome := public.complete_profile_step(v_user_id, 'availability');
  return jsonb_build_object(
    'ok', true, 'outcome', outcome, 'state', public.profile_state(v_user_id));
end
$$;

-- While editing a finished profile: which free-text answer the bot waits for (null: none).
-- During onboarding the steps decide this themselves, so the call changes nothing there.
create or replace function public.set_awaiting_input(p_tg_id bigint, p_input text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
begin
  if p_input is not null and p_input not in ('pseudonym', 'bio', 'timezone') then
    return jsonb_build_object('ok', false, 'reason', 'invalid');
  end if;
  select u.id into v_user_id from public.users u
   where u.tg_id = p_tg_id and u.onboarding_step = 'done' for update;
  if v_user_id is null then
    return public.step_refusal(p_tg_id);
  end if;
  update public.users set awaiting_input = p_input where id = v_user_id;
  return jsonb_build_object('ok', true, 'state', public.profile_state(v_user_id));
end
$$;

-- Everything the profile card shows, or null for an unknown user.
create or replace function public.get_profile_card(p_tg_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'pseudonym', u.pseudonym,
    'birth_year', u.birth_year,
    'age', extract(year from now() at time zone 'utc')::integer - u.birth_year,
    'age_pool', public.age_pool(u.birth_year),
    'timezone', u.timezone,
    'utc_offset_minutes', u.utc_offset_minutes,
    'country', u.country,
    'bio', u.bio,
    'purpose', p.purpose,
    'available_hours', to_jsonb(coalesce(p.available_hours, '{}'::smallint[])),
    'onboarding_step', u.onboarding_step,
    'topics', coalesce((
      select jsonb_agg(jsonb_build_object(
               'slug', t.slug,
               'title', t.title,
               'group_slug', t.group_slug,
               'group_title', t.group_title,
               'important', ut.weight = 2
             ) order by t.sort_order)
        from public.user_topics ut
        join public.topics t on t.id = ut.topic_id
       where ut.user_id = u.id
    ), '[]'::jsonb)
  )
  from public.users u
  left join public.preferences p on p.user_id = u.id
  where u.tg_id = p_tg_id
$$;

revoke execute on function public.onboarding_step_index(text) from public, anon, authenticated;
revoke execute on function public.age_pool(integer) from public, anon, authenticated;
revoke execute on function public.profile_state(uuid) from public, anon, authenticated;
revoke execute on function public.complete_profile_step(uuid, text) from public, anon, authenticated;
revoke execute on function public.lock_user_at_step(bigint, text) from public, anon, authenticated;
revoke execute on function public.step_refusal(bigint) from public, anon, authenticated;
revoke execute on function public.awaits_input(uuid, text) from public, anon, authenticated;
revoke execute on function public.ensure_user(bigint) from public, anon, authenticated;
revoke execute on function public.get_user_state(bigint) from public, anon, authenticated;
revoke execute on function public.accept_rules(bigint) from public, anon, authenticated;
revoke execute on function public.set_birth_year(bigint, integer) from public, anon, authenticated;
revoke execute on function public.set_pseudonym(bigint, text) from public, anon, authenticated;
revoke execute on function public.set_timezone(bigint, text, integer, text) from public, anon, authenticated;
revoke execute on function public.set_bio(bigint, text) from public, anon, authenticated;
revoke execute on function public.set_purpose(bigint, text) from public, anon, authenticated;
revoke execute on function public.set_available_hours(bigint, jsonb) from public, anon, authenticated;
revoke execute on function public.set_awaiting_input(bigint, text) from public, anon, authenticated;
revoke execute on function public.get_profile_card(bigint) from public, anon, authenticated;
grant execute on function public.onboarding_step_index(text) to service_role;
grant execute on function public.age_pool(integer) to service_role;
grant execute on function public.profile_state(uuid) to service_role;
grant execute on function public.complete_profile_step(uuid, text) to service_role;
grant execute on function public.lock_user_at_step(bigint, text) to service_role;
grant execute on function public.step_refusal(bigint) to service_role;
grant execute on function public.awaits_input(uuid, text) to service_role;
grant execute on function public.ensure_user(bigint) to service_role;
grant execute on function public.get_user_state(bigint) to service_role;
grant execute on function public.accept_rules(bigint) to service_role;
grant execute on function public.set_birth_year(bigint, integer) to service_role;
grant execute on function public.set_pseudonym(bigint, text) to service_role;
grant execute on function public.set_timezone(bigint, text, integer, text) to service_role;
grant execute on function public.set_bio(bigint, text) to service_role;
grant execute on function public.set_purpose(bigint, text) to service_role;
grant execute on function public.set_available_hours(bigint, jsonb) to service_role;
grant execute on function public.set_awaiting_input(bigint, text) to service_role;
grant execute on function public.get_profile_card(bigint) to service_role;
