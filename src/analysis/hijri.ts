import { invalidInput } from '../core/index.js';

/**
 * Hijri dates from Node's own Intl data (the Umm al-Qura calendar, as used in Saudi Arabia),
 * so no table has to be shipped or kept current. Dates are read in UTC, matching the UTC days
 * that trends are counted in. Umm al-Qura is computed, not sighted: local announcements of a
 * month's start can differ by a day, which is why surges look for dates within a few days.
 */

export interface HijriParts {
  year: number;
  month: number;
  day: number;
}

export type HijriLocale = 'en' | 'ar';

// Latin digits are forced so the parts parse as numbers whatever the host's default locale.
const numericFormat = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

const longFormats: Record<HijriLocale, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }),
  ar: new Intl.DateTimeFormat('ar-SA-u-ca-islamic-umalqura-nu-arab', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }),
};

/** Accepts a full ISO time or a bare `YYYY-MM-DD` day (read as UTC midnight). */
function toDate(iso: string): Date {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(ms)) throw invalidInput(`not an ISO date: "${iso}"`);
  return new Date(ms);
}

export function hijriParts(iso: string): HijriParts {
  const parts = numericFormat.formatToParts(toDate(iso));
  const read = (type: string): number => Number.parseInt(parts.find((p) => p.type === type)?.value ?? '', 10);
  // ICU reports the year as `relatedYear` in some versions; fall back to it.
  const year = Number.isNaN(read('year')) ? read('relatedYear') : read('year');
  return { year, month: read('month'), day: read('day') };
}

/**
 * "1 Ramadan 1446 AH" in English (day first, like the Arabic), or the Arabic form exactly as
 * Intl writes it, with Arabic-Indic digits: "١ رمضان ١٤٤٦ هـ".
 */
export function hijriDate(iso: string, locale: HijriLocale = 'en'): string {
  const date = toDate(iso);
  if (locale === 'ar') return longFormats.ar.format(date);
  const parts = longFormats.en.formatToParts(date);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year') || part('relatedYear')} ${part('era') || 'AH'}`;
}
