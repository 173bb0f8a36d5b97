import { useMemo } from 'react';
import {
  formatDateTime,
  formatDuration,
  formatMinorUnits,
  formatMoney,
  formatRelative,
  formatTime,
  formatWhen,
} from './format';
import { useI18n } from './I18nProvider';

export interface Formatters {
  money: (amount: string, currency: string) => string;
  minor: (minor: number, currency: string) => string;
  dateTime: (iso: string) => string;
  time: (iso: string, seconds?: boolean) => string;
  when: (iso: string) => string;
  relative: (iso: string, now?: number) => string;
  duration: (seconds: number) => string;
}

/** Formatters for the current language and the given restaurant time zone. */
export function useFormat(timeZone: string | null | undefined): Formatters {
  const { intlLocale } = useI18n();
  return useMemo(
    () => ({
      money: (amount, currency) => formatMoney(amount, currency, intlLocale),
      minor: (minor, currency) => formatMinorUnits(minor, currency, intlLocale),
      dateTime: (iso) => formatDateTime(iso, intlLocale, timeZone),
      time: (iso, seconds) => formatTime(iso, intlLocale, timeZone, seconds),
      when: (iso) => formatWhen(iso, intlLocale, timeZone),
      relative: (iso, now) => formatRelative(iso, intlLocale, now),
      duration: (seconds) => formatDuration(seconds, intlLocale),
    }),
    [intlLocale, timeZone],
  );
}
