import { format } from 'date-fns';
import { enUS, zhCN } from 'date-fns/locale';
import type { Locator } from 'playwright-core';
import { ChromiumPopup } from './chromium-pages';

/** The date as the popup shows it in lists ("2026年12月31日 周四" / "Thu, 31 Dec 2026"). */
export function shownDate(day: string, locale: 'zh_CN' | 'en'): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const noon = new Date(y, m - 1, d, 12);
  return locale === 'zh_CN' ? format(noon, 'yyyy年M月d日 EEE', { locale: zhCN }) : format(noon, 'EEE, d MMM yyyy', { locale: enUS });
}

/** "11月27日 周五" / "Fri 27 Nov": a date in the current year, as the timeline shows it. */
export function shownDayMonth(day: string, locale: 'zh_CN' | 'en'): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const noon = new Date(y, m - 1, d, 12);
  return locale === 'zh_CN' ? format(noon, 'M月d日 EEE', { locale: zhCN }) : format(noon, 'EEE d MMM', { locale: enUS });
}

/** "¥1,234.56" in both languages. */
export function shownMoney(fen: number, locale: 'zh_CN' | 'en'): string {
  return new Intl.NumberFormat(locale === 'zh_CN' ? 'zh-CN' : 'en', { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' }).format(fen / 100);
}

/** What the payment form is filled with; a receipt is a file as the file picker would hand it over. */
export interface PaymentInput {
  amount?: string;
  paidOn?: string;
  clears?: boolean;
  receipt?: { name: string; mimeType: string; buffer: Buffer };
}

/** The popup's first screen with groups, editing, payments and demo data. */
export class PopupScreen extends ChromiumPopup {
  /** The group of rows under one urgency heading. */
  group(key: 'group_overdue' | 'group_today' | 'group_week' | 'group_later' | 'group_paid'): Locator {
    const label = this.msg(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.list.getByRole('list', { name: new RegExp(`^${label}\\s+\\d+$`) });
  }

  /** The urgency headings in the order shown, without their counts. */
  async groupHeadings(): Promise<string[]> {
    const texts = await this.list.getByRole('heading', { level: 3 }).allTextContents();
    return texts.map((text) => text.replace(/\s*\d+$/, ''));
  }

  get editForm(): Locator {
    return this.page.getByRole('form', { name: this.msg('editAgreement') });
  }

  paymentForm(lender: string): Locator {
    return this.row(lender).getByRole('form', { name: this.msg('markPaidOf', lender) });
  }

  async edit(lender: string, changes: { amount?: string; dueDate?: string; lender?: string }): Promise<void> {
    await this.row(lender).getByRole('button', { name: this.msg('editAgreementOf', lender), exact: true }).click();
    await this.editForm.waitFor();
    if (changes.lender !== undefined) await this.editForm.getByLabel(this.msg('fieldLender'), { exact: true }).fill(changes.lender);
    if (changes.amount !== undefined) await this.editForm.getByLabel(this.msg('fieldAmount'), { exact: true }).fill(changes.amount);
    const due = this.editForm.getByLabel(this.msg('fieldDueDate'), { exact: true });
    const stored = await due.inputValue();
    if (changes.dueDate !== undefined) await due.fill(changes.dueDate);
    await this.editForm.getByRole('button', { name: this.msg('save'), exact: true }).click();
    await this.confirmDueDate(changes.dueDate ?? stored, this.editForm, stored);
    await this.status.filter({ hasText: this.msg('saved') }).waitFor();
    await this.editForm.waitFor({ state: 'detached' });
  }

  /** Opens "Mark paid" on a row and fills the form (a receipt goes through the file input); does not submit. */
  async startPayment(lender: string, input: PaymentInput = {}): Promise<Locator> {
    await this.row(lender).getByRole('button', { name: this.msg('markPaidOf', lender), exact: true }).click();
    const form = this.paymentForm(lender);
    await form.waitFor();
    if (input.amount !== undefined) await form.getByLabel(this.msg('fieldPaidAmount'), { exact: true }).fill(input.amount);
    if (input.paidOn !== undefined) await form.getByLabel(this.msg('fieldPaidOn'), { exact: true }).fill(input.paidOn);
    if (input.clears !== undefined) await form.getByLabel(this.msg('fieldClears'), { exact: true }).setChecked(input.clears);
    if (input.receipt !== undefined) await form.getByLabel(this.msg('fieldReceipt'), { exact: true }).setInputFiles(input.receipt);
    return form;
  }

  /** Records a payment through the form and waits for the popup to confirm it. */
  async pay(lender: string, input: PaymentInput = {}): Promise<void> {
    const form = await this.startPayment(lender, input);
    await form.getByRole('button', { name: this.msg('recordPayment'), exact: true }).click();
    // The form closes once saved; the status follows when the list shows the payment.
    await form.waitFor({ state: 'detached' });
    await this.status.filter({ hasText: this.msg('paymentSaved') }).waitFor();
  }

  async undo(lender: string, amountShown: string, dateShown: string): Promise<void> {
    await this.row(lender).getByRole('button', { name: this.msg('undoPaymentOf', amountShown, dateShown), exact: true }).click();
    await this.status.filter({ hasText: this.msg('paymentUndone') }).waitFor();
  }

  get demoFillButton(): Locator {
    return this.page.getByRole('button', { name: this.msg('demoFill'), exact: true });
  }

  get demoRemoveButton(): Locator {
    return this.page.getByRole('button', { name: this.msg('demoRemove'), exact: true });
  }

  get summary(): Locator {
    return this.page.getByRole('region', { name: this.msg('popupTitle') });
  }
}
