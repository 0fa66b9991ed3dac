-- Tips for the people who run the service: daily figures (tips paid, Stars, average tip, tip
-- rate: chats that ended that day and were tipped), helpers' balances, the reconciliation with
-- Telegram, and recording a payout made to a helper.

grant select (id, match_id, amount, status, paid_at, refunded_at, recipient_id, recipient_share)
  on public.tips to moderator;
create policy "Moderators can read tips (amounts and status only)" on public.tips
  for select to moderator using (true);

create or replace view admin.daily_metrics with (security_invoker = true) as
with days as (
  select d::date as day
    from generate_series(current_date - 89, current_date, interval '1 day') d
),
events as (
  select e.occurred_at::date as day,
         count(*) filter (where e.event = 'user.registered') as new_users,
         count(*) filter (where e.event = 'onboarding.completed') as completed_profiles,
         count(*) filter (where e.event = 'search.started') as find_requests,
         count(distinct e.user_id) filter (where e.event = 'search.started') as searchers,
         count(*) filter (where e.event = 'user.deleted') as erased_users,
         count(*) filter (where e.event = 'safety.flagged') as safety_flags,
         count(*) filter (where e.event = 'safety.toxic_refused') as toxic_refused,
         count(*) filter (where e.event = 'user.sanctioned') as sanctions
    from public.domain_events e
   where e.occurred_at >= current_date - 89
   group by 1
),
searched_and_proposed as (
  select e.occurred_at::date as day, count(distinct e.user_id) as proposed_searchers
    from public.domain_events e
    join public.matches m
      on m.proposed_at::date = e.occurred_at::date and e.user_id in (m.user_a, m.user_b)
   where e.event = 'search.started' and e.occurred_at >= current_date - 89
   group by 1
),
proposals as (
  select m.proposed_at::date as day,
         count(*) as proposals,
         count(*) filter (where m.started_at is not null) as accepted
    from public.matches m
   where m.proposed_at >= current_date - 89
   group by 1
),
chats as (
  select m.started_at::date as day, count(*) as chats_started
    from public.matches m
   where m.started_at >= current_date - 89
   group by 1
),
durations as (
  select m.ended_at::date as day,
         percentile_cont(0.5) within group (order by extract(epoch from m.ended_at - m.started_at))
           as median_chat_seconds
    from public.matches m
   where m.state = 'ended' and m.started_at is not null and m.ended_at >= current_date - 89
   group by 1
),
reports as (
  select r.created_at::date as day, count(*) as reports
    from public.reports r
   where r.created_at >= current_date - 89
   group by 1
),
tips as (
  select t.paid_at::date as day,
         count(*) as tips_paid,
         sum(t.amount) as tip_stars,
         round(avg(t.amount), 1) as avg_tip,
         count(*) filter (where t.status = 'refunded') as tips_refunded
    from public.tips t
   where t.paid_at >= current_date - 89
   group by 1
),
ended_chats as (
  select m.ended_at::date as day,
         count(*) as chats_ended,
         count(*) filter (
           where exists (select 1 from public.tips t where t.match_id = m.id and t.paid_at is not null)
         ) as chats_tipped
    from public.matches m
   where m.state = 'ended' and m.started_at is not null and m.ended_at >= current_date - 89
   group by 1
)
select d.day,
       coalesce(e.new_users, 0) as new_users,
       coalesce(e.completed_profiles, 0) as completed_profiles,
       coalesce(e.find_requests, 0) as find_requests,
       coalesce(p.proposals, 0) as proposals,
       coalesce(c.chats_started, 0) as chats_started,
       round(coalesce(sp.proposed_searchers, 0)::numeric / nullif(e.searchers, 0), 3) as match_rate,
       round(p.accepted::numeric / nullif(p.proposals, 0), 3) as accept_rate,
       round(du.median_chat_seconds::numeric / 60, 1) as median_chat_minutes,
       coalesce(r.reports, 0) as reports,
       round(r.reports::numeric / nullif(c.chats_started, 0), 3) as report_rate,
       coalesce(e.safety_flags, 0) as safety_flags,
       coalesce(e.toxic_refused, 0) as toxic_refused,
       coalesce(e.sanctions, 0) as sanctions,
       coalesce(e.erased_users, 0) as erased_users,
       coalesce(tp.tips_paid, 0) as tips_paid,
       coalesce(tp.tip_stars, 0) as tip_stars,
       tp.avg_tip,
       round(ec.chats_tipped::numeric / nullif(ec.chats_ended, 0), 3) as tip_rate,
       coalesce(tp.tips_refunded, 0) as tips_refunded
  from days d
  left join events e on e.day = d.day
  left join searched_and_proposed sp on sp.day = d.day
  left join proposals p on p.day = d.day
  left join chats c on c.day = d.day
  left join durations du on du.day = d.day
  left join reports r on r.day = d.day
  left join tips tp on tp.day = d.day
  left join ended_chats ec on ec.day = d.day
 order by d.day desc;

