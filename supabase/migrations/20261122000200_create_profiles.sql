-- Users and everything that makes up a profile: topics, preferences, the profile embedding.

create table public.users (
  id uuid primary key default gen_random_uuid(),
  -- Kept only to send the user messages; never shown to anyone and never logged.
  tg_id bigint not null unique,
  pseudonym text check (char_length(pseudonym) between 2 and 32),
  timezone text check (char_length(timezone) <= 64),
  utc_offset_minutes integer check (utc_offset_minutes between -720 and 840),
  bio text check (char_length(bio) <= 160),
  rules_accepted_at timestamptz,
  country text check (country ~ '^[A-Z]{2}$'),
  birth_year integer check (birth_year between 1900 and 2100),
  gender text check (gender in ('female', 'male', 'other')),
  -- Dialog state lives here because webhooks are stateless.
  onboarding_step text not null default 'rules' check (
    onboarding_step in (
      'rules', 'birth_year', 'pseudonym', 'timezone', 'topics', 'bio', 'purpose',
      'availability', 'done'
    )
  ),
  awaiting_input text check (awaiting_input in ('pseudonym', 'bio', 'timezone', 'birth_year')),
  onboarding_completed_at timestamptz,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now()
);

comment on column public.users.tg_id is 'Telegram user id: only for sending messages to this user.';
comment on column public.users.onboarding_step is 'Next onboarding step; done when the profile is complete.';
comment on column public.users.awaiting_input is 'Which free-text answer the bot waits for while editing a profile.';

create table public.topics (
  id integer generated always as identity primary key,
  slug text not null unique check (slug ~ '^[a-z0-9_]+$'),
  title text not null,
  group_slug text not null,
  group_title text not null,
  -- 1: everyday interest, 2: a painful life experience that needs more care.
  sensitivity smallint not null default 1 check (sensitivity in (1, 2)),
  sort_order integer not null default 0
);

create table public.user_topics (
  user_id uuid not null references public.users (id) on delete cascade,
  topic_id integer not null references public.topics (id) on delete cascade,
  -- 2 marks one of the user's 1-3 most important topics.
  weight smallint not null default 1 check (weight in (1, 2)),
  created_at timestamptz not null default now(),
  primary key (user_id, topic_id)
);

create index user_topics_topic_id_idx on public.user_topics (topic_id);

create table public.preferences (
  user_id uuid primary key references public.users (id) on delete cascade,
  purpose text check (purpose in ('support', 'advice', 'friendship')),
  format text not null default 'chat' check (format in ('chat')),
  -- 1: light topics only, 2: ready to talk about painful experiences too.
  sensitivity_level smallint not null default 2 check (sensitivity_level in (1, 2)),
  -- Local hours (0-23) the user is usually free; empty means "not said".
  available_hours smallint[] not null default '{}' check (
    available_hours <@ array[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]::smallint[]
  ),
  -- The same hours in UTC as a 24-bit mask (bit h = hour h), kept by a trigger for fast matching.
  available_utc_mask integer,
  language text not null default 'ru' check (language ~ '^[a-z]{2}$'),
  updated_at timestamptz not null default now()
);

create table public.profile_embeddings (
  user_id uuid primary key references public.users (id) on delete cascade,
  embedding extensions.vector(384) not null,
  model text not null,
  updated_at timestamptz not null default now()
);

create index profile_embeddings_hnsw_idx on public.profile_embeddings
  using hnsw (embedding extensions.vector_cosine_ops);

-- Converts local available hours to a UTC bit mask using the user's offset (rounded to hours).
create or replace function public.utc_hour_mask(local_hours smallint[], offset_minutes integer)
returns integer
language sql
immutable
set search_path = ''
as $$
  select case
    when coalesce(cardinality(local_hours), 0) = 0 then null
    else (
      select coalesce(sum(distinct (1 << (((h - round(coalesce(offset_minutes, 0) / 60.0)::integer) % 24 + 24) % 24))), 0)::integer
      from unnest(local_hours) as h
    )
  end
$$;

-- Keeps preferences.available_utc_mask in step with the hours and the user's time zone.
create or replace function public.refresh_preferences_utc_mask()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.available_utc_mask := public.utc_hour_mask(
    new.available_hours,
    (select u.utc_offset_minutes from public.users u where u.id = new.user_id)
  );
  return new;
end
$$;

create trigger preferences_utc_mask
before insert or update of available_hours on public.preferences
for each row execute function public.refresh_preferences_utc_mask();

create or replace function public.refresh_user_utc_mask()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  update public.preferences p
     set available_utc_mask = public.utc_hour_mask(p.available_hours, new.utc_offset_minutes)
   where p.user_id = new.id;
  return new;
end
$$;

create trigger users_utc_mask
after update of utc_offset_minutes on public.users
for each row execute function public.refresh_user_utc_mask();
