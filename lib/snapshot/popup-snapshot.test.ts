import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveAgreement } from '../db/save-agreement';
import { createSession } from '../db/sessions';
import { addDaysIso, toIsoDate } from '../domain/dates';
import {
  DATA_TOKEN_KEY,
  dataToken,
  LOCK_HINT_KEY,
  lockWasOn,
  noteDataChanged,
  noteLockOn,
  noteTokenBeforeReads,
  saveSnapshot,
  SNAPSHOT_KEY,
  snapshotToPaint,
  type SnapshotContext,
  tokenBeforeReads,
} from './popup-snapshot';

/** A page's localStorage, in memory. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const HTML = '<main class="popup-main"><h1>还款协商助手</h1><section class="summary">…</section></main>';

let storage: MemoryStorage;
/** The context of the opening that wrote the snapshot: today (the test's clock), zh-CN, light, one build. */
let context: SnapshotContext;

beforeEach(() => {
  storage = new MemoryStorage();
  context = { day: toIsoDate(Date.now()), language: 'zh-CN', theme: 'light', build: '/chunks/popup-C0nWSZ0o.js', search: '' };
});

/** Kept by an opening with `context`, after the change the storage notes now. */
const keep = () => expect(saveSnapshot(storage, context, HTML, dataToken(storage))).toBe(true);

