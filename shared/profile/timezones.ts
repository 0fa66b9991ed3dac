/**
 * Time zones offered as buttons: common RU/CIS cities. The city names are texts
 * (`profile-tz-<code>` in profile.ftl); the rest is data. Offsets are standard time: Kyiv and
 * Chisinau move an hour in summer, which the user can correct by typing an offset.
 */
export interface TimezoneChoice {
  code: string;
  iana: string;
  offsetMinutes: number;
  country: string;
}

export const TIMEZONES: readonly TimezoneChoice[] = [
  { code: "kgd", iana: "Europe/Kaliningrad", offsetMinutes: 120, country: "RU" },
  { code: "msk", iana: "Europe/Moscow", offsetMinutes: 180, country: "RU" },
  { code: "sam", iana: "Europe/Samara", offsetMinutes: 240, country: "RU" },
  { code: "ekb", iana: "Asia/Yekaterinburg", offsetMinutes: 300, country: "RU" },
  { code: "oms", iana: "Asia/Omsk", offsetMinutes: 360, country: "RU" },
  { code: "nsk", iana: "Asia/Novosibirsk", offsetMinutes: 420, country: "RU" },
  { code: "krs", iana: "Asia/Krasnoyarsk", offsetMinutes: 420, country: "RU" },
  { code: "irk", iana: "Asia/Irkutsk", offsetMinutes: 480, country: "RU" },
  { code: "yak", iana: "Asia/Yakutsk", offsetMinutes: 540, country: "RU" },
  { code: "vvo", iana: "Asia/Vladivostok", offsetMinutes: 600, country: "RU" },
  { code: "mag", iana: "Asia/Magadan", offsetMinutes: 660, country: "RU" },
  { code: "kam", iana: "Asia/Kamchatka", offsetMinutes: 720, country: "RU" },
  { code: "msq", iana: "Europe/Minsk", offsetMinutes: 180, country: "BY" },
  { code: "kyv", iana: "Europe/Kyiv", offsetMinutes: 120, country: "UA" },
  { code: "ala", iana: "Asia/Almaty", offsetMinutes: 300, country: "KZ" },
  { code: "tas", iana: "Asia/Tashkent", offsetMinutes: 300, country: "UZ" },
  { code: "fru", iana: "Asia/Bishkek", offsetMinutes: 360, country: "KG" },
  { code: "evn", iana: "Asia/Yerevan", offsetMinutes: 240, country: "AM" },
  { code: "tbs", iana: "Asia/Tbilisi", offsetMinutes: 240, country: "GE" },
  { code: "gyd", iana: "Asia/Baku", offsetMinutes: 240, country: "AZ" },
  { code: "kiv", iana: "Europe/Chisinau", offsetMinutes: 120, country: "MD" },
];

export const TIMEZONE_CODES = TIMEZONES.map((z) => z.code) as [string, ...string[]];

export function timezoneByCode(code: string): TimezoneChoice | undefined {
  return TIMEZONES.find((z) => z.code === code);
}

export function timezoneByIana(iana: string | null | undefined): TimezoneChoice | undefined {
  return TIMEZONES.find((z) => z.iana === iana);
}

/** "UTC+3", "UTC+5:30", "UTC−1", "UTC+0". */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? "−" : "+";
  const abs = Math.abs(minutes);
  const hours = Math.floor(abs / 60);
  const rest = abs % 60;
  return `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, "0")}` : ""}`;
}
