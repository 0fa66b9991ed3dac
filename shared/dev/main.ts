// `deno task dev`: the whole product in one local process on the embedded database.
import { ConfigError, parseConfig } from "../config.ts";
import { createJsonLogger } from "../platform/logger.ts";
import { startDevServer } from "./dev_server.ts";

const logger = createJsonLogger();
try {
  const server = await startDevServer(parseConfig(Deno.env.toObject()), logger);
  console.log(`Ready: ${server.url}/functions/v1/api/health`);
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
