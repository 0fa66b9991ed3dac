-- Everything the bot sends because of an update goes out through the outbox: the handler's
-- Bot API calls ('api_call') and relayed chat messages ('relay') are written together with the
-- update's completion, each under a unique key, so handling an update twice sends nothing
-- twice. Delivery is per chat in order (FIFO per recipient) and paced by the dispatcher.

alter table public.outbox alter column user_id drop not null;
alter table public.outbox
  add column method text check (method ~ '^[a-zA-Z]{1,40}$'),
  -- "<update_id>:<pass>:<n>": the n-th effect of one pass over an update.
  add column dedupe_key text unique,
  -- The author of a relayed message: erasing them drops their undelivered messages.
  add column source_user_id uuid references public.users (id) on delete cascade;
alter table public.outbox drop constraint outbox_kind_check;
alter table public.outbox add constraint outbox_kind_check check (
  kind in (
    'proposal', 'chat_started', 'proposal_declined', 'proposal_expired', 'search_expired',
    'chat_ended', 'rate_request', 'api_call', 'relay'
  )
);
alter table public.outbox add constraint outbox_call_has_method check (
  (kind in ('api_call', 'relay')) = (method is not null)
);

create index outbox_tg_id_pending_idx on public.outbox (tg_id, id) where status = 'pending';
create index outbox_source_user_id_idx on public.outbox (source_user_id);

