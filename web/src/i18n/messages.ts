import type { Locale } from '../format/number.ts';

/*
 * Texts the API sends in both languages, and the side of them the UI language shows. The UI's own texts are
 * i18next's dictionaries (zh-CN.ts, en.ts); the language is i18next's (index.ts); these two pure helpers only
 * choose between the two halves of a text that arrived as data.
 */

/** The side of a bilingual text (status labels, explanations) that matches the UI language. */
export function pick(text: { zh: string; en: string }, locale: Locale): string {
  return locale === 'en' ? text.en : text.zh;
}

// "english (中文)": an English message without Chinese, then the Chinese one in brackets at the end.
const BILINGUAL = /^([^()（）]*[A-Za-z][^()（）]*?)\s*[(（]([^()（）]*\p{Script=Han}[^()（）]*)[)）]$/u;
const HAN = /\p{Script=Han}/u;

/**
 * The side of a bilingual API message ("the value cannot be negative (数值不能为负)") that matches the UI
 * language; any other message as it is. The API writes some field messages in both languages because it
 * does not know the reader's; an English part that itself holds Chinese is left whole rather than guessed at.
 */
export function localMessage(message: string, locale: Locale): string {
  const match = BILINGUAL.exec(message);
  const [, english, chinese] = match ?? [];
  if (english === undefined || chinese === undefined || HAN.test(english)) return message;
  return locale === 'en' ? english : chinese;
}
