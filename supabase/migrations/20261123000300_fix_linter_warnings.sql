-- Fixes the two warnings Supabase's linter (splinter, run by the real-PostgreSQL test tier)
-- raised: a function without a fixed search_path, and pg_net created in the public schema.

alter function public.hours_near_mask(integer, integer) set search_path = '';

-- Supabase keeps pg_net in `extensions`; its functions live in the `net` schema either way, so
-- the dispatcher job (which calls net.http_post) is unaffected. pg_net cannot be moved, so it is
-- created again; requests still queued are dropped (the job posts again within 10 seconds).
do $$
begin
  if exists (
    select 1
      from pg_catalog.pg_extension e
      join pg_catalog.pg_namespace n on n.oid = e.extnamespace
     where e.extname = 'pg_net' and n.nspname = 'public'
  ) then
    drop extension pg_net;
    create extension pg_net with schema extensions;
  end if;
end
$$;
