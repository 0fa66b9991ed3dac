-- The portrait: a per-user projection of the diary's events in the domain log. Its state is
-- what the events say about the last 50 analysed entries (ids and numbers: valence, arousal,
-- label scores, theme weights), and from that state: mean valence and arousal, the dominant
-- labels and the themes written about. `rebuild_portrait` folds the log from nothing with the
-- same step function; a test checks it gives exactly the stored row. The embedding (the themes'
-- catalogue names, embedded by the app) is set after each update.

create table public.user_portraits (
  user_id uuid primary key references public.users (id) on delete cascade,
  -- entry id -> {"v": valence, "a": arousal, "l": {label: score}, "t": {slug: weight}, "seq": event id}
  entries jsonb not null default '{}',
  entry_count integer not null default 0,
  valence_mean double precision,
  arousal_mean double precision,
  labels jsonb not null default '{}',
  themes jsonb not null default '{}',
  last_event_id bigint not null default 0,
  embedding extensions.vector(384),
  embedding_model text check (char_length(embedding_model) <= 100),
  -- The themes the embedding was made from: unchanged themes need no new embedding.
  embedded_themes jsonb,
  updated_at timestamptz not null default now()
);

alter table public.user_portraits enable row level security;
revoke all on public.user_portraits from anon, authenticated;
grant select (user_id, entry_count, valence_mean, arousal_mean, labels, themes, updated_at)
  on public.user_portraits to authenticated;
create policy "Users can read their own portrait"
  on public.user_portraits for select to authenticated
  using (user_id = (select auth.uid()));

-- One step of the fold: the entries map after one event (pure: same input, same output).
create or replace function public.portrait_step(
  p_entries jsonb,
  p_event text,
  p_data jsonb,
  p_event_id bigint
)
returns jsonb
language plpgsql
immutable
set search_path = ''
as $$
declare
  entries jsonb := coalesce(p_entries, '{}'::jsonb);
  entry_key text := p_data ->> 'entry_id';
  oldest text;
begin
  if entry_key is null then
    return entries;
  end if;
  if p_event = 'diary.entry_deleted' then
    return entries - entry_key;
  end if;
  if p_event <> 'mood.analyzed' then
    return entries;
  end if;
  entries := entries || jsonb_build_object(entry_key, jsonb_build_object(
    'v', (p_data ->> 'valence')::double precision,
    'a', (p_data ->> 'arousal')::double precision,
    'l', coalesce((
      select jsonb_object_agg(l ->> 'label', (l ->> 'score')::double precision)
        from jsonb_array_elements(coalesce(p_data -> 'labels', '[]'::jsonb)) l
    ), '{}'::jsonb),
    't', coalesce((
      select jsonb_object_agg(t ->> 'slug', (t ->> 'weight')::double precision)
        from jsonb_array_elements(coalesce(p_data -> 'themes', '[]'::jsonb)) t
    ), '{}'::jsonb),
    'seq', p_event_id
  ));
  -- The last 50 analysed entries make the portrait: the oldest goes.
  while (select count(*) from jsonb_object_keys(entries)) > 50 loop
    select key into oldest from jsonb_each(entries) order by (value ->> 'seq')::bigint, key limit 1;
    entries := entries - oldest;
  end loop;
  return entries;
end
$$;

-- The derived fields of a state: means, the 5 strongest labels and the 8 strongest themes
-- (mean score over the entries, 0 for an entry without it), rounded so a rebuild compares equal.
create or replace function public.portrait_figures(p_entries jsonb)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  with e as (
    select value from jsonb_each(coalesce(p_entries, '{}'::jsonb))
  ), n as (
    select count(*)::double precision as total from e
  )
  select jsonb_build_object(
    'entry_count', (select count(*) from e),
    'valence_mean', (select round(avg((value ->> 'v')::double precision)::numeric, 4) from e),
    'arousal_mean', (select round(avg((value ->> 'a')::double precision)::numeric, 4) from e),
    'labels', coalesce((
      select jsonb_object_agg(k, w)
        from (
          select key as k, round((sum(v::double precision) / (select total from n))::numeric, 4) as w
            from e, jsonb_each_text(e.value -> 'l') as l(key, v)
           group by key
           order by 2 desc, 1
           limit 5
        ) top
    ), '{}'::jsonb),
    'themes', coalesce((
      select jsonb_object_agg(k, w)
        from (
          select key as k, round((sum(v::double precision) / (select total from n))::numeric, 4) as w
            from e, jsonb_each_text(e.value -> 't') as t(key, v)
           group by key
           order by 2 desc, 1
           limit 8
        ) top
    ), '{}'::jsonb)
  )
$$;