-- Marks an update done: its effects go into the outbox (a key seen before is skipped, so a
-- second pass over the same update adds nothing) and the update leaves the inbox, with its raw
-- payload, in the same transaction. p_effects: [{seq, tg_id, method, params, relay?}].
create or replace function public.complete_update(p_update_id bigint, p_effects jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_pass integer;
  queued integer;
begin
  -- Only the first completion counts: a worker whose lease ran out while it was still working
  -- finds the update done by the one that took it over, and its effects are dropped.
  select i.pass into v_pass from public.update_inbox i where i.update_id = p_update_id for update;
  if not found then
    return jsonb_build_object('status', 'already_done', 'queued', 0);
  end if;
  insert into public.outbox (user_id, tg_id, kind, method, payload, dedupe_key, source_user_id)
  select u.id,
         (e ->> 'tg_id')::bigint,
         case when e ? 'relay' then 'relay' else 'api_call' end,
         e ->> 'method',
         case when e ? 'relay'
              then jsonb_build_object('params', e -> 'params', 'relay', e -> 'relay')
              else jsonb_build_object('params', e -> 'params') end,
         p_update_id || ':' || v_pass || ':' || (e ->> 'seq'),
         src.id
    from jsonb_array_elements(coalesce(p_effects, '[]'::jsonb)) with ordinality as x (e, n)
    left join public.users u on u.tg_id = (e ->> 'tg_id')::bigint
    left join public.users src on src.tg_id = (e #>> '{relay,sender_tg_id}')::bigint
   order by x.n
  on conflict (dedupe_key) do nothing;
  get diagnostics queued = row_count;
  delete from public.update_inbox i where i.update_id = p_update_id;
  return jsonb_build_object('status', 'ok', 'queued', queued);
end
$$;

-- The partner-side id of the message a relayed message replies to, looked up when it is sent
-- (the replied-to copy may have been delivered only just before).
create or replace function public.relay_reply_target(p_relay jsonb)
returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select case when r.sender_user_id = u.id then r.receiver_message_id else r.sender_message_id end
    from public.users u
    join public.relay_messages r
      on r.match_id = (p_relay ->> 'match_id')::uuid
     and ((r.sender_user_id = u.id and r.sender_message_id = (p_relay ->> 'reply_to')::integer)
       or (r.sender_user_id <> u.id and r.receiver_message_id = (p_relay ->> 'reply_to')::integer))
   where u.tg_id = (p_relay ->> 'sender_tg_id')::bigint
     and p_relay ? 'reply_to'
   limit 1
$$;

drop function public.claim_outbox(integer);

-- Takes up to p_limit due rows, at most p_per_chat per recipient and only from the front of
-- each recipient's queue (a row waits while an older one for the same chat is leased or backing
-- off), so one chat's messages go out in order. Claimed rows are leased for p_lease_seconds:
-- a dispatcher that dies leaves them to come back by themselves. A per-recipient advisory lock
-- held for the transaction keeps two dispatchers from splitting one chat.
create or replace function public.claim_outbox(
  p_limit integer default 50,
  p_lease_seconds integer default 60,
  p_per_chat integer default 10
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  taken jsonb;
  batch integer := greatest(least(coalesce(p_limit, 50), 500), 0);
  recipients bigint[];
begin
  -- Two statements, because a claim committed by another dispatcher after this statement's
  -- snapshot is invisible to it: first the recipients with something due, oldest first, each
  -- locked for this transaction (one another dispatcher is claiming right now is skipped)...
  select coalesce(array_agg(r.tg_id), '{}')
    into recipients
    from (
      select o.tg_id
        from public.outbox o
       where o.status = 'pending' and o.next_attempt_at <= now()
       group by o.tg_id
       order by min(o.id)
       limit batch
    ) r
   where pg_catalog.pg_try_advisory_xact_lock(7302, pg_catalog.hashtext(r.tg_id::text));

  -- ...then, with a fresh snapshot that sees every claim committed before those locks were
  -- taken, the front of each one's queue.
  with due as (
    select o.id, o.next_attempt_at,
           row_number() over (partition by o.tg_id order by o.id) as place
      from public.outbox o
     where o.tg_id = any(recipients)
       and o.status = 'pending' and o.next_attempt_at <= now()
       and not exists (
         select 1 from public.outbox b
          where b.tg_id = o.tg_id and b.status = 'pending' and b.id < o.id
            and b.next_attempt_at > now()
       )
  ), picked as (
    select o.id
      from public.outbox o
      join due d on d.id = o.id
     where d.place <= greatest(coalesce(p_per_chat, 10), 1)
     order by o.next_attempt_at, o.id
     limit batch
       for update of o skip locked
  ), claimed as (
    update public.outbox o
       set next_attempt_at = now() + make_interval(secs => greatest(coalesce(p_lease_seconds, 60), 1)),
           attempts = o.attempts + 1
      from picked
     where o.id = picked.id
    returning o.id, o.tg_id, o.kind, o.method, o.payload, o.attempts
  )
  select coalesce(
           jsonb_agg(
             jsonb_build_object(
               'id', c.id, 'tg_id', c.tg_id, 'kind', c.kind, 'method', c.method,
               'payload', c.payload, 'attempts', c.attempts,
               'reply_to_message_id',
               case when c.kind = 'relay' then public.relay_reply_target(c.payload -> 'relay') end
             ) order by c.id
           ),
           '[]'::jsonb
         )
    into taken
    from claimed c;
  return jsonb_build_object('status', 'ok', 'items', taken);
end
$$;

drop function public.complete_outbox(bigint, text, integer);

-- Records the outcome of one send. 'retry' waits p_retry_after_seconds (Telegram's 429 hint)
-- or an exponential backoff and gives up after 8 attempts; 'release' puts a row that was not
-- tried back as it was (an older row of the same chat failed first); 'gone' (403: the user
-- blocked the bot) drops their other pending rows and ends their search, proposal or chat.
-- A delivered relay records its id pair for replies and edits. Rows that carry text the bot
-- relayed or wrote for an update are deleted once done, so no message content stays behind.
create or replace function public.complete_outbox(
  p_id bigint,
  p_result text,
  p_retry_after_seconds integer default null,
  p_message_id integer default null,
  p_attempts integer default null
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  row public.outbox;
  relay jsonb;
begin
  if p_result is null or p_result not in ('sent', 'retry', 'release', 'gone', 'failed') then
    raise exception 'invalid outbox result' using errcode = '22023';
  end if;
  select * into row from public.outbox o where o.id = p_id for update;
  if not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  -- A dispatcher whose lease ran out does not put back a row another one has claimed since
  -- (p_attempts is the claim it holds). What was sent is recorded whoever holds it.
  if p_result in ('retry', 'release') and p_attempts is not null and row.attempts <> p_attempts then
    return jsonb_build_object('status', 'stale');
  end if;
  if p_result = 'retry' and row.attempts < 8 then
    update public.outbox
       set next_attempt_at = now() + make_interval(
             secs => coalesce(
               greatest(p_retry_after_seconds, 1),
               least(3600, 15 * power(2, greatest(row.attempts - 1, 0)))
             )
           )
     where id = p_id;
    return jsonb_build_object('status', 'ok');
  elsif p_result = 'release' then
    update public.outbox
       set next_attempt_at = now(), attempts = greatest(row.attempts - 1, 0)
     where id = p_id;
    return jsonb_build_object('status', 'ok');
  end if;

  if p_result = 'sent' and row.kind = 'relay' and p_message_id is not null then
    relay := row.payload -> 'relay';
    perform public.record_relay(
      (relay ->> 'match_id')::uuid, (relay ->> 'sender_tg_id')::bigint,
      (relay ->> 'sender_message_id')::integer, p_message_id, relay ->> 'kind'
    );
  end if;

  if p_result = 'gone' then
    delete from public.outbox
     where tg_id = row.tg_id and status = 'pending' and kind in ('api_call', 'relay')
       and id <> p_id;
    update public.outbox set status = 'gone' where tg_id = row.tg_id and status = 'pending';
    if row.user_id is not null then
      perform public.end_everything_for_user(row.user_id, 'gone');
    end if;
  end if;

  if row.kind in ('api_call', 'relay') then
    delete from public.outbox where id = p_id;
  elsif p_result = 'sent' then
    update public.outbox set status = 'sent', sent_at = now() where id = p_id;
  else
    update public.outbox
       set status = case when p_result = 'retry' then 'failed' else p_result end
     where id = p_id;
  end if;
  return jsonb_build_object('status', 'ok');
end
$$;

-- The user blocked the bot (my_chat_member "kicked"): they leave the queue, their proposal or
-- chat ends (the partner is told) and nothing more is sent to them until they write again.
create or replace function public.user_blocked_bot(p_tg_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me_id uuid;
begin
  delete from public.outbox
   where tg_id = p_tg_id and status = 'pending' and kind in ('api_call', 'relay');
  update public.outbox set status = 'gone' where tg_id = p_tg_id and status = 'pending';
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  if me_id is null then
    return jsonb_build_object('status', 'unknown');
  end if;
  perform public.end_everything_for_user(me_id, 'gone');
  insert into public.domain_events (user_id, event, data) values (me_id, 'user.blocked_bot', '{}');
  return jsonb_build_object('status', 'ok');
end
$$;

-- Right before a send: extends the lease of a claimed row if this dispatcher still holds it
-- (p_attempts is its claim). Paced sends of a long batch outlast the lease they were claimed
-- with; without this another dispatcher could claim the rest and send them a second time.
create or replace function public.renew_outbox_lease(
  p_id bigint,
  p_attempts integer,
  p_lease_seconds integer default 60
)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.outbox
     set next_attempt_at = now() + make_interval(secs => greatest(coalesce(p_lease_seconds, 60), 1))
   where id = p_id and attempts = p_attempts and status = 'pending';
  return found;
end
$$;

revoke execute on function public.complete_update(bigint, jsonb) from public, anon, authenticated;
revoke execute on function public.relay_reply_target(jsonb) from public, anon, authenticated;
revoke execute on function public.claim_outbox(integer, integer, integer) from public, anon, authenticated;
revoke execute on function public.complete_outbox(bigint, text, integer, integer, integer) from public, anon, authenticated;
revoke execute on function public.renew_outbox_lease(bigint, integer, integer) from public, anon, authenticated;
revoke execute on function public.user_blocked_bot(bigint) from public, anon, authenticated;
grant execute on function public.complete_update(bigint, jsonb) to service_role;
grant execute on function public.relay_reply_target(jsonb) to service_role;
grant execute on function public.claim_outbox(integer, integer, integer) to service_role;
grant execute on function public.complete_outbox(bigint, text, integer, integer, integer) to service_role;
grant execute on function public.renew_outbox_lease(bigint, integer, integer) to service_role;
grant execute on function public.user_blocked_bot(bigint) to service_role;