comment on view admin.daily_metrics is
  'Per UTC day, last 90 days: funnel, rates, median chat length, reports, safety, tips.';

-- Each helper's balance in Stars: available (the payers' refund window closed) and pending.
create or replace view admin.tip_balances with (security_invoker = true) as
select l.user_id,
       u.pseudonym,
       coalesce(sum(l.amount) filter (where l.available_at <= now()), 0) as available,
       coalesce(sum(l.amount) filter (where l.available_at > now()), 0) as pending,
       coalesce(sum(l.amount) filter (where l.kind = 'share'), 0) as earned,
       coalesce(-sum(l.amount) filter (where l.kind = 'payout'), 0) as paid_out,
       max(l.created_at) as last_entry_at
  from public.tip_ledger l
  left join public.users u on u.id = l.user_id
 group by l.user_id, u.pseudonym
 order by available desc;
comment on view admin.tip_balances is 'Helpers'' Star balances from the tip ledger (null user: erased profile).';

-- The reconciliations with getStarTransactions and what differed (charge ids and amounts).
create or replace view admin.tip_reconciliation with (security_invoker = true) as
select r.id as reconciliation_id,
       r.ran_at,
       r.telegram_transactions,
       r.ledger_payments,
       r.differences,
       d.charge_id,
       d.kind,
       d.ledger_amount,
       d.telegram_amount
  from public.star_reconciliations r
  left join public.star_reconciliation_differences d on d.reconciliation_id = r.id
 where r.ran_at > now() - interval '90 days'
 order by r.ran_at desc, d.id;
comment on view admin.tip_reconciliation is 'Daily ledger vs Telegram Stars transactions, last 90 days.';

-- Records a payout made to a helper outside the bot (e.g. the owner paid them); it may not
-- exceed the available balance. Audited in domain_events.
create or replace function admin.record_payout(
  p_user_id uuid,
  p_amount integer,
  p_note text default null,
  p_actor text default null
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  available integer;
begin
  if p_amount is null or p_amount <= 0 then
    raise exception 'p_amount must be positive' using errcode = '22023';
  end if;
  perform 1 from public.users u where u.id = p_user_id for update;
  if not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  available := (public.tip_balance_of(p_user_id) ->> 'available')::integer;
  if p_amount > available then
    return jsonb_build_object('status', 'exceeds_balance', 'available', available);
  end if;
  insert into public.tip_ledger (user_id, kind, amount, note, created_by)
  values (p_user_id, 'payout', -p_amount, left(p_note, 200), admin.actor(p_actor));
  insert into public.domain_events (user_id, event, data)
  values (p_user_id, 'tip.payout_recorded', jsonb_build_object('amount', p_amount, 'by', admin.actor(p_actor)));
  return jsonb_build_object('status', 'ok', 'available', available - p_amount);
end
$$;

grant select (id, user_id, tip_id, kind, amount, available_at, note, created_by, created_at)
  on public.tip_ledger to moderator;
grant select on public.star_reconciliations, public.star_reconciliation_differences to moderator;
create policy "Moderators can read the tip ledger" on public.tip_ledger
  for select to moderator using (true);
create policy "Moderators can read reconciliations" on public.star_reconciliations
  for select to moderator using (true);
create policy "Moderators can read reconciliation differences" on public.star_reconciliation_differences
  for select to moderator using (true);

revoke all on admin.tip_balances, admin.tip_reconciliation from public, anon, authenticated;
grant select on admin.daily_metrics, admin.tip_balances, admin.tip_reconciliation
  to service_role, moderator;
-- Paying out is the owner's decision, not a moderator's.
revoke execute on function admin.record_payout(uuid, integer, text, text) from public, anon, authenticated, moderator;
grant execute on function admin.record_payout(uuid, integer, text, text) to service_role;
