import type { Locator, Page } from 'playwright-core';
import type { Messages } from './messages';

/** The side panel's script tab (Chromium), as its user sees it: lines, their buttons, the status line. */
export class ChromiumScriptTab {
  constructor(
    readonly page: Page,
    private readonly msg: Messages,
  ) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: this.msg('tabScript'), exact: true });
  }
  get status(): Locator {
    return this.region.getByRole('status');
  }
  /** The script's lines, in order (the text that Copy and Insert use). */
  get lines(): Locator {
    return this.region.locator('.script-step > .line');
  }
  async lineText(index: number): Promise<string> {
    return (await this.lines.nth(index).textContent()) ?? '';
  }
  /** A line's button, named after what it does and the line it does it to. */
  button(action: 'copyLine' | 'insertLine' | 'editLine' | 'restoreBuiltIn', lineText: string): Locator {
    return this.region.getByRole('button', { name: `${this.msg(action)}: ${lineText}`, exact: true });
  }
  get editor(): Locator {
    return this.region.getByRole('textbox', { name: this.msg('customLineLabel'), exact: true });
  }

  /**
   * Chromium will not grant clipboard reading to an extension origin in tests: record what the
   * page hands to the real clipboard API instead (the call still goes through).
   */
  async recordCopies(): Promise<void> {
    await this.page.evaluate(() => {
      const original = navigator.clipboard.writeText.bind(navigator.clipboard);
      const copies: string[] = [];
      (window as unknown as { copies: string[] }).copies = copies;
      navigator.clipboard.writeText = (data: string) => {
        copies.push(data);
        return original(data);
      };
    });
  }
  async copies(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { copies?: string[] }).copies ?? []);
  }
}
