import { describe, expect, it, vi } from 'vitest';
import { putRawRow, rawRows as rawRowsOf } from './test-support';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { bytesToBase64 } from '../crypto/bytes';
import { LockedError, UNLOCKED_SESSION_KEY, resetLockCache } from '../keys/state';
import { lockForTest, unlockedForTest } from '../keys/test-support';
import { addAttachment, attachmentIdsOf, deleteAttachment, deleteAttachmentsOf, getAttachment, listAttachments, sealAttachment, toAttachmentRecord } from './attachments';
import { openDatabase } from './database';
import { latestSession } from './latest-session';
import { PLAIN_FIELDS } from './rows';
import { confirmationsByAgreement } from './session-confirmation';
import {
  addNote,
  createSession,
  deleteNote,
  getSession,
  listNotes,
  listSessionsOfAgreement,
  saveSession,
  updateNote,
  updateSession,
} from './sessions';

/**
 * The chat-session, session-note and attachment stores with the lock on (docs/lock-design.md):
 * what lands on disk, what reads back, and what a closed lock refuses.
 */

const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0xca, 0xfe, 0xba, 0xbe]);
const STORES = ['sessions', 'sessionNotes', 'attachments'] as const;

/** Words that must never be on disk in plaintext while the lock is on. */
const SECRETS = ['借呗', '工号 8812', 'TK-20261125', '他说可以延期', '客服同意分12期', 'lender.example', '在线客服截图', 'image/png', 'screenshot', 'promise', 'web-chat'];

/** Every row of the three stores, exactly as stored. */
async function rawRows(): Promise<Record<string, Record<string, unknown>[]>> {
  return Object.fromEntries(await Promise.all(STORES.map(async (store) => [store, await rawRowsOf(store)] as const)));
}

/** Stored rows as text, image envelopes included (a Blob would show as {}: checked apart). */
const onDisk = async () => JSON.stringify(await rawRows());

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

async function fillStores() {
  const session = await createSession({ id: 's1', agreementId: 'a1', lender: '借呗', startedAt: 100 });
  await updateSession('s1', { agentName: '工号 8812', ticket: 'TK-20261125', draft: '他说可以延期', confirmationAskedAt: 150 });
  await createSession({ id: 'g1', agreementId: null, lender: '', startedAt: 50 });
  const note = await addNote({ id: 'n1', sessionId: 's1', at: 120, text: '客服同意分12期', tags: ['promise'] });
  const shot = await addAttachment({
    id: 'shot1',
    ownerType: 'session',
    ownerId: 's1',
    kind: 'screenshot',
    blob: new Blob([PNG], { type: 'image/png' }),
    url: 'https://lender.example/chat',
    title: '在线客服截图',
    capturedAt: 130,
  });
  return { session, note, shot };
}

