-- Crisis signals the bot noticed (suicidal intent, self-harm, abuse): what kind, how serious,
-- where (a relayed message, a bio, an onboarding answer), in which chat and when. Never the text.
-- Kept for moderators and for the AI coach, which stays silent in a flagged chat.
create table public.safety_flags (
  id bigint generated always as identity primary key,
  user_id uuid references public.users (id) on delete cascade,
  match_id uuid references public.matches (id) on delete set null,
  label text not null check (label in ('suicide', 'self_harm', 'abuse')),
  severity text not null check (severity in ('high', 'medium')),
  source text not null check (source in ('relay', 'bio', 'onboarding')),
  created_at timestamptz not null default now()
);
create index safety_flags_user_id_idx on public.safety_flags (user_id, created_at);
create index safety_flags_match_id_idx on public.safety_flags (match_id);
alter table public.safety_flags enable row level security;

-- The coach issue reads this: no hints in a chat where someone may be in crisis.
alter table public.matches add column coach_suppressed boolean not null default false;

-- Records a flag for the user (in their active chat, for a relayed message) and says whether the
-- gentle help should be offered now: once per user and chat (or, outside a chat, once an hour),
-- so a person writing several hard messages is not answered with the same card each time.
create or replace function public.record_safety_flag(
  p_tg_id bigint,
  p_label text,
  p_severity text,
  p_source text
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me public.users;
  m public.matches;
  offered_before boolean;
  partner_tg bigint;
begin
  select * into me from public.users u where u.tg_id = p_tg_id;
  if me.id is null then
    return jsonb_build_object('status', 'unknown_user');
  end if;
  if p_source = 'relay' then
    m := public.active_match_of(me.id);
  end if;
  select exists (
    select 1 from public.safety_flags f
     where f.user_id = me.id
       and (case when m.id is not null then f.match_id = m.id
                 else f.created_at > now() - interval '1 hour' end)
  ) into offered_before;
  insert into public.safety_flags (user_id, match_id, label, severity, source)
  values (me.id, m.id, p_label, p_severity, p_source);
  if m.id is not null then
    update public.matches set coach_suppressed = true where id = m.id;
    select u.tg_id into partner_tg
      from public.match_members mm join public.users u on u.id = mm.user_id
     where mm.match_id = m.id and mm.user_id <> me.id;
  end if;
  insert into public.domain_events (user_id, event, data)
  values (me.id, 'safety.flagged', jsonb_build_object(
    'label', p_label, 'severity', p_severity, 'source', p_source, 'match_id', m.id
  ));
  return jsonb_build_object(
    'status', 'ok',
    'offer_help', not offered_before,
    'country', me.country,
    'partner_tg_id', partner_tg
  );
end
$$;
revoke execute on function public.record_safety_flag(bigint, text, text, text) from public, anon, authenticated;
grant execute on function public.record_safety_flag(bigint, text, text, text) to service_role;
