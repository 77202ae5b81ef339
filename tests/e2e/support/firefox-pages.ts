import type { ElementHandle, Page } from 'puppeteer-core';
import { dueDateQuestion } from '../../../lib/domain/agreement-form';
import type { AgreementInput, FieldState } from './chromium-pages';
import { browserDays } from './dates';
import type { MessageKey, Messages } from './messages';

/** A Puppeteer ARIA selector: what assistive technology (and so the user) calls the element. */
export function aria(name: string, role?: string): string {
  const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return `::-p-aria([name=${quote(name)}]${role ? `[role=${quote(role)}]` : ''})`;
}

async function one(scope: Page | ElementHandle, selector: string): Promise<ElementHandle> {
  const handle = await scope.waitForSelector(selector, { timeout: 5_000 });
  if (!handle) throw new Error(`Nothing matches ${selector}`);
  return handle;
}

/**
 * The form control a label names. Firefox also exposes the <label> itself under that name, and
 * the roles of <input list>, <select> and <input type=date> vary, so match the name and skip labels.
 */
async function control(page: Page, name: string): Promise<ElementHandle> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    for (const handle of await page.$$(aria(name))) {
      if (await handle.evaluate((el) => el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)) {
        return handle;
      }
    }
    if (Date.now() > deadline) throw new Error(`No form control labelled "${name}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Types a day into <input type=date> the way a user does: digit by digit, in the order the
 * browser's locale shows the fields (en-US: month, day, year).
 */
export async function typeDate(page: Page, input: ElementHandle, day: string): Promise<void> {
  const [year, month, date] = day.split('-') as [string, string, string];
  const order = await page.evaluate(() =>
    new Intl.DateTimeFormat(navigator.language)
      .formatToParts(new Date(2026, 10, 22))
      .map((part) => part.type)
      .filter((type) => type === 'year' || type === 'month' || type === 'day'),
  );
  const values: Record<string, string> = { year, month, day: date };
  // focus() puts the caret in the first field; each field moves on once it is complete.
  await input.focus();
  for (const part of order) await page.keyboard.type(values[part] ?? '');
  const typed = await input.evaluate((el) => (el as HTMLInputElement).value);
  if (typed !== day) throw new Error(`The date input holds "${typed}" after typing ${day} in the order ${order.join('/')}`);
}

export class FirefoxPopup {
  constructor(
    readonly page: Page,
    private readonly msg: Messages,
  ) {}

  static readonly readySelector = (msg: Messages): string => aria(msg('addAgreement'), 'button');

  /** A form control of the popup, by its label's message key. */
  field(labelKey: MessageKey): Promise<ElementHandle> {
    return control(this.page, this.msg(labelKey));
  }

  async fieldState(labelKey: 'fieldLender' | 'fieldKind' | 'fieldAmount' | 'fieldDueDate'): Promise<FieldState> {
    const field = await this.field(labelKey);
    return field.evaluate((el) => {
      const id = el.getAttribute('aria-describedby');
      const described = id ? document.getElementById(id) : null;
      return {
        invalid: el.getAttribute('aria-invalid') === 'true',
        description: described?.textContent ?? null,
        nextToField: described !== null && described.parentElement === el.parentElement,
      };
    });
  }

  async addAgreement(input: AgreementInput): Promise<ElementHandle> {
    await (await one(this.page, aria(this.msg('addAgreement'), 'button'))).click();
    await (await this.field('fieldLender')).type(input.lender);
    // Tab, not Escape: it closes the lender suggestions, if any, and Escape would close the form.
    await this.page.keyboard.press('Tab');
    await this.pickKind(input.kind);
    await (await this.field('fieldAmount')).type(input.amount);
    await typeDate(this.page, await this.field('fieldDueDate'), input.dueDate);
    if (input.periods !== undefined) await (await this.field('planPeriods')).type(input.periods);
    await (await one(this.page, aria(this.msg('save'), 'button'))).click();
    await this.confirmDueDate(input.dueDate);
    await this.page.waitForFunction(
      (text) => [...document.querySelectorAll('[role=status]')].some((el) => el.textContent === text),
      { timeout: 5_000 },
      this.msg('saved'),
    );
    return this.row(input.lender);
  }

  /** Picks a kind: a click on its radio button. */
  async pickKind(kind: MessageKey): Promise<void> {
    const radio = await control(this.page, this.msg(kind));
    await radio.click();
    if (!(await radio.evaluate((el) => (el as HTMLInputElement).checked))) throw new Error(`The kind ${this.msg(kind)} was not picked`);
  }

  /** After Save: the question about a due date in the past or far ahead (the app's rule, the browser's today) answered yes. */
  async confirmDueDate(dueDate: string, stored?: string): Promise<void> {
    const question = dueDateQuestion(dueDate, (await browserDays(this.page))(0), stored);
    if (!question) return;
    await (await one(this.page, aria(this.msg(question.kind === 'past' ? 'dueAskPastYes' : 'dueAskFarYes'), 'button'))).click();
  }

  async row(lender: string): Promise<ElementHandle> {
    const list = await one(this.page, aria(this.msg('listHeading'), 'list'));
    return one(list, aria(lender, 'listitem'));
  }

  /** The visible text of a row, line by line. */
  async rowText(lender: string): Promise<string> {
    return (await this.row(lender)).evaluate((el) => (el as HTMLElement).innerText);
  }
}

export class FirefoxSidePanel {
  constructor(
    readonly page: Page,
    private readonly msg: Messages,
  ) {}

  static readonly readySelector = (msg: Messages): string => aria(msg('noteBoxLabel'), 'textbox');

  /** The box where the next note of the session is typed (Enter adds it). */
  notes(): Promise<ElementHandle> {
    return one(this.page, aria(this.msg('noteBoxLabel'), 'textbox'));
  }

  /** A form control of the panel, by its label's message key. */
  field(labelKey: MessageKey): Promise<ElementHandle> {
    return control(this.page, this.msg(labelKey));
  }

  async click(labelKey: MessageKey): Promise<void> {
    await (await one(this.page, aria(this.msg(labelKey), 'button'))).click();
  }

  /** Types a note and adds it with Enter; waits until it is listed. */
  async addNote(text: string): Promise<void> {
    const box = await this.notes();
    await box.type(text);
    await this.page.waitForFunction((value) => document.querySelector('textarea')?.value === value, {}, text);
    await box.press('Enter');
    await this.page.waitForFunction((value) => [...document.querySelectorAll('.note-stream .note-text')].some((el) => el.textContent === value), {}, text);
  }

  /** Toggles a quick tag on the note with this text and waits for it to show pressed. */
  async tag(text: string, tagKey: MessageKey): Promise<void> {
    const items = await this.page.$$('.note-stream > li');
    for (const item of items) {
      if ((await item.$eval('.note-text', (el) => el.textContent)) !== text) continue;
      const button = await one(item, aria(this.msg(tagKey), 'button'));
      await button.click();
      await this.page.waitForFunction((el) => el.getAttribute('aria-pressed') === 'true', {}, button);
      return;
    }
    throw new Error(`No note "${text}"`);
  }

  /** The texts of the session's notes, in time order. */
  async noteTexts(): Promise<string[]> {
    return this.page.$$eval('.note-stream .note-text', (els) => els.map((el) => el.textContent));
  }

  async pick(lender: string): Promise<string> {
    const picker = await control(this.page, this.msg('panelAbout'));
    await this.page.waitForFunction(
      (select, name) => [...(select as HTMLSelectElement).options].some((o) => o.text.startsWith(name)),
      { timeout: 5_000 },
      picker,
      lender,
    );
    const value = await picker.evaluate(
      (select, name) => [...(select as HTMLSelectElement).options].find((o) => o.text.startsWith(name))?.value ?? '',
      lender,
    );
    await picker.select(value);
    await this.page.waitForFunction(
      (select, wanted) => {
        const area = document.querySelector('textarea');
        return (select as HTMLSelectElement).value === wanted && area !== null && !area.disabled;
      },
      { timeout: 5_000 },
      picker,
      value,
    );
    return value;
  }

  async status(): Promise<string> {
    return this.page.evaluate(() => document.querySelector('[role=status]')?.textContent ?? '');
  }
}
