import { describe, expect, it } from 'vitest';
import { getNote, saveNote } from './notes';

describe('notes store', () => {
  it('keeps the latest text of a note', async () => {
    expect(await getNote('general')).toBeUndefined();
    await saveNote('general', '工号 8812', 1);
    await saveNote('general', '工号 8812，答应减免罚息', 2);
    expect(await getNote('general')).toEqual({ id: 'general', text: '工号 8812，答应减免罚息', updatedAt: 2 });
  });
});
