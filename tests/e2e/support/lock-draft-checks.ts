import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Messages } from './messages';
import { poll } from './wait';

/**
 * The lock-draft suite, the same in every browser: with the lock on, the note being typed in the
 * side panel survives closing the page at once, is kept sealed on disk and leaves storage.session.
 * A browser's suite file gives only the driving (a LockDraftDriver over its side panel page object).
 */
export interface LockDraftDriver<Ext extends { close(): Promise<void> }, Panel> {
  msg: Messages;
  /** The note typed first, the words typed just before closing, and a secret word of each. */
  texts: { first: string; more: string; firstSecret: string; moreSecret: string };
  /** Starts the browser with the extension; it is closed after the suite. */
  launch(): Promise<Ext>;
  /** Turns the lock on in the options page, as a user does. */
  turnOn(ext: Ext): Promise<void>;
  openPanel(ext: Ext): Promise<Panel>;
  closePanel(ext: Ext, panel: Panel): Promise<void>;
  type(panel: Panel, text: string): Promise<void>;
  saveStatus(panel: Panel): Promise<string>;
  /** Types `more` and closes the page at once, well before the autosave delay; `whole` is what the box then holds. */
  typeAndCloseAtOnce(panel: Panel, more: string, whole: string): Promise<void>;
  noteValue(panel: Panel): Promise<string>;
  /** Everything in storage.session, as JSON (the raw data key included: it is only compared against). */
  sessionStorageText(panel: Panel): Promise<string>;
  /** The database, everything in it. */
  dump(ext: Ext, panel: Panel): Promise<unknown>;
}

export function describeLockDraft<Ext extends { close(): Promise<void> }, Panel>(title: string, driver: LockDraftDriver<Ext, Panel>): void {
  describe(title, () => {
    const { first, more, firstSecret, moreSecret } = driver.texts;
    let ext: Ext | undefined;

    beforeAll(async () => {
      ext = await driver.launch();
    });
    afterAll(async () => {
      await ext?.close();
    });

    it('type, close the page at once, reopen: the last keystrokes are there, and on disk only sealed', async () => {
      if (!ext) throw new Error('no browser');
      const open = ext;
      await driver.turnOn(open);
      let panel = await driver.openPanel(open);
      await driver.type(panel, first);
      await poll('the saved status', () => driver.saveStatus(panel), (text) => driver.msg.pattern('notesSaved').test(text));

      await driver.typeAndCloseAtOnce(panel, more, first + more);

      panel = await driver.openPanel(open);
      expect(await driver.noteValue(panel)).toBe(first + more);
      // Written into the sealed session record and taken out of storage.session.
      await poll('the kept draft to leave storage.session', () => driver.sessionStorageText(panel), (text) => !text.includes(moreSecret));
      const stored = JSON.stringify(await driver.dump(open, panel));
      expect(stored).toContain('sealed');
      for (const secret of [firstSecret, moreSecret]) expect(stored).not.toContain(secret);

      // Opened once more, the draft now comes from the record itself.
      await driver.closePanel(open, panel);
      panel = await driver.openPanel(open);
      expect(await driver.noteValue(panel)).toBe(first + more);
      await driver.closePanel(open, panel);
    });
  });
}
