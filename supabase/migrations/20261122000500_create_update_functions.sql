-- Idempotency and replay for Telegram updates.

-- Records an update id; true the first time, false for a repeat (Telegram retried it).
create or replace function public.record_update(p_update_id bigint)
returns boolean
language sql
security definer
set search_path = ''
as $$
  with inserted as (
    insert into public.processed_updates (update_id) values (p_update_id)
    on conflict (update_id) do nothing
    returning 1
  )
  select exists (select 1 from inserted)
$$;

-- Keeps a failed update for replay (a repeat failure counts another attempt).
create or replace function public.record_failed_update(
  p_update_id bigint,
  p_payload jsonb,
  p_tg_user_id bigint,
  p_error_name text
)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.failed_updates (update_id, payload, tg_user_id, error_name)
  values (p_update_id, p_payload, p_tg_user_id, left(p_error_name, 100))
  on conflict (update_id) do update
    set attempts = public.failed_updates.attempts + 1,
        error_name = excluded.error_name,
        failed_at = now(),
        replayed_at = null
$$;

-- Takes up to p_limit failed updates for replay: marks them replayed and forgets that they
-- were processed, so the normal idempotency check lets them through once more.
create or replace function public.take_failed_updates(p_limit integer default 20)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  taken jsonb;
begin
  with picked as (
    select f.id, f.update_id, f.payload
      from public.failed_updates f
     where f.replayed_at is null and f.attempts <= 5
     order by f.failed_at
     limit greatest(p_limit, 0)
     for update skip locked
  ), marked as (
    update public.failed_updates f set replayed_at = now()
      from picked where f.id = picked.id
    returning picked.update_id, picked.payload
  ), forgotten as (
    delete from public.processed_updates p using marked where p.update_id = marked.update_id
  )
  select coalesce(jsonb_agg(marked.payload order by marked.update_id), '[]'::jsonb)
    into taken from marked;
  return taken;
end
$$;

-- Housekeeping: idempotency keys and replayed or stale failures older than 7 days.
create or replace function public.purge_update_records()
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  purged_processed integer;
  purged_failed integer;
begin
  delete from public.processed_updates where received_at < now() - interval '7 days';
  get diagnostics purged_processed = row_count;
  delete from public.failed_updates where failed_at < now() - interval '7 days';
  get diagnostics purged_failed = row_count;
  return jsonb_build_object('processed', purged_processed, 'failed', purged_failed);
end
$$;

revoke execute on function public.record_update(bigint) from public, anon, authenticated;
revoke execute on function public.record_failed_update(bigint, jsonb, bigint, text) from public, anon, authenticated;
revoke execute on function public.take_failed_updates(integer) from public, anon, authenticated;
revoke execute on function public.purge_update_records() from public, anon, authenticated;
revoke execute on function public.utc_hour_mask(smallint[], integer) from public, anon, authenticated;
grant execute on function public.record_update(bigint) to service_role;
grant execute on function public.record_failed_update(bigint, jsonb, bigint, text) to service_role;
grant execute on function public.take_failed_updates(integer) to service_role;
grant execute on function public.purge_update_records() to service_role;
grant execute on function public.utc_hour_mask(smallint[], integer) to service_role;
