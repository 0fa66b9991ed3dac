-- Matching, consent and anonymous chat: the tables. State changes only through the functions
-- in the following migrations; the bot never writes these tables directly.

-- Tunable knobs, editable by operators in Supabase Studio.
create table public.matching_config (
  key text primary key check (key ~ '^[a-z_]+$'),
  value double precision not null,
  description text not null
);

insert into public.matching_config (key, value, description)
values
  ('tag_overlap', 0.6, 'Score weight of shared topics (weighted, 0..1).'),
  ('time_overlap', 0.2, 'Score weight of overlapping free hours (0..1, 0.5 when unknown).'),
  ('helpfulness', 0.2, 'Score weight of the ratings the candidate received in 90 days (0..1).'),
  ('embedding_similarity', 0.05, 'Score weight of profile embedding cosine similarity (tie-breaker).'),
  ('queue_ttl_hours', 24, 'How long a search stays in the queue.'),
  ('proposal_ttl_minutes', 5, 'How long both people have to answer a proposal.'),
  ('cooldown_hours', 72, 'Two people are not proposed to each other again for this long.'),
  ('soft_fallback_minutes', 5, 'After this wait the soft experiment arm accepts fewer shared topics.'),
  ('window_tolerance_hours', 3, 'Without free hours, accept a partner free within this many hours of now.'),
  ('min_shared_topics_strict', 2, 'Shared topics required normally.'),
  ('min_shared_topics_soft', 1, 'Shared topics required for the soft arm after the fallback wait.'),
  ('helpfulness_default', 0.5, 'Helpfulness of a user nobody has rated yet.'),
  ('candidate_pool_size', 10, 'Eligible candidates (in queue order) scored per search.'),
  ('candidate_scan_limit', 500, 'Queue rows a tick inspects per person at most (bounds the tick cost).'),
  ('enqueue_scan_limit', 10000, 'Queue rows /find inspects at most: a newcomer is compared with everyone.'),
  ('tick_budget_ms', 1200, 'After this long a tick stops starting exact per-person searches; whoever is left stays due for the next tick.'),
  ('resweep_seconds', 600, 'A tick retries a person who found nobody after 0.5-1 times this (an hour or a cooldown may have changed the answer).')
on conflict (key) do nothing;

-- A/B arms, assigned once per user and experiment.
create table public.experiment_assignments (
  user_id uuid not null references public.users (id) on delete cascade,
  experiment text not null check (experiment ~ '^[a-z_]+$'),
  arm text not null check (arm ~ '^[a-z_]+$'),
  assigned_at timestamptz not null default now(),
  primary key (user_id, experiment)
);

-- People searching for a partner. Matching attributes are copied in at enqueue time so a tick
-- reads one narrow row per person instead of joining the profile tables for every pair.
create table public.match_queue (
  user_id uuid primary key references public.users (id) on delete cascade,
  enqueued_at timestamptz not null default now(),
  expires_at timestamptz not null,
  -- Set when a partner declined or a proposal expired: these people are served first.
  priority boolean not null default false,
  -- Queue order as one sortable number (priority first, then longest waiting), kept by a
  -- trigger, so a search can start its index range scan at any position in line.
  queue_key double precision not null default 0,
  age_pool text not null check (age_pool in ('teen', 'adult')),
  arm text not null check (arm in ('strict', 'soft')),
  -- Bit (topic id mod 1024) set for each topic; top_bits only for weight-2 topics.
  topic_bits bit(1024) not null,
  top_bits bit(1024) not null,
  -- Sum of topic weights (count of topics + count of weight-2 topics).
  topic_weight integer not null check (topic_weight > 0),
  utc_mask integer,
  helpfulness double precision not null,
  -- When this person last looked for a partner and found nobody; null: not yet (re)tried.
  tried_at timestamptz
);

create index match_queue_order_idx on public.match_queue (age_pool, queue_key, user_id);

create or replace function public.match_queue_set_key()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  -- Priority rows sort about 300 years ahead of everyone else.
  new.queue_key := extract(epoch from new.enqueued_at) - case when new.priority then 1e10 else 0 end;
  return new;
end
$$;

create trigger match_queue_set_key
before insert or update of enqueued_at, priority on public.match_queue
for each row execute function public.match_queue_set_key();

revoke execute on function public.match_queue_set_key() from public, anon, authenticated;
create index match_queue_expires_at_idx on public.match_queue (expires_at);

