-- An edit made before the relayed copy has gone out (the outbox paces a chat at about one
-- message a second) used to find no copy and was dropped: the partner kept the uncorrected
-- text. Now relayed_copy answers 'pending' while the copy waits in the outbox, the edit is
-- queued as a relay row of its own behind it (same recipient, so it goes out after it), and the
-- partner-side id it edits is looked up right before it is sent, when the copy is delivered.
-- Reply threading is resolved at that moment too: a copy delivered in the same batch, just
-- before, is found.

-- The partner's copy of a message the user sent (to mirror an edit): 'ok' with its id once
-- delivered, 'pending' while it still waits in the outbox, otherwise 'not_found'.
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
  select u.tg_id into partner_tg
    from public.users u
   where u.id = case when m.user_a = me_id then m.user_b else m.user_a end;
  if partner_tg is null then
    return jsonb_build_object('status', 'not_found');
  end if;
  select r.receiver_message_id into copy_id
    from public.relay_messages r
   where r.match_id = m.id and r.sender_user_id = me_id and r.sender_message_id = p_sender_message_id;
  if copy_id is not null then
    return jsonb_build_object(
      'status', 'ok', 'partner_tg_id', partner_tg, 'partner_message_id', copy_id
    );
  end if;
  if exists (
    select 1
      from public.outbox o
     where o.source_user_id = me_id and o.tg_id = partner_tg
       and o.kind = 'relay' and o.status = 'pending'
       and o.payload #>> '{relay,match_id}' = m.id::text
       and o.payload #>> '{relay,sender_message_id}' = p_sender_message_id::text
       and coalesce(o.payload #>> '{relay,edit}', 'false') <> 'true'
  ) then
    return jsonb_build_object('status', 'pending', 'partner_tg_id', partner_tg, 'match_id', m.id);
  end if;
  return jsonb_build_object('status', 'not_found');
end
$$;

-- Right before a send: renews the lease of a claimed row this dispatcher still holds (as
-- renew_outbox_lease; status 'lost' otherwise) and resolves what depends on earlier rows: the
-- recipient-side id a relay replies to, and for a queued edit the id of the copy it edits
-- (null when that copy was never delivered).
create or replace function public.prepare_outbox_send(
  p_id bigint,
  p_attempts integer,
  p_lease_seconds integer default 60
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  row public.outbox;
  relay jsonb;
  target integer;
begin
  update public.outbox
     set next_attempt_at = greatest(
           next_attempt_at,
           now() + make_interval(secs => greatest(coalesce(p_lease_seconds, 60), 1))
         )
   where id = p_id and attempts = p_attempts and status = 'pending'
  returning * into row;
  if not found then
    return jsonb_build_object('status', 'lost');
  end if;
  if row.kind <> 'relay' then
    return jsonb_build_object('status', 'ok');
  end if;
  relay := row.payload -> 'relay';
  if coalesce(relay ->> 'edit', 'false') = 'true' then
    select r.receiver_message_id into target
      from public.relay_messages r
      join public.users u on u.id = r.sender_user_id
     where r.match_id = (relay ->> 'match_id')::uuid
       and u.tg_id = (relay ->> 'sender_tg_id')::bigint
       and r.sender_message_id = (relay ->> 'sender_message_id')::integer;
    return jsonb_build_object('status', 'ok', 'edit_message_id', target);
  end if;
  return jsonb_build_object(
    'status', 'ok', 'reply_to_message_id', public.relay_reply_target(relay)
  );
end
$$;

revoke execute on function public.relayed_copy(bigint, integer) from public, anon, authenticated;
revoke execute on function public.prepare_outbox_send(bigint, integer, integer) from public, anon, authenticated;
grant execute on function public.relayed_copy(bigint, integer) to service_role;
grant execute on function public.prepare_outbox_send(bigint, integer, integer) to service_role;
