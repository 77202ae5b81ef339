import type { Locator, Page } from 'playwright-core';
import { dueDateQuestion } from '../../../lib/domain/agreement-form';
import { browserDays } from './dates';
import type { MessageKey, Messages } from './messages';

/** What a form field tells its user: whether it is marked invalid and the text attached to it. */
export interface FieldState {
  invalid: boolean;
  /** Text of the element the field's aria-describedby points to (the error, or else the hint). */
  description: string | null;
  /** The described element sits in the field's own container, i.e. next to it. */
  nextToField: boolean;
}

async function fieldState(field: Locator): Promise<FieldState> {
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

export interface AgreementInput {
  lender: string;
  kind: MessageKey;
  amount: string;
  dueDate: string;
  /** An installment plan's number of periods (interest-free): the form asks for it for that kind. */
  periods?: string;
}

/** The toolbar popup (popup.html opened as a tab), as its user sees it. */
export class ChromiumPopup {
  constructor(
    readonly page: Page,
    protected readonly msg: Messages,
  ) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.msg('popupTitle') });
  }
  get emptyState(): Locator {
    return this.page.getByRole('heading', { name: this.msg('emptyTitle') });
  }
  get addButton(): Locator {
    return this.page.getByRole('button', { name: this.msg('addAgreement'), exact: true });
  }
  get form(): Locator {
    return this.page.getByRole('form', { name: this.msg('addAgreement') });
  }
  get lender(): Locator {
    return this.page.getByLabel(this.msg('fieldLender'), { exact: true });
  }
  /** The kinds to pick from (radio buttons, none picked in a new form). */
  get kind(): Locator {
    return this.page.getByRole('radiogroup', { name: this.msg('fieldKind'), exact: true });
  }
  kindChoice(kind: MessageKey, scope: Locator | Page = this.page): Locator {
    return scope.getByRole('radio', { name: this.msg(kind), exact: true });
  }
  /** The question asked before saving a due date in the past or more than 10 years ahead. */
  dueQuestion(form: Locator = this.form): Locator {
    return form.getByRole('group').filter({ has: this.page.getByRole('button', { name: this.msg('dueAskChange'), exact: true }) });
  }

  /**
   * After Save was clicked with this due date: the form asks about a date in the past or far ahead
   * (the browser's today, the app's own rule), and the answer is yes, the date is meant. `stored`
   * is the date an edited agreement had (not asked about again).
   */
  async confirmDueDate(dueDate: string, form: Locator = this.form, stored?: string): Promise<void> {
    const question = dueDateQuestion(dueDate, (await browserDays(this.page))(0), stored);
    if (!question) return;
    await this.dueQuestion(form)
      .getByRole('button', { name: this.msg(question.kind === 'past' ? 'dueAskPastYes' : 'dueAskFarYes'), exact: true })
      .click();
  }
  get amount(): Locator {
    return this.page.getByLabel(this.msg('fieldAmount'), { exact: true });
  }
  get dueDate(): Locator {
    return this.page.getByLabel(this.msg('fieldDueDate'), { exact: true });
  }
  get saveButton(): Locator {
    return this.page.getByRole('button', { name: this.msg('save'), exact: true });
  }
  get formAlert(): Locator {
    return this.form.getByRole('alert');
  }
  get status(): Locator {
    return this.page.getByRole('status');
  }
  get list(): Locator {
    return this.page.getByRole('list', { name: this.msg('listHeading') });
  }
  row(lender: string): Locator {
    return this.list.getByRole('listitem', { name: lender, exact: true });
  }

  async ready(): Promise<this> {
    await this.heading.waitFor();
    await this.addButton.waitFor();
    // The first screen kept from the last opening may be painted before React: wait for live data.
    await this.page.locator('html:not([data-snapshot])').waitFor({ state: 'attached' });
    return this;
  }

  fieldState(field: Locator): Promise<FieldState> {
    return fieldState(field);
  }

  async openForm(): Promise<void> {
    await this.addButton.click();
    await this.form.waitFor();
  }

  async fill(input: Partial<AgreementInput>): Promise<void> {
    if (input.lender !== undefined) await this.lender.fill(input.lender);
    if (input.kind !== undefined) await this.kindChoice(input.kind).check();
    if (input.amount !== undefined) await this.amount.fill(input.amount);
    if (input.dueDate !== undefined) await this.dueDate.fill(input.dueDate);
    if (input.periods !== undefined) await this.page.getByLabel(this.msg('planPeriods'), { exact: true }).fill(input.periods);
  }

  /** Adds through the form and waits until the list shows the new row. */
  async addAgreement(input: AgreementInput): Promise<Locator> {
    await this.openForm();
    await this.fill(input);
    await this.saveButton.click();
    await this.confirmDueDate(input.dueDate);
    await this.status.filter({ hasText: this.msg('saved') }).waitFor();
    const row = this.row(input.lender);
    await row.waitFor();
    return row;
  }

  async deleteAgreement(lender: string): Promise<void> {
    const row = this.row(lender);
    await row.getByRole('button', { name: this.msg('delete'), exact: true }).click();
    await row
      .getByRole('group', { name: this.msg('deleteConfirm', lender) })
      .getByRole('button', { name: this.msg('deleteYes'), exact: true })
      .click();
    await row.waitFor({ state: 'detached' });
  }
}

