import en from '../public/_locales/en/messages.json';
import zhCN from '../public/_locales/zh_CN/messages.json';

export const LOCALES = { en, zh_CN: zhCN } as const;
export type LocaleName = keyof typeof LOCALES;

/** The browser's own substitution rule for "$1".."$9", used to drive unit tests with real messages. */
export function formatMessage(locale: LocaleName, key: string, substitutions?: string | string[]): string {
  const entry = (LOCALES[locale] as Record<string, { message: string } | undefined>)[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}
