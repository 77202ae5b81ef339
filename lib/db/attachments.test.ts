import { mutate } from './write';
import { describe, expect, it, vi } from 'vitest';
import { putRawRow } from './test-support';
import { isQuotaExceeded } from './storage-errors';
import {
  addAttachment,
  AttachmentTooLargeError,
  attachmentRecordSchema,
  deleteAttachment,
  deleteAttachmentsOf,
  deleteAttachmentsOfInTx,
  getAttachment,
  listAttachments,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENT_URL,
  NotAnImageError,
  toAttachmentRecord,
} from './attachments';

const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82]);
const png = (extra = 0) => new Blob([PNG, new Uint8Array(extra)], { type: 'image/png' });
const shot = (ownerId: string, capturedAt: number, blob: Blob = png()) =>
  ({ ownerType: 'session', ownerId, kind: 'screenshot', blob, url: 'https://lender.example/chat', title: '在线客服', capturedAt }) as const;

describe('attachments store', () => {
  it('stores an image with its size and type, lists an owner’s images oldest first, apart from other owners', async () => {
    const later = await addAttachment(shot('s1', 200, png(5)));
    const earlier = await addAttachment(shot('s1', 100));
    await addAttachment(shot('s2', 50));
    await addAttachment({ ownerType: 'payment', ownerId: 's1', kind: 'receipt', blob: new Blob([PNG], { type: 'image/jpeg' }), capturedAt: 1 });

    expect(earlier).toMatchObject({ mimeType: 'image/png', byteLength: PNG.length, url: 'https://lender.example/chat', title: '在线客服' });
    expect(later.byteLength).toBe(PNG.length + 5);
    const listed = await listAttachments('session', 's1');
    expect(listed.map((a) => a.id)).toEqual([earlier.id, later.id]);
    // The bytes come back exactly.
    expect(new Uint8Array(await listed[0]!.blob.arrayBuffer())).toEqual(PNG);
    expect((await listAttachments('payment', 's1')).map((a) => a.kind)).toEqual(['receipt']);
    expect(await getAttachment(later.id)).toMatchObject({ id: later.id, capturedAt: 200 });
    expect(await getAttachment('missing')).toBeUndefined();
  });

  it('deletes one image, or every image of an owner', async () => {
    const a = await addAttachment(shot('s1', 1));
    await addAttachment(shot('s1', 2));
    const other = await addAttachment(shot('s2', 3));
    await deleteAttachment(a.id);
    expect(await listAttachments('session', 's1')).toHaveLength(1);
    expect(await deleteAttachmentsOf('session', 's1')).toBe(1);
    expect(await listAttachments('session', 's1')).toEqual([]);
    expect((await listAttachments('session', 's2')).map((x) => x.id)).toEqual([other.id]);
  });

  it('deletes an owner’s images inside a larger transaction, or not at all if it aborts', async () => {
    await addAttachment({ ownerType: 'payment', ownerId: 'p1', kind: 'receipt', blob: png(), capturedAt: 1 });
    const failing = mutate({
      name: 'test',
      stores: ['payments', 'attachments'],
      now: Date.now(),
      prepare: () => Promise.resolve(),
      write: async (writer) => {
        expect(await deleteAttachmentsOfInTx(writer, 'payment', 'p1')).toBe(1);
        throw new Error('something later in the same change failed');
      },
    });
    await expect(failing).rejects.toThrow('something later');
    expect(await listAttachments('payment', 'p1')).toHaveLength(1);
  });

  it('refuses an image over 20 MB with a clear error, and anything that is not an image, before writing', async () => {
    const huge = new Blob([new Uint8Array(MAX_ATTACHMENT_BYTES + 1)], { type: 'image/png' });
    const error: unknown = await addAttachment(shot('s1', 1, huge)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttachmentTooLargeError);
    expect((error as AttachmentTooLargeError).byteLength).toBe(MAX_ATTACHMENT_BYTES + 1);
    await expect(addAttachment(shot('s1', 1, new Blob(['hi'], { type: 'text/plain' })))).rejects.toBeInstanceOf(NotAnImageError);
    await expect(addAttachment({ ...shot('s1', 1), capturedAt: -1 })).rejects.toThrow();
    // @ts-expect-error an owner no build writes: refused at run time too
    await expect(addAttachment({ ...shot('s1', 1), ownerType: 'agreement' })).rejects.toThrow();
    expect(await listAttachments('session', 's1')).toEqual([]);
    // Exactly at the limit is fine.
    expect(toAttachmentRecord(shot('s1', 1, new Blob([new Uint8Array(MAX_ATTACHMENT_BYTES)], { type: 'image/png' }))).byteLength).toBe(MAX_ATTACHMENT_BYTES);
  });

  it('clips a very long page address or title instead of refusing the screenshot', () => {
    const record = toAttachmentRecord({ ...shot('s1', 1), url: `https://x.example/${'a'.repeat(MAX_ATTACHMENT_URL)}`, title: '标'.repeat(5_000) });
    expect(record.url).toHaveLength(MAX_ATTACHMENT_URL);
    expect(record.title).toHaveLength(1_000);
  });

  it('checks that the recorded size and type describe the stored bytes', () => {
    const record = toAttachmentRecord(shot('s1', 1));
    expect(attachmentRecordSchema.safeParse(record).success).toBe(true);
    expect(attachmentRecordSchema.safeParse({ ...record, byteLength: record.byteLength + 1 }).success).toBe(false);
    expect(attachmentRecordSchema.safeParse({ ...record, mimeType: 'image/jpeg' }).success).toBe(false);
    expect(attachmentRecordSchema.safeParse({ ...record, blob: 'iVBORw0KGgo=' }).success).toBe(false);
  });

  it('skips an invalid stored record rather than showing it', async () => {
    const ok = await addAttachment(shot('s1', 2));
    await putRawRow('attachments', { ...ok, id: 'broken', blob: 'not a blob' });
    expect((await listAttachments('session', 's1')).map((a) => a.id)).toEqual([ok.id]);
    expect(await getAttachment('broken')).toBeUndefined();
  });

  it('a full disk stores nothing and says so', async () => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called back with its own `this`
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'attachments') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const failure: unknown = await addAttachment(shot('s1', 1)).catch((e: unknown) => e);
    vi.restoreAllMocks();
    expect(isQuotaExceeded(failure)).toBe(true);
    expect(await listAttachments('session', 's1')).toEqual([]);
  });
});
