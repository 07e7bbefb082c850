import type { Locale } from '../format/number.ts';
import { en } from './en.ts';
import { zhCN, type Messages } from './zh-CN.ts';

/** Every UI string of both languages, for code that formats outside React (chart builders, tests). */
export const MESSAGES: Readonly<Record<Locale, Messages>> = { 'zh-CN': zhCN, en };

/** Fills `{{name}}` placeholders the way i18next does, for pure code that has no i18next instance. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** The side of a bilingual text (status labels, explanations) that matches the UI language. */
export function pick(text: { zh: string; en: string }, locale: Locale): string {
  return locale === 'en' ? text.en : text.zh;
}
