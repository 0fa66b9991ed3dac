// `deno task dev`: the whole product in one local process on the embedded database.
import { ConfigError, parseConfig } from "../config.ts";
import { createJsonLogger } from "../platform/logger.ts";
import { startDevServer } from "./dev_server.ts";
import { ensureMiniAppBuilt } from "../miniapp/build.ts";

const logger = createJsonLogger();
try {
  const config = parseConfig(Deno.env.toObject());
  // The Mini App is built on start when its sources changed since the last build (~1 s).
  const { built } = await ensureMiniAppBuilt();
  if (built) console.log("Mini App built: shared/miniapp/dist/");
  const server = await startDevServer(config, logger);
  console.log(`Ready: ${server.url}/functions/v1/api/health`);
  console.log(`Mini App: ${server.url}/functions/v1/app/ (open it from Telegram; see /app)`);
  const stop = async () => {
    await server.shutdown();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    Deno.exit(2);
  }
  throw error;
}
