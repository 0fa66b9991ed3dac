-- The anonymous chat: message id mapping for replies and edits (never content), ending a chat,
-- blocking, reporting, rating, and cleaning up after users who left (blocked the bot or erased
-- their profile).

-- Ends an active chat (internal; caller holds the match row lock). The partner is told
-- p_partner_reason; stop/next also ask both for a rating. Starts the cooldown for the pair and
-- forgets the message id map.
create or replace function public.finish_chat(
  p_match_id uuid,
  p_by_user_id uuid,
  p_reason text,
  p_partner_reason text
)
returns public.matches
language plpgsql
security definer
set search_path = ''
as $$
declare
  cfg jsonb := public.matching_settings();
  m public.matches;
  partner_id uuid;
begin
  update public.matches
     set state = 'ended', ended_at = now(), end_reason = p_reason, ended_by = p_by_user_id
   where id = p_match_id and state = 'active'
  returning * into m;
  if not found then
    return null;
  end if;
  delete from public.match_members where match_id = m.id;
  delete from public.relay_messages where match_id = m.id;
  partner_id := case when m.user_a = p_by_user_id then m.user_b else m.user_a end;
  if m.user_a is not null and m.user_b is not null and p_reason <> 'deleted' then
    insert into public.recent_contacts (user_low, user_high, until)
    values (
      m.user_a, m.user_b,
      now() + make_interval(hours => coalesce((cfg ->> 'cooldown_hours')::double precision, 72)::integer)
    )
    on conflict (user_low, user_high) do update
      set until = greatest(public.recent_contacts.until, excluded.until);
  end if;
  if partner_id is not null then
    perform public.outbox_push(partner_id, 'chat_ended',
      jsonb_build_object('match_id', m.id, 'reason', p_partner_reason));
  end if;
  if p_reason in ('stop', 'next') then
    perform public.outbox_push(p_by_user_id, 'rate_request', jsonb_build_object('match_id', m.id));
    if partner_id is not null then
      perform public.outbox_push(partner_id, 'rate_request', jsonb_build_object('match_id', m.id));
    end if;
  end if;
  insert into public.domain_events (user_id, event, data)
  values (
    case when p_reason = 'deleted' then null else p_by_user_id end,
    'chat.ended',
    jsonb_build_object('match_id', m.id, 'reason', p_reason)
  );
  return m;
end
$$;

