import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../format/number.ts';
import { en } from './en.ts';
import { zhCN, type Messages } from './zh-CN.ts';

const STORAGE_KEY = 'gz.locale';

function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return LOCALES.find((l) => l === value) ?? 'zh-CN';
  } catch {
    // Storage can be blocked (private mode, strict policies): the default language still works.
    return 'zh-CN';
  }
}

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: Messages };
  }
}

/** The page's language and title follow the UI language (screen readers, browser tabs). */
function applyToDocument(locale: Locale): void {
  document.documentElement.lang = locale;
  document.title = (locale === 'en' ? en : zhCN).app.title;
}

/** Starts i18next with the language the user last chose (zh-CN the first time). */
export function initI18n(): void {
  const lng = storedLocale();
  void i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'zh-CN',
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false }, // React escapes already
    initAsync: false, // the resources are bundled: no reason to render before they are ready
  });
  applyToDocument(lng);
}

/** Switches the UI language and remembers the choice on this device. */
export function changeLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not remembered, but the switch itself still applies
  }
  applyToDocument(locale);
  void i18next.changeLanguage(locale);
}

/** The current locale, re-rendering on a switch. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}