/** The side panel page (sidepanel.html opened as a tab). */
export class ChromiumSidePanel {
  constructor(
    readonly page: Page,
    private readonly msg: Messages,
  ) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.msg('panelTitle') });
  }
  get picker(): Locator {
    return this.page.getByLabel(this.msg('panelAbout'), { exact: true });
  }
  /** The box where the next note of the session is typed (Enter adds it). */
  get notes(): Locator {
    return this.page.getByRole('textbox', { name: this.msg('noteBoxLabel'), exact: true });
  }
  /** The session's notes, in time order. */
  get noteItems(): Locator {
    return this.page.getByRole('list', { name: this.msg('notesListLabel') }).getByRole('listitem');
  }
  /** One note of the stream, by its text. */
  note(text: string): Locator {
    return this.noteItems.filter({ hasText: text });
  }
  /** Types a note and adds it with Enter. */
  async addNote(text: string): Promise<void> {
    await this.notes.fill(text);
    await this.notes.press('Enter');
    await this.note(text).first().waitFor();
  }
  /** Toggles a quick tag (tag_offer, tag_promise…) on the note with this text. */
  async tag(text: string, tagKey: MessageKey): Promise<void> {
    const button = this.note(text).getByRole('group', { name: this.msg('noteTagsLabel') }).getByRole('button', { name: this.msg(tagKey), exact: true });
    const before = await button.getAttribute('aria-pressed');
    await button.click();
    await button.and(this.page.locator(`[aria-pressed="${before === 'true' ? 'false' : 'true'}"]`)).waitFor();
  }
  /** A field of the session header, by its message key. */
  field(labelKey: MessageKey): Locator {
    return this.page.getByLabel(this.msg(labelKey), { exact: true });
  }
  button(labelKey: MessageKey): Locator {
    return this.page.getByRole('button', { name: this.msg(labelKey), exact: true });
  }
  get saveStatus(): Locator {
    return this.page.getByRole('status');
  }

  async ready(): Promise<this> {
    await this.heading.waitFor();
    await this.notes.waitFor();
    return this;
  }

  /** Switches to the script tab and picks a situation by its title. */
  async openScript(scenarioTitle: string): Promise<void> {
    await this.page.getByRole('tab', { name: this.msg('tabScript'), exact: true }).click();
    await this.page.getByLabel(this.msg('scenarioLabel'), { exact: true }).selectOption({ label: scenarioTitle });
  }

  /** The input for one script figure, by its name as the panel shows it. */
  figure(slotKey: MessageKey): Locator {
    return this.page.getByRole('group', { name: this.msg('yourFigures') }).getByLabel(this.msg(slotKey), { exact: true });
  }

  /** Picks the agreement whose option starts with the lender's name; returns the option's value. */
  async pick(lender: string): Promise<string> {
    await this.picker.locator('option', { hasText: lender }).first().waitFor({ state: 'attached' });
    const options = await this.picker.locator('option').evaluateAll((els) =>
      els.map((el) => ({ value: (el as HTMLOptionElement).value, text: el.textContent })),
    );
    const option = options.find((o) => o.text.startsWith(lender));
    if (!option) throw new Error(`No option for ${lender} in ${JSON.stringify(options)}`);
    await this.picker.selectOption(option.value);
    // The session of the chosen agreement loads before its note box shows.
    await this.page.waitForFunction(
      (label) => {
        const area = [...document.querySelectorAll('textarea')].find((t) => t.labels[0]?.textContent === label);
        return area !== undefined && !area.disabled;
      },
      this.msg('noteBoxLabel'),
    );
    return option.value;
  }
}
