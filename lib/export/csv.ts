import type { PaymentRecord } from '../db/payments';
import type { AgreementRecord } from '../db/schema';
import { fenToYuanInput } from '../domain/money-input';
import { agreementStanding } from '../domain/agreement-dues';
import { t } from '../i18n';
import { kindLabel } from '../i18n/labels';

/**
 * Spreadsheet exports. UTF-8 with a byte-order mark, or Excel reads 借呗 as mojibake; CRLF line
 * ends as RFC 4180 asks; amounts as plain yuan numbers ("1234.56") so they can be summed.
 */

const BOM = '\uFEFF';

/**
 * Quotes when needed, and defuses cells a spreadsheet would run as a formula (a lender name typed
 * as "=HYPERLINK(…)"): those get a leading apostrophe.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function toCsv(rows: (string | number)[][]): string {
  return BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function agreementsCsv(agreements: readonly AgreementRecord[], payments: ReadonlyMap<string, readonly PaymentRecord[]>): string {
  const header = [t('csvLender'), t('csvKind'), t('csvAmount'), t('csvDueDate'), t('csvPaid'), t('csvSettledOn'), t('csvId')];
  const rows = [...agreements]
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.lender.localeCompare(b.lender))
    .map((a) => {
      const mine = payments.get(a.id) ?? [];
      const paid = mine.reduce((sum, p) => sum + p.amountFen, 0);
      // A plan is settled once its last period is: that is when the debt is cleared.
      const standing = agreementStanding(a, mine);
      const settledOn = standing.state === 'paid' ? standing.settledOn : null;
      return [a.lender, kindLabel(a.kind), fenToYuanInput(a.amountFen), a.dueDate, fenToYuanInput(paid), settledOn ?? '', a.id];
    });
  return toCsv([header, ...rows]);
}

export function paymentsCsv(agreements: readonly AgreementRecord[], payments: ReadonlyMap<string, readonly PaymentRecord[]>): string {
  const lenders = new Map(agreements.map((a) => [a.id, a.lender]));
  const header = [t('csvLender'), t('csvPaidOn'), t('csvAmount'), t('csvCoverage'), t('csvDueDate'), t('csvReceiptRef'), t('csvAgreementId')];
  const rows = [...payments.values()]
    .flat()
    .sort((a, b) => a.paidOn.localeCompare(b.paidOn) || a.recordedAt - b.recordedAt)
    .map((p) => [
      lenders.get(p.agreementId) ?? '',
      p.paidOn,
      fenToYuanInput(p.amountFen),
      p.coverage === 'full' ? t('csvCoverageFull') : t('csvCoveragePartial'),
      p.dueDate,
      p.receiptRef ?? '',
      p.agreementId,
    ]);
  return toCsv([header, ...rows]);
}
