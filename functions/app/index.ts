// Supabase Edge Function: the Mini App's web client (built by `deno task build:app`). Only wiring.
import { parseConfig } from "../../shared/config.ts";
import { createMiniAppHandler } from "../../shared/miniapp/serve.ts";

const config = parseConfig(Deno.env.toObject());
const handle = createMiniAppHandler({
  dist: new URL("../../shared/miniapp/dist/", import.meta.url),
  botUsername: config.telegram.botUsername,
});

Deno.serve((req) => handle(req) ?? new Response("Not found\n", { status: 404 }));
