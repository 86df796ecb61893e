import { AppError } from '../../infra/errors.ts';

export type SortKey = 'reported_at' | 'deadline_at';
export type SortOrder = 'asc' | 'desc';

/** The position after the last row of a page: its sort value (UTC, microseconds; null sorts last) and id. */
export interface Cursor {
  sort: SortKey;
  order: SortOrder;
  value: string | null;
  id: number;
}

// The sort value keeps PostgreSQL's microseconds: a millisecond Date would skip rows between two pages.
const VALUE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Encodes a cursor as opaque base64url text. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.order, c.value, c.id])).toString('base64url');
}

const bad = () => new AppError('CURSOR_INVALID', 400);

/**
 * Decodes a cursor made by encodeCursor for the same sort and order; anything else (edited, truncated,
 * from another sort) is a 400 CURSOR_INVALID, so a client restarts from the first page.
 */
export function decodeCursor(text: string, sort: SortKey, order: SortOrder): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw bad();
  const [s, o, value, id] = parsed as unknown[];
  if (s !== sort || o !== order) throw bad();
  if (!Number.isSafeInteger(id) || (id as number) < 1) throw bad();
  if (value !== null && (typeof value !== 'string' || !VALUE.test(value))) throw bad();
  if (value === null && sort === 'reported_at') throw bad();
  if (typeof value === 'string' && Number.isNaN(Date.parse(value))) throw bad();
  return { sort, order, value: value as string | null, id: id as number };
}
