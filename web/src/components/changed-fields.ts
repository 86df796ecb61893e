/**
 * The fields of `after` whose value differs from the same field of `before` (compared as JSON), so an edit
 * sends only what the user changed and never overwrites another administrator's change to another field.
 */
export function changedFields<T extends object>(before: object, after: T): Partial<T> {
  const was = before as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(value) !== JSON.stringify(was[key])) out[key] = value;
  }
  return out as Partial<T>;
}
