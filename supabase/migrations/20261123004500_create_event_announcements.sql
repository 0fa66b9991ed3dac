-- Events announced by users: /newevent asks for a title, a short description and the start
-- (local time), step by step with the step kept here (webhooks are stateless), then files the
-- event as `pending`. A moderator approves or rejects it (admin.approve_event, admin.reject_event);
-- only approved events are listed. The author is told either way.

create table public.event_drafts (
  user_id uuid primary key references public.users (id) on delete cascade,
  step text not null check (step in ('title', 'description', 'starts_at', 'confirm')),
  title text check (char_length(title) between 3 and 100),
  description text check (char_length(description) <= 1000),
  starts_at timestamptz,
  updated_at timestamptz not null default now()
);
alter table public.event_drafts enable row level security;
revoke all on public.event_drafts from anon, authenticated;

alter table public.outbox drop constraint outbox_kind_check;
alter table public.outbox add constraint outbox_kind_check check (
  kind in (
    'proposal', 'chat_started', 'proposal_declined', 'proposal_expired', 'search_expired',
    'chat_ended', 'rate_request', 'api_call', 'relay', 'sanction', 'sanction_lifted',
    'tip_receipt', 'tip_received', 'tip_refunded', 'diary_reminder',
    'event_confirm', 'event_released', 'event_promoted', 'event_schedule',
    'event_reminder', 'event_round', 'event_bye', 'event_round_ended', 'event_partner_silent',
    'event_finished', 'event_moderated'
  )
);

-- /newevent: starts (or restarts) the dialog. Refused without a complete profile or while
-- restricted, and when the person already has 3 events waiting for moderation.
create or replace function public.start_event_draft(p_tg_id bigint)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  me public.users;
  restriction jsonb := public.restriction_of(p_tg_id);
begin
  if restriction ->> 'status' = 'restricted' then
    return restriction;
  end if;
  select * into me from public.users u where u.tg_id = p_tg_id;
  if me.id is null or me.onboarding_step <> 'done' then
    return jsonb_build_object('status', 'profile_incomplete');
  end if;
  if (select count(*) from public.events e
       where e.created_by = me.id and e.moderation = 'pending') >= 3 then
    return jsonb_build_object('status', 'too_many_pending');
  end if;
  insert into public.event_drafts (user_id, step) values (me.id, 'title')
  on conflict (user_id) do update
    set step = 'title', title = null, description = null, starts_at = null, updated_at = now();
  return jsonb_build_object('status', 'ok', 'step', 'title');
end
$$;

