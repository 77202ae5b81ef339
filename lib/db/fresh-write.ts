/** Rolls back whatever the transaction wrote; its `done` then rejects, which the thrown error reports. */
export function abortQuietly(tx: { done: Promise<unknown>; abort(): void }): void {
  tx.done.catch(() => undefined);
  try {
    tx.abort();
  } catch {
    // Already finished or aborted.
  }
}
