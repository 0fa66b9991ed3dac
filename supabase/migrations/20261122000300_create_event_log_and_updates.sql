-- The domain event log, update idempotency, failed updates for replay, erasure counts.

create table public.domain_events (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  -- Set to null when the user erases their profile; the event itself stays as an aggregate.
  user_id uuid references public.users (id) on delete set null,
  event text not null check (event ~ '^[a-z_.]+$'),
  -- Ids and enums only: never message content, names or Telegram ids.
  data jsonb not null default '{}'
);

create index domain_events_user_id_idx on public.domain_events (user_id);
create index domain_events_event_idx on public.domain_events (event, occurred_at);

-- Append-only: rows are never deleted and may change only by losing their user reference.
create or replace function public.domain_events_append_only()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and new.user_id is null
     and (new.id, new.occurred_at, new.event, new.data)
         is not distinct from (old.id, old.occurred_at, old.event, old.data) then
    return new;
  end if;
  raise exception 'domain_events is append-only' using errcode = '42501';
end
$$;

create trigger domain_events_append_only
before update or delete on public.domain_events
for each row execute function public.domain_events_append_only();

create table public.processed_updates (
  update_id bigint primary key,
  received_at timestamptz not null default now()
);

create index processed_updates_received_at_idx on public.processed_updates (received_at);

create table public.failed_updates (
  id bigint generated always as identity primary key,
  update_id bigint not null unique,
  -- The raw update is needed to replay it; purged after replay, after 7 days, or on erasure.
  payload jsonb not null,
  tg_user_id bigint,
  error_name text not null,
  failed_at timestamptz not null default now(),
  attempts integer not null default 1,
  replayed_at timestamptz
);

create index failed_updates_pending_idx on public.failed_updates (failed_at) where replayed_at is null;
create index failed_updates_tg_user_id_idx on public.failed_updates (tg_user_id);

create table public.erasure_stats (
  day date primary key,
  erased_users integer not null default 0
);
