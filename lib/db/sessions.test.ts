import { describe, expect, it } from 'vitest';
import { putRawRow, rawRows } from './test-support';
import { agreementsAwaitingConfirmation } from './session-confirmation';
import {
  addNote,
  createSession,
  deleteNote,
  getSession,
  listNotes,
  listSessionsOfAgreement,
  restoreNote,
  updateNote,
  updateSession,
} from './sessions';

describe('sessions store', () => {
  it('creates and updates sessions, lists an agreement’s newest first and general ones apart', async () => {
    await createSession({ id: 's1', agreementId: 'a1', lender: ' 借呗 ', startedAt: 100 });
    await createSession({ id: 's2', agreementId: 'a1', lender: '借呗', startedAt: 200 });
    await createSession({ id: 'g1', agreementId: null, lender: '', startedAt: 150 });
    expect((await getSession('s1'))?.lender).toBe('借呗');
    expect((await listSessionsOfAgreement('a1')).map((s) => s.id)).toEqual(['s2', 's1']);
    expect((await listSessionsOfAgreement(null)).map((s) => s.id)).toEqual(['g1']);

    const updated = await updateSession('s1', { agentName: '工号 8812', draft: '他说' });
    expect(updated).toMatchObject({ id: 's1', agentName: '工号 8812', draft: '他说', lender: '借呗' });
    expect(await getSession('s1')).toEqual(updated);
    expect(await updateSession('missing', { ticket: 'x' })).toBeUndefined();
    // @ts-expect-error a channel no build writes: refused at run time too
    await expect(updateSession('s1', { channel: 'fax' })).rejects.toThrow();
    expect((await getSession('s1'))?.channel).toBe('web-chat');
  });

  it('keeps a session’s notes in time order, apart from other sessions', async () => {
    await addNote({ id: 'n2', sessionId: 'x', at: 20, text: '第二条' });
    await addNote({ id: 'n1', sessionId: 'x', at: 10, text: '第一条', tags: ['offer'] });
    await addNote({ id: 'n3', sessionId: 'y', at: 15, text: 'other' });
    expect((await listNotes('x')).map((n) => n.id)).toEqual(['n1', 'n2']);
    await updateNote({ id: 'n2', sessionId: 'x', at: 20, text: '第二条', tags: ['promise', 'date'] });
    expect((await listNotes('x'))[1]?.tags).toEqual(['promise', 'date']);
    await deleteNote('n1');
    expect((await listNotes('x')).map((n) => n.id)).toEqual(['n2']);
    await expect(addNote({ id: 'bad', sessionId: 'x', at: -1, text: '' })).rejects.toThrow();
  });

  it('puts back a deleted note as it was, in its place, stamped after its tombstone', async () => {
    await addNote({ id: 'u1', sessionId: 'u', at: 10, text: '客服说可以分 12 期', tags: ['offer'] });
    await addNote({ id: 'u2', sessionId: 'u', at: 20, text: '工号 8812' });
    const [deleted] = await listNotes('u');
    await deleteNote('u1', 1_000);
    expect((await listNotes('u')).map((n) => n.id)).toEqual(['u2']);
    await restoreNote(deleted!, 2_000);
    expect(await listNotes('u')).toEqual([deleted, expect.objectContaining({ id: 'u2' })]);
    const tombstone = (await rawRows('tombstones')).find((row) => row.key === 'sessionNotes/u1');
    const row = (await rawRows('sessionNotes')).find((r) => r.id === 'u1');
    expect(String(row?.rev) > String(tombstone?.rev)).toBe(true);
  });

  it('skips an invalid stored note rather than showing it', async () => {
    await putRawRow('sessionNotes', { id: 'broken', sessionId: 'z', at: 1, text: 5 });
    await addNote({ id: 'ok', sessionId: 'z', at: 2, text: 'fine' });
    expect((await listNotes('z')).map((n) => n.id)).toEqual(['ok']);
  });

  it('flags agreements whose linked sessions have no written confirmation received', async () => {
    await createSession({ id: 'c1', agreementId: 'ca', lender: 'L', startedAt: 1 });
    await addNote({ id: 'c1-note', sessionId: 'c1', at: 1, text: 'agreed to defer' });
    await createSession({ id: 'c2', agreementId: 'cb', lender: 'L', startedAt: 1 });
    await createSession({ id: 'c3', agreementId: 'cb', lender: 'L', startedAt: 2 });
    await updateSession('c3', { confirmationReceivedAt: 5, confirmationChannel: 'sms' });
    const waiting = await agreementsAwaitingConfirmation();
    expect(waiting.has('ca')).toBe(true);
    expect(waiting.has('cb')).toBe(false);
  });
});
