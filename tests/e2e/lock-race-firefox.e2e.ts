import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxExtension } from './support/firefox';
import { aria, FirefoxSidePanel } from './support/firefox-pages';
import { fillTurnOnInFirefox, shownText } from './support/lock-on';
import { loadMessages } from './support/messages';
import { poll } from './support/wait';

// Firefox ESR here runs in en-US.
const msg = loadMessages('en');
const FIRST = 'first window: payday friday, huabei first';
const SECOND = 'second window: jiebei before the month ends';

describe('Firefox ESR, en-US: two options pages turning the lock on at the same moment', () => {
  let ext: FirefoxExtension;

  beforeAll(async () => {
    ext = await launchFirefox();
  });

  afterAll(async () => {
    await (ext as FirefoxExtension | undefined)?.close();
  });

  it('one turns it on, the other says so; the records are sealed with the one key and open with it', async () => {
    const panel = new FirefoxSidePanel(await ext.openPage('sidepanel.html', FirefoxSidePanel.readySelector(msg), { width: 400, height: 700 }), msg);
    await panel.addNote('Agent Li agreed to 6 installments.');
    const openOptions = () => ext.openPage('options.html', aria(msg('lockTitle'), 'region'), { width: 900, height: 1400 });
    const [one, two] = [await openOptions(), await openOptions()];
    const pages = [one, two];
    // What makes the two wait for each other: Web Locks, shared by the pages of the extension.
    expect(await one.evaluate(() => typeof navigator.locks.request)).toBe('function');
    const buttons = [await fillTurnOnInFirefox(one, msg, FIRST), await fillTurnOnInFirefox(two, msg, SECOND)];
    // Both pressed before either has derived its key (600,000 PBKDF2 iterations): both find the lock off.
    await Promise.all(buttons.map((button) => button.evaluate((el) => (el as HTMLButtonElement).click())));
    const said = await Promise.all(pages.map((page) => shownText(page, [msg('lockTurnedOn'), msg('lockErrOnElsewhere')])));
    expect([...said].sort()).toEqual([msg('lockErrOnElsewhere'), msg('lockTurnedOn')].sort());

    const stored = JSON.stringify(await ext.db(one).dump());
    expect(stored).toContain('sealed');
    expect(stored).not.toContain('Agent Li');
    // Every record opens with the key held now: the panel, reloaded, reads its note back.
    await panel.page.evaluate(() => location.reload());
    await poll('the note read back', () => panel.noteTexts().catch((): string[] => []), (texts) => texts.includes('Agent Li agreed to 6 installments.'), { timeoutMs: 15_000 });
    for (const page of [...pages, panel.page]) await ext.closePage(page);
  });
});
