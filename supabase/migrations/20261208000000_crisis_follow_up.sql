-- A reply that confirms a crisis. Right after the same person's crisis signal in the same chat
-- (a flag in the last 30 minutes), a short reply that only leans to a crisis («да. сегодня»,
-- «не отговаривай», «уже купил») or a second middling signal is answered as a strong one: the
-- crisis lines and the partner's note. Only whether such a flag exists is read; flags hold no
-- text.
create or replace function public.recent_safety_flag(p_tg_id bigint)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
      from public.users u
      join public.safety_flags f on f.user_id = u.id
     where u.tg_id = p_tg_id
       and f.match_id = (public.active_match_of(u.id)).id
       and f.created_at > now() - interval '30 minutes'
  );
$$;
revoke execute on function public.recent_safety_flag(bigint) from public, anon, authenticated;
grant execute on function public.recent_safety_flag(bigint) to service_role;
