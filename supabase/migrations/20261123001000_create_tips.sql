-- Tips in Telegram Stars (XTR). A tip is offered for a chat that ended well; the tipper pays an
-- invoice whose payload is the id of a pending `tips` row; each successful payment is one
-- `tip_payments` row keyed by Telegram's charge id (so a replayed or concurrent update credits
-- nothing twice); the recipient's share goes to `tip_ledger`, their balance. Payments that
-- cannot be credited (unknown, expired or already paid tip, wrong payer, tampered amount) are
-- refunded with refundStarPayment, retried by the dispatcher beat.

create table public.payments_config (
  id boolean primary key default true check (id),
  -- The platform's share of each tip, in percent (rounded half up to whole Stars).
  commission_percent numeric(5, 2) not null default 10
    check (commission_percent >= 0 and commission_percent < 100),
  preset_amounts integer[] not null default '{10,50,100}',
  min_amount integer not null default 1 check (min_amount >= 1),
  -- Telegram accepts up to 10000 Stars per invoice; a tip this size is a mistake more often.
  max_amount integer not null default 2500 check (max_amount between 1 and 10000),
  -- How long after a chat ended its partner can still be tipped.
  offer_days integer not null default 7 check (offer_days between 1 and 90),
  -- How long an invoice (a pending tip) can be paid.
  invoice_hours integer not null default 24 check (invoice_hours between 1 and 720),
  -- The payer may ask for a refund this long after paying; until then the recipient's share
  -- is pending, not available for payout.
  refund_hours integer not null default 48 check (refund_hours between 0 and 720),
  -- A payer may hold this many unpaid invoices at once.
  max_pending_per_payer integer not null default 10 check (max_pending_per_payer >= 1),
  updated_at timestamptz not null default now()
);
insert into public.payments_config default values;

