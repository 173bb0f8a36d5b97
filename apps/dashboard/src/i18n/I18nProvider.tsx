import type { LocaleCode } from '@shared/types';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type MessageKey, messages, type PluralBase } from './messages';

export const LOCALES: readonly LocaleCode[] = ['en', 'it', 'es'];
export const LOCALE_NAMES: Readonly<Record<LocaleCode, string>> = {
  en: 'English',
  it: 'Italiano',
  es: 'Español',
};
const STORAGE_KEY = 'gcb.locale';

export type Vars = Record<string, string | number>;

export interface I18n {
  locale: LocaleCode;
  /** BCP 47 tag for `Intl`: the browser's regional variant when it speaks the chosen language. */
  intlLocale: string;
  setLocale: (locale: LocaleCode) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  /** Plural-aware: picks `<base>.one` or `<base>.other` and fills `{count}`. */
  tn: (base: PluralBase, count: number, vars?: Vars) => string;
}

function isLocale(value: unknown): value is LocaleCode {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** The saved choice, else the first browser language we speak, else English. */
export function initialLocale(): LocaleCode {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage can be disabled; the browser language still works.
  }
  for (const tag of browserLanguages()) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

function intlLocaleFor(locale: LocaleCode): string {
  const regional = browserLanguages().find((tag) => tag.toLowerCase().split('-')[0] === locale);
  return regional ?? locale;
}

export function interpolate(template: string, vars: Vars | undefined): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}

export function translator(locale: LocaleCode): Pick<I18n, 't' | 'tn'> {
  const dictionary = messages[locale];
  const t = (key: MessageKey, vars?: Vars) => interpolate(dictionary[key], vars);
  const rules = new Intl.PluralRules(locale);
  const tn = (base: PluralBase, count: number, vars?: Vars) => {
    const form = rules.select(count) === 'one' ? 'one' : 'other';
    return interpolate(dictionary[`${base}.${form}`], { count, ...vars });
  };
  return { t, tn };
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: LocaleCode }) {
  const [locale, setLocaleState] = useState<LocaleCode>(() => fixed ?? initialLocale());
  const setLocale = useCallback((next: LocaleCode) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this visit.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(
    () => ({ locale, intlLocale: intlLocaleFor(locale), setLocale, ...translator(locale) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
