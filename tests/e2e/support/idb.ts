/**
 * Reads and edits the extension's IndexedDB from inside one of its own contexts (an extension page
 * or the service worker), with the raw IndexedDB API. The database is never created from here:
 * `indexedDB.databases()` is checked first, since opening a missing database would make an empty
 * v1 database on which the extension's own upgrade never runs.
 *
 * The functions below are serialised into the browser: they must not use anything from this module.
 */

export const DB_NAME = 'repay-companion';
export type StoreName = 'agreements' | 'reminders' | 'notes' | 'payments' | 'sessions' | 'sessionNotes' | 'attachments';

export interface AgreementRow {
  id: string;
  lender: string;
  kind: string;
  amountFen: number;
  dueDate: unknown;
  /** An installment plan's periods, as confirmed in the form. */
  plan?: { dues: { date: string; amountFen: number }[] };
  /** The agreement that took this one's place. */
  replacedBy?: string;
  /** The badge's plaintext flag (1: paid or replaced). */
  settled?: 0 | 1;
  createdAt: number;
  updatedAt: number;
}

export interface ReminderRow {
  id: string;
  agreementId: string;
  code: string;
  dueDate: string;
  fireDate: string;
  fireAt: number;
  pending: 0 | 1;
  notifiedAt: number | null;
  /** Worked out without the official holidays of its year (Monday to Friday). */
  provisional?: boolean;
}

export interface NoteRow {
  id: string;
  text: string;
  updatedAt: number;
}

export interface SessionRow {
  id: string;
  agreementId: string | null;
  lender: string;
  channel: string;
  startedAt: number;
  agentName: string;
  ticket: string;
  confirmationAskedAt: number | null;
  confirmationReceivedAt: number | null;
  confirmationChannel: string | null;
  draft?: string;
  /** Promises marked kept or not kept in the complaint draft, by note id. */
  promiseOutcomes?: Record<string, string>;
}

export interface SessionNoteRow {
  id: string;
  sessionId: string;
  at: number;
  text: string;
  tags: string[];
}

export interface PaymentRow {
  id: string;
  agreementId: string;
  dueDate: string;
  paidOn: string;
  amountFen: number;
  coverage: 'full' | 'partial';
  recordedAt: number;
}

/** An attachment as read back: its Blob comes out of the browser as its type, size and bytes (base64). */
export interface AttachmentRow {
  id: string;
  ownerType: 'session' | 'payment';
  ownerId: string;
  kind: 'screenshot' | 'receipt';
  blob: { type: string; size: number; base64: string };
  mimeType: string;
  byteLength: number;
  url?: string;
  title?: string;
  capturedAt: number;
}

export interface DbDump {
  version: number;
  stores: string[];
  agreements: AgreementRow[];
  reminders: ReminderRow[];
  notes: NoteRow[];
  /** Empty before schema version 2. */
  payments: PaymentRow[];
  /** Empty before schema version 3. */
  sessions: SessionRow[];
  sessionNotes: SessionNoteRow[];
  /** Empty before schema version 4. */
  attachments: AttachmentRow[];
  /** Sync's bookkeeping, as stored. Empty before schema version 7. */
  sync: { key: string; value: unknown }[];
}

/** Anything that runs a function in a browser context: a Playwright Page/Worker, a Puppeteer Page. */
export interface Evaluator {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

type Op =
  | { kind: 'dump' }
  | { kind: 'put'; store: StoreName; value: Record<string, unknown> }
  | { kind: 'clear'; stores: StoreName[] };

/** Runs in the browser. Returns null when the database does not exist (yet). */
async function runInBrowser(arg: { dbName: string; op: Op }): Promise<DbDump | null> {
  const known = await indexedDB.databases();
  if (!known.some((info) => info.name === arg.dbName)) return null;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(arg.dbName);
    request.onupgradeneeded = () => {
      // Deleted between the check and the open: never create it from a test.
      request.transaction?.abort();
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
  try {
    const names = Array.from(db.objectStoreNames);
    const done = (tx: IDBTransaction) =>
      new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('transaction failed'));
        tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
      });
    if (arg.op.kind === 'put') {
      const tx = db.transaction(arg.op.store, 'readwrite');
      tx.objectStore(arg.op.store).put(arg.op.value);
      await done(tx);
    } else if (arg.op.kind === 'clear') {
      const stores = arg.op.stores.filter((name) => names.includes(name));
      if (stores.length > 0) {
        const tx = db.transaction(stores, 'readwrite');
        for (const name of stores) tx.objectStore(name).clear();
        await done(tx);
      }
    }
    const dump: DbDump = { version: db.version, stores: names, agreements: [], reminders: [], notes: [], payments: [], sessions: [], sessionNotes: [], attachments: [], sync: [] };
    const wanted = (['agreements', 'reminders', 'notes', 'payments', 'sessions', 'sessionNotes', 'attachments', 'sync'] as const).filter((name) => names.includes(name));
    if (wanted.length > 0) {
      const tx = db.transaction(wanted, 'readonly');
      const reads = wanted.map(
        (name) =>
          new Promise<void>((resolve, reject) => {
            const request = tx.objectStore(name).getAll();
            request.onsuccess = () => {
              (dump as unknown as Record<string, unknown[]>)[name] = request.result;
              resolve();
            };
            request.onerror = () => reject(request.error ?? new Error('read failed'));
          }),
      );
      await Promise.all(reads);
      // A Blob cannot leave the browser through evaluate: read its bytes (after the transaction).
      for (const row of dump.attachments as unknown as Record<string, unknown>[]) {
        const blob = row.blob;
        if (!(blob instanceof Blob)) continue;
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        row.blob = { type: blob.type, size: blob.size, base64: btoa(binary) };
      }
    }
    return dump;
  } finally {
    // Never hold a connection the extension might need to upgrade.
    db.close();
  }
}

