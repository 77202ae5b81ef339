import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type enMessages from '../../../public/_locales/en/messages.json';
import { ROOT } from './paths';

/** A folder name under public/_locales. */
export type LocaleDir = 'zh_CN' | 'en';
export type MessageKey = keyof typeof enMessages;

type MessagesFile = Record<string, { message: string }>;

/**
 * The UI text the extension shows, read from the same locale files the browser uses, so the tests
 * never hard-code a label. `msg(key, ...subs)` fills $1, $2… like browser.i18n.getMessage;
 * `msg.pattern(key)` is a RegExp matching the message with any text in place of each $n.
 */
export interface Messages {
  (key: MessageKey, ...substitutions: string[]): string;
  pattern(key: MessageKey): RegExp;
  locale: LocaleDir;
}

export function loadMessages(locale: LocaleDir): Messages {
  const file = JSON.parse(readFileSync(join(ROOT, 'public', '_locales', locale, 'messages.json'), 'utf8')) as MessagesFile;
  const raw = (key: MessageKey): string => {
    const entry = file[key];
    if (!entry) throw new Error(`Message "${key}" is missing from public/_locales/${locale}/messages.json`);
    return entry.message;
  };
  const msg = ((key: MessageKey, ...substitutions: string[]) =>
    raw(key).replace(/\$(\$|\d)/g, (_, token: string) =>
      token === '$' ? '$' : (substitutions[Number(token) - 1] ?? ''),
    )) as Messages;
  msg.pattern = (key) => {
    const parts = raw(key).split(/\$\d/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return new RegExp(`^${parts.join('(.+)')}$`);
  };
  msg.locale = locale;
  return msg;
}

/** An English label as the pages show it inside a line ("Next: follow up"): first letter lower case, as lib/i18n's inSentence writes it. */
export function inLine(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}
