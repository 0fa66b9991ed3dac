import assert from "node:assert/strict";
import type { Update } from "grammy/types";
import type { TestBot } from "../support/harness.ts";
import { callbackUpdate, type TestUser, textUpdate } from "../support/updates.ts";

// deno-lint-ignore no-explicit-any
type Payload = Record<string, any>;

/** Posts an update through the webhook and checks Telegram would get 200. */
export async function send(app: TestBot, update: Update): Promise<void> {
  const response = await app.post(update);
  assert.equal(response.status, 200);
  await response.body?.cancel();
}

export const say = (app: TestBot, from: TestUser, text: string) =>
  send(app, textUpdate(from, text));

export const press = (app: TestBot, from: TestUser, data: string) =>
  send(app, callbackUpdate(from, data));

/** Callback data of every button in a message payload. */
export function buttonsOf(payload: Payload | undefined): string[] {
  const rows: Array<Array<{ callback_data?: string }>> = payload?.reply_markup?.inline_keyboard ??
    [];
  return rows.flat().map((b) => b.callback_data ?? "");
}

/** Button labels of a message payload. */
export function labelsOf(payload: Payload | undefined): string[] {
  const rows: Array<Array<{ text: string }>> = payload?.reply_markup?.inline_keyboard ?? [];
  return rows.flat().map((b) => b.text);
}

/** The last sendMessage / editMessageText to a chat. */
export function lastMessage(app: TestBot, chatId: number): Payload | undefined {
  return app.telegram.calls
    .filter((c) =>
      (c.method === "sendMessage" || c.method === "editMessageText") &&
      Number(c.payload.chat_id) === chatId
    )
    .at(-1)?.payload;
}

/** The text of the last answerCallbackQuery (undefined when it had none). */
export function lastCallbackAnswer(app: TestBot): string | undefined {
  return app.telegram.callsOf("answerCallbackQuery").at(-1)?.payload.text;
}

export interface UserRow {
  id: string;
  onboarding_step: string;
  awaiting_input: string | null;
  pseudonym: string | null;
  birth_year: number | null;
  timezone: string | null;
  utc_offset_minutes: number | null;
  country: string | null;
  bio: string | null;
  rules_accepted_at: Date | null;
  onboarding_completed_at: Date | null;
}

export async function userRow(app: TestBot, tgId: number): Promise<UserRow | undefined> {
  const [row] = await app.db.query<UserRow>("select * from public.users where tg_id = $1", [tgId]);
  return row;
}

export async function topicsOf(app: TestBot, tgId: number): Promise<string[]> {
  const rows = await app.db.query<{ slug: string; weight: number }>(
    `select t.slug, ut.weight from public.user_topics ut
       join public.topics t on t.id = ut.topic_id
       join public.users u on u.id = ut.user_id
      where u.tg_id = $1 order by t.sort_order`,
    [tgId],
  );
  return rows.map((r) => (r.weight === 2 ? `${r.slug}*` : r.slug));
}

/** Clicks through the whole onboarding the way a person would. */
export async function onboard(
  app: TestBot,
  from: TestUser,
  answers: { birthYear?: string; pseudonym: string; bio?: string },
): Promise<void> {
  await say(app, from, "/start");
  await press(app, from, "pr:rules");
  await say(app, from, answers.birthYear ?? "1990");
  await say(app, from, answers.pseudonym);
  await press(app, from, "pr:tz:msk");
  await press(app, from, "pr:tg:experience");
  await press(app, from, "pr:tt:relocation");
  await press(app, from, "pr:tt:burnout");
  await press(app, from, "pr:td");
  await press(app, from, "pr:ti:burnout");
  await press(app, from, "pr:tk");
  if (answers.bio) await say(app, from, answers.bio);
  else await press(app, from, "pr:bio0");
  await press(app, from, "pr:pu:support");
  await press(app, from, "pr:av:any");
  assert.equal((await userRow(app, from.id))?.onboarding_step, "done");
}