/** The extension's database as seen from one of its contexts. */
export class ExtensionDb {
  constructor(private readonly context: () => Evaluator | Promise<Evaluator>) {}

  private async run(op: Op): Promise<DbDump | null> {
    const target = await this.context();
    return target.evaluate(runInBrowser, { dbName: DB_NAME, op });
  }

  /** Everything, or null if the extension has not created its database. */
  dump(): Promise<DbDump | null> {
    return this.run({ kind: 'dump' });
  }

  async agreements(): Promise<AgreementRow[]> {
    return (await this.dump())?.agreements ?? [];
  }

  async agreementByLender(lender: string): Promise<AgreementRow | undefined> {
    return (await this.agreements()).find((a) => a.lender === lender);
  }

  async reminders(agreementId?: string): Promise<ReminderRow[]> {
    const all = (await this.dump())?.reminders ?? [];
    return agreementId === undefined ? all : all.filter((r) => r.agreementId === agreementId);
  }

  async note(id: string): Promise<NoteRow | undefined> {
    return ((await this.dump())?.notes ?? []).find((n) => n.id === id);
  }

  /** The sessions about an agreement (null: general ones), newest first. */
  async sessions(agreementId?: string | null): Promise<SessionRow[]> {
    const all = (await this.dump())?.sessions ?? [];
    return (agreementId === undefined ? all : all.filter((s) => s.agreementId === agreementId)).sort((a, b) => b.startedAt - a.startedAt);
  }

  /** A session's notes in time order. */
  async sessionNotes(sessionId: string): Promise<SessionNoteRow[]> {
    return ((await this.dump())?.sessionNotes ?? []).filter((n) => n.sessionId === sessionId).sort((a, b) => a.at - b.at);
  }

  /** The images of one owner (a session's screenshots), oldest first. */
  async attachments(ownerId?: string): Promise<AttachmentRow[]> {
    const all = (await this.dump())?.attachments ?? [];
    return (ownerId === undefined ? all : all.filter((a) => a.ownerId === ownerId)).sort((a, b) => a.capturedAt - b.capturedAt);
  }

  async payments(agreementId?: string): Promise<PaymentRow[]> {
    const all = (await this.dump())?.payments ?? [];
    return agreementId === undefined ? all : all.filter((p) => p.agreementId === agreementId);
  }

  /** Sync's bookkeeping rows (versions held, the pending segment, cursors), as stored. */
  async syncRows(): Promise<{ key: string; value: unknown }[]> {
    return (await this.dump())?.sync ?? [];
  }

  async putReminder(reminder: ReminderRow): Promise<void> {
    await this.run({ kind: 'put', store: 'reminders', value: { ...reminder } });
  }

  /** Writes an agreement record as it is (without re-planning its reminders, as the app would). */
  async putAgreement(agreement: AgreementRow & Record<string, unknown>): Promise<void> {
    await this.run({ kind: 'put', store: 'agreements', value: { ...agreement } });
  }

  /** Empties the stores (never creates or deletes the database itself). */
  async clear(): Promise<void> {
    await this.run({ kind: 'clear', stores: ['agreements', 'reminders', 'notes', 'payments', 'sessions', 'sessionNotes', 'attachments'] });
  }
}
