-- Tips, issue 17: the helpers' balances after a refund, refund retries that honour Telegram's
-- retry_after, the helper told when a tip to them is refunded, and a wrong currency told apart
-- at pre-checkout.
--
-- The ledger's invariants, per helper (public.tip_ledger_problems() lists any breach):
--   earned    = the shares of tips that were not refunded (share rows + their reversals)
--   paid_out  = what was paid out (payout rows, negated)
--   pending   = earned shares that cannot be paid out yet: the payer's refund window is open,
--               or a refund is under way
--   available = everything else: earned - paid_out - pending
--   so available + pending = earned - paid_out, and none of the four is ever negative.
-- A reversal ('refund' row) mirrors the share it cancels: same helper, same available_at, so
-- the two cancel out in whichever part of the balance the share is. A tip can be refunded only
-- while its share is pending (and stays pending while the refund is under way), so a refund
-- never takes back Stars that were available, let alone paid out.

-- Reversals written before this fix were available at once while their share was pending.
update public.tip_ledger r
   set available_at = s.available_at
  from public.tip_ledger s
 where r.kind = 'refund' and s.kind = 'share' and s.tip_id = r.tip_id
   and r.available_at <> s.available_at;

-- At most one share and one reversal per tip.
create unique index tip_ledger_one_share_or_refund_per_tip_idx
  on public.tip_ledger (tip_id, kind) where kind in ('share', 'refund');

-- A user's balance in Stars: available, pending, earned (refunded shares excluded), paid out.
create or replace function public.tip_balance_of(p_user_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  with entries as (
    select l.kind,
           l.amount,
           -- Not payable yet: the refund window is open or a refund is under way.
           l.kind <> 'payout'
             and (l.available_at > now() or coalesce(t.status = 'refunding', false)) as held
      from public.tip_ledger l
      left join public.tips t on t.id = l.tip_id
     where l.user_id = p_user_id
  )
  select jsonb_build_object(
    'available', coalesce(sum(e.amount) filter (where not e.held), 0),
    'pending', coalesce(sum(e.amount) filter (where e.held), 0),
    'earned', coalesce(sum(e.amount) filter (where e.kind in ('share', 'refund')), 0),
    'paid_out', coalesce(-sum(e.amount) filter (where e.kind = 'payout'), 0)
  )
    from entries e
$$;

-- Each helper's balance in Stars, by the same rule as public.tip_balance_of.
create or replace view admin.tip_balances with (security_invoker = true) as
select e.user_id,
       u.pseudonym,
       coalesce(sum(e.amount) filter (where not e.held), 0) as available,
       coalesce(sum(e.amount) filter (where e.held), 0) as pending,
       coalesce(sum(e.amount) filter (where e.kind in ('share', 'refund')), 0) as earned,
       coalesce(-sum(e.amount) filter (where e.kind = 'payout'), 0) as paid_out,
       max(e.created_at) as last_entry_at
  from (
    select l.user_id, l.kind, l.amount, l.created_at,
           l.kind <> 'payout'
             and (l.available_at > now() or coalesce(t.status = 'refunding', false)) as held
      from public.tip_ledger l
      left join public.tips t on t.id = l.tip_id
  ) e
  left join public.users u on u.id = e.user_id
 group by e.user_id, u.pseudonym
 order by available desc;
comment on view admin.tip_balances is 'Helpers'' Star balances from the tip ledger (null user: erased profile).';

-- Breaches of the ledger's invariants (see the top of this file): an empty array when healthy.
create or replace function public.tip_ledger_problems()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  with balances as (
    select l.user_id, public.tip_balance_of(l.user_id) as b
      from (select distinct x.user_id from public.tip_ledger x where x.user_id is not null) l
  ), problems as (
    select 'negative_balance' as problem, b.user_id, null::uuid as tip_id
      from balances b
     where (b.b ->> 'available')::integer < 0 or (b.b ->> 'pending')::integer < 0
        or (b.b ->> 'earned')::integer < 0 or (b.b ->> 'paid_out')::integer < 0
    union all
    select 'unbalanced', b.user_id, null
      from balances b
     where (b.b ->> 'available')::integer + (b.b ->> 'pending')::integer
           <> (b.b ->> 'earned')::integer - (b.b ->> 'paid_out')::integer
    union all
    -- A reversal needs its share, with the same helper, amount and available_at.
    select 'unmatched_refund', r.user_id, r.tip_id
      from public.tip_ledger r
     where r.kind = 'refund'
       and not exists (
         select 1 from public.tip_ledger s
          where s.kind = 'share' and s.tip_id = r.tip_id and s.amount = -r.amount
            and s.user_id is not distinct from r.user_id and s.available_at = r.available_at
       )
    union all
    -- Reversed exactly when the tip was refunded; a share only for a tip that was paid.
    select 'status_mismatch', s.user_id, s.tip_id
      from public.tip_ledger s
      join public.tips t on t.id = s.tip_id
     where s.kind = 'share'
       and (t.status not in ('paid', 'refunding', 'refunded')
            or (t.status = 'refunded') <> exists (
              select 1 from public.tip_ledger r where r.kind = 'refund' and r.tip_id = s.tip_id
            ))
  )
  select coalesce(
    jsonb_agg(jsonb_build_object('problem', p.problem, 'user_id', p.user_id, 'tip_id', p.tip_id)),
    '[]'::jsonb
  )
    from problems p
$$;

-- What a claimed refund needs: the payer to give the Stars back to and, for a tip that was
-- credited, what its recipient is told once the refund is made (rendered by the caller).
create or replace function public.tip_refund_claim_json(
  p_charge_id text,
  p_payer_tg_id bigint,
  p_attempts integer,
  p_outcome text,
  p_tip_id uuid
)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'charge_id', p_charge_id,
    'payer_tg_id', p_payer_tg_id,
    'attempts', p_attempts,
    'recipient_notice', (
      select jsonb_build_object(
        'amount', t.amount,
        'share', t.recipient_share,
        'payer_pseudonym', coalesce(payer.pseudonym, '—'),
        'refund_hours', cfg.refund_hours
      )
        from public.tips t
        join public.users r on r.id = t.recipient_id
        left join public.users payer on payer.id = t.payer_id
       cross join public.payments_config cfg
       where p_outcome = 'credited' and t.id = p_tip_id and cfg.id
    )
  )
