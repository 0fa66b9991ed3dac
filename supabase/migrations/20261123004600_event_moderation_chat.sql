-- Announced events in the moderators' Telegram group (when MODERATION_CHAT_ID is set): the bot
-- posts a card with «Одобрить» / «Отклонить»; a member's press decides through the same
-- admin.moderate_event, audited with who pressed.

-- The card of a pending event (title, description and start are the author's public text).
create or replace function public.moderation_event_card(p_event_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'event_id', e.id, 'title', e.title, 'description', e.description, 'starts_at', e.starts_at,
    'author_pseudonym', u.pseudonym,
    'author_events', (select count(*) from public.events x where x.created_by = e.created_by)
  )
    from public.events e
    left join public.users u on u.id = e.created_by
   where e.id = p_event_id and e.moderation = 'pending'
$$;

-- A decision from the moderators' group (the bot checked membership).
create or replace function public.moderate_event_from_chat(
  p_event_id uuid,
  p_approve boolean,
  p_actor text
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  result jsonb := admin.moderate_event(p_event_id, p_approve, null, p_actor);
begin
  if result ->> 'status' = 'not_pending' then
    return jsonb_build_object('status', 'already_decided');
  end if;
  return jsonb_build_object('status', 'ok', 'decision', result ->> 'status');
end
$$;

revoke execute on function public.moderation_event_card(uuid) from public, anon, authenticated;
revoke execute on function public.moderate_event_from_chat(uuid, boolean, text) from public, anon, authenticated;
grant execute on function public.moderation_event_card(uuid) to service_role;
grant execute on function public.moderate_event_from_chat(uuid, boolean, text) to service_role;
