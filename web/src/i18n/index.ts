import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../format/number.ts';
import { INTERPOLATION } from './translator.ts';
import { type Messages, zhCN } from './zh-CN.ts';

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

/**
 * Each language's dictionary. Chinese, the default, comes with the app (no second request before the first
 * paint); English is a chunk of its own, fetched only by someone who reads English (issue 13).
 */
const LOADERS: Readonly<Record<Locale, () => Promise<Messages>>> = {
  'zh-CN': () => Promise.resolve(zhCN),
  en: () => import('./en.ts').then((m) => m.en),
};

/** Adds a language's dictionary to i18next unless it is there already. */
async function ensureLoaded(locale: Locale): Promise<void> {
  if (i18next.hasResourceBundle(locale, 'translation')) return;
  i18next.addResourceBundle(locale, 'translation', await LOADERS[locale]());
}

/** The page's language and title follow the UI language (screen readers, browser tabs). */
function applyToDocument(locale: Locale): void {
  document.documentElement.lang = locale;
  document.title = i18next.t('app.title');
}

/**
 * Starts i18next with the language the user last chose (zh-CN the first time). Resolves once that language's
 * dictionary is in, so the first render never shows keys: at once for Chinese, after its chunk for English.
 */
export async function initI18n(): Promise<void> {
  const lng = storedLocale();
  void i18next.use(initReactI18next).init({
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    resources: { 'zh-CN': { translation: zhCN } },
    interpolation: INTERPOLATION, // React escapes already
    initAsync: false, // the default dictionary is bundled: no reason to render before it is ready
    showSupportNotice: false,
  });
  if (lng !== 'zh-CN') {
    try {
      await ensureLoaded(lng);
      await i18next.changeLanguage(lng);
    } catch {
      // the chunk could not be fetched: the page still works, in Chinese
    }
  }
  applyToDocument(i18next.language === 'en' ? 'en' : 'zh-CN');
}

/** Switches the UI language (fetching its dictionary the first time) and remembers the choice on this device. */
export function changeLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not remembered, but the switch itself still applies
  }
  void ensureLoaded(locale)
    .then(() => i18next.changeLanguage(locale))
    .then(() => applyToDocument(locale))
    .catch(() => {
      // the dictionary could not be fetched (offline): the UI stays in its current language
    });
}

/** The current locale, re-rendering on a switch. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}