-- Applies one diary event to the person's stored portrait and logs portrait.updated.
create or replace function public.update_portrait(
  p_user_id uuid,
  p_event text,
  p_data jsonb,
  p_event_id bigint
)
returns void
language plpgsql
set search_path = ''
as $$
declare
  current public.user_portraits;
  next_entries jsonb;
  figures jsonb;
begin
  insert into public.user_portraits (user_id) values (p_user_id) on conflict (user_id) do nothing;
  select * into current from public.user_portraits p where p.user_id = p_user_id for update;
  next_entries := public.portrait_step(current.entries, p_event, p_data, p_event_id);
  figures := public.portrait_figures(next_entries);
  update public.user_portraits
     set entries = next_entries,
         entry_count = (figures ->> 'entry_count')::integer,
         valence_mean = (figures ->> 'valence_mean')::double precision,
         arousal_mean = (figures ->> 'arousal_mean')::double precision,
         labels = figures -> 'labels',
         themes = figures -> 'themes',
         last_event_id = p_event_id,
         updated_at = now()
   where user_id = p_user_id;
  insert into public.domain_events (user_id, event, data)
  values (p_user_id, 'portrait.updated', figures || jsonb_build_object('after_event', p_event_id));
end
$$;

-- The portrait as the log alone says it is: every diary event of the person, folded in order
-- from an empty state. Used to check the stored projection (and to rebuild it after a change).
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
     where d.user_id = p_user_id and d.event in ('mood.analyzed', 'diary.entry_deleted')
     order by d.id
  loop
    entries := public.portrait_step(entries, e.event, e.data, e.id);
    last_id := e.id;
  end loop;
  return public.portrait_figures(entries)
    || jsonb_build_object('entries', entries, 'last_event_id', last_id);
end
$$;

-- The stored portrait in the same shape as rebuild_portrait answers.
create or replace function public.stored_portrait(p_user_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'entry_count', p.entry_count,
    'valence_mean', p.valence_mean,
    'arousal_mean', p.arousal_mean,
    'labels', p.labels,
    'themes', p.themes,
    'entries', p.entries,
    'last_event_id', p.last_event_id
  )
    from public.user_portraits p
   where p.user_id = p_user_id
$$;

-- The app embeds the portrait's themes and labels and stores the vector here.
create or replace function public.save_portrait_embedding(
  p_entry_id uuid,
  p_embedding text,
  p_model text,
  p_themes jsonb
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  owner uuid;
begin
  select e.user_id into owner from public.diary_entries e where e.id = p_entry_id;
  if owner is null or p_model is null or char_length(p_model) not between 1 and 100 then
    return jsonb_build_object('status', 'not_found');
  end if;
  update public.user_portraits
     set embedding = p_embedding::extensions.vector(384), embedding_model = p_model,
         embedded_themes = p_themes
   where user_id = owner;
  return jsonb_build_object('status', 'ok');
end
$$;

-- What to embed for the portrait of an entry's writer: the catalogue names of its themes with
-- their weights (the same words profile embeddings are made of, so the two compare).
create or replace function public.portrait_of_entry(p_entry_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((
    select jsonb_build_object(
             'status', 'ok',
             'entry_count', p.entry_count,
             'embedded_themes', p.embedded_themes,
             'themes', coalesce((
               select jsonb_agg(jsonb_build_object('name', t.title, 'weight', th.value::double precision)
                                order by th.value::double precision desc, t.title)
                 from jsonb_each_text(p.themes) th
                 join public.topics t on t.slug = th.key
             ), '[]'::jsonb)
           )
      from public.diary_entries e
      join public.user_portraits p on p.user_id = e.user_id
     where e.id = p_entry_id
  ), jsonb_build_object('status', 'not_found'))
$$;

revoke execute on function public.portrait_step(jsonb, text, jsonb, bigint) from public, anon, authenticated;
revoke execute on function public.portrait_figures(jsonb) from public, anon, authenticated;
revoke execute on function public.update_portrait(uuid, text, jsonb, bigint) from public, anon, authenticated;
revoke execute on function public.rebuild_portrait(uuid) from public, anon, authenticated;
revoke execute on function public.stored_portrait(uuid) from public, anon, authenticated;
revoke execute on function public.save_portrait_embedding(uuid, text, text, jsonb) from public, anon, authenticated;
revoke execute on function public.portrait_of_entry(uuid) from public, anon, authenticated;
grant execute on function public.rebuild_portrait(uuid) to service_role;
grant execute on function public.stored_portrait(uuid) to service_role;
grant execute on function public.save_portrait_embedding(uuid, text, text, jsonb) to service_role;
grant execute on function public.portrait_of_entry(uuid) to service_role;