create table public.matches (
  id uuid primary key default gen_random_uuid(),
  -- Set to null when a participant erases their profile; the match stays as an aggregate.
  user_a uuid references public.users (id) on delete set null,
  user_b uuid references public.users (id) on delete set null,
  state text not null default 'proposed' check (
    state in ('proposed', 'accepted_by_one', 'active', 'declined', 'expired', 'ended')
  ),
  a_accepted_at timestamptz,
  b_accepted_at timestamptz,
  proposed_at timestamptz not null default now(),
  expires_at timestamptz not null,
  started_at timestamptz,
  ended_at timestamptz,
  end_reason text check (
    end_reason in ('stop', 'next', 'block', 'report', 'gone', 'deleted', 'decline', 'expire')
  ),
  ended_by uuid references public.users (id) on delete set null,
  score numeric(8, 4),
  shared_topic_ids integer[] not null default '{}',
  check (user_a < user_b)
);

create index matches_user_a_idx on public.matches (user_a);
create index matches_user_b_idx on public.matches (user_b);
-- Only for the foreign key (a profile erasure nulls ended_by); open matches have none.
create index matches_ended_by_idx on public.matches (ended_by) where ended_by is not null;
create index matches_pending_expires_at_idx on public.matches (expires_at)
  where state in ('proposed', 'accepted_by_one');

-- One row per person in an open match (proposed, accepted_by_one, active). The primary key is
-- the last guard that nobody is ever in two open matches, whatever the locking above it does.
create table public.match_members (
  user_id uuid primary key references public.users (id) on delete cascade,
  match_id uuid not null references public.matches (id) on delete cascade
);

create index match_members_match_id_idx on public.match_members (match_id);

-- Message id pairs for replies and edits; deleted when the chat ends. Never any content.
create table public.relay_messages (
  match_id uuid not null references public.matches (id) on delete cascade,
  sender_user_id uuid not null references public.users (id) on delete cascade,
  sender_message_id integer not null,
  receiver_message_id integer not null,
  primary key (match_id, sender_user_id, sender_message_id)
);

create index relay_messages_receiver_idx on public.relay_messages (match_id, receiver_message_id);
create index relay_messages_sender_user_id_idx on public.relay_messages (sender_user_id);

-- Message counts per chat and kind (text, photo, ...): numbers only.
create table public.chat_stats (
  match_id uuid primary key references public.matches (id) on delete cascade,
  messages_total integer not null default 0,
  messages_by_kind jsonb not null default '{}'
);

create table public.ratings (
  id bigint generated always as identity primary key,
  match_id uuid not null references public.matches (id) on delete cascade,
  -- The rating keeps counting for the rated person after the rater erases their profile.
  rater_user_id uuid references public.users (id) on delete set null,
  rated_user_id uuid not null references public.users (id) on delete cascade,
  score smallint not null check (score between 1 and 5),
  created_at timestamptz not null default now(),
  unique (match_id, rater_user_id)
);

create index ratings_rated_user_idx on public.ratings (rated_user_id, created_at);
create index ratings_rater_user_id_idx on public.ratings (rater_user_id);

-- A block is forever (until a profile is erased) and works in both directions for matching.
create table public.blocks (
  blocker_user_id uuid not null references public.users (id) on delete cascade,
  blocked_user_id uuid not null references public.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (blocker_user_id, blocked_user_id),
  check (blocker_user_id <> blocked_user_id)
);

create index blocks_blocked_user_id_idx on public.blocks (blocked_user_id, blocker_user_id);

-- For moderators: who reported whom in which match and why (an enum, no free text).
create table public.reports (
  id bigint generated always as identity primary key,
  match_id uuid references public.matches (id) on delete set null,
  reporter_user_id uuid references public.users (id) on delete set null,
  reported_user_id uuid references public.users (id) on delete set null,
  reason text not null check (reason in ('spam', 'abuse', 'inappropriate', 'minor', 'other')),
  created_at timestamptz not null default now()
);

create index reports_reporter_user_id_idx on public.reports (reporter_user_id);
create index reports_reported_user_id_idx on public.reports (reported_user_id, created_at);
create index reports_match_id_idx on public.reports (match_id);

-- The cooldown after a chat or a decline: the pair is not proposed again until `until`.
create table public.recent_contacts (
  user_low uuid not null references public.users (id) on delete cascade,
  user_high uuid not null references public.users (id) on delete cascade,
  until timestamptz not null,
  primary key (user_low, user_high),
  check (user_low < user_high)
);

create index recent_contacts_user_high_idx on public.recent_contacts (user_high);

alter table public.matching_config enable row level security;
alter table public.experiment_assignments enable row level security;
alter table public.match_queue enable row level security;
alter table public.matches enable row level security;
alter table public.match_members enable row level security;
alter table public.relay_messages enable row level security;
alter table public.chat_stats enable row level security;
alter table public.ratings enable row level security;
alter table public.blocks enable row level security;
alter table public.reports enable row level security;
alter table public.recent_contacts enable row level security;

-- Service only: the bot and the API go through security definer functions.
revoke all on public.matching_config, public.experiment_assignments, public.match_queue,
  public.matches, public.match_members, public.relay_messages, public.chat_stats,
  public.ratings, public.blocks, public.reports, public.recent_contacts
  from anon, authenticated;
