import { describe, expect, it } from 'vitest';
import { exportBackup, serialiseBackup } from '../backup/export';
import { applyBackup, parseBackup } from '../backup/import';
import { lockForTest, unlockedForTest } from '../keys/test-support';
import { markPromise } from '../negotiation/complaint-draft';
import { openDatabase } from './database';
import { createSession, getSession, saveSession, updateSession } from './sessions';
import { putRawRow, rawRows } from './test-support';

const NOW = Date.parse('2026-12-01T10:00:00+08:00');

describe('the promises\u2019 outcomes marked in a complaint draft', () => {
  it('are saved with the chat and read back; an unmarked promise has no entry', async () => {
    const session = await createSession({ id: 's1', agreementId: null, lender: '借呗', startedAt: NOW });
    expect(session.promiseOutcomes).toBeUndefined();
    let marks = markPromise(session.promiseOutcomes, 'n1', 'broken');
    marks = markPromise(marks, 'n2', 'kept');
    await saveSession({ ...session, promiseOutcomes: marks }, NOW + 1);
    expect((await getSession('s1'))?.promiseOutcomes).toEqual({ n1: 'broken', n2: 'kept' });
    // Back to "not known": the mark goes.
    await updateSession('s1', { promiseOutcomes: markPromise(marks, 'n2', undefined) }, NOW + 2);
    expect((await getSession('s1'))?.promiseOutcomes).toEqual({ n1: 'broken' });
  });

  it('refuses an outcome no build writes, and writes nothing', async () => {
    await createSession({ id: 's1', agreementId: null, lender: '借呗', startedAt: NOW });
    const before = await rawRows('sessions');
    // @ts-expect-error an outcome no build writes: refused at run time too
    await expect(updateSession('s1', { promiseOutcomes: { n1: 'maybe' } }, NOW + 1)).rejects.toThrow();
    expect(await rawRows('sessions')).toEqual(before);
  });

  it('load from a session written before they existed', async () => {
    const session = await createSession({ id: 's1', agreementId: null, lender: '借呗', startedAt: NOW });
    const [row] = await rawRows('sessions');
    const older = Object.fromEntries(Object.entries(row ?? {}).filter(([field]) => field !== 'promiseOutcomes'));
    await putRawRow('sessions', older);
    expect(await getSession('s1')).toEqual(session);
  });

  it('travel through a backup and a replace-all import', async () => {
    const session = await createSession({ id: 's1', agreementId: null, lender: '借呗', startedAt: NOW });
    await saveSession({ ...session, promiseOutcomes: { n1: 'broken' } }, NOW + 1);
    const text = serialiseBackup(await exportBackup(NOW));
    await (await openDatabase()).clear('sessions');
    await applyBackup(await parseBackup(text), 'replace', { now: NOW });
    expect((await getSession('s1'))?.promiseOutcomes).toEqual({ n1: 'broken' });
  });

  it('are sealed with the rest of the session while the lock is on', async () => {
    await unlockedForTest(NOW);
    const session = await createSession({ id: 's1', agreementId: null, lender: '借呗', startedAt: NOW });
    await saveSession({ ...session, promiseOutcomes: { n1: 'broken' } }, NOW + 1);
    expect(JSON.stringify(await rawRows('sessions'))).not.toContain('broken');
    expect((await getSession('s1', NOW + 2))?.promiseOutcomes).toEqual({ n1: 'broken' });
    await lockForTest();
  });
});
