-- The AI coach: hints only the sender sees, never sent by themselves. What is stored: whether a
-- person opted in, and per hint its type, the coach that made it, when it was shown and whether
-- it was used. Never chat text, never hint text: the context window lives in memory or Redis.

alter table public.users
  add column coach_opt_in boolean,
  add column coach_answered_at timestamptz,
  add column coach_offered_at timestamptz;
comment on column public.users.coach_opt_in is
  'null: not asked yet; true: hints on; false: declined (asked once, /coach changes it).';

create table public.ai_hints (
  id uuid primary key default gen_random_uuid(),
  match_id uuid references public.matches (id) on delete set null,
  -- The person the hint was shown to; their hints go when they erase their profile.
  user_id uuid not null references public.users (id) on delete cascade,
  hint_type text not null check (hint_type in ('rephrase', 'empathy', 'question', 'boundary')),
  coach text not null check (length(coach) <= 80),
  source text not null default 'bot' check (source in ('bot', 'api')),
  shown_at timestamptz not null default now(),
  accepted_at timestamptz
);
create index ai_hints_match_id_idx on public.ai_hints (match_id);
create index ai_hints_user_id_idx on public.ai_hints (user_id, shown_at desc);

alter table public.ai_hints enable row level security;
revoke all on public.ai_hints from anon, authenticated;

-- What the coach may do for this person now: their active chat, whether they and their partner
-- opted in, whether a crisis flag switched hints off, and the topics the pair shares (the
-- sensitive ones first) for the hints' templates.
create or replace function public.coach_state(p_tg_id bigint)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  me public.users;
  m public.matches;
  partner public.users;
begin
  select * into me from public.users u where u.tg_id = p_tg_id;
  if not found then
    return jsonb_build_object('status', 'not_registered');
  end if;
  select * into m from public.matches x
   where x.state = 'active' and me.id in (x.user_a, x.user_b);
  if not found then
    return jsonb_build_object('status', 'no_chat', 'opted_in', me.coach_opt_in);
  end if;
  select * into partner from public.users u
   where u.id = case when m.user_a = me.id then m.user_b else m.user_a end;
  return jsonb_build_object(
    'status', 'ok',
    'match_id', m.id,
    'opted_in', me.coach_opt_in,
    'partner_opted_in', partner.coach_opt_in,
    'partner_tg_id', partner.tg_id,
    'suppressed', m.coach_suppressed,
    'pseudonym', me.pseudonym,
    'partner_pseudonym', partner.pseudonym,
    'topics', coalesce((
      select jsonb_agg(t.slug order by t.sensitivity desc, t.sort_order)
        from public.topics t
       where t.id = any (m.shared_topic_ids)
    ), '[]'::jsonb)
  );
end
$$;

-- The person's answer to the one-time explanation (or /coach): on or off.
create or replace function public.set_coach_opt_in(p_tg_id bigint, p_on boolean)
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
  update public.users
     set coach_opt_in = p_on, coach_answered_at = now()
   where tg_id = p_tg_id
  returning id into me;
  if me is null then
    return jsonb_build_object('status', 'not_registered');
  end if;
  insert into public.domain_events (user_id, event, data)
  values (me, case when p_on then 'coach.opted_in' else 'coach.opted_out' end, '{}');
  return jsonb_build_object('status', 'ok', 'opted_in', p_on);
end
$$;

-- The one-time explanation: true the first time only (and never after an answer).
create or replace function public.offer_coach_once(p_tg_id bigint)
returns boolean
language sql
security definer
set search_path = ''
as $$
  with offered as (
    update public.users u
       set coach_offered_at = now()
     where u.tg_id = p_tg_id and u.coach_offered_at is null and u.coach_opt_in is null
    returning 1
  )
  select exists (select 1 from offered)
$$;

-- Records the hints just shown (types only) for the person's active chat; answers their ids.
create or replace function public.record_ai_hints(
  p_tg_id bigint,
  p_match_id uuid,
  p_types jsonb,
  p_coach text,
  p_source text default 'bot'
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid;
  ids jsonb;
  next_type text;
  next_id uuid;
begin
  select u.id into me from public.users u where u.tg_id = p_tg_id;
  if me is null or not exists (
    select 1 from public.matches m
     where m.id = p_match_id and m.state = 'active' and me in (m.user_a, m.user_b)
  ) then
    return jsonb_build_object('status', 'no_chat');
  end if;
  -- One insert per hint, in the order given: the ids answer in the same order as the types
  -- (rows inserted together share now() as shown_at, so no column orders them afterwards).
  ids := '[]'::jsonb;
  for next_type in
    select h.type from jsonb_array_elements_text(p_types) with ordinality as h(type, position)
     order by h.position
  loop
    insert into public.ai_hints (match_id, user_id, hint_type, coach, source)
    values (p_match_id, me, next_type, left(coalesce(p_coach, 'unknown'), 80),
            case when p_source = 'api' then 'api' else 'bot' end)
    returning id into next_id;
    ids := ids || to_jsonb(next_id);
  end loop;
  return jsonb_build_object('status', 'ok', 'ids', ids);
end
$$;

-- The person sent a hint (after editing it or not): it counts as accepted once.
create or replace function public.accept_ai_hint(p_tg_id bigint, p_hint_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  updated integer;
begin
  update public.ai_hints h
     set accepted_at = now()
    from public.users u
   where h.id = p_hint_id and h.user_id = u.id and u.tg_id = p_tg_id and h.accepted_at is null;
  get diagnostics updated = row_count;
  return jsonb_build_object('status', case when updated = 1 then 'ok' else 'not_found' end);
end
$$;

revoke execute on function public.coach_state(bigint) from public, anon, authenticated;
revoke execute on function public.set_coach_opt_in(bigint, boolean) from public, anon, authenticated;
revoke execute on function public.record_ai_hints(bigint, uuid, jsonb, text, text)
  from public, anon, authenticated;
revoke execute on function public.accept_ai_hint(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.offer_coach_once(bigint) from public, anon, authenticated;
grant execute on function public.offer_coach_once(bigint) to service_role;
grant execute on function public.coach_state(bigint) to service_role;
grant execute on function public.set_coach_opt_in(bigint, boolean) to service_role;
grant execute on function public.record_ai_hints(bigint, uuid, jsonb, text, text) to service_role;
grant execute on function public.accept_ai_hint(bigint, uuid) to service_role;
