import { describe, expect, it } from 'vitest';
import type { ImportPreview, StoreChanges } from './import';
import { mergeChangesNothing, replaceRemoves, summariseImport } from './preview-summary';
import { BACKUP_STORE_NAMES } from './stores';

const none: StoreChanges = { added: 0, changed: 0, unchanged: 0, onlyInDatabase: 0 };
const preview = (over: Partial<ImportPreview> = {}): ImportPreview =>
  ({ ...Object.fromEntries(BACKUP_STORE_NAMES.map((name) => [name, none])), ...over }) as ImportPreview;

describe('the import preview in the user terms', () => {
  it('speaks of agreements, payments, chats and images, and leaves the stores that follow them out', () => {
    const summary = summariseImport(
      preview({
        agreements: { added: 2, changed: 1, unchanged: 3, onlyInDatabase: 0 },
        sessions: { added: 1, changed: 0, unchanged: 0, onlyInDatabase: 4 },
        sessionNotes: { added: 9, changed: 9, unchanged: 9, onlyInDatabase: 9 },
        attachments: { added: 0, changed: 0, unchanged: 5, onlyInDatabase: 1 },
      }),
    );
    expect(Object.keys(summary)).toEqual(['agreements', 'payments', 'chats', 'images']);
    expect(summary.agreements).toEqual({ added: 2, changed: 1, unchanged: 3, onlyInDatabase: 0 });
    expect(summary.chats).toEqual({ added: 1, changed: 0, unchanged: 0, onlyInDatabase: 4 });
    expect(summary.images.onlyInDatabase).toBe(1);
  });

  it('knows when a merge would change nothing, counting every store', () => {
    expect(mergeChangesNothing(preview({ agreements: { added: 0, changed: 0, unchanged: 7, onlyInDatabase: 2 } }))).toBe(true);
    expect(mergeChangesNothing(preview({ scriptState: { added: 0, changed: 1, unchanged: 0, onlyInDatabase: 0 } }))).toBe(false);
    expect(mergeChangesNothing(preview({ payments: { added: 1, changed: 0, unchanged: 0, onlyInDatabase: 0 } }))).toBe(false);
  });

  it('names what replacing all would remove, and only what is there', () => {
    expect(replaceRemoves(preview({ agreements: { added: 0, changed: 0, unchanged: 0, onlyInDatabase: 3 }, attachments: { added: 0, changed: 0, unchanged: 0, onlyInDatabase: 2 } }))).toEqual({ agreements: 3, images: 2 });
    expect(replaceRemoves(preview())).toEqual({});
  });
});
