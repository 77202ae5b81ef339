import { describe, expect, it } from 'vitest';
import { openSidePanel } from './side-panel';

describe('opening the side panel', () => {
  it("in Chrome's build, asks for the window first (the build's browser decides the path, as in tests)", async () => {
    expect(import.meta.env.BROWSER).not.toBe('firefox');
    await expect(openSidePanel(undefined)).rejects.toThrow('No window to open the side panel in');
  });
});
