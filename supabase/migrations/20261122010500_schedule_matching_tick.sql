-- Runs the matching sweep every 10 seconds and update-record housekeeping hourly where pg_cron
-- exists (Supabase). Elsewhere (the embedded PGlite) this does nothing and the dev server calls
-- public.run_matching_tick() on an interval instead.
do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'pg_cron') then
    create extension if not exists pg_cron;
    perform cron.schedule('matching-tick', '10 seconds', 'select public.run_matching_tick()');
    perform cron.schedule('purge-update-records', '17 * * * *', 'select public.purge_update_records()');
  end if;
end
$$;
