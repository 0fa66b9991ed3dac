-- The notification outbox: SQL functions write what to tell whom in the same transaction as the
-- state change; a dispatcher claims rows, sends them to Telegram and completes them.

create table public.outbox (
  id bigint generated always as identity primary key,
  user_id uuid not null references public.users (id) on delete cascade,
  tg_id bigint not null,
  kind text not null check (
    kind in (
      'proposal', 'chat_started', 'proposal_declined', 'proposal_expired', 'search_expired',
      'chat_ended', 'rate_request'
    )
  ),
  -- Ids, enums and profile fields the recipient may see; never message content.
  payload jsonb not null default '{}',
  created_at timestamptz not null default now(),
  next_attempt_at timestamptz not null default now(),
  attempts integer not null default 0,
  sent_at timestamptz,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'gone'))
);

create index outbox_due_idx on public.outbox (next_attempt_at, id) where status = 'pending';
create index outbox_user_id_idx on public.outbox (user_id);

alter table public.outbox enable row level security;
revoke all on public.outbox from anon, authenticated;

-- Queues one notification for a user (internal helper).
create or replace function public.outbox_push(p_user_id uuid, p_kind text, p_payload jsonb)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.outbox (user_id, tg_id, kind, payload)
  select u.id, u.tg_id, p_kind, coalesce(p_payload, '{}'::jsonb)
    from public.users u
   where u.id = p_user_id
$$;

-- Takes up to p_limit due notifications. Their next attempt moves 60 s ahead, so rows of a
-- dispatcher that crashed before completing them come back by themselves.
create or replace function public.claim_outbox(p_limit integer default 50)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  taken jsonb;
begin
  with picked as (
    select o.id
      from public.outbox o
     where o.status = 'pending' and o.next_attempt_at <= now()
     order by o.next_attempt_at, o.id
     limit greatest(least(coalesce(p_limit, 50), 500), 0)
     for update skip locked
  ), claimed as (
    update public.outbox o
       set next_attempt_at = now() + interval '60 seconds',
           attempts = o.attempts + 1
      from picked
     where o.id = picked.id
    returning o.id, o.tg_id, o.kind, o.payload, o.attempts
  )
  select coalesce(
           jsonb_agg(
             jsonb_build_object(
               'id', c.id, 'tg_id', c.tg_id, 'kind', c.kind, 'payload', c.payload,
               'attempts', c.attempts
             ) order by c.id
           ),
           '[]'::jsonb
         )
    into taken
    from claimed c;
  return jsonb_build_object('status', 'ok', 'items', taken);
end
$$;

-- Records the outcome of one send. 'retry' waits p_retry_after_seconds (Telegram's 429 hint)
-- or an exponential backoff, and gives up after 8 attempts; 'gone' (403: the user blocked the
-- bot) drops their other pending rows and ends their search, proposal or chat.
create or replace function public.complete_outbox(
  p_id bigint,
  p_result text,
  p_retry_after_seconds integer default null
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  row public.outbox;
begin
  if p_result is null or p_result not in ('sent', 'retry', 'gone', 'failed') then
    raise exception 'invalid outbox result' using errcode = '22023';
  end if;
  select * into row from public.outbox o where o.id = p_id for update;
  if not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  if p_result = 'sent' then
    update public.outbox set status = 'sent', sent_at = now() where id = p_id;
  elsif p_result = 'failed' then
    update public.outbox set status = 'failed' where id = p_id;
  elsif p_result = 'retry' then
    update public.outbox
       set status = case when row.attempts >= 8 then 'failed' else 'pending' end,
           next_attempt_at = now() + make_interval(
             secs => coalesce(
               greatest(p_retry_after_seconds, 1),
               least(3600, 15 * power(2, greatest(row.attempts - 1, 0)))
             )
           )
     where id = p_id;
  else
    update public.outbox
       set status = 'gone'
     where user_id = row.user_id and (id = p_id or status = 'pending');
    perform public.end_everything_for_user(row.user_id, 'gone');
  end if;
  return jsonb_build_object('status', 'ok');
end
$$;

revoke execute on function public.outbox_push(uuid, text, jsonb) from public, anon, authenticated;
revoke execute on function public.claim_outbox(integer) from public, anon, authenticated;
revoke execute on function public.complete_outbox(bigint, text, integer) from public, anon, authenticated;
grant execute on function public.outbox_push(uuid, text, jsonb) to service_role;
grant execute on function public.claim_outbox(integer) to service_role;
grant execute on function public.complete_outbox(bigint, text, integer) to service_role;
