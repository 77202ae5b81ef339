import type * as z from 'zod/mini';
import { err, ok, type Result } from './result';

/**
 * One problem with an input, in a form the UI can translate and place next to its field:
 * `path` is the dotted field ("lenders.1.balanceFen"), `code` either one of ours ("invalid-date",
 * "after-deferral-end") or zod's own in kebab case ("invalid-type", "too-small").
 */
export interface FieldIssue {
  path: string;
  code: string;
}

/** Runs a zod schema and returns every issue at once, so a form can show them all together. */
export function parseWith<T>(schema: z.ZodMiniType<T>, input: unknown): Result<T, FieldIssue[]> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return err(
    parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      code: issue.code === 'custom' ? issue.message : issue.code.replaceAll('_', '-'),
    })),
  );
}
