import type { Locator } from 'playwright-core';
import type { MessageKey } from './messages';
import { PopupScreen, shownDate } from './popup-pages';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The full view (manage.html in a tab): the same list and form as the popup, so it extends the
 * popup's page object, plus the lenders and one lender's view.
 */
export class ManageScreen extends PopupScreen {
  override get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.msg('manageTitle') });
  }

  get settingsLink(): Locator {
    return this.page.getByRole('link', { name: this.msg('manageSettingsLink'), exact: true });
  }

  /** The buttons that pick a lender ("网商贷，待还 ¥1,234.56"). */
  get lenderPicker(): Locator {
    return this.page.getByRole('list', { name: this.msg('lendersNav') });
  }

  lenderButton(name: string): Locator {
    return this.lenderPicker.getByRole('button', { name: new RegExp(`^${escape(this.msg('lenderPickOwed', name, '\u0000')).replace('\u0000', '.+')}$`) });
  }

  /** One lender's view, named by its heading. */
  lenderView(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  lenderHeading(name: string): Locator {
    return this.lenderView(name).getByRole('heading', { level: 3, name, exact: true });
  }

  /** One agreement in a lender's view: "一次性结清，2026年11月27日 周五 到期". */
  lenderAgreement(lender: string, kind: MessageKey, dueDate: string): Locator {
    const name = this.msg('lenderStepOf', this.msg(kind), shownDate(dueDate, this.msg.locale));
    return this.lenderView(lender).getByRole('listitem', { name, exact: true });
  }

  lenderTimeline(lender: string): Locator {
    return this.lenderView(lender).getByRole('list', { name: this.msg('lenderTimelineOf', lender), exact: true });
  }

  /** The lender's name in a row of the list: a button that opens that lender. */
  rowLenderButton(lender: string): Locator {
    return this.row(lender).getByRole('button', { name: this.msg('lenderViewOf', lender), exact: true });
  }

  override async ready(): Promise<this> {
    await this.heading.waitFor();
    await this.addButton.waitFor();
    return this;
  }
}
