-- Stores the profile embedding the bot computed from the user's topics and bio.

-- p_embedding is the vector as text, '[0.1, ...]' (384 numbers); p_model names the embedder.
create or replace function public.save_profile_embedding(
  p_tg_id bigint,
  p_embedding text,
  p_model text
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
begin
  select u.id into v_user_id from public.users u where u.tg_id = p_tg_id;
  if v_user_id is null then
    return jsonb_build_object('ok', false, 'reason', 'no_user');
  end if;
  if p_model is null or char_length(p_model) not between 1 and 100 then
    return jsonb_build_object('ok', false, 'reason', 'invalid');
  end if;
  insert into public.profile_embeddings as pe (user_id, embedding, model)
  values (v_user_id, p_embedding::extensions.vector(384), p_model)
  on conflict (user_id) do update
    set embedding = excluded.embedding, model = excluded.model, updated_at = now();
  return jsonb_build_object('ok', true);
end
$$;

revoke execute on function public.save_profile_embedding(bigint, text, text) from public, anon, authenticated;
grant execute on function public.save_profile_embedding(bigint, text, text) to service_role;
