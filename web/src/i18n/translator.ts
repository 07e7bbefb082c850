import { createInstance, type TFunction } from 'i18next';
import type { Locale } from '../format/number.ts';
import type { Messages } from './zh-CN.ts';

/** How every i18next instance here reads the dictionaries: React (and the chart tooltip) escape already. */
export const INTERPOLATION = { escapeValue: false } as const;

/**
 * i18next's `t` over one language's dictionary, apart from the app's instance: for code and tests that are
 * given texts rather than importing them (the chart option builders take a `t`).
 */
export function translatorFor(locale: Locale, messages: Messages): TFunction {
  const instance = createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: false,
    resources: { [locale]: { translation: messages } },
    interpolation: INTERPOLATION,
    initAsync: false,
    showSupportNotice: false,
  });
  return instance.getFixedT(locale);
}
