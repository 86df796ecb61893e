import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from '../api/client.ts';

/**
 * Puts a refused request's field problems next to the matching form fields, using the given localised hints
 * (they say what the form expects, more than the server's generic per-field texts). Returns the message to
 * show above the form when a problem could not be placed on a field, else null.
 */
export function showFieldErrors(
  form: FormInstance,
  err: unknown,
  hints: Record<string, string>,
  fallbackHint: string,
): string | null {
  if (!(err instanceof ApiError)) return errorMessage(err);
  const known = new Set(Object.keys(hints));
  const placed = err.fieldProblems().filter((p) => known.has(p.field));
  if (placed.length === 0) return err.message;
  form.setFields(placed.map((p) => ({ name: p.field, errors: [hints[p.field] ?? fallbackHint] })));
  return placed.length === err.fieldProblems().length ? null : err.message;
}