$$;

-- Refunds to make now (oldest first); each is claimed for 5 minutes so two beats do not race.
create or replace function public.claim_tip_refunds(p_limit integer default 20)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  taken jsonb;
begin
  with picked as (
    select p.telegram_payment_charge_id as charge_id
      from public.tip_payments p
     where p.refund_status = 'pending' and p.refund_next_at <= now()
     order by p.refund_next_at
     limit greatest(least(coalesce(p_limit, 20), 100), 0)
     for update skip locked
  ), claimed as (
    update public.tip_payments p
       set refund_next_at = now() + interval '5 minutes', refund_attempts = p.refund_attempts + 1
      from picked
     where p.telegram_payment_charge_id = picked.charge_id
    returning p.telegram_payment_charge_id, p.payer_tg_id, p.refund_attempts, p.outcome, p.tip_id
  )
  select coalesce(jsonb_agg(public.tip_refund_claim_json(
           c.telegram_payment_charge_id, c.payer_tg_id, c.refund_attempts, c.outcome, c.tip_id
         )), '[]'::jsonb)
    into taken
    from claimed c;
  return taken;
end
$$;

-- The attempt made right away (after /refund, or for a payment that cannot be credited):
-- claimed like the beat's, so the beat does not try the same refund meanwhile and the attempt
-- counts. Null when it is not due (the beat has it, or Telegram asked to wait).
create or replace function public.claim_tip_refund(p_charge_id text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  p public.tip_payments;
begin
  update public.tip_payments x
     set refund_next_at = now() + interval '5 minutes', refund_attempts = x.refund_attempts + 1
   where x.telegram_payment_charge_id = p_charge_id
     and x.refund_status = 'pending' and x.refund_next_at <= now()
  returning x.* into p;
  if not found then
    return null;
  end if;
  return public.tip_refund_claim_json(
    p.telegram_payment_charge_id, p.payer_tg_id, p.refund_attempts, p.outcome, p.tip_id
  );
end
$$;

-- The outcome of a refundStarPayment call: 'done' (also CHARGE_ALREADY_REFUNDED), 'retry'
-- (backs off, never sooner than Telegram's retry_after; gives up after 8 attempts) or 'failed'
-- (Telegram refused for good). A refund the payer asked for reverses the recipient's share,
-- marks the tip refunded and tells the recipient (p_recipient_notice: the text, rendered by the
-- caller from the Fluent files, sent through the outbox).
drop function public.complete_tip_refund(text, text);
create function public.complete_tip_refund(
  p_charge_id text,
  p_result text,
  p_retry_after_seconds integer default null,
  p_recipient_notice text default null
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  p public.tip_payments;
  t public.tips;
begin
  if p_result is null or p_result not in ('done', 'retry', 'failed') then
    raise exception 'invalid refund result' using errcode = '22023';
  end if;
  if p_retry_after_seconds < 0 then
    raise exception 'retry_after cannot be negative' using errcode = '22023';
  end if;
  select * into p from public.tip_payments x
   where x.telegram_payment_charge_id = p_charge_id for update;
  if not found or p.refund_status is distinct from 'pending' then
    return jsonb_build_object('status', 'not_pending');
  end if;
  if p_result = 'retry' and p.refund_attempts < 8 then
    update public.tip_payments
       set refund_next_at = now() + make_interval(secs => greatest(
             least(3600, 30 * power(2, greatest(p.refund_attempts - 1, 0))),
             coalesce(p_retry_after_seconds, 0)
           ))
     where telegram_payment_charge_id = p_charge_id;
    return jsonb_build_object('status', 'retrying');
  end if;
  if p_result <> 'done' then
    update public.tip_payments set refund_status = 'failed', refund_next_at = null
     where telegram_payment_charge_id = p_charge_id;
    -- A refund the payer asked for that Telegram will not make: the tip stays paid.
    update public.tips set status = 'paid' where id = p.tip_id and status = 'refunding';
    insert into public.domain_events (user_id, event, data)
    values (null, 'tip.refund_failed', jsonb_build_object('tip_id', p.tip_id, 'amount', p.amount));
    return jsonb_build_object('status', 'failed');
  end if;
  update public.tip_payments
     set refund_status = 'done', refund_next_at = null, refunded_at = now()
   where telegram_payment_charge_id = p_charge_id;
  if p.outcome = 'credited' then
    update public.tips set status = 'refunded', refunded_at = now()
     where id = p.tip_id
    returning * into t;
    insert into public.tip_ledger (user_id, tip_id, kind, amount, available_at)
    select s.user_id, s.tip_id, 'refund', -s.amount, s.available_at
      from public.tip_ledger s
     where s.tip_id = p.tip_id and s.kind = 'share';
    if p_recipient_notice is not null and btrim(p_recipient_notice) <> '' then
      insert into public.outbox (user_id, tg_id, kind, method, payload)
      select u.id, u.tg_id, 'api_call', 'sendMessage', jsonb_build_object(
               'params', jsonb_build_object('chat_id', u.tg_id, 'text', left(p_recipient_notice, 4096))
             )
        from public.users u
       where u.id = t.recipient_id;
    end if;
  end if;
  if p.payer_tg_id is not null then
    insert into public.outbox (user_id, tg_id, kind, payload)
    select u.id, u.tg_id, 'tip_refunded', jsonb_build_object('amount', p.amount, 'reason', p.refund_reason)
      from public.users u
     where u.tg_id = p.payer_tg_id;
  end if;
  insert into public.domain_events (user_id, event, data)
  values (null, 'tip.refunded', jsonb_build_object('tip_id', p.tip_id, 'amount', p.amount, 'reason', p.refund_reason));
  return jsonb_build_object('status', 'done');
end
$$;

-- Whether the payer may still take tip t back: inside the refund window and before its share
-- became available to the helper (the window may have been longer when it was paid).
create or replace function public.tip_refundable(t public.tips)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select t.status = 'paid'
     and t.paid_at > now() - make_interval(hours => (
       select c.refund_hours from public.payments_config c where c.id
     ))
     and not exists (
       select 1 from public.tip_ledger l
        where l.tip_id = t.id and l.kind = 'share' and l.available_at <= now()
     )
$$;

-- /refund: the payer's tips that can still be taken back.
create or replace function public.refundable_tips(p_tg_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'tip_id', t.id, 'amount', t.amount, 'paid_at', t.paid_at,
           'recipient_pseudonym', coalesce(r.pseudonym, '—')
         ) order by t.paid_at desc), '[]'::jsonb)
    from public.tips t
    join public.users u on u.id = t.payer_id and u.tg_id = p_tg_id
    left join public.users r on r.id = t.recipient_id
   where t.status = 'paid' and public.tip_refundable(t)
$$;

-- The payer asks for a tip back: the payment is queued for refund (made right away by the
-- caller and retried by the beat); the share stays pending until Telegram confirms, then it
-- is reversed.
create or replace function public.request_tip_refund(p_tg_id bigint, p_tip_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  t public.tips;
  cfg public.payments_config;
begin
  select * into cfg from public.payments_config where id;
  select x.* into t
    from public.tips x
    join public.users u on u.id = x.payer_id and u.tg_id = p_tg_id
   where x.id = p_tip_id
   for update of x;
  if not found then
    return jsonb_build_object('status', 'not_found');
  end if;
  if t.status in ('refunding', 'refunded') then
    return jsonb_build_object('status', 'already_refunded');
  end if;
  if t.status <> 'paid' then
    return jsonb_build_object('status', 'not_found');
  end if;
  if not public.tip_refundable(t) then
    return jsonb_build_object('status', 'too_late', 'refund_hours', cfg.refund_hours);
  end if;
  update public.tips set status = 'refunding' where id = t.id;
  update public.tip_payments
     set refund_reason = 'payer_request', refund_status = 'pending', refund_next_at = now()
   where telegram_payment_charge_id = t.charge_id;
  insert into public.domain_events (user_id, event, data)
  values (t.payer_id, 'tip.refund_requested', jsonb_build_object('tip_id', t.id, 'amount', t.amount));
  return jsonb_build_object('status', 'ok', 'charge_id', t.charge_id, 'amount', t.amount);
end
$$;

-- pre_checkout_query: ok only for this payer's unpaid, unexpired tip at its exact price; a
-- payment in another currency than Stars is told apart from a wrong amount.
create or replace function public.check_tip_checkout(
  p_tg_id bigint,
  p_payload text,
  p_amount integer,
  p_currency text
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  t public.tips;
  problem text;
begin
  select * into t from public.tips x where x.id = public.tip_id_of_payload(p_payload);
  problem := public.tip_payment_problem(t, p_tg_id, p_amount, p_currency, interval '0');
  if problem is null then
    return jsonb_build_object('ok', true);
  end if;
  if problem = 'mismatch' and p_currency is distinct from t.currency then
    problem := 'wrong_currency';
  end if;
  return jsonb_build_object('ok', false, 'reason', problem);
end
$$;

revoke execute on function public.tip_balance_of(uuid) from public, anon, authenticated;
revoke execute on function public.tip_ledger_problems() from public, anon, authenticated;
revoke execute on function public.tip_refund_claim_json(text, bigint, integer, text, uuid)
  from public, anon, authenticated;
revoke execute on function public.claim_tip_refunds(integer) from public, anon, authenticated;
revoke execute on function public.claim_tip_refund(text) from public, anon, authenticated;
revoke execute on function public.complete_tip_refund(text, text, integer, text)
  from public, anon, authenticated;
revoke execute on function public.tip_refundable(public.tips) from public, anon, authenticated;
revoke execute on function public.refundable_tips(bigint) from public, anon, authenticated;
revoke execute on function public.request_tip_refund(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.check_tip_checkout(bigint, text, integer, text)
  from public, anon, authenticated;
revoke all on admin.tip_balances from public, anon, authenticated;

grant execute on function public.tip_balance_of(uuid) to service_role;
grant execute on function public.tip_ledger_problems() to service_role;
grant execute on function public.tip_refund_claim_json(text, bigint, integer, text, uuid)
  to service_role;
grant execute on function public.claim_tip_refunds(integer) to service_role;
grant execute on function public.claim_tip_refund(text) to service_role;
grant execute on function public.complete_tip_refund(text, text, integer, text) to service_role;
grant execute on function public.tip_refundable(public.tips) to service_role;
grant execute on function public.refundable_tips(bigint) to service_role;
grant execute on function public.request_tip_refund(bigint, uuid) to service_role;
grant execute on function public.check_tip_checkout(bigint, text, integer, text) to service_role;
grant select on admin.tip_balances to service_role, moderator;