describe('sealed sessions, notes and attachments (lock on, unlocked)', () => {
  it('keeps only ids, links and times in plaintext: no lender, agent, ticket, draft, note text or image bytes', async () => {
    await unlockedForTest();
    await fillStores();
    const raw = await rawRows();
    for (const store of STORES) {
      expect(raw[store]!.length).toBeGreaterThan(0);
      for (const row of raw[store]!) {
        const allowed = [...PLAIN_FIELDS[store], 'rev', 'sealed', ...(store === 'attachments' ? ['sealedBlob'] : [])];
        expect(Object.keys(row).filter((field) => !allowed.includes(field))).toEqual([]);
        expect(row).toHaveProperty('sealed');
        expect(Object.values(row).some((value) => value instanceof Blob)).toBe(false);
      }
    }
    const text = JSON.stringify(raw);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    // The image's bytes are not there either, not even as base64.
    expect(text).not.toContain(bytesToBase64(PNG).slice(0, 16));
    expect(raw.attachments![0]).toHaveProperty('sealedBlob');
    // What indexes and the owner list need stays readable.
    expect(raw.sessions!.find((row) => row.id === 's1')).toMatchObject({ agreementId: 'a1', startedAt: 100 });
    expect(raw.sessionNotes![0]).toMatchObject({ id: 'n1', sessionId: 's1', at: 120 });
    expect(raw.attachments![0]).toMatchObject({ id: 'shot1', ownerType: 'session', ownerId: 's1', capturedAt: 130 });
  });

  it('reads everything back as it was written', async () => {
    await unlockedForTest();
    const { note, shot } = await fillStores();
    const s1 = await getSession('s1');
    expect(s1).toEqual({
      id: 's1',
      agreementId: 'a1',
      lender: '借呗',
      channel: 'web-chat',
      startedAt: 100,
      agentName: '工号 8812',
      ticket: 'TK-20261125',
      confirmationAskedAt: 150,
      confirmationReceivedAt: null,
      confirmationChannel: null,
      draft: '他说可以延期',
    });
    expect(await listSessionsOfAgreement('a1')).toEqual([s1]);
    expect((await listSessionsOfAgreement(null)).map((s) => [s.id, s.agreementId])).toEqual([['g1', null]]);
    expect(await latestSession()).toEqual(s1);
    expect(await listNotes('s1')).toEqual([note]);

    const [listed] = await listAttachments('session', 's1');
    const { blob, ...fields } = shot;
    expect(listed).toMatchObject(fields);
    // The schema's own checks passed on the rebuilt Blob: same size, same type, same bytes.
    expect(listed!.blob.type).toBe('image/png');
    expect(listed!.byteLength).toBe(PNG.length);
    expect(await bytesOf(listed!.blob)).toEqual(await bytesOf(blob));
    expect(await getAttachment('shot1')).toMatchObject(fields);
    expect(await attachmentIdsOf('session', 's1')).toEqual(['shot1']);
  });

  it('changes stay sealed, and an update keeps the fields it did not touch', async () => {
    await unlockedForTest();
    await fillStores();
    const before = JSON.stringify((await rawRows()).sessions!.find((row) => row.id === 's1'));
    await updateSession('s1', { confirmationReceivedAt: 900, confirmationChannel: 'sms' });
    await updateNote({ id: 'n1', sessionId: 's1', at: 120, text: '客服同意分12期，免息', tags: ['promise', 'amount'] });
    const after = JSON.stringify((await rawRows()).sessions!.find((row) => row.id === 's1'));
    expect(after).not.toBe(before);
    expect(await onDisk()).not.toContain('免息');
    expect(await getSession('s1')).toMatchObject({ agentName: '工号 8812', draft: '他说可以延期', confirmationReceivedAt: 900, confirmationChannel: 'sms' });
    expect((await listNotes('s1'))[0]).toMatchObject({ text: '客服同意分12期，免息', tags: ['promise', 'amount'] });
  });

  it('two quick updates at once keep both changes', async () => {
    await unlockedForTest();
    await createSession({ id: 's1', agreementId: 'a1', lender: '借呗', startedAt: 100 });
    await Promise.all([updateSession('s1', { agentName: '工号 8812' }), updateSession('s1', { ticket: 'TK-1' }), updateSession('s1', { draft: '他说' })]);
    expect(await getSession('s1')).toMatchObject({ agentName: '工号 8812', ticket: 'TK-1', draft: '他说', lender: '借呗' });
  });

  it('reads plaintext rows left from before the lock was turned on beside sealed ones', async () => {
    await createSession({ id: 'old', agreementId: 'a1', lender: '花呗', startedAt: 10 });
    await addNote({ id: 'old-note', sessionId: 'old', at: 11, text: 'before' });
    await unlockedForTest();
    await createSession({ id: 'new', agreementId: 'a1', lender: '借呗', startedAt: 20 });
    await addNote({ id: 'new-note', sessionId: 'old', at: 12, text: 'after' });
    expect((await listSessionsOfAgreement('a1')).map((s) => [s.id, s.lender])).toEqual([
      ['new', '借呗'],
      ['old', '花呗'],
    ]);
    expect((await listNotes('old')).map((n) => n.text)).toEqual(['before', 'after']);
  });

  it('skips a row whose envelope was copied from another record, as it does an invalid one', async () => {
    await unlockedForTest();
    await fillStores();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const s1 = (await rawRowsOf('sessions')).find((row) => row.id === 's1');
    await putRawRow('sessions', { ...s1, id: 'copy', startedAt: 999 });
    expect((await listSessionsOfAgreement('a1')).map((s) => s.id)).toEqual(['s1']);
    expect(await getSession('copy')).toBeUndefined();
    // The newest row does not open: the newest that does is the latest session.
    expect((await latestSession())?.id).toBe('s1');
    expect(warn).toHaveBeenCalled();
  });

  it('counts confirmations from sealed sessions as from plaintext ones', async () => {
    await unlockedForTest();
    await createSession({ id: 's1', agreementId: 'waiting', lender: '借呗', startedAt: 1 });
    await addNote({ id: 'n1', sessionId: 's1', at: 10, text: '客服同意延期，说会发短信' });
    await createSession({ id: 's2', agreementId: 'got', lender: '花呗', startedAt: 2 });
    await createSession({ id: 's3', agreementId: 'got', lender: '花呗', startedAt: 3 });
    await updateSession('s3', { confirmationReceivedAt: 900, confirmationChannel: 'sms' });
    await updateSession('s2', { confirmationReceivedAt: 700, confirmationChannel: 'email' });
    await createSession({ id: 'opened', agreementId: 'quiet', lender: '借呗', startedAt: 4 });
    await createSession({ id: 'typed', agreementId: 'typing', lender: '微粒贷', startedAt: 5 });
    await updateSession('typed', { agentName: '工号 8821' });
    expect(await onDisk()).not.toContain('8821');
    expect(await confirmationsByAgreement()).toEqual(
      new Map([
        ['waiting', null],
        ['got', 700],
        ['typing', null],
      ]),
    );
  });

  it('with the lock off, the popup’s confirmation read asks nothing of the lock', async () => {
    await createSession({ id: 's1', agreementId: 'a', lender: '借呗', startedAt: 1 });
    await updateSession('s1', { agentName: 'x' });
    resetLockCache();
    const local = vi.spyOn(fakeBrowser.storage.local, 'get');
    const session = vi.spyOn(fakeBrowser.storage.session, 'get');
    expect(await confirmationsByAgreement()).toEqual(new Map([['a', null]]));
    expect(local).not.toHaveBeenCalled();
    expect(session).not.toHaveBeenCalled();
  });

  it('sealAttachment gives the row to put in the caller’s own transaction', async () => {
    await unlockedForTest();
    const record = toAttachmentRecord({ ownerType: 'payment', ownerId: 'p1', kind: 'receipt', blob: new Blob([PNG], { type: 'image/jpeg' }), capturedAt: 5 });
    const row = await sealAttachment(record, Date.now());
    expect(row).not.toHaveProperty('blob');
    expect(row).not.toHaveProperty('mimeType');
    const db = await openDatabase();
    await db.put('attachments', row);
    const [receipt] = await listAttachments('payment', 'p1');
    expect(receipt).toMatchObject({ id: record.id, kind: 'receipt', mimeType: 'image/jpeg', byteLength: PNG.length });
    expect(await bytesOf(receipt!.blob)).toEqual(PNG);
  });
});

