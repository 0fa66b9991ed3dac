import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { z } from "zod";

/** The request's JSON body checked against `schema`; 422 naming the first problem otherwise. */
export async function parseJsonBody<T extends z.ZodType>(
  c: Context,
  schema: T,
): Promise<z.output<T>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new HTTPException(422, { message: "body must be JSON" });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HTTPException(422, {
      message: `invalid body: ${issue?.path.join(".") || "body"}: ${issue?.message ?? ""}`,
    });
  }
  return parsed.data;
}
