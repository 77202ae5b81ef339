import { describe, expect, it } from 'vitest';
import { localInstant } from '../domain/dates';
import { getAgreement } from './agreements';
import { openDatabase } from './database';
import { saveAgreement } from './save-agreement';

describe('follow-ups promised in a chat, saved with an agreement', () => {
  it('become follow-up reminders, and stay when the agreement is edited without them', async () => {
    const now = localInstant('2026-11-21', 10);
    const fields = { lender: '借呗', kind: 'extension' as const, amountFen: 500_00, dueDate: '2026-12-20' };
    const saved = await saveAgreement({ ...fields, followUps: [{ date: '2026-11-26', text: '3个工作日内回复' }] }, { now, hour: 9 });
    const db = await openDatabase();
    const followUps = async () =>
      (await db.getAllFromIndex('reminders', 'by-agreement', saved.id)).filter((r) => r.code === 'follow-up').map((r) => [r.id, r.fireAt]);
    expect(await followUps()).toEqual([[`${saved.id}:follow-up:2026-11-26:1`, localInstant('2026-11-26', 9)]]);

    // The popup's edit form knows nothing of follow-ups: they must survive its save.
    await saveAgreement({ ...fields, amountFen: 600_00 }, { now, hour: 9, id: saved.id });
    expect((await getAgreement(saved.id))?.followUps).toEqual([{ date: '2026-11-26', text: '3个工作日内回复' }]);
    expect(await followUps()).toHaveLength(1);
  });
});
