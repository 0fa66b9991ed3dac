-- Calls the dispatcher Edge Function every 10 seconds where pg_cron and pg_net exist (Supabase):
-- it runs the matching tick and sends the outbox (proposal cards, chat notices) to Telegram.
-- Elsewhere (the embedded PGlite) this does nothing; the dev server runs the same cycle on a timer.
--
-- Setup on Supabase, once per project (the job skips quietly until both secrets exist):
--   select vault.create_secret('https://<ref>.supabase.co/functions/v1/dispatcher', 'dispatcher_url');
--   select vault.create_secret('<the DISPATCHER_SECRET value>', 'dispatcher_secret');
-- The secret travels in the x-dispatcher-secret header, never in the URL.
do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'pg_cron')
     and exists (select 1 from pg_available_extensions where name = 'pg_net')
     and exists (select 1 from pg_namespace where nspname = 'vault') then
    create extension if not exists pg_cron;
    create extension if not exists pg_net;
    perform cron.schedule(
      'outbox-dispatcher',
      '10 seconds',
      $job$
        select net.http_post(
          url := url.decrypted_secret,
          headers := jsonb_build_object(
            'content-type', 'application/json',
            'x-dispatcher-secret', secret.decrypted_secret
          ),
          body := '{}'::jsonb,
          timeout_milliseconds := 9000
        )
          from vault.decrypted_secrets url, vault.decrypted_secrets secret
         where url.name = 'dispatcher_url' and secret.name = 'dispatcher_secret'
      $job$
    );
  end if;
end
$$;
