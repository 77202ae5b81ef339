import type { core } from 'zod/mini';

/** A stored record failed validation: keep it on disk (it may be recoverable) but never show it. */
export function reportInvalid(store: string, row: unknown, error: core.$ZodError): void {
  const key = typeof row === 'object' && row !== null && 'id' in row ? String(row.id) : '?';
  console.warn(`Skipped an invalid record in "${store}" (${key}):`, error.issues);
}
