import { MAX_FEN, type Fen } from './money';
import { err, ok, type Result } from './result';

/**
 * Amounts as a form holds them: typed in yuan, read into fen, and fen written back for editing.
 * Apart from ./money.ts, so that pages that only show amounts do not carry the parser.
 */

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

/** The plain number a form field shows for an amount being edited: "1234.50". */
export function fenToYuanInput(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
