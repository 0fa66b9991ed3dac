import type { Translate } from "../notifications/translate.ts";

const MINUTES_PER_DAY = 24 * 60;

/**
 * A duration as the texts say it after «через», «за» or «ещё» (the accusative): «30 минут»,
 * «1 час», «26 часов», «сутки», «60 дней». The largest unit that keeps the number whole, so
 * 1.5 hours read «90 минут» and never lose their half; minutes are rounded to whole ones. The
 * plural forms are the Fluent ones (Russian plural categories).
 */
export function eventDuration(t: Translate, minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  if (whole === MINUTES_PER_DAY) return t("event-duration-day");
  if (whole > 0 && whole % MINUTES_PER_DAY === 0) {
    return t("event-duration-days", { n: whole / MINUTES_PER_DAY });
  }
  if (whole > 0 && whole % 60 === 0) return t("event-duration-hours", { n: whole / 60 });
  return t("event-duration-minutes", { n: whole });
}

/** The same for a setting in hours (confirm_open_hours, announce_min_hours, …). */
export function eventHours(t: Translate, hours: number): string {
  return eventDuration(t, hours * 60);
}
