import en from '../public/_locales/en/messages.json';
import zhCN from '../public/_locales/zh_CN/messages.json';
import { formatMessage as formatEntry, type LocaleMessages } from '../lib/browser/offscreen-shim';

export const LOCALES = { en, zh_CN: zhCN } as const;
export type LocaleName = keyof typeof LOCALES;

/** The browser's own substitution rules (lib/browser/offscreen-shim.ts), used to drive unit tests with real messages. */
export function formatMessage(locale: LocaleName, key: string, substitutions?: string | string[]): string {
  return formatEntry((LOCALES[locale] as LocaleMessages)[key], substitutions);
}
