import { describe, expect, it } from 'vitest';
import type { RemoteEntry } from '../remote';
import { notAsSent } from './sync';

/**
 * Whether the info file a listing shows is the one this device sent last (sync.ts, `notAsSent`),
 * in its two uses: `tailLost` compares the size and the ETag the server gave the PUT, `infoOff`
 * the size alone. engine.test.ts shows what each decision does to a sync.
 */

const listed = (known: { size?: number; etag?: string }): RemoteEntry => ({ path: 'info-0123', name: 'info-0123', isFolder: false, ...known });

describe('whether the listed info file is not the one sent (tailLost: size and ETag)', () => {
  it('of the same size with another ETag, it is not the one sent: a server that kept an old file of that size', () => {
    expect(notAsSent(listed({ size: 812, etag: '"m1"' }), { size: 812, etag: '"m2"' })).toBe(true);
  });

  it('of the same size and ETag, it is the one sent, whether the server writes the ETag weak or strong, or with Apache\'s -gzip', () => {
    expect(notAsSent(listed({ size: 812, etag: '"m2"' }), { size: 812, etag: '"m2"' })).toBe(false);
    expect(notAsSent(listed({ size: 812, etag: 'W/"m2"' }), { size: 812, etag: '"m2"' })).toBe(false);
    expect(notAsSent(listed({ size: 812, etag: '"m2"' }), { size: 812, etag: 'W/"m2"' })).toBe(false);
    expect(notAsSent(listed({ size: 812, etag: '"m2-gzip"' }), { size: 812, etag: '"m2"' })).toBe(false);
  });

  it('of another size, it is not the one sent, whatever the ETag (a file cut short)', () => {
    expect(notAsSent(listed({ size: 20, etag: '"m2"' }), { size: 812, etag: '"m2"' })).toBe(true);
    expect(notAsSent(listed({ size: 20, etag: '"m3"' }), { size: 812, etag: '"m2"' })).toBe(true);
  });

  it('with no size on one side, the ETags decide', () => {
    expect(notAsSent(listed({ etag: '"m1"' }), { size: 812, etag: '"m2"' })).toBe(true);
    expect(notAsSent(listed({ etag: '"m2"' }), { size: 812, etag: '"m2"' })).toBe(false);
    // No size kept for the file sent.
    expect(notAsSent(listed({ size: 20, etag: '"m1"' }), { size: undefined, etag: '"m2"' })).toBe(true);
    expect(notAsSent(listed({ size: 20, etag: '"m2"' }), { size: undefined, etag: '"m2"' })).toBe(false);
  });

  it('with no ETag on one side, the sizes decide', () => {
    expect(notAsSent(listed({ size: 812 }), { size: 812, etag: '"m2"' })).toBe(false);
    expect(notAsSent(listed({ size: 20 }), { size: 812, etag: '"m2"' })).toBe(true);
    // A server that gave the PUT no ETag.
    expect(notAsSent(listed({ size: 812, etag: '"m1"' }), { size: 812, etag: undefined })).toBe(false);
    expect(notAsSent(listed({ size: 20, etag: '"m1"' }), { size: 812, etag: undefined })).toBe(true);
  });

  it('with nothing that both sides know, it is taken as the one sent: against a server that lists neither, every tail would otherwise go again as a file', () => {
    expect(notAsSent(listed({}), { size: 812, etag: '"m2"' })).toBe(false);
    expect(notAsSent(listed({ size: 812, etag: '"m1"' }), { size: undefined, etag: undefined })).toBe(false);
    expect(notAsSent(listed({ size: 812 }), { size: undefined, etag: '"m2"' })).toBe(false);
    expect(notAsSent(listed({ etag: '"m1"' }), { size: 812, etag: undefined })).toBe(false);
  });
});

describe('whether the listed info file is not the one sent (infoOff: size alone)', () => {
  // infoOff passes no ETag on purpose (sync.ts says why): a server that lists another ETag than
  // its PUT gave would otherwise have the info file written again at every sync.
  const sent = (size: number | undefined) => ({ size, etag: undefined });

  it('of the same size with another ETag, it is taken as the one sent', () => {
    expect(notAsSent(listed({ size: 812, etag: '"m1"' }), sent(812))).toBe(false);
    expect(notAsSent(listed({ size: 812, etag: 'W/"m1"' }), sent(812))).toBe(false);
  });

  it('of another size, it is not the one sent', () => {
    expect(notAsSent(listed({ size: 20, etag: '"m1"' }), sent(812))).toBe(true);
  });

  it('with no size on either side, it is taken as the one sent', () => {
    expect(notAsSent(listed({ etag: '"m1"' }), sent(812))).toBe(false);
    expect(notAsSent(listed({ size: 812, etag: '"m1"' }), sent(undefined))).toBe(false);
  });
});
