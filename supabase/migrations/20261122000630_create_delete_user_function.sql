-- The right to erasure: /delete removes the user and everything that refers to them.

-- Deletes the user (every table referencing users cascades; domain events lose their user),
-- their stored failed updates, counts the erasure for today and logs an anonymous event.
create or replace function public.delete_user(p_tg_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
begin
  select u.id into v_user_id from public.users u where u.tg_id = p_tg_id for update;
  -- Raw updates keep message payloads; they go even if the profile was never created.
  delete from public.failed_updates f where f.tg_user_id = p_tg_id;
  if v_user_id is null then
    return jsonb_build_object('deleted', false);
  end if;
  delete from public.users u where u.id = v_user_id;
  insert into public.erasure_stats as s (day, erased_users)
  values ((now() at time zone 'utc')::date, 1)
  on conflict (day) do update set erased_users = s.erased_users + 1;
  insert into public.domain_events (user_id, event, data) values (null, 'user.deleted', '{}');
  return jsonb_build_object('deleted', true);
end
$$;

revoke execute on function public.delete_user(bigint) from public, anon, authenticated;
grant execute on function public.delete_user(bigint) to service_role;
