-- One rule for "no such person" across the Mini App API: a Telegram account the bot does not
-- know (it never pressed /start, or /delete erased it) gets 404 not_registered from every route
-- about one's own data, instead of each route answering its own way (an empty 200 list from
-- /diary/entries and /diary/export, 404 from /portrait and /mood/*, "idle" from /match/status,
-- 409 profile_incomplete from /match/find). The API asks this function once per request, after
-- the initData check; /safety/* is left out on purpose (the crisis lines are for anyone, and a
-- ban outlives /delete in restrictions_after_erasure).
--
-- Someone whose profile is only half filled in is known: feature routes answer them as before
-- (409 profile_incomplete). The diary now says so too: write_diary_entry answered
-- not_registered (a 404) to such a person.

-- Whether the bot knows this Telegram account: {"status": "ok"} or {"status": "not_registered"}.
create or replace function public.known_person(p_tg_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'status',
    case when exists (select 1 from public.users u where u.tg_id = p_tg_id)
      then 'ok' else 'not_registered' end
  )
$$;

-- An entry from the Mini App (no writing mode, no Telegram message behind it). As before, with
-- one change: a half-filled profile is profile_incomplete, not not_registered.
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
  select * into me from public.users u where u.tg_id = p_tg_id;
  if not found then
    return jsonb_build_object('status', 'not_registered');
  end if;
  if me.onboarding_completed_at is null then
    return jsonb_build_object('status', 'profile_incomplete');
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

revoke execute on function public.known_person(bigint) from public, anon, authenticated;
revoke execute on function public.write_diary_entry(bigint, text, text) from public, anon, authenticated;
grant execute on function public.known_person(bigint) to service_role;
grant execute on function public.write_diary_entry(bigint, text, text) to service_role;
