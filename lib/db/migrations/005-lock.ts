import type { Migration } from './index';

/**
 * Version 5: the at-rest lock (docs/lock-design.md). Records may now be sealed, which an older
 * build could not read: the new version makes such a build refuse the database with its "newer
 * version" message instead of showing nothing and writing plaintext beside sealed rows.
 *
 * No store changes. Agreements gain a plaintext `settled` flag as they are saved (and all at once
 * when the lock is turned on); until then the badge judges a row without it from its payments, as
 * before. Computing the flags here would bring the payment rules into every page's first load.
 */
export const migration005Lock: Migration = () => undefined;