describe('sealed stores while locked', () => {
  it('refuses every read of a sealed row and every write, and changes nothing on disk', async () => {
    await unlockedForTest();
    const { session, note } = await fillStores();
    await lockForTest();
    const before = await onDisk();
    const locked = (promise: Promise<unknown>) => expect(promise).rejects.toBeInstanceOf(LockedError);

    await locked(getSession('s1'));
    await locked(listSessionsOfAgreement('a1'));
    await locked(latestSession());
    await locked(listNotes('s1'));
    await locked(confirmationsByAgreement());
    await locked(listAttachments('session', 's1'));
    await locked(getAttachment('shot1'));

    await locked(createSession({ id: 's9', agreementId: null, lender: '花呗', startedAt: 1 }));
    await locked(saveSession({ ...session, lender: '花呗' }));
    await locked(updateSession('s1', { draft: '新的' }));
    await locked(addNote({ id: 'n9', sessionId: 's1', at: 1, text: 'x' }));
    await locked(updateNote({ ...note, text: 'y' }));
    await locked(deleteNote('n1'));
    await locked(addAttachment({ ownerType: 'session', ownerId: 's1', kind: 'screenshot', blob: new Blob([PNG], { type: 'image/png' }), capturedAt: 1 }));
    await locked(deleteAttachment('shot1'));
    await locked(deleteAttachmentsOf('session', 's1'));
    await locked(sealAttachment(toAttachmentRecord({ ownerType: 'payment', ownerId: 'p', kind: 'receipt', blob: new Blob([PNG], { type: 'image/png' }), capturedAt: 1 }), Date.now()));

    expect(await onDisk()).toBe(before);
    // The owner index needs no record read: a button can still say an image is there.
    expect(await attachmentIdsOf('session', 's1')).toEqual(['shot1']);
  });

  it('reads again once unlocked with the same key', async () => {
    await unlockedForTest();
    await fillStores();
    const held = await fakeBrowser.storage.session.get(UNLOCKED_SESSION_KEY);
    await lockForTest();
    await expect(getSession('s1')).rejects.toBeInstanceOf(LockedError);
    await fakeBrowser.storage.session.set(held);
    resetLockCache();
    expect((await getSession('s1'))?.agentName).toBe('工号 8812');
  });
});
