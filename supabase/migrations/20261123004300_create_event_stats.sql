-- Event analytics: admin.event_stats per event (ids, counts and rates; never content) and the
-- numbers /metrics exposes (event_metrics()).

grant select on public.events, public.event_registrations, public.event_pairs,
  public.event_choices, public.event_mutual_choices, public.chat_stats to moderator;
create policy "Moderators can read events" on public.events for select to moderator using (true);
create policy "Moderators can read event registrations" on public.event_registrations
  for select to moderator using (true);
create policy "Moderators can read event rounds" on public.event_pairs
  for select to moderator using (true);
create policy "Moderators can read event choices" on public.event_choices
  for select to moderator using (true);
create policy "Moderators can read mutual event choices" on public.event_mutual_choices
  for select to moderator using (true);
create policy "Moderators can read chat counts" on public.chat_stats
  for select to moderator using (true);

-- One row per event: registrations by outcome, rounds, meetings, silences (no-shows), choices
-- and the mutual-choice rate, and messages relayed in its rounds.
create or replace view admin.event_stats with (security_invoker = true) as
select e.id as event_id,
       e.title,
       e.state,
       e.moderation,
       e.starts_at,
       e.capacity,
       (select count(*) from public.event_registrations r
         where r.event_id = e.id and r.status in ('registered', 'confirmed')) as registered,
       (select count(*) from public.event_registrations r
         where r.event_id = e.id and r.status = 'confirmed') as confirmed,
       (select count(*) from public.event_registrations r
         where r.event_id = e.id and r.status = 'released') as released,
       (select count(*) from public.event_registrations r
         where r.event_id = e.id and r.status = 'waiting') as waiting,
       (select max(p.round) from public.event_pairs p where p.event_id = e.id) as rounds,
       (select count(*) from public.event_pairs p
         where p.event_id = e.id and p.match_id is not null) as meetings,
       (select count(*) from public.event_pairs p where p.event_id = e.id and p.missed) as missed,
       (select coalesce(sum(cardinality(p.silent)), 0) from public.event_pairs p
         where p.event_id = e.id) as no_shows,
       (select count(*) from public.event_choices c where c.event_id = e.id) as choices,
       (select count(*) from public.event_mutual_choices m where m.event_id = e.id) as mutual,
       round((select count(*) from public.event_mutual_choices m where m.event_id = e.id)::numeric
             / nullif((select count(*) from public.event_pairs p
                        where p.event_id = e.id and p.match_id is not null), 0), 3)
         as mutual_rate,
       (select coalesce(sum(s.messages_total), 0)
          from public.event_pairs p join public.chat_stats s on s.match_id = p.match_id
         where p.event_id = e.id) as messages_relayed
  from public.events e
 order by e.starts_at desc;
comment on view admin.event_stats is
  'Per event: registrations, confirmations, meetings, no-shows, choices, mutual rate, messages (counts only).';

revoke all on admin.event_stats from public, anon, authenticated;
grant select on admin.event_stats to service_role, moderator;

-- The gauges for /metrics.
create or replace function public.event_metrics()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'events_scheduled', (select count(*) from public.events e
                          where e.state in ('not_started', 'reg_confirm', 'ready')
                            and e.moderation = 'approved'),
    'events_running', (select count(*) from public.events e where e.state = 'running'),
    'event_rounds_open', (select count(*) from public.matches m
                           where m.event_id is not null and m.state = 'active'),
    'event_registrations', (select count(*) from public.event_registrations r
                             where r.status in ('registered', 'confirmed', 'waiting')),
    'event_confirmations', (select count(*) from public.event_registrations r
                             where r.status = 'confirmed'),
    'event_no_shows', (select coalesce(sum(cardinality(p.silent)), 0) from public.event_pairs p),
    'event_meetings', (select count(*) from public.event_pairs p where p.match_id is not null),
    'event_mutual_choices', (select count(*) from public.event_mutual_choices),
    'event_messages_relayed', (select coalesce(sum(s.messages_total), 0)
                                 from public.chat_stats s
                                 join public.matches m on m.id = s.match_id
                                where m.event_id is not null)
  )
$$;

revoke execute on function public.event_metrics() from public, anon, authenticated;
grant execute on function public.event_metrics() to service_role;