-- Withdraws a pending proposal because one side blocked, reported or left (internal; caller
-- holds the match row lock). The other side goes back to the queue first in line.
create or replace function public.withdraw_proposal(
  p_match_id uuid,
  p_by_user_id uuid,
  p_reason text
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  m public.matches;
  partner_id uuid;
begin
  update public.matches
     set state = case when p_reason in ('block', 'report') then 'declined' else 'expired' end,
         ended_at = now(), end_reason = p_reason, ended_by = p_by_user_id
   where id = p_match_id and state in ('proposed', 'accepted_by_one')
  returning * into m;
  if not found then
    return;
  end if;
  delete from public.match_members where match_id = m.id;
  partner_id := case when m.user_a = p_by_user_id then m.user_b else m.user_a end;
  if partner_id is not null then
    perform public.enqueue_user(partner_id, true);
    if p_reason in ('block', 'report') then
      perform public.outbox_push(partner_id, 'proposal_declined', jsonb_build_object('match_id', m.id));
    else
      perform public.outbox_push(partner_id, 'proposal_expired',
        jsonb_build_object('match_id', m.id, 'requeued', true));
    end if;
  end if;
  insert into public.domain_events (user_id, event, data)
  values (
    case when p_reason = 'deleted' then null else p_by_user_id end,
    case when p_reason in ('block', 'report') then 'match.declined' else 'match.expired' end,
    jsonb_build_object('match_id', m.id, 'reason', p_reason)
  );
end
$$;

-- The user is unreachable (p_reason 'gone': blocked the bot) or erasing their profile
-- ('deleted'): leave the queue and end their proposal or chat; the partner is told.
create or replace function public.end_everything_for_user(p_user_id uuid, p_reason text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  m public.matches;
begin
  delete from public.match_queue where user_id = p_user_id;
  select x.* into m
    from public.match_members mm
    join public.matches x on x.id = mm.match_id
   where mm.user_id = p_user_id
     for update of x;
  if not found then
    return;
  end if;
  if m.state = 'active' then
    perform public.finish_chat(m.id, p_user_id, p_reason, 'partner_gone');
  else
    perform public.withdraw_proposal(m.id, p_user_id, p_reason);
  end if;
end
$$;

-- Before a profile is erased (public.delete_user or any delete), end its proposal or chat so
-- the partner is told and no open state points at a missing person.
create or replace function public.users_before_delete_end_matches()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform public.end_everything_for_user(old.id, 'deleted');
  return old;
end
$$;

create trigger users_end_matches_before_delete
before delete on public.users
for each row execute function public.users_before_delete_end_matches();

-- The user's active chat (internal): the match row, or null.
create or replace function public.active_match_of(p_user_id uuid)
returns public.matches
language sql
stable
security definer
set search_path = ''
as $$
  select x.*
    from public.match_members mm
    join public.matches x on x.id = mm.match_id
   where mm.user_id = p_user_id and x.state = 'active'
$$;

-- Where to relay a message: the partner's chat, and the partner-side id of the message the
-- sender replied to (whichever direction that message went).
create or replace function public.relay_target(p_tg_id bigint, p_reply_to_message_id integer default null)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  me_id uuid;
  m public.matches;
  partner_id uuid;
  partner_tg bigint;
  mapped integer;
begin
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  m := public.active_match_of(me_id);
  if me_id is null or m.id is null then
    return jsonb_build_object('status', 'no_chat');
  end if;
  partner_id := case when m.user_a = me_id then m.user_b else m.user_a end;
  select u.tg_id into partner_tg from public.users u where u.id = partner_id;
  if partner_tg is null then
    return jsonb_build_object('status', 'no_chat');
  end if;
  if p_reply_to_message_id is not null then
    select case when r.sender_user_id = me_id then r.receiver_message_id else r.sender_message_id end
      into mapped
      from public.relay_messages r
     where r.match_id = m.id
       and ((r.sender_user_id = me_id and r.sender_message_id = p_reply_to_message_id)
         or (r.sender_user_id = partner_id and r.receiver_message_id = p_reply_to_message_id))
     limit 1;
  end if;
  return jsonb_build_object(
    'status', 'ok', 'match_id', m.id, 'partner_tg_id', partner_tg,
    'partner_reply_to_message_id', mapped
  );
end
$$;

-- Stores the id pair of one relayed message and counts it by kind (text, photo, ...).
create or replace function public.record_relay(
  p_match_id uuid,
  p_tg_id bigint,
  p_sender_message_id integer,
  p_partner_message_id integer,
  p_kind text
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me_id uuid;
  m public.matches;
  kind text := case when p_kind ~ '^[a-z_]{1,32}$' then p_kind else 'other' end;
begin
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  m := public.active_match_of(me_id);
  if me_id is null or m.id is null or m.id <> p_match_id then
    return jsonb_build_object('status', 'no_chat');
  end if;
  insert into public.relay_messages (match_id, sender_user_id, sender_message_id, receiver_message_id)
  values (m.id, me_id, p_sender_message_id, p_partner_message_id)
  on conflict do nothing;
  insert into public.chat_stats (match_id, messages_total, messages_by_kind)
  values (m.id, 1, jsonb_build_object(kind, 1))
  on conflict (match_id) do update
    set messages_total = public.chat_stats.messages_total + 1,
        messages_by_kind = public.chat_stats.messages_by_kind || jsonb_build_object(
          kind, coalesce((public.chat_stats.messages_by_kind ->> kind)::integer, 0) + 1
        );
  return jsonb_build_object('status', 'ok');
end
$$;

-- The partner's copy of a message the user sent (to mirror an edit).
create or replace function public.relayed_copy(p_tg_id bigint, p_sender_message_id integer)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  me_id uuid;
  m public.matches;
  partner_tg bigint;
  copy_id integer;
begin
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  m := public.active_match_of(me_id);
  if me_id is null or m.id is null then
    return jsonb_build_object('status', 'not_found');
  end if;
  select r.receiver_message_id into copy_id
    from public.relay_messages r
   where r.match_id = m.id and r.sender_user_id = me_id and r.sender_message_id = p_sender_message_id;
  select u.tg_id into partner_tg
    from public.users u
   where u.id = case when m.user_a = me_id then m.user_b else m.user_a end;
  if copy_id is null or partner_tg is null then
    return jsonb_build_object('status', 'not_found');
  end if;
  return jsonb_build_object('status', 'ok', 'partner_tg_id', partner_tg, 'partner_message_id', copy_id);
end
$$;

-- /stop, /next, or the user went away: ends the active chat.
create or replace function public.end_chat(p_tg_id bigint, p_reason text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me_id uuid;
  m public.matches;
  partner_tg bigint;
begin
  if p_reason is null or p_reason not in ('stop', 'next', 'gone', 'deleted') then
    raise exception 'invalid end reason' using errcode = '22023';
  end if;
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  select x.* into m
    from public.match_members mm
    join public.matches x on x.id = mm.match_id
   where mm.user_id = me_id and x.state = 'active'
     for update of x;
  if me_id is null or not found then
    return jsonb_build_object('status', 'no_chat');
  end if;
  m := public.finish_chat(
    m.id, me_id, p_reason,
    case when p_reason in ('stop', 'next') then p_reason else 'partner_gone' end
  );
  select u.tg_id into partner_tg
    from public.users u
   where u.id = case when m.user_a = me_id then m.user_b else m.user_a end;
  return jsonb_build_object(
    'status', 'ended', 'match_id', m.id, 'partner_tg_id', partner_tg,
    'duration_seconds', floor(extract(epoch from m.ended_at - coalesce(m.started_at, m.proposed_at)))::integer
  );
end
$$;

-- Shared by block and report: blocks the partner of p_match_id for good and ends the chat or
-- the pending proposal. The partner only learns that the chat ended.
create or replace function public.block_in_match(p_user_id uuid, p_match_id uuid, p_reason text)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  m public.matches;
  partner_id uuid;
begin
  select * into m from public.matches x where x.id = p_match_id for update;
  if not found or p_user_id is null
     or p_user_id is distinct from m.user_a and p_user_id is distinct from m.user_b then
    return null;
  end if;
  partner_id := case when m.user_a = p_user_id then m.user_b else m.user_a end;
  if partner_id is not null then
    insert into public.blocks (blocker_user_id, blocked_user_id)
    values (p_user_id, partner_id)
    on conflict do nothing;
  end if;
  if m.state = 'active' then
    perform public.finish_chat(m.id, p_user_id, p_reason, 'ended_by_partner');
  elsif m.state in ('proposed', 'accepted_by_one') then
    perform public.withdraw_proposal(m.id, p_user_id, p_reason);
  end if;
  return m.id;
end
$$;

-- {duration_seconds} when p_user_id ended the active chat p_match_id in this transaction (a
-- block or report during the chat), else {} (internal; for the chat duration metric).
create or replace function public.ended_chat_duration(p_match_id uuid, p_user_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((
    select jsonb_build_object(
             'duration_seconds', floor(extract(epoch from m.ended_at - m.started_at))::integer
           )
      from public.matches m
     where m.id = p_match_id and m.state = 'ended' and m.started_at is not null
       and m.ended_by = p_user_id and m.ended_at = now()
  ), '{}'::jsonb)
$$;

-- Blocks the partner of a current or past match.
create or replace function public.block_partner(p_tg_id bigint, p_match_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me_id uuid;
begin
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  if public.block_in_match(me_id, p_match_id, 'block') is null then
    return jsonb_build_object('status', 'not_found');
  end if;
  insert into public.domain_events (user_id, event, data)
  values (me_id, 'user.blocked', jsonb_build_object('match_id', p_match_id));
  return jsonb_build_object('status', 'blocked', 'match_id', p_match_id)
    || public.ended_chat_duration(p_match_id, me_id);
end
$$;

-- Reports the partner of a current or past match for moderators, and blocks them.
create or replace function public.report_partner(p_tg_id bigint, p_match_id uuid, p_reason text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me_id uuid;
  m public.matches;
begin
  if p_reason is null or p_reason not in ('spam', 'abuse', 'inappropriate', 'minor', 'other') then
    return jsonb_build_object('status', 'invalid_reason');
  end if;
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  if public.block_in_match(me_id, p_match_id, 'report') is null then
    return jsonb_build_object('status', 'not_found');
  end if;
  select * into m from public.matches x where x.id = p_match_id;
  insert into public.reports (match_id, reporter_user_id, reported_user_id, reason)
  values (m.id, me_id, case when m.user_a = me_id then m.user_b else m.user_a end, p_reason);
  insert into public.domain_events (user_id, event, data)
  values (me_id, 'user.reported', jsonb_build_object('match_id', m.id, 'reason', p_reason));
  return jsonb_build_object('status', 'reported', 'match_id', m.id)
    || public.ended_chat_duration(m.id, me_id);
end
$$;

-- Rates the partner of an ended chat, once per person and chat. Feeds helpfulness.
create or replace function public.rate_chat(p_tg_id bigint, p_match_id uuid, p_score integer)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me_id uuid;
  m public.matches;
  partner_id uuid;
  saved integer;
begin
  if p_score is null or p_score not between 1 and 5 then
    return jsonb_build_object('status', 'invalid_score');
  end if;
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  select * into m from public.matches x where x.id = p_match_id;
  if me_id is null or not found or m.state <> 'ended' or m.started_at is null
     or me_id is distinct from m.user_a and me_id is distinct from m.user_b then
    return jsonb_build_object('status', 'not_found');
  end if;
  partner_id := case when m.user_a = me_id then m.user_b else m.user_a end;
  if partner_id is null then
    return jsonb_build_object('status', 'not_found');
  end if;
  insert into public.ratings (match_id, rater_user_id, rated_user_id, score)
  values (m.id, me_id, partner_id, p_score)
  on conflict (match_id, rater_user_id) do nothing;
  get diagnostics saved = row_count;
  if saved = 0 then
    return jsonb_build_object('status', 'already_rated');
  end if;
  insert into public.domain_events (user_id, event, data)
  values (me_id, 'chat.rated', jsonb_build_object('match_id', m.id, 'score', p_score));
  return jsonb_build_object('status', 'saved');
end
$$;

-- Telegram answered 403 for this user (they blocked the bot).
create or replace function public.mark_user_gone(p_tg_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me_id uuid;
begin
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  if me_id is not null then
    perform public.end_everything_for_user(me_id, 'gone');
  end if;
  return jsonb_build_object('status', 'ok');
end
$$;

revoke execute on function public.finish_chat(uuid, uuid, text, text) from public, anon, authenticated;
revoke execute on function public.withdraw_proposal(uuid, uuid, text) from public, anon, authenticated;
revoke execute on function public.end_everything_for_user(uuid, text) from public, anon, authenticated;
revoke execute on function public.users_before_delete_end_matches() from public, anon, authenticated;
revoke execute on function public.active_match_of(uuid) from public, anon, authenticated;
revoke execute on function public.relay_target(bigint, integer) from public, anon, authenticated;
revoke execute on function public.record_relay(uuid, bigint, integer, integer, text) from public, anon, authenticated;
revoke execute on function public.relayed_copy(bigint, integer) from public, anon, authenticated;
revoke execute on function public.end_chat(bigint, text) from public, anon, authenticated;
revoke execute on function public.block_in_match(uuid, uuid, text) from public, anon, authenticated;
revoke execute on function public.ended_chat_duration(uuid, uuid) from public, anon, authenticated;
revoke execute on function public.block_partner(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.report_partner(bigint, uuid, text) from public, anon, authenticated;
revoke execute on function public.rate_chat(bigint, uuid, integer) from public, anon, authenticated;
revoke execute on function public.mark_user_gone(bigint) from public, anon, authenticated;
grant execute on function public.finish_chat(uuid, uuid, text, text) to service_role;
grant execute on function public.withdraw_proposal(uuid, uuid, text) to service_role;
grant execute on function public.end_everything_for_user(uuid, text) to service_role;
grant execute on function public.active_match_of(uuid) to service_role;
grant execute on function public.relay_target(bigint, integer) to service_role;
grant execute on function public.record_relay(uuid, bigint, integer, integer, text) to service_role;
grant execute on function public.relayed_copy(bigint, integer) to service_role;
grant execute on function public.end_chat(bigint, text) to service_role;
grant execute on function public.block_in_match(uuid, uuid, text) to service_role;
grant execute on function public.ended_chat_duration(uuid, uuid) to service_role;
grant execute on function public.block_partner(bigint, uuid) to service_role;
grant execute on function public.report_partner(bigint, uuid, text) to service_role;
grant execute on function public.rate_chat(bigint, uuid, integer) to service_role;
grant execute on function public.mark_user_gone(bigint) to service_role;
