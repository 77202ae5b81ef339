import { describe, expect, it } from 'vitest';
import { JIANGUOYUN_BUDGET, resolveVault, type VaultInput, type VaultInputError } from './presets';

function location(input: VaultInput) {
  const result = resolveVault(input);
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  return result.location;
}

function error(input: VaultInput): VaultInputError | undefined {
  const result = resolveVault(input);
  return result.ok ? undefined : result.error;
}

describe('坚果云', () => {
  it('puts the vault in a folder below /dav/, asks for that host only, and knows the server’s limits', () => {
    expect(location({ kind: 'jianguoyun', folder: ' /还款 助手/ ' })).toEqual({
      kind: 'jianguoyun',
      folderUrl: 'https://dav.jianguoyun.com/dav/%E8%BF%98%E6%AC%BE%20%E5%8A%A9%E6%89%8B/',
      origin: 'https://dav.jianguoyun.com',
      permissionPattern: 'https://dav.jianguoyun.com/*',
      appPassword: 'required',
      listingPageSize: 750,
      budget: JIANGUOYUN_BUDGET,
    });
    expect(location({ kind: 'jianguoyun', folder: 'a/b' }).folderUrl).toBe('https://dav.jianguoyun.com/dav/a/b/');
  });

  it('never writes in the root: a folder is required, and a plain WebDAV URL to the root is refused too', () => {
    expect(error({ kind: 'jianguoyun', folder: '' })).toBe('folder-missing');
    expect(error({ kind: 'jianguoyun', folder: ' / ' })).toBe('folder-missing');
    expect(error({ kind: 'webdav', url: 'https://dav.jianguoyun.com/dav/' })).toBe('folder-missing');
    expect(error({ kind: 'webdav', url: 'https://dav.jianguoyun.com/dav' })).toBe('folder-missing');
  });

  it('is recognised behind a plain WebDAV URL, with its limits', () => {
    const found = location({ kind: 'webdav', url: 'https://dav.jianguoyun.com/dav/vault' });
    expect(found).toMatchObject({ kind: 'jianguoyun', folderUrl: 'https://dav.jianguoyun.com/dav/vault/', listingPageSize: 750, appPassword: 'required' });
  });

  it('refuses folder names that would leave the folder or cannot be written', () => {
    for (const folder of ['..', 'a/../b', 'a//b', './a', 'a\\b', 'a\u0000b', 'a\nb']) {
      expect(error({ kind: 'jianguoyun', folder }), folder).toBe('folder-invalid');
    }
  });
});

describe('Nextcloud', () => {
  it('builds the files URL of the user, under a server installed in a sub-folder too', () => {
    expect(location({ kind: 'nextcloud', server: 'https://cloud.example.org', user: 'amy', folder: 'vault' })).toMatchObject({
      kind: 'nextcloud',
      folderUrl: 'https://cloud.example.org/remote.php/dav/files/amy/vault/',
      origin: 'https://cloud.example.org',
      permissionPattern: 'https://cloud.example.org/*',
      appPassword: 'advised',
    });
    expect(location({ kind: 'nextcloud', server: 'https://example.org:8443/nextcloud/', user: 'li lei@x', folder: '账本' }).folderUrl).toBe(
      'https://example.org:8443/nextcloud/remote.php/dav/files/li%20lei%40x/%E8%B4%A6%E6%9C%AC/',
    );
  });

  it('takes a pasted WebDAV address for the server', () => {
    expect(location({ kind: 'nextcloud', server: 'https://c.example/nc/remote.php/webdav/', user: 'amy', folder: 'v' }).folderUrl).toBe(
      'https://c.example/nc/remote.php/dav/files/amy/v/',
    );
  });

  it('needs the user and a folder', () => {
    expect(error({ kind: 'nextcloud', server: 'https://c.example', user: ' ', folder: 'v' })).toBe('user-missing');
    expect(error({ kind: 'nextcloud', server: 'https://c.example', user: 'amy', folder: '' })).toBe('folder-missing');
  });
});

describe('any WebDAV server', () => {
  it('takes the folder URL as given, ending it with a slash; a port stays in the origin, not in the pattern', () => {
    expect(location({ kind: 'webdav', url: 'https://nas.example:5006/dav/My%20Vault' })).toEqual({
      kind: 'webdav',
      folderUrl: 'https://nas.example:5006/dav/My%20Vault/',
      origin: 'https://nas.example:5006',
      permissionPattern: 'https://nas.example/*',
      appPassword: 'no',
    });
  });

  it('allows plain http only to this computer', () => {
    expect(location({ kind: 'webdav', url: 'http://127.0.0.1:8080/v/' }).permissionPattern).toBe('http://127.0.0.1/*');
    expect(location({ kind: 'webdav', url: 'http://localhost/v/' }).origin).toBe('http://localhost');
    expect(error({ kind: 'webdav', url: 'http://nas.local/v/' })).toBe('url-insecure');
    expect(error({ kind: 'webdav', url: 'http://192.168.1.2/v/' })).toBe('url-insecure');
    expect(error({ kind: 'nextcloud', server: 'http://cloud.example.org', user: 'a', folder: 'v' })).toBe('url-insecure');
  });

  it('refuses credentials, queries and other schemes in the URL, and what is not a URL', () => {
    expect(error({ kind: 'webdav', url: 'https://amy:secret@dav.example/v/' })).toBe('url-credentials');
    expect(error({ kind: 'webdav', url: 'https://amy@dav.example/v/' })).toBe('url-credentials');
    expect(error({ kind: 'webdav', url: 'https://dav.example/v/?a=1' })).toBe('url-query');
    expect(error({ kind: 'webdav', url: 'https://dav.example/v/#x' })).toBe('url-query');
    expect(error({ kind: 'webdav', url: 'https://dav.example/v/?' })).toBe('url-query');
    expect(error({ kind: 'webdav', url: 'ftp://dav.example/v/' })).toBe('url-scheme');
    expect(error({ kind: 'webdav', url: 'javascript:alert(1)' })).toBe('url-scheme');
    expect(error({ kind: 'webdav', url: 'dav.example/v' })).toBe('url-invalid');
    expect(error({ kind: 'webdav', url: '' })).toBe('url-invalid');
    expect(error({ kind: 'webdav', url: 'https://dav.example/%E0%A4%A/' })).toBe('url-invalid');
    expect(error({ kind: 'webdav', url: 'https://dav.example/a%5Cb/' })).toBe('folder-invalid');
  });
});
