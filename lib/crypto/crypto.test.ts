import { describe, expect, it } from 'vitest';
import { t } from '../i18n';
import { base64ToBytes, bytesToBase64 } from './bytes';
import { envelopeSchema, IV_BYTES, open, openText, seal, type Envelope } from './envelope';
import {
  deriveKey,
  keyHeaderSchema,
  keyParamsSchema,
  newKeyParams,
  newPassphraseKey,
  PBKDF2_ITERATIONS,
  SALT_BYTES,
  unlockPassphraseKey,
} from './passphrase-key';
import { checkNewPassphrase, MIN_PASSPHRASE_LENGTH, PASSPHRASE_PROBLEM_TEXT } from './passphrase-rule';

// Test-only: a low count keeps these tests fast. The production count is checked on its own below.
const FAST = { unsafeTestIterations: 1_000 };
const PASSPHRASE = '四个 不相关的 词语 correct horse';

async function rawKey(passphrase: string, params: unknown): Promise<string> {
  const derived = await deriveKey(passphrase, params, { ...FAST, extractable: true });
  if (!derived.ok) throw new Error(derived.problem);
  return bytesToBase64(new Uint8Array(await crypto.subtle.exportKey('raw', derived.value)));
}

/** The envelope with one byte of a base64 field changed (decoded, flipped, re-encoded). */
function flipByte(envelope: Envelope, field: 'iv' | 'ct', index: number): Envelope {
  const bytes = base64ToBytes(envelope[field])!;
  bytes[index % bytes.length]! ^= 0x01;
  return { ...envelope, [field]: bytesToBase64(bytes) };
}

