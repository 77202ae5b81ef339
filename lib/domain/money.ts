import { err, ok, type Result } from './result';

/**
 * Money is integer fen (1 yuan = 100 fen) everywhere: floats cannot hold 0.1 exactly, and a
 * borrower comparing the app with the lender's bill must see the same cents.
 */
export type Fen = number;

/** Ten billion yuan: far above any consumer debt, far below Number.MAX_SAFE_INTEGER fen. */
export const MAX_FEN = 1_000_000_000_000;

export type YuanParseError = 'empty' | 'not-a-number' | 'negative' | 'too-many-decimals' | 'too-large';

const YUAN_PATTERN = /^(\d+)(?:\.(\d*))?$/;

/**
 * Reads an amount typed in yuan ("1,234.5", "１２３", "¥88") into fen, without going through a
 * float. Thousands separators, a currency sign and full-width digits (common with Chinese IMEs)
 * are accepted; anything else is refused with the reason.
 */
export function parseYuan(input: string): Result<Fen, YuanParseError> {
  const normalised = input
    .replace(/[０-９．，－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s,¥￥元]|CNY|RMB/gi, '');
  if (normalised === '') return err('empty');
  if (normalised.startsWith('-')) {
    return YUAN_PATTERN.test(normalised.slice(1)) ? err('negative') : err('not-a-number');
  }
  const match = YUAN_PATTERN.exec(normalised);
  if (!match) return err('not-a-number');
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > 2) return err('too-many-decimals');
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen) || fen > MAX_FEN) return err('too-large');
  return ok(fen);
}

const formatters = new Map<string, Intl.NumberFormat>();

/** "¥1,234.56" in both languages: the narrow sign, never "CN¥" (docs/glossary.md). */
export function formatFen(fen: Fen, locale: string): string {
  // Building a formatter costs far more than using one, and a list formats hundreds of amounts.
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' });
    formatters.set(locale, formatter);
  }
  return formatter.format(fen / 100);
}

/** The plain number a form field shows for an amount being edited: "1234.50". */
export function fenToYuanInput(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