describe('the popup snapshot: painted only while it still holds', () => {
  it('is painted at the next opening with the same day, language, theme, build and data', () => {
    noteDataChanged(storage);
    keep();
    const found = snapshotToPaint(storage, { ...context });
    expect(found).toEqual({ snapshot: expect.objectContaining({ html: HTML, day: context.day }) as unknown });
  });

  it("is kept with the change noted before the painter's early read, not one noted while the page loaded", () => {
    // A page without a painter's read takes the token as it is.
    noteDataChanged(storage);
    expect(tokenBeforeReads(storage)).toBe(dataToken(storage));
    // The painter reads the first screen's rows; a change lands before the page's code has loaded.
    noteTokenBeforeReads(storage);
    const before = dataToken(storage);
    noteDataChanged(storage);
    expect(tokenBeforeReads(storage)).toBe(before);
    // A snapshot of those rows, kept with that token, is refused at the next opening.
    expect(saveSnapshot(storage, context, HTML, tokenBeforeReads(storage))).toBe(true);
    expect(snapshotToPaint(storage, context)).toEqual({ refused: 'data-changed' });
  });

  it("reads the lock's hint the gate keeps, and takes unreadable storage for the lock on", () => {
    vi.stubGlobal('localStorage', storage);
    expect(lockWasOn()).toBe(false);
    noteLockOn(true);
    expect(lockWasOn()).toBe(true);
    noteLockOn(false);
    expect(lockWasOn()).toBe(false);
    vi.spyOn(storage, 'getItem').mockImplementation(() => {
      throw new DOMException('refused', 'SecurityError');
    });
    expect(lockWasOn()).toBe(true);
  });

  it('is painted when no change was ever noted, and refused once one is', () => {
    keep();
    expect('snapshot' in snapshotToPaint(storage, context)).toBe(true);
    noteDataChanged(storage);
    expect(snapshotToPaint(storage, context)).toEqual({ refused: 'data-changed' });
  });

  it('is refused after a change made in any page: the write path notes it', async () => {
    vi.stubGlobal('localStorage', storage);
    keep();
    await saveAgreement({ lender: '借呗', kind: 'extension', amountFen: 100_00, dueDate: addDaysIso(context.day, 3) }, { now: Date.now(), hour: 9 });
    expect(snapshotToPaint(storage, context)).toEqual({ refused: 'data-changed' });
  });

  it('stays after a change it does not show (a chat session)', async () => {
    vi.stubGlobal('localStorage', storage);
    keep();
    await createSession({ id: 's1', agreementId: null, lender: '借呗', startedAt: Date.now() });
    expect('snapshot' in snapshotToPaint(storage, context)).toBe(true);
  });

  it('is refused the next day: its countdowns and groups were true for the day it was written', () => {
    keep();
    vi.setSystemTime(Date.now() + 24 * 60 * 60 * 1000);
    expect(snapshotToPaint(storage, { ...context, day: toIsoDate(Date.now()) })).toEqual({ refused: 'other-day' });
  });

  it('is refused in another UI language', () => {
    keep();
    expect(snapshotToPaint(storage, { ...context, language: 'en-US' })).toEqual({ refused: 'other-language' });
  });

  it('is refused in the other colour scheme', () => {
    keep();
    expect(snapshotToPaint(storage, { ...context, theme: 'dark' })).toEqual({ refused: 'other-theme' });
  });

  it('is refused by another build of the popup, whose markup may differ', () => {
    keep();
    expect(snapshotToPaint(storage, { ...context, build: '/chunks/popup-Dx81aQ2b.js' })).toEqual({ refused: 'other-build' });
  });

  it('is refused for an opening at one agreement (a notification or a link)', () => {
    keep();
    expect(snapshotToPaint(storage, { ...context, search: '?agreement=a1&reminder=r1' })).toEqual({ refused: 'linked' });
  });

  it('is refused, and never written, with the lock on; the gate deletes it when it sees the lock on', () => {
    keep();
    const raw = storage.getItem(SNAPSHOT_KEY);
    storage.setItem(LOCK_HINT_KEY, '1');
    expect(snapshotToPaint(storage, context)).toEqual({ refused: 'locked' });
    // A hint left from before, the snapshot still there: the gate's check finds the lock on.
    storage.setItem(SNAPSHOT_KEY, raw ?? '');
    vi.stubGlobal('localStorage', storage);
    noteLockOn(true);
    expect(storage.getItem(SNAPSHOT_KEY)).toBeNull();
    expect(saveSnapshot(storage, context, HTML, null)).toBe(false);
    expect(storage.getItem(SNAPSHOT_KEY)).toBeNull();
    // Off again: the hint goes, and a new snapshot may be kept.
    noteLockOn(false);
    expect(storage.getItem(LOCK_HINT_KEY)).toBeNull();
    keep();
  });

  it('is not written for an opening at one agreement', () => {
    expect(saveSnapshot(storage, { ...context, search: '?agreement=a1' }, HTML, null)).toBe(false);
    expect(snapshotToPaint(storage, context)).toEqual({ refused: 'none' });
  });

  it('is refused when unreadable or of another format', () => {
    storage.setItem(SNAPSHOT_KEY, '{"format":1,"html":');
    expect(snapshotToPaint(storage, context)).toEqual({ refused: 'unreadable' });
    keep();
    const kept = JSON.parse(storage.getItem(SNAPSHOT_KEY) ?? '{}') as Record<string, unknown>;
    storage.setItem(SNAPSHOT_KEY, JSON.stringify({ ...kept, format: 2 }));
    expect(snapshotToPaint(storage, context)).toEqual({ refused: 'unreadable' });
    storage.setItem(SNAPSHOT_KEY, JSON.stringify({ ...kept, html: 42 }));
    expect(snapshotToPaint(storage, context)).toEqual({ refused: 'unreadable' });
  });

  it('taken of data read before a change noted meanwhile, is refused at the next opening', () => {
    const before = dataToken(storage);
    noteDataChanged(storage);
    expect(saveSnapshot(storage, context, HTML, before)).toBe(true);
    expect(snapshotToPaint(storage, context)).toEqual({ refused: 'data-changed' });
  });

  it('goes when a change cannot be noted (storage refusing writes)', () => {
    keep();
    const refusing = Object.assign(new MemoryStorage(), { setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } });
    refusing.removeItem = (key: string) => storage.removeItem(key);
    noteDataChanged(refusing);
    expect(storage.getItem(SNAPSHOT_KEY)).toBeNull();
    expect(storage.getItem(DATA_TOKEN_KEY)).toBeNull();
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});