describe('key derivation parameters', () => {
  it('production derivation uses at least 600,000 PBKDF2-SHA256 iterations and a 16-byte random salt', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const params = newKeyParams();
    expect(params).toMatchObject({ kdf: 'PBKDF2-SHA256', iterations: PBKDF2_ITERATIONS });
    expect(base64ToBytes(params.salt)).toHaveLength(SALT_BYTES);
    expect(newKeyParams().salt).not.toBe(params.salt);
    expect(keyParamsSchema.safeParse(params).success).toBe(true);
    // One real derivation at the production count: the platform accepts it.
    const derived = await deriveKey(PASSPHRASE, params);
    expect(derived.ok).toBe(true);
  }, 30_000);

  it('refuses fewer iterations than the production count unless a test asks for it explicitly', async () => {
    const weak = newKeyParams(FAST);
    expect(weak.iterations).toBe(1_000);
    expect(await deriveKey(PASSPHRASE, weak)).toEqual({ ok: false, problem: 'too-weak' });
    expect((await deriveKey(PASSPHRASE, weak, FAST)).ok).toBe(true);
    expect(await deriveKey(PASSPHRASE, { ...weak, iterations: 999 }, FAST)).toEqual({ ok: false, problem: 'too-weak' });
  });

  it('names parameters it cannot use', async () => {
    const params = newKeyParams(FAST);
    expect(await deriveKey(PASSPHRASE, { ...params, kdf: 'argon2id' }, FAST)).toEqual({ ok: false, problem: 'unsupported' });
    expect(await deriveKey(PASSPHRASE, { ...params, salt: 'AAAA' }, FAST)).toEqual({ ok: false, problem: 'malformed' });
    expect(await deriveKey(PASSPHRASE, { ...params, iterations: 1e12 }, FAST)).toEqual({ ok: false, problem: 'malformed' });
    expect(await deriveKey(PASSPHRASE, null, FAST)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('different salts give different keys; the same passphrase and salt give the same key', async () => {
    const a = newKeyParams(FAST);
    const b = newKeyParams(FAST);
    expect(a.salt).not.toBe(b.salt);
    expect(await rawKey(PASSPHRASE, a)).not.toBe(await rawKey(PASSPHRASE, b));
    expect(await rawKey(PASSPHRASE, a)).toBe(await rawKey(PASSPHRASE, { ...a }));
    expect(await rawKey(`${PASSPHRASE}.`, a)).not.toBe(await rawKey(PASSPHRASE, a));
  });

  it('the same characters typed through different input methods give the same key (NFC)', async () => {
    const params = newKeyParams(FAST);
    expect(await rawKey('cafe\u0301 longer passphrase', params)).toBe(await rawKey('caf\u00e9 longer passphrase', params));
  });

  it('keys are not extractable unless asked', async () => {
    const derived = await deriveKey(PASSPHRASE, newKeyParams(FAST), FAST);
    if (!derived.ok) throw new Error(derived.problem);
    expect(derived.value.extractable).toBe(false);
    expect(derived.value.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
  });
});

describe('seal and open', () => {
  it('round-trips bytes and text with a fresh 12-byte IV each time', async () => {
    const { key } = await newPassphraseKey(PASSPHRASE, FAST);
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    const sealed = await seal(key, bytes);
    expect(envelopeSchema.safeParse(sealed).success).toBe(true);
    expect(sealed).toMatchObject({ v: 1, alg: 'AES-GCM-256' });
    expect(base64ToBytes(sealed.iv)).toHaveLength(IV_BYTES);
    expect(await open(key, sealed)).toEqual({ ok: true, value: bytes });

    const text = '借呗 ¥1,234.56 — 客服工号 A123';
    const first = await seal(key, text, 'ctx');
    const second = await seal(key, text, 'ctx');
    expect(first.iv).not.toBe(second.iv);
    expect(first.ct).not.toBe(second.ct);
    expect(await openText(key, first, 'ctx')).toEqual({ ok: true, value: text });
    expect(await openText(key, await seal(key, ''))).toEqual({ ok: true, value: '' });
  });

  it('a wrong key, a changed byte of the ciphertext or IV, or other associated data fail without throwing', async () => {
    const { key } = await newPassphraseKey(PASSPHRASE, FAST);
    const { key: other } = await newPassphraseKey(PASSPHRASE, FAST);
    const sealed = await seal(key, 'amount 123456 fen', 'record:1');
    expect(await open(other, sealed, 'record:1')).toEqual({ ok: false, problem: 'failed' });
    expect(await open(key, sealed, 'record:2')).toEqual({ ok: false, problem: 'failed' });
    expect(await open(key, sealed)).toEqual({ ok: false, problem: 'failed' });
    const ctLength = base64ToBytes(sealed.ct)!.length;
    for (const index of [0, 5, ctLength - 1]) expect(await open(key, flipByte(sealed, 'ct', index), 'record:1')).toEqual({ ok: false, problem: 'failed' });
    for (const index of [0, 11]) expect(await open(key, flipByte(sealed, 'iv', index), 'record:1')).toEqual({ ok: false, problem: 'failed' });
    // Truncated: the tag is gone.
    const truncated = { ...sealed, ct: bytesToBase64(base64ToBytes(sealed.ct)!.subarray(0, ctLength - 1)) };
    expect(await open(key, truncated, 'record:1')).toEqual({ ok: false, problem: 'failed' });
    expect(await open(key, sealed, 'record:1')).toMatchObject({ ok: true });
  });

  it('names envelopes that are not ours or from a newer build', async () => {
    const { key } = await newPassphraseKey(PASSPHRASE, FAST);
    const sealed = await seal(key, 'x');
    expect(await open(key, { ...sealed, v: 2 })).toEqual({ ok: false, problem: 'unsupported' });
    expect(await open(key, { ...sealed, alg: 'XChaCha20' })).toEqual({ ok: false, problem: 'unsupported' });
    expect(await open(key, { ...sealed, iv: bytesToBase64(new Uint8Array(16)) })).toEqual({ ok: false, problem: 'malformed' });
    expect(await open(key, { ...sealed, ct: 'not base64!' })).toEqual({ ok: false, problem: 'malformed' });
    expect(await open(key, { ...sealed, ct: bytesToBase64(new Uint8Array(15)) })).toEqual({ ok: false, problem: 'malformed' });
    expect(await open(key, 'text')).toEqual({ ok: false, problem: 'malformed' });
  });
});

describe('passphrase key header', () => {
  it('stores its parameters and check value; the right passphrase unlocks a key that opens the data', async () => {
    const { key, header } = await newPassphraseKey(PASSPHRASE, FAST);
    expect(keyHeaderSchema.safeParse(header).success).toBe(true);
    expect(header.params.iterations).toBe(FAST.unsafeTestIterations);
    const stored = JSON.parse(JSON.stringify(header)) as unknown;
    const sealed = await seal(key, 'secret');
    const unlocked = await unlockPassphraseKey(PASSPHRASE, stored, FAST);
    if (!unlocked.ok) throw new Error(unlocked.problem);
    expect(await openText(unlocked.value, sealed)).toEqual({ ok: true, value: 'secret' });
  });

  it('refuses a wrong passphrase at the check value', async () => {
    const { header } = await newPassphraseKey(PASSPHRASE, FAST);
    expect(await unlockPassphraseKey(`${PASSPHRASE} `, header, FAST)).toEqual({ ok: false, problem: 'wrong-passphrase' });
    expect(await unlockPassphraseKey('', header, FAST)).toEqual({ ok: false, problem: 'wrong-passphrase' });
    // The stored count is the one used: a changed count derives another key.
    expect(await unlockPassphraseKey(PASSPHRASE, { ...header, params: { ...header.params, iterations: 1_001 } }, FAST)).toEqual({
      ok: false,
      problem: 'wrong-passphrase',
    });
    expect(await unlockPassphraseKey(PASSPHRASE, { ...header, check: flipByte(header.check, 'ct', 3) }, FAST)).toEqual({
      ok: false,
      problem: 'wrong-passphrase',
    });
    expect(await unlockPassphraseKey(PASSPHRASE, { params: header.params }, FAST)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('a sealed value other than the check value does not pass as one', async () => {
    const { key, header } = await newPassphraseKey(PASSPHRASE, FAST);
    expect(await unlockPassphraseKey(PASSPHRASE, { ...header, check: await seal(key, 'repay-companion key check') }, FAST)).toEqual({
      ok: false,
      problem: 'wrong-passphrase',
    });
  });
});

describe('new passphrase rule', () => {
  it(`asks for ${MIN_PASSPHRASE_LENGTH} characters as the user counts them, not all the same, typed twice alike`, () => {
    expect(checkNewPassphrase('short', 'short')).toBe('too-short');
    expect(checkNewPassphrase('a'.repeat(MIN_PASSPHRASE_LENGTH - 1), 'a'.repeat(MIN_PASSPHRASE_LENGTH - 1))).toBe('too-short');
    expect(checkNewPassphrase('a'.repeat(40), 'a'.repeat(40))).toBe('one-character');
    const chinese = '我每个月十五号还借呗一千块';
    expect(Array.from(chinese)).toHaveLength(13);
    expect(checkNewPassphrase(chinese, chinese)).toBeNull();
    expect(checkNewPassphrase(chinese.slice(0, 11), chinese.slice(0, 11))).toBe('too-short');
    expect(checkNewPassphrase(chinese, `${chinese}。`)).toBe('mismatch');
    expect(checkNewPassphrase('cafe\u0301 au lait!!', 'caf\u00e9 au lait!!')).toBeNull();
  });

  it('explains each problem in the UI language', () => {
    expect(t(PASSPHRASE_PROBLEM_TEXT['too-short'], String(MIN_PASSPHRASE_LENGTH))).toContain('12');
    for (const key of Object.values(PASSPHRASE_PROBLEM_TEXT)) expect(t(key)).not.toBe(key);
  });
});
