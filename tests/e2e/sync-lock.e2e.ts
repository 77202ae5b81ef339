// Sync with the lock on, in real Chromium: two profiles as two devices of one vault on a real
// WebDAV server (webdav-server on 127.0.0.1), the home computer's lock turned on as a user does
// before it joins. What sync keeps on that computer to merge (the versions held, the conflict
// between two edits made apart) is sealed in its IndexedDB like the records, while the conflicts
// list still shows both versions and the answer reaches the other device.

import { describe, expect, it } from 'vitest';
import { startWebDavServer } from '../servers/webdav';
import { browserDays } from './support/dates';
import { turnOnLockInChromium } from './support/lock-on';
import { loadMessages } from './support/messages';
import { PopupScreen, shownMoney } from './support/popup-pages';
import { SyncPage } from './support/sync-pages';
import { twoChromiumProfiles } from './support/two-devices';

const VAULT_PASSPHRASE = '同步库口令：每月十五号还款';
const LOCK_PASSPHRASE = '家里电脑的锁：工资日先还花呗';
const LENDER = '借呗';

describe('Chromium, zh-CN: sync on a computer whose lock is on', () => {
  const msg = loadMessages('zh_CN');
  const devices = twoChromiumProfiles('zh-CN', () => startWebDavServer());

  it('keeps what it holds to merge sealed, and still shows and settles a conflict', { timeout: 180_000 }, async () => {
    const { server, office, home } = devices;
    const url = `${server.url}vault/`;
    const officePopup = await new PopupScreen(await office.openPage('popup.html'), msg).ready();
    const day = await browserDays(officePopup.page);
    await officePopup.addAgreement({ lender: LENDER, kind: 'kind_extension', amount: '1234.56', dueDate: day(20) });
    const a = await new SyncPage(await office.openPage('options.html#sync', { width: 900, height: 2000 }), msg, VAULT_PASSPHRASE).ready();
    await a.create(url, server, '办公室电脑');
    await a.syncNow();

    await turnOnLockInChromium(home, msg, LOCK_PASSPHRASE);
    const b = await new SyncPage(await home.openPage('options.html#sync', { width: 900, height: 2000 }), msg, VAULT_PASSPHRASE).ready();
    await b.join(url, server, '家里的笔记本');
    await b.syncNow();
    // Arrived, and stored sealed: the lender is not readable in the record.
    expect((await home.db.agreements()).map((row) => row.lender)).toEqual([undefined]);

    // Edited apart on both; the home computer edits last, so its version is the one shown.
    const homePopup = await new PopupScreen(await home.openPage('popup.html'), msg).ready();
    await officePopup.edit(LENDER, { amount: '2000' });
    await homePopup.edit(LENDER, { amount: '3000' });
    await a.syncNow();
    await b.syncNow();
    await a.syncNow();
    await b.item('edited', msg('syncConflictAgreement', LENDER)).waitFor();

    // What sync holds at home names no lender; the office, without the lock, keeps it readable.
    const homeRows = await home.db.syncRows();
    const held = homeRows.filter((row) => row.key.startsWith('rec/agreements/'));
    expect(held).toHaveLength(1);
    expect(held[0]?.value).toMatchObject({ sealed: { ct: expect.any(String) } });
    expect(JSON.stringify(homeRows)).not.toContain(LENDER);
    expect(JSON.stringify(await office.db.syncRows())).toContain(LENDER);

    // Home keeps the office's version; after a sync each way both have it, and nothing is left to ask.
    await b.button('syncConflictKeepThis', b.item('edited', msg('syncConflictAgreement', LENDER))).click();
    await b.answered('syncConflictKept');
    await b.conflicts.waitFor({ state: 'detached' });
    await b.syncNow();
    await a.syncNow();
    expect((await office.db.agreementByLender(LENDER))?.amountFen).toBe(200_000);
    await homePopup.page.reload();
    await homePopup.ready();
    await homePopup.row(LENDER).getByText(shownMoney(200_000, 'zh_CN'), { exact: true }).first().waitFor();
    expect(await a.conflicts.count()).toBe(0);
    expect(JSON.stringify(await home.db.syncRows())).not.toContain(LENDER);
  });
});
