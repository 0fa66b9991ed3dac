-- Graded crisis answers: a middling signal gets a gentle private check-in, a strong one the SOS
-- card. Help is still offered once per chat (or once an hour outside a chat), but a check-in
-- no longer uses up the card: a strong signal after a check-in still gets the crisis lines.
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
  -- For a check-in any earlier flag counts; for the card only an earlier strong one.
  select exists (
    select 1 from public.safety_flags f
     where f.user_id = me.id
       and (p_severity = 'medium' or f.severity = 'high')
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
