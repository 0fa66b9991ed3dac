-- The durable update pipeline: the webhook stores each Telegram update here in one idempotent
-- statement and answers at once; workers claim updates with a lease, in per-chat order, and
-- delete them when their effects are recorded (complete_update, in the outbox migration).
-- processed_updates now records every update id ever received (for 7 days), so Telegram's
-- re-deliveries are dropped at the door.

create table public.update_inbox (
  update_id bigint primary key,
  -- Updates of one chat are handled one at a time, oldest first.
  chat_key bigint not null,
  -- The sender, for failed_updates (erased on /delete); null for updates without one.
  tg_user_id bigint,
  -- The raw update (may hold message text): deleted as soon as the update is done.
  payload jsonb not null,
  -- 0 for a fresh update, n for the n-th replay of a failed one: effect keys differ per pass.
  pass integer not null default 0,
  received_at timestamptz not null default now(),
  -- Set while a worker holds the update; an expired lease means that worker died.
  lease_until timestamptz,
  attempts integer not null default 0
);

create index update_inbox_chat_key_idx on public.update_inbox (chat_key, update_id);
create index update_inbox_tg_user_id_idx on public.update_inbox (tg_user_id);

alter table public.update_inbox enable row level security;
revoke all on public.update_inbox from anon, authenticated;

-- Stores a new update for processing; false when this update id was seen before.
create or replace function public.enqueue_update(
  p_update_id bigint,
  p_chat_key bigint,
  p_tg_user_id bigint,
  p_payload jsonb
)
returns boolean
language sql
security definer
set search_path = ''
as $$
  with seen as (
    insert into public.processed_updates (update_id) values (p_update_id)
    on conflict (update_id) do nothing
    returning update_id
  ), queued as (
    insert into public.update_inbox (update_id, chat_key, tg_user_id, payload)
    select seen.update_id, coalesce(p_chat_key, 0), p_tg_user_id, p_payload from seen
    returning 1
  )
  select exists (select 1 from queued)
$$;

-- Claims due updates for one worker: for up to p_limit chats whose oldest update nobody
-- holds, all their waiting updates (p_limit in total), leased for p_lease_seconds. A per-chat
-- advisory lock taken for the length of this statement keeps two concurrent claims from
-- splitting one chat between them. Updates whose lease ran out 5 times (a worker died on each
-- of them) are moved to failed_updates instead: kept for inspection, never retried blindly.
create or replace function public.claim_updates(
  p_limit integer default 20,
  p_lease_seconds integer default 30
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  taken jsonb;
  batch integer := greatest(least(coalesce(p_limit, 20), 200), 0);
  chats bigint[];
begin
  with poisoned as (
    delete from public.update_inbox i
     where i.lease_until < now() and i.attempts >= 5
    returning i.update_id, i.payload, i.tg_user_id
  )
  insert into public.failed_updates (update_id, payload, tg_user_id, error_name, attempts)
  select p.update_id, p.payload, p.tg_user_id, 'LeaseExpired: the worker stopped 5 times', 6
    from poisoned p
  on conflict (update_id) do update
    set payload = excluded.payload, error_name = excluded.error_name, attempts = 6,
        failed_at = now(), replayed_at = null;

  -- Two statements, because a claim committed by another worker after this statement's
  -- snapshot is invisible to it: first the chats whose oldest update is free, each locked for
  -- this transaction (a chat another worker is claiming right now is skipped)...
  select coalesce(array_agg(c.chat_key), '{}')
    into chats
    from (
      select h.chat_key
        from (
          select distinct on (i.chat_key) i.chat_key, i.update_id, i.lease_until
            from public.update_inbox i
           order by i.chat_key, i.update_id
        ) h
       where h.lease_until is null or h.lease_until < now()
       order by h.update_id
       limit batch
    ) c
   where pg_catalog.pg_try_advisory_xact_lock(7301, pg_catalog.hashtext(c.chat_key::text));

  -- ...then, with a fresh snapshot that sees every claim committed before those locks were
  -- taken, their updates, unless the chat is leased by now.
  with picked as (
    select i.update_id
      from public.update_inbox i
     where i.chat_key = any(chats)
       and not exists (
         select 1 from public.update_inbox j
          where j.chat_key = i.chat_key and j.lease_until >= now()
       )
     order by i.update_id
     limit batch
       for update of i skip locked
  ), claimed as (
    update public.update_inbox i
       set lease_until = now() + make_interval(secs => greatest(coalesce(p_lease_seconds, 30), 1)),
           attempts = i.attempts + 1
      from picked
     where i.update_id = picked.update_id
    returning i.update_id, i.chat_key, i.pass, i.payload
  )
  select coalesce(
           jsonb_agg(
             jsonb_build_object(
               'update_id', c.update_id, 'chat_key', c.chat_key, 'pass', c.pass,
               'payload', c.payload
             ) order by c.update_id
           ),
           '[]'::jsonb
         )
    into taken
    from claimed c;
  return taken;
end
$$;

-- Puts failed updates back into the inbox for one more pass (at most 5 attempts in all), each
-- after a pause that grows with its attempts (1, 2, 3 ... minutes), so a scheduler calling this
-- often does not burn the attempts on a fault that lasts a minute.
create or replace function public.requeue_failed_updates(p_limit integer default 20)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  requeued integer;
begin
  with picked as (
    select f.id, f.update_id, f.payload, f.tg_user_id, f.attempts
      from public.failed_updates f
     where f.replayed_at is null and f.attempts <= 5
       and f.failed_at <= now() - make_interval(mins => f.attempts)
     order by f.failed_at
     limit greatest(coalesce(p_limit, 20), 0)
       for update skip locked
  ), marked as (
    update public.failed_updates f set replayed_at = now()
      from picked where f.id = picked.id
    returning picked.update_id, picked.payload, picked.tg_user_id, picked.attempts
  )
  insert into public.update_inbox (update_id, chat_key, tg_user_id, payload, pass)
  select m.update_id,
         coalesce(
           (m.payload #>> '{message,chat,id}')::bigint,
           (m.payload #>> '{edited_message,chat,id}')::bigint,
           (m.payload #>> '{callback_query,message,chat,id}')::bigint,
           (m.payload #>> '{my_chat_member,chat,id}')::bigint,
           m.tg_user_id,
           0
         ),
         m.tg_user_id, m.payload, m.attempts
    from marked m
  on conflict (update_id) do nothing;
  get diagnostics requeued = row_count;
  return requeued;
end
$$;

-- The replay path before the inbox existed: superseded by requeue_failed_updates.
drop function public.take_failed_updates(integer);
-- Idempotency now happens in enqueue_update.
drop function public.record_update(bigint);

revoke execute on function public.enqueue_update(bigint, bigint, bigint, jsonb) from public, anon, authenticated;
revoke execute on function public.claim_updates(integer, integer) from public, anon, authenticated;
revoke execute on function public.requeue_failed_updates(integer) from public, anon, authenticated;
grant execute on function public.enqueue_update(bigint, bigint, bigint, jsonb) to service_role;
grant execute on function public.claim_updates(integer, integer) to service_role;
grant execute on function public.requeue_failed_updates(integer) to service_role;
