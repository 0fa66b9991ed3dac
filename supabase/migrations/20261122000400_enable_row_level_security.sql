-- Every table has RLS on. anon reads nothing; an authenticated caller (a future Mini App whose
-- JWT `sub` is public.users.id) reads and edits only their own profile rows. The bot itself
-- works through security definer functions.

alter table public.users enable row level security;
alter table public.topics enable row level security;
alter table public.user_topics enable row level security;
alter table public.preferences enable row level security;
alter table public.profile_embeddings enable row level security;
alter table public.domain_events enable row level security;
alter table public.processed_updates enable row level security;
alter table public.failed_updates enable row level security;
alter table public.erasure_stats enable row level security;

create policy "Users can read their own profile"
  on public.users for select to authenticated
  using (id = (select auth.uid()));

create policy "Users can edit their own profile"
  on public.users for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

-- Only the descriptive fields are editable from outside; ids and dialog state are not.
revoke insert, update, delete on public.users from anon, authenticated;
grant update (pseudonym, bio, gender) on public.users to authenticated;

create policy "Signed-in users can read the topic catalogue"
  on public.topics for select to authenticated
  using (true);

create policy "Users can read their own topics"
  on public.user_topics for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Users can add their own topics"
  on public.user_topics for insert to authenticated
  with check (user_id = (select auth.uid()));

create policy "Users can change their own topics"
  on public.user_topics for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

create policy "Users can remove their own topics"
  on public.user_topics for delete to authenticated
  using (user_id = (select auth.uid()));

create policy "Users can read their own preferences"
  on public.preferences for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Users can create their own preferences"
  on public.preferences for insert to authenticated
  with check (user_id = (select auth.uid()));

create policy "Users can edit their own preferences"
  on public.preferences for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

create policy "Users can read their own profile embedding"
  on public.profile_embeddings for select to authenticated
  using (user_id = (select auth.uid()));

-- domain_events, processed_updates, failed_updates, erasure_stats: no policies, service only.
revoke all on public.domain_events, public.processed_updates, public.failed_updates,
  public.erasure_stats from anon, authenticated;
