/**
 * A `datetime-local` value («2026-12-24T19:00») read at a UTC offset in minutes (the person's
 * zone from their profile), as an ISO time; the device's own zone when the offset is unknown.
 */
export function inZone(local: string, offsetMinutes: number | null): string {
  if (offsetMinutes === null) return new Date(local).toISOString();
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return new Date(`${local.slice(0, 16)}:00${sign}${hh}:${mm}`).toISOString();
}
