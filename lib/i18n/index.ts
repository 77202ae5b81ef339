import { browser } from 'wxt/browser';
import type messages from '../../public/_locales/en/messages.json';

/** Every key of the locale files; both locales have the same keys (checked by a test). */
export type MessageKey = keyof typeof messages;

/** Translates with the browser's own i18n, so the manifest, notifications and pages agree. */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

export type UiLanguage = 'zh-CN' | 'en';

export function uiLanguage(): UiLanguage {
  return browser.i18n.getUILanguage().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * "3天" / "3 days", with the plural the language needs (Chinese sets no space before 天). Written out rather than through a date
 * library's locale data, which would weigh on every page's first screen for two words.
 */
export function formatDayCount(days: number, language: UiLanguage = uiLanguage()): string {
  if (language === 'zh-CN') return `${String(days)}天`;
  return `${String(days)} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * A label as it reads inside an English line, after a colon or in brackets ("Today: pay", "[amount
 * owed]"): labels are written in sentence case, and their capital is only for standing alone. An
 * abbreviation keeps its capitals (the labels passed here never start with a name); Chinese has no case.
 */
export function inSentence(label: string, language: UiLanguage = uiLanguage()): string {
  if (language !== 'en' || !/^[A-Z][a-z]/.test(label)) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}
