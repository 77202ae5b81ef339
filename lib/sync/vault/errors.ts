/**
 * Why a file of the vault was refused. Every refusal names the file (its path in the vault
 * folder), so that what the user is told, and what a log keeps, says which one; nothing of a
 * refused file is ever applied.
 *
 * Vault file:
 * - vault-missing: there is no vault file (nothing to join);
 * - vault-exists: a vault was there already (create refuses to replace it: join it instead);
 * - vault-damaged: not our vault file, or changed or cut since it was written (its checksum fails);
 * - vault-unsupported: a format version or key derivation this build does not know (a newer build);
 * - vault-too-weak: key derivation parameters below this build's floor;
 * - wrong-passphrase: the file is intact and the passphrase does not unwrap its key;
 * - vault-replaced: the vault file on the server is another vault than the one this device joined.
 *
 * Other files:
 * - file-damaged: does not open (a changed byte, a cut end, moved from another path or another
 *   vault, sealed with another key: authenticated encryption cannot tell these apart) or opens to
 *   content that is not what its path says;
 * - file-unsupported: sealed by a newer format version;
 * - upload-incomplete: the server holds fewer bytes than were sent (checked before MOVE);
 * - sequence-taken: another file already holds this device's segment number.
 */
export type VaultErrorKind =
  | 'vault-missing'
  | 'vault-exists'
  | 'vault-damaged'
  | 'vault-unsupported'
  | 'vault-too-weak'
  | 'wrong-passphrase'
  | 'vault-replaced'
  | 'file-damaged'
  | 'file-unsupported'
  | 'upload-incomplete'
  | 'sequence-taken';

export class VaultError extends Error {
  constructor(
    readonly kind: VaultErrorKind,
    /** The file concerned, relative to the vault folder. */
    readonly path: string,
    detail?: string,
  ) {
    super(`${kind}: ${path}${detail ? ` (${detail})` : ''}`);
    this.name = 'VaultError';
  }
}
