import type { CallerName } from './callers.ts';
import type { IdKind } from './markers.ts';
import type { World } from './world.ts';

/** One request of a cell: what to send; the caller's credentials are added unless `headers` replace them. */
export interface CellRequest {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** send these credentials instead of the caller's (a fresh session for logout) */
  as?: Record<string, string>;
  /**
   * read an event stream for at most this many milliseconds instead of waiting for the answer to end (it ends
   * sooner once notifications have come and the stream has gone quiet)
   */
  stream?: number;
}

/**
 * One fixture of a route: how to build its request for a caller, and who gets what. For a caller the expected
 * status is, in order: `except[caller]`; `ok` (default 200) when listed in `allow`; 401 for anonymous on a
 * route that needs a login; 403 when listed in `forbid` (they see the object but may not do this);
 * otherwise `otherwise` (default 404: the object is outside everything they may see).
 */
export interface Fixture {
  req: (w: World, caller: CallerName) => CellRequest | Promise<CellRequest>;
  allow: readonly CallerName[];
  ok?: number;
  forbid?: readonly CallerName[];
  otherwise?: number;
  except?: Partial<Record<CallerName, number>>;
  /** texts this answer may carry for those allowed (a reveal answers with the reporter's phone) */
  carries?: (w: World) => string[];
  /** paths (with [] for any index) the structured check leaves out, each with its reason beside it */
  ignore?: readonly string[];
  /**
   * What the answer must show to a caller who is allowed (so a list that leaks nothing because it shows
   * nothing fails): ids by kind, or texts such as uuids and handles.
   */
  shows?: (w: World, caller: CallerName) => Shown[];
}

/** Something an answer must show: an id of a kind, or a text. */
export type Shown = [IdKind, number] | string;

/** A route with nothing to scope: why it has no out-of-scope request. */
export interface Unscoped {
  none: string;
}

/** The matrix entry of one route ("METHOD /path" as the OpenAPI document spells it). */
export interface RouteEntry {
  /** anonymous callers are answered like anyone else (no automatic 401) */
  open?: boolean;
  /** answers come from the public presenter: public cases of any area may appear, internal notes never */
  publicAnswer?: boolean;
  /** what the `id` of `data` or its items names */
  dataKind?: IdKind | 'other';
  inScope: Fixture;
  outOfScope: Fixture | Unscoped;
  /** further cells: an object of A outside the narrower scopes, another body shape … */
  more?: Record<string, Fixture>;
}

export type Registry = Record<string, RouteEntry>;

/** The status a caller must get from a fixture of a route. */
export function expectedStatus(entry: RouteEntry, f: Fixture, caller: CallerName): number {
  const special = f.except?.[caller];
  if (special !== undefined) return special;
  if (f.allow.includes(caller)) return f.ok ?? 200;
  if (caller === 'anonymous' && !entry.open) return 401;
  if (f.forbid?.includes(caller)) return 403;
  return f.otherwise ?? 404;
}

/** The fixtures of an entry by name, in the order they run; problems with the entry itself as text. */
export function fixturesOf(entry: RouteEntry): { fixtures: [string, Fixture][]; problems: string[] } {
  const problems: string[] = [];
  const fixtures: [string, Fixture][] = [];
  if (!entry.inScope?.req) problems.push('no in-scope fixture');
  else fixtures.push(['in scope', entry.inScope]);
  if (!entry.outOfScope) problems.push('no out-of-scope fixture');
  else if ('none' in entry.outOfScope) {
    if (entry.outOfScope.none.trim().length < 20)
      problems.push('an out-of-scope exemption needs a real reason');
  } else fixtures.push(['out of scope', entry.outOfScope]);
  for (const [name, f] of Object.entries(entry.more ?? {})) fixtures.push([name, f]);
  return { fixtures, problems };
}

/** GET helper: a request for a URL. */
export const get = (url: string): CellRequest => ({ url });
/** A request with a JSON body. */
export const body = (url: string, payload: unknown): CellRequest => ({ url, payload });