create table public.tips (
  id uuid primary key default gen_random_uuid(),
  match_id uuid references public.matches (id) on delete set null,
  payer_id uuid references public.users (id) on delete set null,
  recipient_id uuid references public.users (id) on delete set null,
  amount integer not null check (amount > 0),
  currency text not null default 'XTR' check (currency = 'XTR'),
  commission_percent numeric(5, 2) not null,
  platform_commission integer not null check (platform_commission >= 0),
  recipient_share integer not null check (recipient_share >= 0),
  -- Telegram takes no fee from a Stars payment to a bot (stores take theirs when people buy
  -- Stars; Fragment's rate applies at withdrawal): 0, kept for other currencies.
  provider_fee integer not null default 0 check (provider_fee >= 0),
  status text not null default 'pending'
    check (status in ('pending', 'paid', 'refunding', 'refunded', 'expired')),
  source text not null default 'bot' check (source in ('bot', 'api')),
  charge_id text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  paid_at timestamptz,
  refunded_at timestamptz,
  check (platform_commission + recipient_share + provider_fee = amount)
);
create index tips_match_id_idx on public.tips (match_id);
create index tips_payer_id_idx on public.tips (payer_id, created_at desc);
create index tips_recipient_id_idx on public.tips (recipient_id);
create index tips_paid_at_idx on public.tips (paid_at) where paid_at is not null;

create table public.tip_payments (
  telegram_payment_charge_id text primary key check (length(telegram_payment_charge_id) <= 256),
  tip_id uuid references public.tips (id) on delete set null,
  -- Kept for refunds; cleared when the payer erases their profile and nothing is owed.
  payer_tg_id bigint,
  amount integer not null,
  currency text not null,
  invoice_payload text not null check (length(invoice_payload) <= 128),
  outcome text not null check (outcome in ('credited', 'refund')),
  refund_reason text check (
    refund_reason in (
      'unknown_tip', 'wrong_payer', 'already_paid', 'expired', 'mismatch', 'recipient_gone',
      'payer_request'
    )
  ),
  refund_status text check (refund_status in ('pending', 'done', 'failed')),
  refund_attempts integer not null default 0,
  refund_next_at timestamptz,
  refunded_at timestamptz,
  received_at timestamptz not null default now(),
  check ((outcome = 'refund') <= (refund_reason is not null))
);
create index tip_payments_tip_id_idx on public.tip_payments (tip_id);
create index tip_payments_refund_due_idx on public.tip_payments (refund_next_at)
  where refund_status = 'pending';

-- The helpers' balances: + a credited share, - a share taken back by a refund, - a payout.
create table public.tip_ledger (
  id bigint generated always as identity primary key,
  user_id uuid references public.users (id) on delete set null,
  tip_id uuid references public.tips (id) on delete set null,
  kind text not null check (kind in ('share', 'refund', 'payout')),
  amount integer not null check (amount <> 0),
  -- A share becomes available for payout when the payer's refund window closes.
  available_at timestamptz not null default now(),
  note text check (length(note) <= 200),
  created_by text not null default 'bot',
  created_at timestamptz not null default now()
);
create index tip_ledger_user_id_idx on public.tip_ledger (user_id);
create index tip_ledger_tip_id_idx on public.tip_ledger (tip_id);

-- "Other amount": the next number the user types is the tip for this chat (10 minutes).
create table public.tip_drafts (
  user_id uuid primary key references public.users (id) on delete cascade,
  match_id uuid not null references public.matches (id) on delete cascade,
  expires_at timestamptz not null
);
create index tip_drafts_match_id_idx on public.tip_drafts (match_id);

-- The daily comparison of the ledger with Telegram's getStarTransactions.
create table public.star_reconciliations (
  id bigint generated always as identity primary key,
  ran_at timestamptz not null default now(),
  telegram_transactions integer not null,
  ledger_payments integer not null,
  differences integer not null
);
create table public.star_reconciliation_differences (
  id bigint generated always as identity primary key,
  reconciliation_id bigint not null references public.star_reconciliations (id) on delete cascade,
  charge_id text not null,
  kind text not null check (
    kind in ('missing_in_ledger', 'missing_at_telegram', 'amount_differs', 'refund_missing_at_telegram', 'refund_not_in_ledger')
  ),
  ledger_amount integer,
  telegram_amount integer
);
create index star_reconciliation_differences_run_idx
  on public.star_reconciliation_differences (reconciliation_id);

alter table public.outbox drop constraint outbox_kind_check;
alter table public.outbox add constraint outbox_kind_check check (
  kind in (
    'proposal', 'chat_started', 'proposal_declined', 'proposal_expired', 'search_expired',
    'chat_ended', 'rate_request', 'api_call', 'relay', 'sanction', 'sanction_lifted',
    'tip_receipt', 'tip_received', 'tip_refunded'
  )
);

alter table public.payments_config enable row level security;
alter table public.tips enable row level security;
alter table public.tip_payments enable row level security;
alter table public.tip_ledger enable row level security;
alter table public.tip_drafts enable row level security;
alter table public.star_reconciliations enable row level security;
alter table public.star_reconciliation_differences enable row level security;
revoke all on public.payments_config, public.tips, public.tip_payments, public.tip_ledger,
  public.tip_drafts, public.star_reconciliations, public.star_reconciliation_differences
  from anon, authenticated;

-- The tip's split: commission rounded half up, the rest to the recipient.
create or replace function public.tip_split(p_amount integer, p_percent numeric)
returns table (platform_commission integer, recipient_share integer)
language sql
immutable
set search_path = ''
as $$
  select c, p_amount - c
    from (select least(p_amount, round(p_amount * p_percent / 100)::integer) as c) x
$$;

-- A user's balance: available (refund window closed) and pending shares, in Stars.
create or replace function public.tip_balance_of(p_user_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'available', coalesce(sum(l.amount) filter (where l.available_at <= now()), 0),
    'pending', coalesce(sum(l.amount) filter (where l.available_at > now()), 0),
    'earned', coalesce(sum(l.amount) filter (where l.kind = 'share'), 0),
    'paid_out', coalesce(-sum(l.amount) filter (where l.kind = 'payout'), 0)
  )
    from public.tip_ledger l
   where l.user_id = p_user_id
$$;

-- Whether p_user may tip the partner of p_match_id now; answers the partner and the match.
create or replace function public.tip_target(p_user_id uuid, p_match_id uuid)
returns table (status text, recipient_id uuid, recipient_pseudonym text)
language plpgsql
stable
set search_path = ''
as $$
declare
  m public.matches;
  cfg public.payments_config;
  partner uuid;
begin
  select * into cfg from public.payments_config where id;
  select * into m from public.matches x where x.id = p_match_id;
  if not found or m.started_at is null or p_user_id is null
     or p_user_id is distinct from m.user_a and p_user_id is distinct from m.user_b then
    return query select 'not_found'::text, null::uuid, null::text;
    return;
  end if;
  if m.state <> 'ended' then
    return query select 'chat_active'::text, null::uuid, null::text;
    return;
  end if;
  -- A chat that ended with a report, a block or a sanction is not one to thank for.
  if m.end_reason in ('report', 'block', 'sanction')
     or m.ended_at < now() - make_interval(days => cfg.offer_days) then
    return query select 'not_available'::text, null::uuid, null::text;
    return;
  end if;
  partner := case when m.user_a = p_user_id then m.user_b else m.user_a end;
  if partner is null or not exists (select 1 from public.users u where u.id = partner) then
    return query select 'recipient_gone'::text, null::uuid, null::text;
    return;
  end if;
  return query
    select 'ok'::text, u.id, u.pseudonym from public.users u where u.id = partner;
end
$$;

-- What the tip picker shows: the partner's pseudonym, amounts and the commission.
create or replace function public.tip_offer(p_tg_id bigint, p_match_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid;
  target record;
  cfg public.payments_config;
begin
  select * into cfg from public.payments_config where id;
  select u.id into me from public.users u where u.tg_id = p_tg_id;
  select * into target from public.tip_target(me, p_match_id);
  if target.status <> 'ok' then
    return jsonb_build_object('status', target.status);
  end if;
  return jsonb_build_object(
    'status', 'ok',
    'match_id', p_match_id,
    'recipient_pseudonym', target.recipient_pseudonym,
    'presets', to_jsonb(cfg.preset_amounts),
    'min_amount', cfg.min_amount,
    'max_amount', cfg.max_amount,
    'commission_percent', cfg.commission_percent
  );
end
$$;

-- A pending tip for an invoice. The payload is the tip's id: opaque, nothing personal.
create or replace function public.create_tip(
  p_tg_id bigint,
  p_match_id uuid,
  p_amount integer,
  p_source text default 'bot'
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid;
  target record;
  cfg public.payments_config;
  split record;
  t public.tips;
begin
  select * into cfg from public.payments_config where id;
  select u.id into me from public.users u where u.tg_id = p_tg_id;
  select * into target from public.tip_target(me, p_match_id);
  if target.status <> 'ok' then
    return jsonb_build_object('status', target.status);
  end if;
  if p_amount is null or p_amount not between cfg.min_amount and cfg.max_amount then
    return jsonb_build_object(
      'status', 'invalid_amount', 'min_amount', cfg.min_amount, 'max_amount', cfg.max_amount
    );
  end if;
  -- Old invoices run out; a payer hammering the button does not pile up rows.
  perform 1 from public.users u where u.id = me for update;
  update public.tips x set status = 'expired'
   where x.payer_id = me and x.status = 'pending' and x.expires_at <= now();
  if (select count(*) from public.tips x where x.payer_id = me and x.status = 'pending')
     >= cfg.max_pending_per_payer then
    return jsonb_build_object('status', 'too_many_pending');
  end if;
  select * into split from public.tip_split(p_amount, cfg.commission_percent);
  insert into public.tips (
    match_id, payer_id, recipient_id, amount, commission_percent, platform_commission,
    recipient_share, source, expires_at
  )
  values (
    p_match_id, me, target.recipient_id, p_amount, cfg.commission_percent,
    split.platform_commission, split.recipient_share,
    case when p_source = 'api' then 'api' else 'bot' end,
    now() + make_interval(hours => cfg.invoice_hours)
  )
  returning * into t;
  insert into public.domain_events (user_id, event, data)
  values (me, 'tip.created', jsonb_build_object('tip_id', t.id, 'amount', t.amount));
  return jsonb_build_object(
    'status', 'ok',
    'tip_id', t.id,
    'payload', 'tip:' || t.id::text,
    'amount', t.amount,
    'currency', t.currency,
    'commission_percent', t.commission_percent,
    'platform_commission', t.platform_commission,
    'recipient_share', t.recipient_share,
    'recipient_pseudonym', target.recipient_pseudonym,
    'expires_at', t.expires_at
  );
end
$$;

-- The tip an invoice payload names, or null ("tip:<uuid>" and nothing else).
create or replace function public.tip_id_of_payload(p_payload text)
returns uuid
language sql
immutable
set search_path = ''
as $$
  select case
    when p_payload ~ '^tip:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
    then substr(p_payload, 5)::uuid
  end
$$;

-- Why a payment of p_amount p_currency by p_tg_id for p_payload cannot be accepted, or null.
create or replace function public.tip_payment_problem(
  t public.tips,
  p_tg_id bigint,
  p_amount integer,
  p_currency text,
  p_grace interval
)
returns text
language sql
stable
set search_path = ''
as $$
  select case
    when t.id is null then 'unknown_tip'
    when not exists (select 1 from public.users u where u.id = t.payer_id and u.tg_id = p_tg_id)
      then 'wrong_payer'
    when t.status in ('paid', 'refunding', 'refunded') then 'already_paid'
    when t.status = 'expired' or t.expires_at + p_grace <= now() then 'expired'
    when p_currency is distinct from t.currency or p_amount is distinct from t.amount
      then 'mismatch'
    when t.recipient_id is null then 'recipient_gone'
  end
$$;

-- pre_checkout_query: ok only for this payer's unpaid, unexpired tip at its exact price.
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
  return jsonb_build_object('ok', false, 'reason', problem);
end
$$;

-- successful_payment: one row per charge id. Credits the tip (share to the ledger, receipts
-- to both through the outbox) or, when it cannot be credited, marks the payment for refund.
-- A replay or a concurrent duplicate of the same charge answers 'duplicate' and changes nothing.
create or replace function public.record_tip_payment(
  p_charge_id text,
  p_payload text,
  p_amount integer,
  p_currency text,
  p_payer_tg_id bigint
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  t public.tips;
  cfg public.payments_config;
  problem text;
  inserted integer;
  payer_pseudonym text;
begin
  if p_charge_id is null or btrim(p_charge_id) = '' then
    raise exception 'a payment needs its charge id' using errcode = '22023';
  end if;
  select * into cfg from public.payments_config where id;
  select * into t from public.tips x where x.id = public.tip_id_of_payload(p_payload) for update;
  -- A payment approved at pre-checkout may arrive a little after the invoice ran out.
  problem := public.tip_payment_problem(t, p_payer_tg_id, p_amount, p_currency, interval '1 hour');
  insert into public.tip_payments (
    telegram_payment_charge_id, tip_id, payer_tg_id, amount, currency, invoice_payload, outcome,
    refund_reason, refund_status, refund_next_at
  )
  values (
    p_charge_id, t.id, p_payer_tg_id, p_amount, coalesce(p_currency, ''), left(p_payload, 128),
    case when problem is null then 'credited' else 'refund' end,
    problem,
    case when problem is null then null else 'pending' end,
    case when problem is null then null else now() end
  )
  on conflict (telegram_payment_charge_id) do nothing;
  get diagnostics inserted = row_count;
  if inserted = 0 then
    return jsonb_build_object('status', 'duplicate');
  end if;
  if problem is not null then
    insert into public.domain_events (user_id, event, data)
    values (null, 'tip.payment_refused', jsonb_build_object('tip_id', t.id, 'reason', problem, 'amount', p_amount));
    return jsonb_build_object('status', 'refund', 'reason', problem, 'amount', p_amount);
  end if;
  update public.tips
     set status = 'paid', paid_at = now(), charge_id = p_charge_id
   where id = t.id;
  insert into public.tip_ledger (user_id, tip_id, kind, amount, available_at)
  select t.recipient_id, t.id, 'share', t.recipient_share,
         now() + make_interval(hours => cfg.refund_hours)
   where t.recipient_share > 0;
  select u.pseudonym into payer_pseudonym from public.users u where u.id = t.payer_id;
  perform public.outbox_push(t.payer_id, 'tip_receipt', jsonb_build_object(
    'tip_id', t.id, 'amount', t.amount, 'platform_commission', t.platform_commission,
    'recipient_share', t.recipient_share,
    'recipient_pseudonym', (select u.pseudonym from public.users u where u.id = t.recipient_id),
    'refund_hours', cfg.refund_hours
  ));
  perform public.outbox_push(t.recipient_id, 'tip_received', jsonb_build_object(
    'tip_id', t.id, 'amount', t.amount, 'recipient_share', t.recipient_share,
    'payer_pseudonym', payer_pseudonym,
    'balance', public.tip_balance_of(t.recipient_id)
  ));
  insert into public.domain_events (user_id, event, data)
  values (t.payer_id, 'tip.paid', jsonb_build_object(
    'tip_id', t.id, 'match_id', t.match_id, 'amount', t.amount,
    'platform_commission', t.platform_commission, 'recipient_share', t.recipient_share
  ));
  return jsonb_build_object(
    'status', 'credited', 'tip_id', t.id, 'amount', t.amount,
    'platform_commission', t.platform_commission, 'recipient_share', t.recipient_share
  );
end
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
    returning p.telegram_payment_charge_id, p.payer_tg_id, p.refund_attempts
  )
  select coalesce(jsonb_agg(jsonb_build_object(
           'charge_id', c.telegram_payment_charge_id, 'payer_tg_id', c.payer_tg_id,
           'attempts', c.refund_attempts
         )), '[]'::jsonb)
    into taken
    from claimed c;
  return taken;
end
$$;

-- The outcome of a refundStarPayment call: 'done' (also CHARGE_ALREADY_REFUNDED), 'retry'
-- (backs off; gives up after 8 attempts) or 'failed' (Telegram refused for good). A refund the
-- payer asked for takes the recipient's share back and marks the tip refunded.
create or replace function public.complete_tip_refund(p_charge_id text, p_result text)
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
  select * into p from public.tip_payments x
   where x.telegram_payment_charge_id = p_charge_id for update;
  if not found or p.refund_status is distinct from 'pending' then
    return jsonb_build_object('status', 'not_pending');
  end if;
  if p_result = 'retry' and p.refund_attempts < 8 then
    update public.tip_payments
       set refund_next_at = now() + make_interval(
             secs => least(3600, 30 * power(2, greatest(p.refund_attempts - 1, 0)))
           )
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
    insert into public.tip_ledger (user_id, tip_id, kind, amount)
    select t.recipient_id, t.id, 'refund', -t.recipient_share
     where t.recipient_share > 0;
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

-- /refund: the payer's tips still inside the refund window.
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
   cross join public.payments_config cfg
   where cfg.id and t.status = 'paid'
     and t.paid_at > now() - make_interval(hours => cfg.refund_hours)
$$;

-- The payer asks for a tip back: the payment is queued for refund (made right away by the
-- caller and retried by the beat); the share is taken back once Telegram confirms.
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
  if t.paid_at <= now() - make_interval(hours => cfg.refund_hours) then
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

-- /tips: the user's balance and the recent chats they can still thank.
create or replace function public.tips_overview(p_tg_id bigint)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  me uuid;
  cfg public.payments_config;
begin
  select * into cfg from public.payments_config where id;
  select u.id into me from public.users u where u.tg_id = p_tg_id;
  if me is null then
    return jsonb_build_object('status', 'not_registered');
  end if;
  return jsonb_build_object(
    'status', 'ok',
    'balance', public.tip_balance_of(me),
    'refund_hours', cfg.refund_hours,
    'chats', coalesce((
      select jsonb_agg(jsonb_build_object('match_id', c.id, 'pseudonym', c.pseudonym, 'ended_at', c.ended_at)
                       order by c.ended_at desc)
        from (
          select m.id, p.pseudonym, m.ended_at
            from public.matches m
            join public.users p
              on p.id = case when m.user_a = me then m.user_b else m.user_a end
           where me in (m.user_a, m.user_b)
             and m.state = 'ended' and m.started_at is not null
             and m.end_reason not in ('report', 'block', 'sanction')
             and m.ended_at > now() - make_interval(days => cfg.offer_days)
           order by m.ended_at desc
           limit 5
        ) c
    ), '[]'::jsonb)
  );
end
$$;

-- "Other amount": remember which chat the next typed number is for.
create or replace function public.start_tip_draft(p_tg_id bigint, p_match_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid;
  target record;
  cfg public.payments_config;
begin
  select * into cfg from public.payments_config where id;
  select u.id into me from public.users u where u.tg_id = p_tg_id;
  select * into target from public.tip_target(me, p_match_id);
  if target.status <> 'ok' then
    return jsonb_build_object('status', target.status);
  end if;
  insert into public.tip_drafts (user_id, match_id, expires_at)
  values (me, p_match_id, now() + interval '10 minutes')
  on conflict (user_id) do update set match_id = excluded.match_id, expires_at = excluded.expires_at;
  return jsonb_build_object(
    'status', 'ok', 'min_amount', cfg.min_amount, 'max_amount', cfg.max_amount,
    'recipient_pseudonym', target.recipient_pseudonym
  );
end
$$;

-- The chat a typed amount is for (the draft is used up), or null: no draft, it ran out, or
-- the user is in a chat now (what they type goes to their partner).
create or replace function public.take_tip_draft(p_tg_id bigint)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid;
  taken public.tip_drafts;
begin
  select u.id into me from public.users u where u.tg_id = p_tg_id;
  if me is null or exists (
    select 1 from public.matches m where m.state = 'active' and me in (m.user_a, m.user_b)
  ) then
    return null;
  end if;
  delete from public.tip_drafts d where d.user_id = me returning * into taken;
  if taken.expires_at is null or taken.expires_at <= now() then
    return null;
  end if;
  return taken.match_id;
end
$$;

-- Erasing a profile clears the payer's Telegram id from payments nobody owes a refund on.
create or replace function public.tip_payments_forget_payer_before_delete()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  update public.tip_payments p set payer_tg_id = null
   where p.payer_tg_id = old.tg_id and p.refund_status is distinct from 'pending';
  delete from public.tip_drafts d where d.user_id = old.id;
  return old;
end
$$;

create trigger users_forget_tip_payer_before_delete
before delete on public.users
for each row execute function public.tip_payments_forget_payer_before_delete();

-- The daily reconciliation: p_transactions are Telegram's StarTransaction objects (id, amount,
-- date, source / receiver). Incoming ones are payments (id = charge id), outgoing ones to a
-- user are refunds (id = the refunded charge id). Records the run and its differences.
create or replace function public.record_star_reconciliation(p_transactions jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  run_id bigint;
  found_count integer;
begin
  insert into public.star_reconciliations (telegram_transactions, ledger_payments, differences)
  values (
    jsonb_array_length(coalesce(p_transactions, '[]'::jsonb)),
    (select count(*) from public.tip_payments),
    0
  )
  returning id into run_id;

  with tg as (
    select tx ->> 'id' as charge_id,
           (tx ->> 'amount')::integer as amount,
           (tx -> 'source' ->> 'type') = 'user' as incoming
      from jsonb_array_elements(coalesce(p_transactions, '[]'::jsonb)) tx
     where (tx -> 'source' ->> 'type') = 'user' or (tx -> 'receiver' ->> 'type') = 'user'
  )
  insert into public.star_reconciliation_differences (
    reconciliation_id, charge_id, kind, ledger_amount, telegram_amount
  )
  select run_id, d.charge_id, d.kind, d.ledger_amount, d.telegram_amount
    from (
      select tg.charge_id, 'missing_in_ledger' as kind, null::integer as ledger_amount,
             tg.amount as telegram_amount
        from tg
       where tg.incoming
         and not exists (
           select 1 from public.tip_payments p where p.telegram_payment_charge_id = tg.charge_id
         )
      union all
      select p.telegram_payment_charge_id, 'missing_at_telegram', p.amount, null
        from public.tip_payments p
       -- Telegram lists a payment a moment after it is made.
       where p.received_at < now() - interval '10 minutes'
         and not exists (
           select 1 from tg where tg.incoming and tg.charge_id = p.telegram_payment_charge_id
         )
      union all
      select p.telegram_payment_charge_id, 'amount_differs', p.amount, tg.amount
        from public.tip_payments p
        join tg on tg.incoming and tg.charge_id = p.telegram_payment_charge_id
       where tg.amount <> p.amount
      union all
      select p.telegram_payment_charge_id, 'refund_missing_at_telegram', p.amount, null
        from public.tip_payments p
       where p.refund_status = 'done' and p.refunded_at < now() - interval '10 minutes'
         and not exists (
           select 1 from tg where not tg.incoming and tg.charge_id = p.telegram_payment_charge_id
         )
      union all
      select tg.charge_id, 'refund_not_in_ledger', null, tg.amount
        from tg
       where not tg.incoming
         and not exists (
           select 1 from public.tip_payments p
            where p.telegram_payment_charge_id = tg.charge_id and p.refund_status = 'done'
         )
    ) d;
  get diagnostics found_count = row_count;
  update public.star_reconciliations set differences = found_count where id = run_id;
  return jsonb_build_object('status', 'ok', 'reconciliation_id', run_id, 'differences', found_count);
end
$$;

-- Whether a day has passed since the last reconciliation (the beat runs it once a day).
create or replace function public.star_reconciliation_due()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select not exists (
    select 1 from public.star_reconciliations r where r.ran_at > now() - interval '23 hours'
  )
$$;

-- The settings the bot's texts quote (refund window, commission, limits).
create or replace function public.payments_settings()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'refund_hours', c.refund_hours, 'commission_percent', c.commission_percent,
    'min_amount', c.min_amount, 'max_amount', c.max_amount, 'offer_days', c.offer_days
  )
    from public.payments_config c
   where c.id
$$;

-- Scrape-time tip figures for /metrics.
create or replace function public.tip_metrics()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  with paid as (
    select t.amount, t.match_id, t.paid_at from public.tips t where t.paid_at is not null
       and t.status in ('paid', 'refunding')
  ), recent_chats as (
    select m.id from public.matches m
     where m.state = 'ended' and m.started_at is not null and m.ended_at > now() - interval '30 days'
  )
  select jsonb_build_object(
    'tips_paid', (select count(*) from paid),
    'tip_stars', (select coalesce(sum(amount), 0) from paid),
    'avg_tip', (select coalesce(round(avg(amount), 2), 0) from paid),
    'tips_today', (select count(*) from paid where paid_at >= date_trunc('day', now())),
    'tip_rate', coalesce((
      select round(count(distinct p.match_id)::numeric / nullif(count(distinct c.id), 0), 4)
        from recent_chats c left join paid p on p.match_id = c.id
    ), 0),
    'refunds_pending', (select count(*) from public.tip_payments x where x.refund_status = 'pending')
  )
$$;

revoke execute on function public.tip_split(integer, numeric) from public, anon, authenticated;
revoke execute on function public.tip_balance_of(uuid) from public, anon, authenticated;
revoke execute on function public.tip_target(uuid, uuid) from public, anon, authenticated;
revoke execute on function public.tip_offer(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.create_tip(bigint, uuid, integer, text) from public, anon, authenticated;
revoke execute on function public.tip_id_of_payload(text) from public, anon, authenticated;
revoke execute on function public.tip_payment_problem(public.tips, bigint, integer, text, interval)
  from public, anon, authenticated;
revoke execute on function public.check_tip_checkout(bigint, text, integer, text) from public, anon, authenticated;
revoke execute on function public.record_tip_payment(text, text, integer, text, bigint) from public, anon, authenticated;
revoke execute on function public.claim_tip_refunds(integer) from public, anon, authenticated;
revoke execute on function public.complete_tip_refund(text, text) from public, anon, authenticated;
revoke execute on function public.refundable_tips(bigint) from public, anon, authenticated;
revoke execute on function public.request_tip_refund(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.tips_overview(bigint) from public, anon, authenticated;
revoke execute on function public.start_tip_draft(bigint, uuid) from public, anon, authenticated;
revoke execute on function public.take_tip_draft(bigint) from public, anon, authenticated;
revoke execute on function public.tip_payments_forget_payer_before_delete() from public, anon, authenticated;
revoke execute on function public.record_star_reconciliation(jsonb) from public, anon, authenticated;
revoke execute on function public.star_reconciliation_due() from public, anon, authenticated;
revoke execute on function public.tip_metrics() from public, anon, authenticated;
revoke execute on function public.payments_settings() from public, anon, authenticated;

grant execute on function public.tip_offer(bigint, uuid) to service_role;
grant execute on function public.create_tip(bigint, uuid, integer, text) to service_role;
grant execute on function public.check_tip_checkout(bigint, text, integer, text) to service_role;
grant execute on function public.record_tip_payment(text, text, integer, text, bigint) to service_role;
grant execute on function public.claim_tip_refunds(integer) to service_role;
grant execute on function public.complete_tip_refund(text, text) to service_role;
grant execute on function public.refundable_tips(bigint) to service_role;
grant execute on function public.request_tip_refund(bigint, uuid) to service_role;
grant execute on function public.tips_overview(bigint) to service_role;
grant execute on function public.start_tip_draft(bigint, uuid) to service_role;
grant execute on function public.take_tip_draft(bigint) to service_role;
grant execute on function public.record_star_reconciliation(jsonb) to service_role;
grant execute on function public.star_reconciliation_due() to service_role;
grant execute on function public.tip_metrics() to service_role;
grant execute on function public.payments_settings() to service_role;
