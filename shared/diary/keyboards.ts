import { InlineKeyboard } from "grammy";
import type { Translate } from "../notifications/translate.ts";
import { diaryCallbackData, moodPicks } from "./callbacks.ts";
import type { MoodLabel } from "./mood.ts";

/** Reminder times on offer (local), in minutes of the day. */
export const reminderMinutes = [9 * 60, 13 * 60, 20 * 60, 22 * 60] as const;

/**
 * The diary's main menu: mood picks, «Просто написать», entries, mood, export, reminder, AI
 * analysis and "use my diary to find people".
 */
export function diaryMenu(t: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  moodPicks.filter((pick) => pick.startsWith("scale_")).forEach((pick) =>
    keyboard.text(t(`diary-pick-${pick}`), diaryCallbackData.write(pick))
  );
  keyboard.row();
  moodPicks.filter((pick) => pick.startsWith("feel_")).forEach((pick, index) => {
    keyboard.text(t(`diary-pick-${pick}`), diaryCallbackData.write(pick));
    if (index % 2 === 1) keyboard.row();
  });
  return keyboard.row()
    .text(t("diary-just-write-button"), diaryCallbackData.write(null))
    .row()
    .text(t("diary-list-button"), diaryCallbackData.list(0))
    .text(t("diary-mood-button"), diaryCallbackData.mood())
    .row()
    .text(t("diary-export-button"), diaryCallbackData.export())
    .text(t("diary-reminder-button"), diaryCallbackData.reminderMenu())
    .row()
    .text(t("diary-ai-button"), diaryCallbackData.aiMenu())
    .row()
    .text(t("diary-matching-button"), diaryCallbackData.matchingMenu());
}

/** Reminder times and «Выключить». */
export function reminderTimesKeyboard(t: Translate): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const minute of reminderMinutes) {
    keyboard.text(
      t("diary-reminder-at", { time: formatMinute(minute) }),
      diaryCallbackData.reminder(minute),
    );
  }
  return keyboard.row().text(t("diary-reminder-off-button"), diaryCallbackData.reminder(null));
}

/** Under a reminder: write now, or switch reminders off with one tap. */
export function reminderKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("diary-just-write-button"), diaryCallbackData.write(null))
    .row()
    .text(t("diary-reminder-off-button"), diaryCallbackData.reminder(null));
}

/** How many feelings the answer to an entry names (and offers to take off). */
export const ANSWER_LABELS = 2;

/**
 * Under the answer to an entry: the 5-step scale (one tap sets the entry's mood) and, for each
 * feeling the answer names, «✕ feeling» (one tap takes it off).
 */
export function moodCorrectionKeyboard(
  t: Translate,
  entryId: string,
  labels: ReadonlyArray<{ label: MoodLabel }>,
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  moodPicks.filter((pick) => pick.startsWith("scale_")).forEach((pick, index) =>
    keyboard.text(t(`diary-pick-${pick}`), diaryCallbackData.correct(entryId, index + 1))
  );
  const shown = labels.slice(0, ANSWER_LABELS);
  if (shown.length > 0) keyboard.row();
  for (const { label } of shown) {
    keyboard.text(
      t("diary-correct-drop-button", { label: t(`diary-label-${label}`) }),
      diaryCallbackData.dropLabel(entryId, label),
    );
  }
  return keyboard;
}

/** 540 -> "9:00". */
export function formatMinute(minute: number): string {
  return `${Math.floor(minute / 60)}:${String(minute % 60).padStart(2, "0")}`;
}
