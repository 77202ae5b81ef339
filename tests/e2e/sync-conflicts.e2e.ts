// Settings → Sync, "Please take a look", in real Chromium: two profiles as two devices of one vault
// on a real WebDAV server (webdav-server on 127.0.0.1, tests/servers/webdav.ts). Each device makes
// its changes before either syncs, as two computers used apart would: the same agreement edited on
// both, the same payment recorded on both, and an agreement deleted on one while edited on the
// other. After syncing, both devices list what needs a choice; an edit made meanwhile does not
// answer it; the answers go out with the next sync, and both devices end alike with nothing left
// to ask.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startWebDavServer } from '../servers/webdav';
import { browserDays } from './support/dates';
import { loadMessages } from './support/messages';
import { SCREENSHOTS_DIR } from './support/paths';
import { PopupScreen, shownMoney } from './support/popup-pages';
import { SyncPage } from './support/sync-pages';
import { twoChromiumProfiles } from './support/two-devices';

const PASSPHRASE = '同步库口令：每月十五号还款';

/** The four fields of one version, as shown: label → value. */
async function versionFields(version: Locator): Promise<Record<string, string>> {
  const rows = version.locator('dl > div');
  const out: Record<string, string> = {};
  for (const row of await rows.all()) out[(await row.locator('dt').textContent()) ?? ''] = (await row.locator('dd').textContent()) ?? '';
  return out;
}

