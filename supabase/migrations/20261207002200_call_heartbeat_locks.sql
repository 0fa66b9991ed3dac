-- Heartbeats without lock contention: a heartbeat locks only its own call row unless the partner
-- is stale, and the stale check takes the match lock before touching the call (the order every
-- other way of ending a call uses: match, then call), so a heartbeat and an «Завершить» arriving
-- together can never deadlock.

-- Ends an open call whose side left the room or never came (internal). Reads without locks
-- first; only a stale call locks its match, then is checked again.
create or replace function public.end_stale_call(p_call_id uuid)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  cfg jsonb := public.matching_settings();
  beat interval := make_interval(secs => coalesce((cfg ->> 'call_heartbeat_seconds')::double precision, 15));
  join_wait interval := make_interval(secs => coalesce((cfg ->> 'call_join_seconds')::double precision, 60));
  c public.calls;
  stale uuid;
  attempt integer;
begin
  for attempt in 1..2 loop
    select x.* into c from public.calls x where x.id = p_call_id;
    if not found or c.state not in ('connecting', 'live') then
      return false;
    end if;
    stale := case
      when c.a_seen_at is null and c.connecting_at <= now() - join_wait then c.user_a
      when c.b_seen_at is null and c.connecting_at <= now() - join_wait then c.user_b
      when c.a_seen_at <= now() - beat and (c.b_seen_at is null or c.a_seen_at <= c.b_seen_at) then c.user_a
      when c.b_seen_at <= now() - beat then c.user_b
    end;
    if stale is null then
      return false;
    end if;
    if attempt = 1 then
      -- Stale at first sight: take the match lock and look again (a heartbeat may have come).
      perform 1 from public.matches m where m.id = c.match_id for update;
    end if;
  end loop;
  perform public.finish_chat(c.match_id, stale, 'gone', 'partner_gone');
  insert into public.domain_events (event, data)
  values ('call.timed_out', jsonb_build_object('call_id', c.id));
  return true;
end
$$;

-- The room is open and working: ends the call first if the partner's heartbeat stopped, else
-- keeps it alive and marks it live once media flows (p_connected).
create or replace function public.heartbeat_call(p_tg_id bigint, p_call_id uuid, p_connected boolean)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me_id uuid;
  c public.calls;
begin
  select u.id into me_id from public.users u where u.tg_id = p_tg_id;
  select * into c from public.calls x where x.id = p_call_id;
  if not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  if me_id is null or me_id is distinct from c.user_a and me_id is distinct from c.user_b then
    return jsonb_build_object('status', 'forbidden');
  end if;
  if c.state in ('connecting', 'live') and not public.end_stale_call(c.id) then
    update public.calls x
       set a_seen_at = case when x.user_a = me_id then now() else x.a_seen_at end,
           b_seen_at = case when x.user_b = me_id then now() else x.b_seen_at end,
           state = case when coalesce(p_connected, false) then 'live' else x.state end,
           live_at = case when coalesce(p_connected, false) then coalesce(x.live_at, now())
                          else x.live_at end
     where x.id = c.id and x.state in ('connecting', 'live')
    returning * into c;
    if found and c.state = 'live' and c.live_at = now() then
      insert into public.domain_events (user_id, event, data)
      values (me_id, 'call.live', jsonb_build_object(
        'call_id', c.id,
        'setup_ms', floor(extract(epoch from now() - c.connecting_at) * 1000)::integer
      ));
    end if;
  end if;
  select * into c from public.calls x where x.id = p_call_id;
  return jsonb_build_object('status', 'ok', 'call', public.call_json(c, me_id));
end
$$;

revoke execute on function public.end_stale_call(uuid) from public, anon, authenticated;
revoke execute on function public.heartbeat_call(bigint, uuid, boolean) from public, anon, authenticated;
grant execute on function public.end_stale_call(uuid) to service_role;
grant execute on function public.heartbeat_call(bigint, uuid, boolean) to service_role;