-- The step the person's draft waits for (null: no draft, or one older than a day).
create or replace function public.event_draft_of(p_tg_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object('step', d.step, 'title', d.title, 'description', d.description,
                            'starts_at', d.starts_at,
                            'utc_offset_minutes', u.utc_offset_minutes)
    from public.users u
    join public.event_drafts d on d.user_id = u.id
   where u.tg_id = p_tg_id and d.updated_at > now() - interval '1 day'
$$;

-- Stores the answer to the step the draft waits for (the bot checked the text for contacts;
-- the lengths and the time are checked here too) and moves on.
create or replace function public.answer_event_draft(
  p_tg_id bigint,
  p_step text,
  p_text text,
  p_starts_at timestamptz default null
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  d public.event_drafts;
begin
  select x.* into d
    from public.event_drafts x join public.users u on u.id = x.user_id
   where u.tg_id = p_tg_id
     for update of x;
  if not found or d.step <> p_step then
    return jsonb_build_object('status', 'stale');
  end if;
  if p_step = 'title' then
    if char_length(coalesce(p_text, '')) not between 3 and 100 then
      return jsonb_build_object('status', 'invalid');
    end if;
    update public.event_drafts set title = p_text, step = 'description', updated_at = now()
     where user_id = d.user_id;
    return jsonb_build_object('status', 'ok', 'step', 'description');
  elsif p_step = 'description' then
    if char_length(coalesce(p_text, '')) > 1000 then
      return jsonb_build_object('status', 'invalid');
    end if;
    update public.event_drafts set description = coalesce(p_text, ''), step = 'starts_at',
           updated_at = now()
     where user_id = d.user_id;
    return jsonb_build_object('status', 'ok', 'step', 'starts_at');
  elsif p_step = 'starts_at' then
    -- Far enough ahead for the confirmation a day before; not more than two months.
    if p_starts_at is null or p_starts_at < now() + interval '26 hours'
       or p_starts_at > now() + interval '60 days' then
      return jsonb_build_object('status', 'invalid');
    end if;
    update public.event_drafts set starts_at = p_starts_at, step = 'confirm', updated_at = now()
     where user_id = d.user_id;
    return jsonb_build_object('status', 'ok', 'step', 'confirm');
  end if;
  return jsonb_build_object('status', 'stale');
end
$$;

-- Files an announcement as a pending event (internal; the text was checked for contacts by the
-- caller): the catalogue topics are the slugs found in its text.
create or replace function public.file_event_announcement(
  p_user public.users,
  p_title text,
  p_description text,
  p_starts_at timestamptz,
  p_topic_slugs jsonb
)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  event uuid;
begin
  insert into public.events (title, description, topic_ids, starts_at, created_by, moderation,
                             age_pool)
  values (
    p_title, coalesce(p_description, ''),
    coalesce((select array_agg(t.id order by t.id) from public.topics t
               where t.slug in (select jsonb_array_elements_text(coalesce(p_topic_slugs, '[]')))
             ), '{}'),
    p_starts_at, p_user.id, 'pending', coalesce(public.age_pool(p_user.birth_year), 'adult')
  )
  returning id into event;
  insert into public.domain_events (user_id, event, data)
  values (p_user.id, 'event.announced', jsonb_build_object('event_id', event));
  return event;
end
$$;

-- The Mini App's announcement in one call: the same rules as /newevent.
create or replace function public.announce_event(
  p_tg_id bigint,
  p_title text,
  p_description text,
  p_starts_at timestamptz,
  p_topic_slugs jsonb default '[]'
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  started jsonb := public.start_event_draft(p_tg_id);
  me public.users;
begin
  if started ->> 'status' <> 'ok' then
    return started;
  end if;
  select * into me from public.users u where u.tg_id = p_tg_id;
  delete from public.event_drafts where user_id = me.id;
  if char_length(coalesce(p_title, '')) not between 3 and 100
     or char_length(coalesce(p_description, '')) > 1000
     or p_starts_at is null or p_starts_at < now() + interval '26 hours'
     or p_starts_at > now() + interval '60 days' then
    return jsonb_build_object('status', 'invalid');
  end if;
  return jsonb_build_object('status', 'pending', 'event_id',
    public.file_event_announcement(me, p_title, p_description, p_starts_at, p_topic_slugs));
end
$$;

-- «Отправить на проверку»: files the event as pending (topics: the catalogue slugs the bot found
-- in the title and description) and drops the draft. «Отменить» drops it.
create or replace function public.submit_event_draft(p_tg_id bigint, p_topic_slugs jsonb default '[]')
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  d public.event_drafts;
  me public.users;
  event uuid;
begin
  select * into me from public.users u where u.tg_id = p_tg_id;
  select * into d from public.event_drafts x where x.user_id = me.id for update;
  if not found or d.step <> 'confirm' then
    return jsonb_build_object('status', 'stale');
  end if;
  event := public.file_event_announcement(me, d.title, d.description, d.starts_at, p_topic_slugs);
  delete from public.event_drafts where user_id = me.id;
  return jsonb_build_object('status', 'pending', 'event_id', event);
end
$$;

create or replace function public.cancel_event_draft(p_tg_id bigint)
returns jsonb
language sql
security definer
set search_path = ''
as $$
  with gone as (
    delete from public.event_drafts d
     using public.users u
     where u.id = d.user_id and u.tg_id = p_tg_id
    returning d.user_id
  )
  select jsonb_build_object('status', case when exists (select 1 from gone) then 'cancelled'
                                           else 'stale' end)
$$;

-- One event for the Mini App: approved ones of the person's age pool, or their own announcement.
create or replace function public.event_details(p_tg_id bigint, p_event_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((
    select jsonb_build_object('status', 'ok', 'event',
             public.event_card(e, u.id) || jsonb_build_object('moderation', e.moderation))
      from public.users u, public.events e
     where u.tg_id = p_tg_id and e.id = p_event_id
       and ((e.moderation = 'approved' and e.age_pool = public.age_pool(u.birth_year))
            or e.created_by = u.id)
  ), jsonb_build_object('status', 'not_found'))
$$;

-- Moderation: events users announced, oldest first.
create or replace view admin.pending_events with (security_invoker = true) as
select e.id as event_id, e.title, e.description, e.starts_at, e.capacity, e.created_at,
       e.created_by as author_user_id
  from public.events e
 where e.moderation = 'pending'
 order by e.created_at;
revoke all on admin.pending_events from public, anon, authenticated;
grant select on admin.pending_events to service_role, moderator;

create or replace function admin.moderate_event(
  p_event_id uuid,
  p_approve boolean,
  p_note text default null,
  p_actor text default null
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  ev public.events;
begin
  update public.events
     set moderation = case when p_approve then 'approved' else 'rejected' end,
         state = case when p_approve then state else 'cancelled' end,
         updated_at = now()
   where id = p_event_id and moderation = 'pending'
  returning * into ev;
  if not found then
    return jsonb_build_object('status', 'not_pending');
  end if;
  if ev.created_by is not null then
    perform public.outbox_push(ev.created_by, 'event_moderated', jsonb_build_object(
      'event_id', ev.id, 'title', ev.title, 'approved', p_approve));
  end if;
  insert into public.domain_events (event, data)
  values ('event.moderated', jsonb_build_object(
    'event_id', ev.id, 'approved', p_approve, 'actor', admin.actor(p_actor),
    'note', left(coalesce(p_note, ''), 200)));
  return jsonb_build_object('status', case when p_approve then 'approved' else 'rejected' end);
end
$$;

create or replace function admin.approve_event(p_event_id uuid, p_actor text default null)
returns jsonb
language sql
security definer
set search_path = ''
as $$
  select admin.moderate_event(p_event_id, true, null, p_actor)
$$;

create or replace function admin.reject_event(
  p_event_id uuid,
  p_note text default null,
  p_actor text default null
)
returns jsonb
language sql
security definer
set search_path = ''
as $$
  select admin.moderate_event(p_event_id, false, p_note, p_actor)
$$;

revoke execute on function public.start_event_draft(bigint) from public, anon, authenticated;
revoke execute on function public.event_draft_of(bigint) from public, anon, authenticated;
revoke execute on function public.answer_event_draft(bigint, text, text, timestamptz) from public, anon, authenticated;
revoke execute on function public.submit_event_draft(bigint, jsonb) from public, anon, authenticated;
revoke execute on function public.cancel_event_draft(bigint) from public, anon, authenticated;
revoke execute on function public.file_event_announcement(public.users, text, text, timestamptz, jsonb) from public, anon, authenticated;
revoke execute on function public.announce_event(bigint, text, text, timestamptz, jsonb) from public, anon, authenticated;
revoke execute on function public.event_details(bigint, uuid) from public, anon, authenticated;
revoke execute on function admin.moderate_event(uuid, boolean, text, text) from public, anon, authenticated;
revoke execute on function admin.approve_event(uuid, text) from public, anon, authenticated;
revoke execute on function admin.reject_event(uuid, text, text) from public, anon, authenticated;
grant execute on function public.start_event_draft(bigint) to service_role;
grant execute on function public.event_draft_of(bigint) to service_role;
grant execute on function public.answer_event_draft(bigint, text, text, timestamptz) to service_role;
grant execute on function public.submit_event_draft(bigint, jsonb) to service_role;
grant execute on function public.cancel_event_draft(bigint) to service_role;
grant execute on function public.file_event_announcement(public.users, text, text, timestamptz, jsonb) to service_role;
grant execute on function public.announce_event(bigint, text, text, timestamptz, jsonb) to service_role;
grant execute on function public.event_details(bigint, uuid) to service_role;
grant execute on function admin.moderate_event(uuid, boolean, text, text) to service_role, moderator;
grant execute on function admin.approve_event(uuid, text) to service_role, moderator;
grant execute on function admin.reject_event(uuid, text, text) to service_role, moderator;
