import type { Locator, Page } from 'playwright-core';
import type { Messages } from './messages';

/**
 * The lock as its user meets it: the options page's "Lock with a passphrase" section, and the
 * unlock screen any page shows instead of its content while locked.
 */
export class LockSectionPage {
  constructor(
    readonly page: Page,
    private readonly msg: Messages,
  ) {}

  get section(): Locator {
    return this.page.getByRole('region', { name: this.msg('lockTitle'), exact: true });
  }

  get status(): Locator {
    return this.section.getByRole('status');
  }

  get alert(): Locator {
    return this.section.getByRole('alert');
  }

  get turnOnForm(): Locator {
    return this.section.getByRole('form', { name: this.msg('lockTurnOn'), exact: true });
  }

  get changeForm(): Locator {
    return this.section.getByRole('form', { name: this.msg('lockChangeTitle'), exact: true });
  }

  get turnOffForm(): Locator {
    return this.section.getByRole('form', { name: this.msg('lockOffTitle'), exact: true });
  }

  get autoLock(): Locator {
    return this.section.getByLabel(this.msg('lockAutoLock'), { exact: true });
  }

  async ready(): Promise<this> {
    await this.section.waitFor();
    return this;
  }

  /** Fills the turn-on form (nothing is ticked unless asked) and presses "Turn on". */
  async turnOn(input: { understood: boolean; passphrase: string; confirmation?: string; autoLockLabel?: string }): Promise<void> {
    const form = this.turnOnForm;
    await form.getByRole('checkbox', { name: this.msg('lockUnderstand'), exact: true }).setChecked(input.understood);
    await form.getByLabel(this.msg('lockPassphrase'), { exact: true }).fill(input.passphrase);
    await form.getByLabel(this.msg('lockPassphraseConfirm'), { exact: true }).fill(input.confirmation ?? input.passphrase);
    if (input.autoLockLabel !== undefined) await form.getByLabel(this.msg('lockAutoLock'), { exact: true }).selectOption({ label: input.autoLockLabel });
    await form.getByRole('button', { name: this.msg('lockTurnOn'), exact: true }).click();
  }

  async changePassphrase(input: { current: string; next: string; confirmation?: string }): Promise<void> {
    const form = this.changeForm;
    await form.getByLabel(this.msg('lockCurrentPassphrase'), { exact: true }).fill(input.current);
    await form.getByLabel(this.msg('lockNewPassphrase'), { exact: true }).fill(input.next);
    await form.getByLabel(this.msg('lockNewPassphraseConfirm'), { exact: true }).fill(input.confirmation ?? input.next);
    await form.getByRole('button', { name: this.msg('lockChange'), exact: true }).click();
  }

  async turnOff(passphrase: string): Promise<void> {
    await this.turnOffForm.getByLabel(this.msg('lockPassphrase'), { exact: true }).fill(passphrase);
    await this.turnOffForm.getByRole('button', { name: this.msg('lockTurnOff'), exact: true }).click();
  }
}

/** The unlock screen, on whichever page shows it. */
export class UnlockScreenPage {
  constructor(
    readonly page: Page,
    private readonly msg: Messages,
  ) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.msg('lockScreenTitle'), exact: true });
  }

  get form(): Locator {
    return this.page.getByRole('form', { name: this.msg('lockUnlockForm'), exact: true });
  }

  get passphrase(): Locator {
    return this.form.getByLabel(this.msg('lockPassphrase'), { exact: true });
  }

  get alert(): Locator {
    return this.form.getByRole('alert');
  }

  async unlockWith(passphrase: string): Promise<void> {
    await this.passphrase.fill(passphrase);
    await this.form.getByRole('button', { name: this.msg('lockUnlock'), exact: true }).click();
  }
}
