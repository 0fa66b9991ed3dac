-- What the outbox does when a send does not go through (issue 17):
-- * Telegram's retry_after holds: a lease renewal never brings a row's next attempt forward,
--   and a 429 answered after another dispatcher took the row over still delays it.
-- * A relayed message that will not be delivered (Telegram refused the copy, or the last retry
--   failed) is not dropped silently: its sender is told, in a reply to that message.
-- * A relay the partner cannot receive (403, chat not found) ends the chat at once, and the
--   sender's notice says which message did not arrive.
-- * A queued edit of a relayed message (payload.relay.edit) is not a message of its own: it
--   records no id pair and is never reported as undelivered.
-- Nothing here stores message content: the notice carries only the sender-side message id.

alter table public.outbox drop constraint outbox_kind_check;
alter table public.outbox add constraint outbox_kind_check check (
  kind in (
    'proposal', 'chat_started', 'proposal_declined', 'proposal_expired', 'search_expired',
    'chat_ended', 'rate_request', 'api_call', 'relay', 'sanction', 'sanction_lifted',
    'tip_receipt', 'tip_received', 'tip_refunded', 'diary_reminder',
    'event_confirm', 'event_released', 'event_promoted', 'event_schedule',
    'event_reminder', 'event_round', 'event_bye', 'event_round_ended', 'event_partner_silent',
    'event_finished', 'event_moderated', 'relay_undelivered'
  )
);

-- Extends the lease of a claimed row while this dispatcher still holds it (p_attempts is its
-- claim): before each paced send and, as a heartbeat, while a slow call is under way. Only ever
-- moves the next attempt later, so a late renewal cannot cut short a wait Telegram asked for.
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
     set next_attempt_at = greatest(
           next_attempt_at,
           now() + make_interval(secs => greatest(coalesce(p_lease_seconds, 60), 1))
         )
   where id = p_id and attempts = p_attempts and status = 'pending';
  return found;
end
$$;

drop function public.complete_outbox(bigint, text, integer, integer, integer);

-- Records the outcome of one send. 'retry' waits p_retry_after_seconds (Telegram's 429 hint)
-- or an exponential backoff and gives up after 8 attempts; 'release' puts a row that was not
-- tried back as it was (an older row of the same chat failed first); 'gone' (403: the user
-- blocked the bot) drops their other pending rows and ends their search, proposal or chat.
-- A delivered relay records its id pair for replies and edits; a relay that will not be
-- delivered ('failed', or 'retry' after the last attempt) is told to its sender, with
-- p_reason ('deleted', 'voice_forbidden', otherwise 'refused'; 'temporary' when retries ran
-- out). Rows that carry text the bot relayed or wrote for an update are deleted once done, so
-- no message content stays behind. Answers {status, undelivered?: reason} so the caller can
-- count undelivered relays.
create or replace function public.complete_outbox(
  p_id bigint,
  p_result text,
  p_retry_after_seconds integer default null,
  p_message_id integer default null,
  p_attempts integer default null,
  p_reason text default null
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  row public.outbox;
  relay jsonb;
  is_copy boolean;
  undelivered text;
  gone_match public.matches;
  dropped integer := 0;
  first_dropped integer;
begin
  if p_result is null or p_result not in ('sent', 'retry', 'release', 'gone', 'failed') then
    raise exception 'invalid outbox result' using errcode = '22023';
  end if;
  select * into row from public.outbox o where o.id = p_id for update;
  if not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  relay := case when row.kind = 'relay' then row.payload -> 'relay' end;
  is_copy := relay is not null and coalesce(relay ->> 'edit', 'false') <> 'true';

  -- A dispatcher whose lease ran out does not put back a row another one has claimed since
  -- (p_attempts is the claim it holds). What was sent is recorded whoever holds it, and so is
  -- Telegram's wait: no later claim may come before it is over.
  if p_result in ('retry', 'release') and p_attempts is not null and row.attempts <> p_attempts then
    if p_result = 'retry' and p_retry_after_seconds is not null and row.status = 'pending' then
      update public.outbox
         set next_attempt_at = greatest(
               next_attempt_at,
               now() + make_interval(secs => greatest(p_retry_after_seconds, 1))
             )
       where id = p_id;
    end if;
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

  if p_result = 'sent' and is_copy and p_message_id is not null then
    perform public.record_relay(
      (relay ->> 'match_id')::uuid, (relay ->> 'sender_tg_id')::bigint,
      (relay ->> 'sender_message_id')::integer, p_message_id, relay ->> 'kind'
    );
  end if;

  -- Refused by Telegram, or the last retry failed: the sender learns this message did not
  -- arrive (nothing but its id is kept).
  if is_copy and p_result in ('failed', 'retry') then
    undelivered := case
      when p_result = 'retry' then 'temporary'
      when p_reason in ('deleted', 'voice_forbidden') then p_reason
      else 'refused'
    end;
    if row.source_user_id is not null then
      perform public.outbox_push(row.source_user_id, 'relay_undelivered', jsonb_build_object(
        'match_id', relay ->> 'match_id',
        'message_id', (relay ->> 'sender_message_id')::integer,
        'reason', undelivered
      ));
    end if;
  end if;

  if p_result = 'gone' then
    -- The partner's copies that will now never arrive (this one included, when it is one).
    if row.user_id is not null then
      gone_match := public.active_match_of(row.user_id);
    end if;
    if gone_match.id is not null then
      select count(*)::integer, min((o.payload #>> '{relay,sender_message_id}')::integer)
        into dropped, first_dropped
        from public.outbox o
       where o.tg_id = row.tg_id and o.status = 'pending' and o.kind = 'relay'
         and o.payload #>> '{relay,match_id}' = gone_match.id::text
         and coalesce(o.payload #>> '{relay,edit}', 'false') <> 'true';
    end if;
    delete from public.outbox
     where tg_id = row.tg_id and status = 'pending' and kind in ('api_call', 'relay')
       and id <> p_id;
    update public.outbox set status = 'gone' where tg_id = row.tg_id and status = 'pending';
    if row.user_id is not null then
      perform public.end_everything_for_user(row.user_id, 'gone');
    end if;
    -- The chat ended at once, as when Telegram reports the block; the notice the partner gets
    -- from that says which of their messages did not arrive.
    if dropped > 0 then
      update public.outbox o
         set payload = o.payload || jsonb_build_object(
               'undelivered_message_id', first_dropped,
               'undelivered', dropped
             )
       where o.kind = 'chat_ended' and o.status = 'pending' and o.tg_id <> row.tg_id
         and o.payload ->> 'match_id' = gone_match.id::text;
      undelivered := 'partner_gone';
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
  return jsonb_build_object('status', 'ok')
      || case when undelivered is null then '{}'::jsonb
              else jsonb_build_object('undelivered', undelivered) end;
end
$$;

revoke execute on function public.renew_outbox_lease(bigint, integer, integer) from public, anon, authenticated;
revoke execute on function public.complete_outbox(bigint, text, integer, integer, integer, text) from public, anon, authenticated;
grant execute on function public.renew_outbox_lease(bigint, integer, integer) to service_role;
grant execute on function public.complete_outbox(bigint, text, integer, integer, integer, text) to service_role;
