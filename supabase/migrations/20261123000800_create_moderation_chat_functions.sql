-- The moderators' Telegram group (MODERATION_CHAT_ID): the bot posts a card for each new report
-- and each first high-severity crisis flag in a chat, with buttons for the same decisions as
-- the admin functions. The bot reaches the database only through public functions (PostgREST
-- serves public), so these wrap the admin views and actions. Cards carry pseudonyms, reasons
-- and counts; never Telegram ids or text.

-- The card for the report a user just made in a match.
create or replace function public.moderation_report_card(p_match_id uuid, p_reporter_tg_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select to_jsonb(q)
    from admin.reports_queue q
    join public.reports r on r.id = q.report_id
    join public.users u on u.id = r.reporter_user_id
   where r.match_id = p_match_id and u.tg_id = p_reporter_tg_id
   order by r.id desc
   limit 1
$$;

-- The card for the user's latest crisis flag.
create or replace function public.moderation_flag_card(p_tg_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select to_jsonb(f) - 'user_id' - 'match_id'
    from admin.safety_flags f
    join public.users u on u.id = f.user_id
   where u.tg_id = p_tg_id
   order by f.flag_id desc
   limit 1
$$;

-- A decision from a card's button. p_action: dismissed, warning, mute, temp_ban, ban (on a
-- report) or seen (on a flag). p_actor names the member of the group who pressed it.
create or replace function public.moderation_action(p_action text, p_target_id bigint, p_actor text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
begin
  if p_action = 'seen' then
    return admin.review_flag(p_target_id, null, p_actor);
  end if;
  if p_action in ('dismissed', 'warning', 'mute', 'temp_ban', 'ban') then
    return admin.resolve_report(p_target_id, p_action, null, p_actor);
  end if;
  return jsonb_build_object('status', 'invalid_action');
end
$$;

revoke execute on function public.moderation_report_card(uuid, bigint) from public, anon, authenticated;
revoke execute on function public.moderation_flag_card(bigint) from public, anon, authenticated;
revoke execute on function public.moderation_action(text, bigint, text) from public, anon, authenticated;
grant execute on function public.moderation_report_card(uuid, bigint) to service_role;
grant execute on function public.moderation_flag_card(bigint) to service_role;
grant execute on function public.moderation_action(text, bigint, text) to service_role;
