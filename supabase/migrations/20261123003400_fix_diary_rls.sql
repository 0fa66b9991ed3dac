-- Direct writes to the diary (a Mini App session through the Data API: role authenticated,
-- RLS lets it touch its own rows only) did not do what the bot's functions do:
-- - an insert always failed (local_date has no default) unless the caller made up the date;
-- - an insert or update could set the analysis (valence, labels, analyzer...), the date, the
--   Telegram message id or the timestamps, which the aggregates and the portrait never saw;
-- - a delete left the entry in the day/week/month aggregates and in the portrait, and the event
--   log never heard of it.
-- Now authenticated may write only the text and the pick; a trigger dates a new entry in the
-- writer's calendar, stamps an edit, refuses a blank text as the bot does, and logs the change
-- (ids and numbers only); a deleted entry leaves the aggregates and the portrait as it does
-- through delete_diary_entry. The triggers fire only for the authenticated role: the bot's
-- security definer functions (run as their owner) keep doing their own bookkeeping.
-- An entry written or edited this way is not (re-)analysed: analysis runs in the app, so the
-- Mini App should write through the API (POST/PATCH /diary/entries) to get it.

revoke insert, update on public.diary_entries from authenticated;
grant insert (user_id, body, pick) on public.diary_entries to authenticated;
grant update (body, pick) on public.diary_entries to authenticated;

-- Before a direct insert or update: the text must say something; a new entry gets the writer's
-- local date, an edit its time.
create or replace function public.diary_entries_before_direct_write()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.body is null or char_length(btrim(new.body)) = 0 then
    raise exception 'a diary entry needs some text' using errcode = '23514';
  end if;
  if tg_op = 'INSERT' then
    new.local_date := (
      select ((now() at time zone 'utc') + make_interval(mins => coalesce(u.utc_offset_minutes, 0)))::date
        from public.users u
       where u.id = new.user_id
    );
  else
    new.updated_at := now();
  end if;
  return new;
end
$$;

-- After a direct write: the event the bot's function would have logged; for a delete, the
-- entry also leaves its aggregates and the portrait (as in delete_diary_entry).
create or replace function public.diary_entries_after_direct_write()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  event_id bigint;
begin
  if tg_op = 'INSERT' then
    insert into public.domain_events (user_id, event, data)
    values (new.user_id, 'diary.entry_created', jsonb_build_object(
      'entry_id', new.id, 'local_date', new.local_date, 'pick', new.pick,
      'length', char_length(new.body)
    ));
    return new;
  end if;
  if tg_op = 'UPDATE' then
    insert into public.domain_events (user_id, event, data)
    values (new.user_id, 'diary.entry_updated', jsonb_build_object(
      'entry_id', new.id, 'length', char_length(new.body)
    ));
    return new;
  end if;
  if old.analyzed_at is not null then
    perform public.apply_mood_delta(
      old.user_id, old.local_date, old.valence, old.arousal, old.labels, -1
    );
  end if;
  insert into public.domain_events (user_id, event, data)
  values (old.user_id, 'diary.entry_deleted', jsonb_build_object('entry_id', old.id))
  returning id into event_id;
  perform public.update_portrait(
    old.user_id, 'diary.entry_deleted', jsonb_build_object('entry_id', old.id), event_id
  );
  return old;
end
$$;

create trigger diary_entries_before_direct_write
before insert or update on public.diary_entries
for each row when (current_user = 'authenticated')
execute function public.diary_entries_before_direct_write();

create trigger diary_entries_after_direct_write
after insert or update or delete on public.diary_entries
for each row when (current_user = 'authenticated')
execute function public.diary_entries_after_direct_write();

revoke execute on function public.diary_entries_before_direct_write() from public, anon, authenticated;
revoke execute on function public.diary_entries_after_direct_write() from public, anon, authenticated;
grant execute on function public.diary_entries_before_direct_write() to service_role;
grant execute on function public.diary_entries_after_direct_write() to service_role;
