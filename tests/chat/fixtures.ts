import type { SqlDb } from "../../shared/db/db.ts";
import type { TestBot } from "../support/harness.ts";
import type { TestUser } from "../support/updates.ts";
import { callbackUpdate, textUpdate, user } from "../support/updates.ts";

export type OnboardedUser = TestUser & { userId: string; pseudonym: string };

/**
 * A user who finished onboarding, written straight into the tables (faster than clicking
 * through /start): rules accepted, adult, a time zone, a pseudonym, topics and preferences.
 * Everyone made here shares the first `topics` catalogue topics, so any two can be paired.
 */
export async function onboardUser(
  db: SqlDb,
  tgId: number,
  options: { pseudonym?: string; firstName?: string; topics?: number; bio?: string } = {},
): Promise<OnboardedUser> {
  const pseudonym = options.pseudonym ?? `Путник${tgId % 10_000}`;
  const [row] = await db.query<{ id: string }>(
    `insert into public.users (tg_id, pseudonym, timezone, utc_offset_minutes, bio,
                               rules_accepted_at, birth_year, onboarding_step,
                               onboarding_completed_at)
     values ($1, $2, 'Europe/Moscow', 180, $3, now(), 1990, 'done', now())
     returning id`,
    [tgId, pseudonym, options.bio ?? "Люблю долгие прогулки и разговоры."],
  );
  const userId = row!.id;
  await db.query(
    `insert into public.user_topics (user_id, topic_id, weight)
     select $1, t.id, case when row_number() over (order by t.id) = 1 then 2 else 1 end
       from public.topics t where t.sensitivity = 1 order by t.id limit $2`,
    [userId, options.topics ?? 3],
  );
  await db.query(
    `insert into public.preferences (user_id, purpose) values ($1, 'support')`,
    [userId],
  );
  return { ...user(tgId, options.firstName ?? "Имярек"), userId, pseudonym };
}

// deno-lint-ignore no-explicit-any
type Payload = Record<string, any>;

/** Callback data of every button in a payload's inline keyboard. */
export function buttonsOf(payload: Payload): string[] {
  const rows: Array<Array<{ callback_data?: string }>> = payload.reply_markup?.inline_keyboard ??
    [];
  return rows.flat().map((b) => b.callback_data ?? "");
}

/** The last message sent to a chat that has a button whose data starts with `prefix`. */
export function lastWithButton(
  telegram: { calls: Array<{ method: string; payload: Payload }> },
  chatId: number,
  prefix: string,
): Payload | undefined {
  return telegram.calls
    .filter((c) =>
      (c.method === "sendMessage" || c.method === "editMessageText") &&
      Number(c.payload.chat_id) === chatId &&
      buttonsOf(c.payload).some((d) => d.startsWith(prefix))
    )
    .at(-1)?.payload;
}

/** The match id of the proposal card last sent to a chat. */
export function proposalMatchId(
  telegram: { calls: Array<{ method: string; payload: Payload }> },
  chatId: number,
): string {
  const card = lastWithButton(telegram, chatId, "m:y:");
  const data = card ? buttonsOf(card).find((d) => d.startsWith("m:y:")) : undefined;
  if (!data) throw new Error(`no proposal card was sent to ${chatId}`);
  return data.slice("m:y:".length);
}

/** Two onboarded users who found each other and both accepted: an active chat. */
export async function startChat(
  h: TestBot,
  tgIds: [number, number],
): Promise<{ anna: OnboardedUser; boris: OnboardedUser; matchId: string }> {
  const anna = await onboardUser(h.db, tgIds[0], { pseudonym: "Сова", firstName: "Анна" });
  const boris = await onboardUser(h.db, tgIds[1], { pseudonym: "Ёж", firstName: "Борис" });
  await h.post(textUpdate(anna, "/find"));
  await h.post(textUpdate(boris, "/find"));
  const matchId = proposalMatchId(h.telegram, anna.id);
  await h.post(callbackUpdate(anna, `m:y:${matchId}`));
  await h.post(callbackUpdate(boris, `m:y:${matchId}`));
  return { anna, boris, matchId };
}
