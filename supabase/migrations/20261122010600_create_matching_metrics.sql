-- Counters for the metrics endpoint and dashboards: numbers only, no people.

-- Current queue, proposals and chats, plus totals from the matches table.
create or replace function public.matching_metrics()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'queue_size', (select count(*) from public.match_queue q where q.expires_at > now()),
    'active_chats', count(*) filter (where m.state = 'active'),
    'proposals_pending', count(*) filter (where m.state in ('proposed', 'accepted_by_one')),
    'proposals_total', count(*),
    'accepted_total', count(*) filter (where m.started_at is not null),
    'declined_total', count(*) filter (where m.state = 'declined'),
    'expired_total', count(*) filter (where m.state = 'expired'),
    'chats_ended_total', count(*) filter (where m.state = 'ended')
  )
    from public.matches m
$$;

revoke execute on function public.matching_metrics() from public, anon, authenticated;
grant execute on function public.matching_metrics() to service_role;
