-- Crisis lines by country, read by /sos and the crisis card. Operators keep them current in
-- Studio: a number is only as good as its last check, so every row says when someone verified
-- it (verified_at) and where it comes from (source). The seeded rows were carried over from the
-- code and have NOT been verified by dialling: the README asks operators to check each one and
-- set verified_at before launch. 112 (country null) is the fallback everywhere.

create table public.hotlines (
  id integer generated always as identity primary key,
  -- ISO 3166-1 alpha-2; null: shown to everyone (the emergency number).
  country text check (country ~ '^[A-Z]{2}$'),
  name text not null check (char_length(name) between 2 and 200),
  phone text not null check (phone ~ '^[0-9+() -]{2,30}$'),
  -- The same line from a mobile phone, when it differs.
  phone_mobile text check (phone_mobile ~ '^[0-9+() -]{2,30}$'),
  url text check (url ~ '^https://'),
  hours text check (char_length(hours) <= 100),
  audience text not null default 'all' check (
    audience in ('all', 'children', 'youth', 'family', 'violence')
  ),
  kind text not null default 'crisis' check (kind in ('crisis', 'emergency', 'medical')),
  sort_order integer not null default 0,
  active boolean not null default true,
  verified_at date,
  source text check (char_length(source) <= 300)
);
create index hotlines_country_idx on public.hotlines (country, sort_order);

alter table public.hotlines enable row level security;
revoke all on public.hotlines from anon, authenticated;

insert into public.hotlines (country, name, phone, phone_mobile, hours, audience, kind, sort_order, source)
values
  (null, 'Единый номер экстренных служб', '112', null, 'круглосуточно', 'all', 'emergency', 0,
   'The emergency number in every country the bot serves; free from any mobile phone.'),
  ('RU', 'Телефон доверия экстренной психологической помощи МЧС', '+7 495 989-50-50', null,
   'круглосуточно', 'all', 'crisis', 10, 'Carried over from the code (2026-11); verify before launch.'),
  ('RU', 'Московская служба психологической помощи', '051', '+7 495 051', 'круглосуточно',
   'all', 'crisis', 20, 'Carried over from the code (2026-11); verify before launch.'),
  ('RU', 'Детский телефон доверия (для подростков и родителей)', '8-800-2000-122', '124',
   'круглосуточно', 'youth', 'crisis', 30,
   'Carried over from the code; the short mobile number 124 per regional news (2025-01). Verify before launch.'),
  ('RU', 'Скорая помощь', '103', null, null, 'all', 'medical', 90, 'The national ambulance number.'),
  ('KZ', 'Телефон доверия для детей и молодёжи', '150', null, null, 'youth', 'crisis', 10,
   'Carried over from the code (2026-11); verify before launch.'),
  ('KZ', 'Контакт-центр по вопросам семьи, женщин и защиты прав детей', '111', null, null,
   'family', 'crisis', 20, 'Carried over from the code (2026-11); verify before launch.'),
  ('KZ', 'Скорая помощь', '103', null, null, 'all', 'medical', 90, 'The national ambulance number.'),
  ('BY', 'Детская телефонная линия', '8-801-100-1611', null, null, 'children', 'crisis', 10,
   'Carried over from the code (2026-11); verify before launch.'),
  ('BY', 'Скорая помощь', '103', null, null, 'all', 'medical', 90, 'The national ambulance number.'),
  ('UA', 'Lifeline Ukraine — линия психологической поддержки и профилактики суицида', '7333', null,
   null, 'all', 'crisis', 10, 'Carried over from the code (2026-11); verify before launch.'),
  ('UA', 'Скорая помощь', '103', null, null, 'all', 'medical', 90, 'The national ambulance number.'),
  ('UZ', 'Скорая помощь', '103', null, null, 'all', 'medical', 90, 'The national ambulance number.'),
  ('KG', 'Скорая помощь', '103', null, null, 'all', 'medical', 90, 'The national ambulance number.'),
  ('AM', 'Скорая помощь', '103', null, null, 'all', 'medical', 90, 'The national ambulance number.'),
  ('AZ', 'Скорая помощь', '103', null, null, 'all', 'medical', 90, 'The national ambulance number.'),
  ('TJ', 'Скорая помощь', '103', null, null, 'all', 'medical', 90, 'The national ambulance number.');

-- The lines for a country (crisis lines first, the ambulance after), without the emergency
-- number, which the card always adds itself.
create or replace function public.hotlines_for(p_country text)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'country', h.country, 'name', h.name, 'phone', h.phone,
           'phone_mobile', h.phone_mobile, 'hours', h.hours, 'url', h.url, 'kind', h.kind,
           'audience', h.audience
         ) order by h.country, h.sort_order, h.id), '[]'::jsonb)
    from public.hotlines h
   where h.active and h.country = p_country
$$;

-- What /sos and the crisis card show: the country's lines, or (country unknown) the lines of
-- the countries most users come from, plus the emergency number.
create or replace function public.sos_card(p_tg_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  with me as (select u.country from public.users u where u.tg_id = p_tg_id)
  select jsonb_build_object(
    'country', (select country from me),
    'lines', case when (select country from me) is not null
                  then public.hotlines_for((select country from me))
                  else (select coalesce(jsonb_agg(l.line order by c.n, l.k), '[]'::jsonb)
                          from unnest(array['RU', 'KZ', 'BY', 'UA']) with ordinality c (code, n)
                          cross join lateral jsonb_array_elements(public.hotlines_for(c.code))
                               with ordinality l (line, k)
                         where l.line ->> 'kind' = 'crisis') end,
    'emergency', (select h.phone from public.hotlines h
                   where h.country is null and h.kind = 'emergency' and h.active
                   order by h.sort_order, h.id limit 1)
  )
$$;

-- Moderators see the list (and may edit it: they are the ones who verify numbers).
grant select, insert, update on public.hotlines to moderator;
create policy "Moderators can keep the crisis lines current" on public.hotlines for all to moderator
  using (true) with check (true);

revoke execute on function public.hotlines_for(text) from public, anon, authenticated;
revoke execute on function public.sos_card(bigint) from public, anon, authenticated;
grant execute on function public.hotlines_for(text) to service_role;
grant execute on function public.sos_card(bigint) to service_role;
