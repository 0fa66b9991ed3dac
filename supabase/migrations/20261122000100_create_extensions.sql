-- pgvector for profile embeddings, installed where Supabase keeps extensions.
create extension if not exists vector with schema extensions;
