import { InlineKeyboard } from "grammy";
import type { Translate } from "../notifications/translate.ts";
import { diaryCallbackData, moodPicks } from "./callbacks.ts";

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

/** 540 -> "9:00". */
export function formatMinute(minute: number): string {
  return `${Math.floor(minute / 60)}:${String(minute % 60).padStart(2, "0")}`;
}
