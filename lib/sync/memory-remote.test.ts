import { describe, expect, it } from 'vitest';
import { utf8 } from '../crypto/bytes';
import { MemoryRemote } from './memory-remote';
import { RemoteError } from './remote';

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RemoteError) return `${error.kind} ${error.status ?? ''}`.trim();
    throw error;
  }
  return 'accepted';
}

describe('the in-memory WebDAV server', () => {
  it('refuses a file or folder whose parent is missing (409), as strict servers do', async () => {
    const remote = new MemoryRemote();
    expect(await refusal(remote.put('a/b', utf8('x')))).toBe('conflict 409');
    expect(await refusal(remote.makeFolder('a/b/'))).toBe('conflict 409');
    await remote.makeFolder('a/');
    await remote.makeFolder('a/');
    await remote.put('a/b', utf8('x'));
    expect(await remote.get('a/b')).toEqual(utf8('x'));
    expect(await remote.get('a/c')).toBeNull();
    expect(await refusal(remote.list('z/'))).toBe('not-found 404');
  });

  it('lists direct children with sizes and ETags, folders ending with a slash', async () => {
    const remote = new MemoryRemote();
    await remote.makeFolder('a');
    await remote.makeFolder('a/sub/');
    await remote.put('a/file', utf8('four'));
    await remote.put('a/sub/deep', utf8('x'));
    const entries = await remote.list('a/');
    expect(entries.map(({ path, name, isFolder, size }) => ({ path, name, isFolder, size }))).toEqual([
      { path: 'a/file', name: 'file', isFolder: false, size: 4 },
      { path: 'a/sub/', name: 'sub', isFolder: true, size: undefined },
    ]);
    expect(entries[0]?.etag).toMatch(/^".+"$/);
    expect((await remote.list('')).map((entry) => entry.path)).toEqual(['a/']);
  });

  it('createOnly and ifMatch are preconditions (412)', async () => {
    const remote = new MemoryRemote();
    const { etag } = await remote.put('f', utf8('1'), { createOnly: true });
    expect(await refusal(remote.put('f', utf8('2'), { createOnly: true }))).toBe('precondition 412');
    expect(await refusal(remote.put('f', utf8('2'), { ifMatch: '"other"' }))).toBe('precondition 412');
    await remote.put('f', utf8('3'), { ifMatch: etag! });
    expect(await remote.get('f')).toEqual(utf8('3'));
  });

  it('a server that ignores If-None-Match overwrites', async () => {
    const remote = new MemoryRemote({ ignoreCreateOnly: true });
    await remote.put('f', utf8('1'), { createOnly: true });
    await remote.put('f', utf8('2'), { createOnly: true });
    expect(await remote.get('f')).toEqual(utf8('2'));
  });

  it('MOVE renames, refuses to replace unless asked, and needs the source and the target folder', async () => {
    const remote = new MemoryRemote();
    await remote.makeFolder('t');
    await remote.put('t/tmp', utf8('new'));
    await remote.put('final', utf8('old'));
    expect(await refusal(remote.move('t/tmp', 'final'))).toBe('precondition 412');
    expect(await refusal(remote.move('t/missing', 'other'))).toBe('not-found 404');
    expect(await refusal(remote.move('t/tmp', 'nofolder/x'))).toBe('conflict 409');
    await remote.move('t/tmp', 'final', { overwrite: true });
    expect(await remote.get('final')).toEqual(utf8('new'));
    expect(await remote.get('t/tmp')).toBeNull();
    await remote.move('final', 't/again');
    expect(remote.filePaths()).toEqual(['t/again']);
  });

  it('moves and removes folders with everything in them; removing a missing path is not an error', async () => {
    const remote = new MemoryRemote();
    await remote.makeFolder('a');
    await remote.makeFolder('a/b');
    await remote.put('a/b/c', utf8('x'));
    await remote.move('a/', 'z/');
    expect(remote.filePaths()).toEqual(['z/b/c']);
    expect(remote.folderPaths()).toEqual(['z/', 'z/b/']);
    await remote.remove('z/');
    await remote.remove('nothing');
    expect(remote.filePaths()).toEqual([]);
    expect(remote.folderPaths()).toEqual([]);
  });

  it('can cut listings, omit sizes, and store a PUT short or refuse it', async () => {
    const remote = new MemoryRemote({ listLimit: 2, omitSizes: true });
    await remote.makeFolder('f');
    for (const name of ['1', '2', '3']) await remote.put(`f/${name}`, utf8(name));
    const listed = await remote.list('f');
    expect(listed).toHaveLength(2);
    expect(listed[0]?.size).toBeUndefined();

    remote.configure({ beforePut: (_path, body) => ({ store: body.subarray(0, 2) }) });
    await remote.put('f/cut', utf8('abcdef'));
    expect(await remote.get('f/cut')).toEqual(utf8('ab'));
    remote.configure({ beforePut: () => ({ fail: new RemoteError('network', 'dropped') }) });
    expect(await refusal(remote.put('f/lost', utf8('abc')))).toBe('network');
    expect(await remote.get('f/lost')).toBeNull();
  });
});
