import type { MessageKey } from '../i18n';

/**
 * What a new passphrase must be. There is no recovery without it and an encrypted file can be
 * attacked offline at leisure, so length is what matters: 12 characters is the minimum Bitwarden
 * asks of a master password. Characters are counted as the user sees them (code points after NFC),
 * so a Chinese passphrase of 12 characters counts 12, not 36 bytes.
 */
export const MIN_PASSPHRASE_LENGTH = 12;

export type PassphraseProblem = 'too-short' | 'one-character' | 'mismatch';

export const PASSPHRASE_PROBLEM_TEXT: Record<PassphraseProblem, MessageKey> = {
  'too-short': 'passphraseTooShort',
  'one-character': 'passphraseOneCharacter',
  mismatch: 'passphraseMismatch',
};

export function passphraseLength(passphrase: string): number {
  return Array.from(passphrase.normalize('NFC')).length;
}

/** The first problem with a new passphrase and its confirmation, or null when it can be used. */
export function checkNewPassphrase(passphrase: string, confirmation: string): PassphraseProblem | null {
  const chars = Array.from(passphrase.normalize('NFC'));
  if (chars.length < MIN_PASSPHRASE_LENGTH) return 'too-short';
  if (new Set(chars).size === 1) return 'one-character';
  if (passphrase.normalize('NFC') !== confirmation.normalize('NFC')) return 'mismatch';
  return null;
}
