import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { ConcurrentChangeError, mutate } from './write';
import type { NoteRow } from './rows';

const noteText = (row: NoteRow | undefined) => (row && 'text' in row ? row.text : undefined);

const note = (id: string, text: string) => ({ id, text, updatedAt: 1 });

describe('a mutation that reads first', () => {
  it('starts over when the rows changed between reading and writing, and writes from the fresh read', async () => {
    const db = await openDatabase();
    await db.put('notes', note('n', 'first'));
    let prepared = 0;
    const result = await mutate({
      name: 'test',
      stores: ['notes'],
      now: 1,
      read: (tx) => tx.objectStore('notes').get('n'),
      prepare: async (row) => {
        prepared += 1;
        // Another window saves while this one is busy outside the transaction (the first time only).
        if (prepared === 1) await db.put('notes', note('n', 'changed elsewhere'));
        return `${row && 'text' in row ? row.text : ''} + mine`;
      },
      write: async ({ tx }, text) => {
        await tx.objectStore('notes').put(note('n', text));
        return text;
      },
    });
    expect(prepared).toBe(2);
    expect(result).toBe('changed elsewhere + mine');
    expect(noteText(await db.get('notes', 'n'))).toBe('changed elsewhere + mine');
  });

  it('gives up with nothing written when the rows keep changing', async () => {
    const db = await openDatabase();
    await db.put('notes', note('n', '0'));
    let round = 0;
    await expect(
      mutate({
        name: 'test',
        stores: ['notes'],
        now: 1,
        read: (tx) => tx.objectStore('notes').get('n'),
        prepare: async () => {
          round += 1;
          await db.put('notes', note('n', String(round)));
        },
        write: async ({ tx }) => {
          await tx.objectStore('notes').put(note('n', 'mine'));
        },
      }),
    ).rejects.toBeInstanceOf(ConcurrentChangeError);
    expect(noteText(await db.get('notes', 'n'))).toBe(String(round));
  });

  it('an error while writing rolls back what the transaction wrote', async () => {
    const db = await openDatabase();
    await expect(
      mutate({
        name: 'test',
        stores: ['notes'],
        now: 1,
        prepare: () => Promise.resolve(null),
        write: async ({ tx }) => {
          await tx.objectStore('notes').put(note('a', 'written then rolled back'));
          throw new Error('boom');
        },
      }),
    ).rejects.toThrow('boom');
    expect(await db.count('notes')).toBe(0);
  });
});
