import type { Logger } from "./logger.ts";

/**
 * Wraps an HTTP handler so an error never reaches the runtime's default handler, which prints
 * the error (and whatever it carries, e.g. a request body) to the log: here only the error's
 * class is logged and the caller gets a plain 500.
 */
export function safeHandler(
  logger: Logger,
  handler: (req: Request) => Response | Promise<Response>,
): (req: Request) => Promise<Response> {
  return async (req) => {
    try {
      return await handler(req);
    } catch (error) {
      logger.error("request_failed", {
        path: new URL(req.url).pathname,
        error: error instanceof Error ? error.name : typeof error,
      });
      // The API's error shape; the client shows its own Russian text for "internal".
      return Response.json({ error: { code: "internal", message: "internal error" } }, {
        status: 500,
      });
    }
  };
}
