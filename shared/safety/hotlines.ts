/**
 * Crisis lines by country. Only numbers we are sure are real; each line's name and audience are
 * texts in safety.ftl (`safety-hotline-<key>`), the numbers are data here. 112 works from any
 * mobile phone in all these countries and is always shown.
 */
export interface Hotline {
  /** Fluent key suffix: the name is `safety-hotline-<key>`. */
  key: string;
  /** As people dial it. */
  number: string;
  /** The same line from a mobile phone, when that differs. */
  mobile?: string;
}

export const EMERGENCY_NUMBER = "112";

export const HOTLINES: Readonly<Record<string, readonly Hotline[]>> = {
  RU: [
    { key: "ru-mchs", number: "+7 495 989-50-50" },
    { key: "ru-moscow", number: "051", mobile: "+7 495 051" },
    { key: "ru-children", number: "8-800-2000-122" },
    { key: "ambulance", number: "103" },
  ],
  KZ: [
    { key: "kz-youth", number: "150" },
    { key: "kz-family", number: "111" },
    { key: "ambulance", number: "103" },
  ],
  BY: [
    { key: "by-children", number: "8-801-100-1611" },
    { key: "ambulance", number: "103" },
  ],
  UA: [
    { key: "ua-lifeline", number: "7333" },
    { key: "ambulance", number: "103" },
  ],
  UZ: [{ key: "ambulance", number: "103" }],
  KG: [{ key: "ambulance", number: "103" }],
  AM: [{ key: "ambulance", number: "103" }],
  AZ: [{ key: "ambulance", number: "103" }],
  GE: [],
  MD: [],
};

/** Countries listed when the user's country is unknown (they typed a UTC offset). */
export const FALLBACK_COUNTRIES = ["RU", "KZ", "BY", "UA"] as const;

/** The lines for one country, or null when we know none for it. */
export function hotlinesFor(country: string | null | undefined): readonly Hotline[] | null {
  if (!country) return null;
  return HOTLINES[country] ?? null;
}
