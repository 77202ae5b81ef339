/**
 * Money is integer fen (1 yuan = 100 fen) everywhere: floats cannot hold 0.1 exactly, and a
 * borrower comparing the app with the lender's bill must see the same cents.
 */
export type Fen = number;

/** Ten billion yuan: far above any consumer debt, far below Number.MAX_SAFE_INTEGER fen. */
export const MAX_FEN = 1_000_000_000_000;

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
