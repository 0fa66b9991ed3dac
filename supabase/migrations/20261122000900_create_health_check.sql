-- A tiny function for the /health endpoint: proves the API can reach the database and run SQL.

-- Returns {"ok": true, "now": <server time>}.
create or replace function public.health_check()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object('ok', true, 'now', now())
$$;

revoke execute on function public.health_check() from public, anon, authenticated;
grant execute on function public.health_check() to service_role;
