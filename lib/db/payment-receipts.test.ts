import { describe, expect, it, vi } from 'vitest';
import type { AgreementFields } from '../domain/agreement';
import { localInstant } from '../domain/dates';
import { deleteAgreement, deleteDemoAgreements } from './delete-agreements';
import { addAttachment, attachmentIdsOf, AttachmentTooLargeError, getAttachment, listAttachments, MAX_ATTACHMENT_BYTES, NotAnImageError } from './attachments';
import { openDatabase } from './database';
import { recordPayment, undoPayment, type NewPayment } from './payment-writes';
import { listPaymentsByAgreement } from './payments';
import { listRemindersFor } from './reminders';
import { saveAgreement } from './save-agreement';
import { isQuotaExceeded } from './storage-errors';

const settlement: AgreementFields = { lender: '美团借钱', kind: 'settlement', amountFen: 100_000, dueDate: '2026-12-10' };
const now = localInstant('2026-12-01', 10);
const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 1, 2, 3]);
const png = () => new Blob([PNG], { type: 'image/png' });
const partial = (agreementId: string, amountFen = 30_000): NewPayment => ({ agreementId, amountFen, paidOn: '2026-12-01', coverage: 'partial' });

const counts = async () => {
  const db = await openDatabase();
  return { payments: await db.count('payments'), attachments: await db.count('attachments') };
};

/**
 * Makes writes to one store fail, the others untouched: 'later' writes the value, then asks for it
 * again with add(), which fails once the request runs (as a full disk fails at commit); 'at-once'
 * throws as the browser does when it refuses a value outright.
 */
function failPuts(storeName: string, when: 'later' | 'at-once') {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the original, called below with the store as `this`
  const put = IDBObjectStore.prototype.put;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name !== storeName) return put.apply(this, args);
    if (when === 'at-once') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    put.apply(this, args);
    return this.add(...args);
  });
}

describe('a payment’s receipt', () => {
  it('is stored with the payment, owned by it, byte for byte', async () => {
    const a = await saveAgreement(settlement, { now });
    const p = await recordPayment(partial(a.id), { now }, png());
    const [receipt, ...more] = await listAttachments('payment', p.id);
    expect(more).toEqual([]);
    expect(receipt).toMatchObject({ ownerType: 'payment', ownerId: p.id, kind: 'receipt', mimeType: 'image/png', byteLength: PNG.length, capturedAt: now });
    expect(new Uint8Array(await receipt!.blob.arrayBuffer())).toEqual(PNG);
    expect(await attachmentIdsOf('payment', p.id)).toEqual([receipt!.id]);
    // Without one, nothing is attached.
    const q = await recordPayment(partial(a.id, 1_000), { now });
    expect(await attachmentIdsOf('payment', q.id)).toEqual([]);
    expect(await counts()).toEqual({ payments: 2, attachments: 1 });
  });

  it('refused (not an image, too large): neither the payment nor the receipt is stored, reminders unchanged', async () => {
    const a = await saveAgreement(settlement, { now });
    const before = await listRemindersFor(a.id);
    await expect(recordPayment(partial(a.id), { now }, new Blob(['%PDF-1.7'], { type: 'application/pdf' }))).rejects.toBeInstanceOf(NotAnImageError);
    await expect(recordPayment(partial(a.id), { now }, new Blob([''], { type: '' }))).rejects.toBeInstanceOf(NotAnImageError);
    const huge = new Blob([new Uint8Array(MAX_ATTACHMENT_BYTES + 1)], { type: 'image/jpeg' });
    await expect(recordPayment(partial(a.id, 100_000), { now }, huge)).rejects.toBeInstanceOf(AttachmentTooLargeError);
    expect(await counts()).toEqual({ payments: 0, attachments: 0 });
    expect(await listRemindersFor(a.id)).toEqual(before);
  });

  it('a failure while the receipt is written (inside the transaction) rolls the payment back too', async () => {
    const a = await saveAgreement(settlement, { now });
    const before = await listRemindersFor(a.id);
    failPuts('attachments', 'later');
    // A full payment: had it been kept, the payment reminders would be gone.
    await expect(recordPayment({ ...partial(a.id, 100_000), coverage: 'full' }, { now }, png())).rejects.toMatchObject({ name: 'ConstraintError' });
    vi.restoreAllMocks();
    expect(await counts()).toEqual({ payments: 0, attachments: 0 });
    expect(await listRemindersFor(a.id)).toEqual(before);
  });

  it('a receipt the browser refuses outright (a full disk) stores no payment either', async () => {
    const a = await saveAgreement(settlement, { now });
    failPuts('attachments', 'at-once');
    const error: unknown = await recordPayment(partial(a.id), { now }, png()).catch((e: unknown) => e);
    expect(isQuotaExceeded(error)).toBe(true);
    vi.restoreAllMocks();
    expect(await counts()).toEqual({ payments: 0, attachments: 0 });
  });

  it('goes when its payment is undone, in the same step; other receipts and screenshots stay', async () => {
    const a = await saveAgreement(settlement, { now });
    const first = await recordPayment(partial(a.id, 10_000), { now }, png());
    const second = await recordPayment(partial(a.id, 20_000), { now: now + 1 }, png());
    const shot = await addAttachment({ ownerType: 'session', ownerId: first.id, kind: 'screenshot', blob: png(), capturedAt: now });

    await undoPayment(second.id, { now });
    expect(await attachmentIdsOf('payment', second.id)).toEqual([]);
    expect((await listPaymentsByAgreement()).get(a.id)?.map((p) => p.id)).toEqual([first.id]);
    expect(await attachmentIdsOf('payment', first.id)).toHaveLength(1);
    expect(await getAttachment(shot.id)).toBeDefined();
    expect(await counts()).toEqual({ payments: 1, attachments: 2 });
  });

  it('an undo that fails keeps both the payment and its receipt', async () => {
    const a = await saveAgreement(settlement, { now });
    // Paid in full: the undo brings the payment reminders back, so it writes reminders.
    const p = await recordPayment({ ...partial(a.id, 100_000), coverage: 'full' }, { now }, png());
    failPuts('reminders', 'later');
    await expect(undoPayment(p.id, { now })).rejects.toMatchObject({ name: 'ConstraintError' });
    vi.restoreAllMocks();
    expect(await counts()).toEqual({ payments: 1, attachments: 1 });
    expect(await attachmentIdsOf('payment', p.id)).toHaveLength(1);
  });

  it('goes with its agreement; removing demo data removes only the demo payments’ receipts', async () => {
    const real = await saveAgreement(settlement, { now });
    const demo = await saveAgreement({ ...settlement, lender: '示例', demo: true }, { now });
    const realPaid = await recordPayment(partial(real.id), { now }, png());
    const demoPaid = [await recordPayment(partial(demo.id, 100), { now }, png()), await recordPayment(partial(demo.id, 200), { now: now + 1 }, png())];
    const shot = await addAttachment({ ownerType: 'session', ownerId: 's1', kind: 'screenshot', blob: png(), capturedAt: now });

    expect(await deleteDemoAgreements(Date.now())).toBe(1);
    for (const p of demoPaid) expect(await attachmentIdsOf('payment', p.id)).toEqual([]);
    expect(await attachmentIdsOf('payment', realPaid.id)).toHaveLength(1);

    await deleteAgreement(real.id, Date.now());
    expect(await counts()).toEqual({ payments: 0, attachments: 1 });
    expect(await getAttachment(shot.id)).toBeDefined();
  });
});