async function shoot(page: Page, target: Locator, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await target.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await target.screenshot({ path: join(SCREENSHOTS_DIR, `${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
}

for (const lang of ['zh-CN', 'en-US'] as const) {
  const locale = lang === 'zh-CN' ? 'zh_CN' : 'en';
  const msg = loadMessages(locale);

  describe(`Chromium, ${lang}: what two devices changed apart is shown, and the answers reach both`, () => {
    const devices = twoChromiumProfiles(lang, () => startWebDavServer());

    it('an edit on both, a payment on both, a deletion against an edit', { timeout: 180_000 }, async () => {
      const { server, office, home } = devices;
      const url = `${server.url}vault/`;
      const officePopup = await new PopupScreen(await office.openPage('popup.html'), msg).ready();
      const day = await browserDays(officePopup.page);
      await officePopup.addAgreement({ lender: '借呗', kind: 'kind_extension', amount: '1234.56', dueDate: day(20) });
      await officePopup.addAgreement({ lender: '网商贷', kind: 'kind_settlement', amount: '3000', dueDate: day(25) });
      await officePopup.addAgreement({ lender: '微粒贷', kind: 'kind_extension', amount: '800', dueDate: day(30) });

      const a = await new SyncPage(await office.openPage('options.html#sync', { width: 900, height: 2000 }), msg, PASSPHRASE).ready();
      await a.create(url, server, '办公室电脑');
      await a.syncNow();
      const b = await new SyncPage(await home.openPage('options.html#sync', { width: 900, height: 2000 }), msg, PASSPHRASE).ready();
      await b.join(url, server, '家里的笔记本');
      await b.syncNow();
      expect((await home.db.agreements()).map((x) => x.lender).sort()).toEqual(['借呗', '微粒贷', '网商贷'].sort());
      // Nothing to ask yet: no list at all.
      expect(await a.conflicts.count()).toBe(0);

      // Apart: each device changes the same records before syncing. The home computer edits last,
      // so its edit of 借呗 is the one shown on both.
      const homePopup = await new PopupScreen(await home.openPage('popup.html'), msg).ready();
      await officePopup.edit('借呗', { amount: '2000' });
      await officePopup.pay('网商贷', { amount: '500' });
      await officePopup.deleteAgreement('微粒贷');
      await homePopup.edit('借呗', { amount: '3000' });
      await homePopup.pay('网商贷', { amount: '500' });
      await homePopup.edit('微粒贷', { amount: '900' });

      await a.syncNow();
      await b.syncNow();
      await a.syncNow();

      // Both devices show the same winner, and list the same three things.
      expect((await office.db.agreementByLender('借呗'))?.amountFen).toBe(300_000);
      expect((await home.db.agreementByLender('借呗'))?.amountFen).toBe(300_000);
      expect((await office.db.agreementByLender('微粒贷'))?.amountFen).toBe(90_000);
      const agreementTitle = msg('syncConflictAgreement', '借呗');
      for (const device of [a, b]) {
        const edited = device.item('edited', agreementTitle);
        await edited.waitFor();
        const shown = await versionFields(edited.locator('[data-version="current"]'));
        const other = await versionFields(edited.locator('[data-version="other"]'));
        expect(shown[msg('syncConflictAmount')]).toBe(shownMoney(300_000, locale));
        expect(other[msg('syncConflictAmount')]).toBe(shownMoney(200_000, locale));
        expect(shown[msg('fieldLender')]).toBe('借呗');
        expect(shown[msg('fieldKind')]).toBe(msg('kind_extension'));
        // The field that differs is marked, the others are not.
        expect(await edited.locator('[data-version="other"] [data-differs]').count()).toBe(1);
        await device.item('same-payment').waitFor();
        expect(await device.item('same-payment').count()).toBe(1);
        expect(await device.item('same-payment').textContent()).toContain('网商贷');
        expect(await device.item('same-payment').textContent()).toContain(shownMoney(50_000, locale));
      }
      // Which device made which version, in the device's own words.
      const officeOther = a.item('edited', agreementTitle).locator('[data-version="other"]');
      expect(await officeOther.textContent()).toContain(msg('syncConflictThisDevice', '办公室电脑'));
      expect(await b.item('edited', agreementTitle).locator('[data-version="current"]').textContent()).toContain(msg('syncConflictThisDevice', '家里的笔记本'));
      // The other device by the name it was given, read from its info file on the server.
      await a.item('edited', agreementTitle).locator('[data-version="current"]').getByText(msg.pattern('syncConflictMadeOn')).filter({ hasText: '家里的笔记本' }).waitFor();
      await b.item('edited', agreementTitle).locator('[data-version="other"]').getByText(msg.pattern('syncConflictMadeOn')).filter({ hasText: '办公室电脑' }).waitFor();
      for (const version of await a.conflicts.locator('[data-version]').all()) expect(await version.textContent()).not.toContain(msg('syncConflictAnotherDevice'));
      await a.item('deleted').getByText(msg.pattern('syncConflictMadeOn')).filter({ hasText: '家里的笔记本' }).waitFor();
      // Deleted here, edited there (office); edited here, deleted there (home): kept on both.
      await a.item('deleted', msg('syncConflictAgreement', '微粒贷')).getByText(msg('syncConflictDeletedHere'), { exact: true }).waitFor();
      await b.item('deleted', msg('syncConflictAgreement', '微粒贷')).getByText(msg('syncConflictDeletedThere'), { exact: true }).waitFor();
      expect((await office.db.payments((await office.db.agreementByLender('网商贷'))?.id)).length).toBe(2);

      await shoot(a.page, a.conflicts, `options-sync-conflicts-${lang}`);
      await shoot(b.page, b.conflicts, `options-sync-conflicts-home-${lang}`);

      // The office changes the agreement shown (the home computer's version) without answering:
      // its own version stays to choose from, beside the new edit, here and at home.
      await officePopup.edit('借呗', { amount: '2500' });
      await a.syncNow();
      await b.syncNow();
      for (const device of [a, b]) {
        const edited = device.item('edited', agreementTitle);
        await edited.locator('[data-version="current"]').getByText(shownMoney(250_000, locale)).waitFor();
        expect((await versionFields(edited.locator('[data-version="other"]')))[msg('syncConflictAmount')]).toBe(shownMoney(200_000, locale));
        // Both versions left were made on the office computer: said so, not "changed on two devices".
        await edited.getByText(msg('syncConflictEditedAgain'), { exact: true }).waitFor();
      }
      expect(await a.item('edited', agreementTitle).locator('[data-version="current"]').textContent()).toContain(msg('syncConflictThisDevice', '办公室电脑'));
      await shoot(a.page, a.item('edited', agreementTitle), `options-sync-conflict-edited-${lang}`);

      // The office keeps its own edit of 借呗, says the two payments are one, and keeps 微粒贷.
      await a.button('syncConflictKeepThis', a.item('edited', agreementTitle)).click();
      await a.answered('syncConflictKept');
      expect((await office.db.agreementByLender('借呗'))?.amountFen).toBe(200_000);
      await a.button('syncConflictSameYes', a.item('same-payment')).click();
      await a.answered('syncConflictSameDone');
      expect((await office.db.payments((await office.db.agreementByLender('网商贷'))?.id)).length).toBe(1);
      await a.button('syncConflictKeep', a.item('deleted')).click();
      await a.answered('syncConflictKept');
      await a.conflicts.waitFor({ state: 'detached' });

      await a.syncNow();
      await b.syncNow();
      // Both devices alike, nothing left to ask on either.
      for (const ext of [office, home]) {
        expect((await ext.db.agreementByLender('借呗'))?.amountFen).toBe(200_000);
        expect((await ext.db.agreementByLender('微粒贷'))?.amountFen).toBe(90_000);
        expect((await ext.db.payments((await ext.db.agreementByLender('网商贷'))?.id)).map((p) => p.amountFen)).toEqual([50_000]);
      }
      await b.conflicts.waitFor({ state: 'detached' });
      await a.syncNow();
      expect(await a.conflicts.count()).toBe(0);
      expect(await b.conflicts.count()).toBe(0);
    });
  });
}
