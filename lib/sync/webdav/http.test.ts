import { describe, expect, it } from 'vitest';
import { basicAuthorization, errorForStatus, parseRetryAfter } from './http';

const NOW = Date.UTC(2026, 10, 20, 1, 0, 0);

describe('Basic credentials', () => {
  it('are UTF-8 before base64, so a Chinese password arrives whole', () => {
    const header = basicAuthorization('李雷', '还款：密码');
    expect(header.startsWith('Basic ')).toBe(true);
    const bytes = Uint8Array.from(atob(header.slice(6)), (char) => char.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe('李雷:还款：密码');
    expect(basicAuthorization('amy', 'pass:word')).toBe(`Basic ${btoa('amy:pass:word')}`);
  });
});

describe('Retry-After', () => {
  it('reads seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP date against the given clock, a past one as now', () => {
    expect(parseRetryAfter(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90_000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 01:10:00 GMT', NOW)).toBe(600_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:00 GMT', NOW)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
    expect(parseRetryAfter('1.5', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
  });
});

describe('statuses', () => {
  const kind = (status: number, headers: Record<string, string> = {}) => errorForStatus('GET', '/v/a', status, new Headers(headers), NOW);

  it('map to the kinds the layers above act on', () => {
    const kinds = [401, 403, 404, 409, 410, 412, 423, 429, 500, 502, 503, 507].map((status) => [status, kind(status).kind]);
    expect(Object.fromEntries(kinds)).toEqual({
      401: 'auth',
      403: 'forbidden',
      404: 'not-found',
      409: 'conflict',
      410: 'not-found',
      412: 'precondition',
      423: 'busy',
      429: 'busy',
      500: 'server',
      502: 'server',
      503: 'busy',
      507: 'insufficient-storage',
    });
  });

  it('carry the status and, for busy, the Retry-After', () => {
    expect(kind(503, { 'Retry-After': '30' })).toMatchObject({ status: 503, retryAfterMs: 30_000 });
    expect(kind(429)).toMatchObject({ status: 429, retryAfterMs: undefined });
    expect(kind(404).message).toContain('GET /v/a: 404');
  });
});
