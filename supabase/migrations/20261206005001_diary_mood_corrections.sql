-- The person's own word on an entry's mood. The bot answers an entry with one line (the mood in
-- words and up to two feelings) and buttons to correct it with one tap: a step of the 5-step
-- scale, or "not this feeling". A correction is stored with the entry and counts from then on:
-- the day/week/month aggregates move from the old figures to the corrected ones, the portrait
-- (and so matching's recent mood and crisis guard) takes the corrected valence and labels, and
-- a later re-analysis of the text (an edit) does not overwrite what the person said.
--
-- diary_entries.valence / labels stay "the entry's mood" for every reader (lists, export, the
-- aggregates); analysed_valence / analysed_labels keep what the analyser said, so corrections
-- can also measure the analyser (numbers only, like the rest of the diary's bookkeeping), and
-- corrected_at says whether the person corrected it. The log gets mood.corrected with the ids
-- and the new numbers, never text.

alter table public.diary_entries
  add column analysed_valence real check (analysed_valence between -1 and 1),
  add column analysed_labels jsonb,
  add column corrected_at timestamptz;

update public.diary_entries
   set analysed_valence = valence, analysed_labels = labels
 where analyzed_at is not null;

-- Stores an entry's analysis and moves the aggregates from the old figures to the new ones.
-- After a correction the person's valence and labels stay: only arousal and the analyser's own
-- reading (analysed_*) change.
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
  updated public.diary_entries;
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
  update public.diary_entries e
     set valence = case when e.corrected_at is null then p_valence else e.valence end,
         labels = case when e.corrected_at is null then coalesce(p_labels, '[]'::jsonb)
                       else e.labels end,
         arousal = p_arousal,
         analysed_valence = p_valence, analysed_labels = coalesce(p_labels, '[]'::jsonb),
         analyzer = left(p_analyzer, 80), analyzer_version = left(p_version, 40),
         analyzed_at = now()
   where e.id = entry.id
  returning e.* into updated;
  perform public.apply_mood_delta(
    updated.user_id, updated.local_date, updated.valence, updated.arousal, updated.labels, 1
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
  -- The portrait is a projection of these events (it keeps a correction, see portrait_step).
  perform public.update_portrait(entry.user_id, 'mood.analyzed', event_data, event_id);
  return jsonb_build_object(
    'status', 'ok', 'valence', updated.valence, 'labels', updated.labels,
    'corrected', updated.corrected_at is not null
  );
end
$$;

-- One tap under the answer to an entry: p_step (1..5, the scale from very bad to very good:
-- valence -0.8, -0.4, 0, 0.4, 0.8) sets the entry's mood, or p_drop_label takes one feeling
-- off it. Only the author's own analysed entry; a label it does not carry, a step out of range
-- or both arguments at once change nothing. Tapping what is already so answers ok and logs
-- nothing. Answers the entry's mood as it now is.
create or replace function public.correct_entry_mood(
  p_tg_id bigint,
  p_entry_id uuid,
  p_step integer default null,
  p_drop_label text default null
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  entry public.diary_entries;
  new_valence real;
  new_labels jsonb;
  event_data jsonb;
  event_id bigint;
begin
  if (p_step is null) = (p_drop_label is null) or p_step not between 1 and 5 then
    return jsonb_build_object('status', 'invalid');
  end if;
  select e.* into entry
    from public.diary_entries e
    join public.users u on u.id = e.user_id and u.tg_id = p_tg_id
   where e.id = p_entry_id
   for update of e;
  if not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  if entry.analyzed_at is null then
    return jsonb_build_object('status', 'not_analysed');
  end if;
  new_valence := coalesce(((p_step - 3) * 0.4)::real, entry.valence);
  new_labels := entry.labels;
  if p_drop_label is not null then
    if not exists (
      select 1 from jsonb_array_elements(entry.labels) l where l ->> 'label' = p_drop_label
    ) then
      return jsonb_build_object('status', 'no_label');
    end if;
    new_labels := coalesce((
      select jsonb_agg(l order by o)
        from jsonb_array_elements(entry.labels) with ordinality as x(l, o)
       where l ->> 'label' <> p_drop_label
    ), '[]'::jsonb);
  end if;
  if entry.corrected_at is not null and new_valence = entry.valence
     and new_labels = entry.labels then
    return jsonb_build_object(
      'status', 'ok', 'changed', false, 'valence', entry.valence, 'labels', entry.labels,
      'corrected', true
    );
  end if;
  perform public.apply_mood_delta(
    entry.user_id, entry.local_date, entry.valence, entry.arousal, entry.labels, -1
  );
  update public.diary_entries
     set valence = new_valence, labels = new_labels, corrected_at = now()
   where id = entry.id;
  perform public.apply_mood_delta(
    entry.user_id, entry.local_date, new_valence, entry.arousal, new_labels, 1
  );
  event_data := jsonb_build_object(
    'entry_id', entry.id, 'local_date', entry.local_date,
    'valence', round(new_valence::numeric, 4), 'labels', new_labels,
    'analysed_valence', round(entry.analysed_valence::numeric, 4)
  );
  insert into public.domain_events (user_id, event, data)
  values (entry.user_id, 'mood.corrected', event_data)
  returning id into event_id;
  perform public.update_portrait(entry.user_id, 'mood.corrected', event_data, event_id);
  return jsonb_build_object(
    'status', 'ok', 'changed', true, 'valence', new_valence, 'labels', new_labels,
    'corrected', true
  );
end
$$;

-- One step of the portrait's fold (as before, plus corrections): mood.corrected replaces an
-- entry's valence and labels and marks it, and a later mood.analyzed of a marked entry keeps
-- them (only arousal, themes and the order change). Pure: same input, same output.
create or replace function public.portrait_step(
  p_entries jsonb,
  p_event text,
  p_data jsonb,
  p_event_id bigint
)
returns jsonb
language plpgsql
immutable
security definer
set search_path = ''
as $$
declare
  entries jsonb := coalesce(p_entries, '{}'::jsonb);
  entry_key text := p_data ->> 'entry_id';
  previous jsonb;
  labels jsonb;
  oldest text;
begin
  if entry_key is null then
    return entries;
  end if;
  if p_event = 'diary.entry_deleted' then
    return entries - entry_key;
  end if;
  previous := entries -> entry_key;
  labels := coalesce((
    select jsonb_object_agg(l ->> 'label', (l ->> 'score')::double precision)
      from jsonb_array_elements(coalesce(p_data -> 'labels', '[]'::jsonb)) l
  ), '{}'::jsonb);
  if p_event = 'mood.corrected' then
    -- An entry already out of the last 50 (or never analysed) has nothing to correct here.
    if previous is null then
      return entries;
    end if;
    return entries || jsonb_build_object(entry_key, previous || jsonb_build_object(
      'v', (p_data ->> 'valence')::double precision, 'l', labels, 'c', true
    ));
  end if;
  if p_event <> 'mood.analyzed' then
    return entries;
  end if;
  entries := entries || jsonb_build_object(entry_key, jsonb_build_object(
    'v', case when previous ? 'c' then previous -> 'v'
              else to_jsonb((p_data ->> 'valence')::double precision) end,
    'a', (p_data ->> 'arousal')::double precision,
    'l', case when previous ? 'c' then previous -> 'l' else labels end,
    't', coalesce((
      select jsonb_object_agg(t ->> 'slug', (t ->> 'weight')::double precision)
        from jsonb_array_elements(coalesce(p_data -> 'themes', '[]'::jsonb)) t
    ), '{}'::jsonb),
    'seq', p_event_id
  ) || case when previous ? 'c' then jsonb_build_object('c', true) else '{}'::jsonb end);
  -- The last 50 analysed entries make the portrait: the oldest goes.
  while (select count(*) from jsonb_object_keys(entries)) > 50 loop
    select key into oldest from jsonb_each(entries) order by (value ->> 'seq')::bigint, key limit 1;
    entries := entries - oldest;
  end loop;
  return entries;
end
$$;

-- The portrait as the log alone says it is (as before, corrections included).
create or replace function public.rebuild_portrait(p_user_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  entries jsonb := '{}'::jsonb;
  last_id bigint := 0;
  e record;
begin
  for e in
    select d.id, d.event, d.data
      from public.domain_events d
     where d.user_id = p_user_id
       and d.event in ('mood.analyzed', 'mood.corrected', 'diary.entry_deleted')
     order by d.id
  loop
    entries := public.portrait_step(entries, e.event, e.data, e.id);
    last_id := e.id;
  end loop;
  return public.portrait_figures(entries)
    || jsonb_build_object('entries', entries, 'last_event_id', last_id);
end
$$;

-- One entry of the person (or nothing); now says whether its mood was corrected.
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
             'corrected', e.corrected_at is not null,
             'created_at', e.created_at, 'updated_at', e.updated_at
           )
      from public.diary_entries e
      join public.users u on u.id = e.user_id
     where u.tg_id = p_tg_id and e.id = p_entry_id
  ), jsonb_build_object('status', 'not_found'))
$$;

-- Every entry of the person, oldest first: the right to one's own data, the analyser's reading
-- and one's own correction included.
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
           'labels', e.labels, 'analyzer', e.analyzer, 'analyzer_version', e.analyzer_version,
           'analysed_valence', e.analysed_valence, 'analysed_labels', e.analysed_labels,
           'corrected_at', e.corrected_at
         ) order by e.created_at, e.id), '[]'::jsonb)
    from public.diary_entries e
    join public.users u on u.id = e.user_id
   where u.tg_id = p_tg_id
$$;

revoke execute on function public.record_mood_analysis(uuid, double precision, double precision, jsonb, text, text, jsonb)
  from public, anon, authenticated;
revoke execute on function public.correct_entry_mood(bigint, uuid, integer, text)
  from public, anon, authenticated;
revoke execute on function public.portrait_step(jsonb, text, jsonb, bigint) from public, anon, authenticated;
revoke execute on function public.rebuild_portrait(uuid) from public, anon, authenticated;
revoke execute on function public.diary_entry(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.diary_export(bigint) from public, anon, authenticated;

grant execute on function public.record_mood_analysis(uuid, double precision, double precision, jsonb, text, text, jsonb)
  to service_role;
grant execute on function public.correct_entry_mood(bigint, uuid, integer, text) to service_role;
grant execute on function public.portrait_step(jsonb, text, jsonb, bigint) to service_role;
grant execute on function public.rebuild_portrait(uuid) to service_role;
grant execute on function public.diary_entry(bigint, uuid) to service_role;
grant execute on function public.diary_export(bigint) to service_role;
