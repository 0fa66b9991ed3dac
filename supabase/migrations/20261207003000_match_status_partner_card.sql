-- The Mini App's Home shows a proposal as the bot's card does: match_status() now adds, for a
-- proposal (answered or not), what the partner chose to show — their pseudonym, up to three
-- shared topics (the same three as the bot's card: by both weights, then catalogue order), the
-- first 120 characters of their bio and the time difference. Nothing else about the partner.
create or replace function public.match_status(p_tg_id bigint)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  me public.users;
  m public.matches;
  queued public.match_queue;
  partner public.users;
  card jsonb;
begin
  select u.* into me from public.users u where u.tg_id = p_tg_id;
  if me.id is null then
    return jsonb_build_object('status', 'idle');
  end if;
  select x.* into m
    from public.match_members mm
    join public.matches x on x.id = mm.match_id
   where mm.user_id = me.id;
  if found then
    if m.state = 'active' then
      return jsonb_build_object('status', 'in_chat', 'match_id', m.id);
    end if;
    select u.* into partner
      from public.users u
     where u.id = case when m.user_a = me.id then m.user_b else m.user_a end;
    card := jsonb_build_object(
      'pseudonym', partner.pseudonym,
      'topics', coalesce((
        select jsonb_agg(s.title order by s.rank)
          from (
            select t.title,
                   row_number() over (order by a.weight + b.weight desc, t.sort_order, t.id) as rank
              from public.user_topics a
              join public.user_topics b on b.user_id = partner.id and b.topic_id = a.topic_id
              join public.topics t on t.id = a.topic_id
             where a.user_id = me.id and a.topic_id = any(m.shared_topic_ids)
          ) s
         where s.rank <= 3
      ), '[]'::jsonb),
      'bio', left(partner.bio, 120),
      'time_difference_hours',
        round((partner.utc_offset_minutes - me.utc_offset_minutes) / 60.0, 1)
    );
    if (m.user_a = me.id and m.a_accepted_at is not null)
       or (m.user_b = me.id and m.b_accepted_at is not null) then
      return jsonb_build_object(
        'status', 'waiting_for_partner', 'match_id', m.id, 'expires_at', m.expires_at,
        'partner', card
      );
    end if;
    return jsonb_build_object(
      'status', 'proposed', 'match_id', m.id, 'expires_at', m.expires_at, 'partner', card
    );
  end if;
  select * into queued from public.match_queue q where q.user_id = me.id and q.expires_at > now();
  if found then
    return jsonb_build_object(
      'status', 'searching',
      'waiting_seconds', floor(extract(epoch from now() - queued.enqueued_at))::integer,
      'expires_at', queued.expires_at
    );
  end if;
  return jsonb_build_object('status', 'idle');
end
$$;

revoke execute on function public.match_status(bigint) from public, anon, authenticated;
grant execute on function public.match_status(bigint) to service_role;
