import type { Db } from '../../infra/db.ts';
import { type HubListener, PollingHub, type PollingHubOptions } from '../../infra/polling-hub.ts';
import { withLights } from '../case-reports/lights.ts';
import { presentScreenPoint, type ScreenPoint } from './present-screen-point.ts';
import { caseChangesAfter } from './queries.ts';

/** One open screen stream: the last case event it has passed, what it may see, and how to write to it. */
export interface ScreenListener extends HubListener {
  lastId: number;
  /** true when the caller may see a case filed under this org code (the policy, and the screen's area) */
  sees(orgCode: string): boolean;
  send(eventId: number, point: ScreenPoint): void;
}

export type ScreenHubOptions = PollingHubOptions;

/** Events read per pass; a full pass is followed at once by the next, so a backlog drains quickly. */
export const SCREEN_BATCH = 500;

type LitChange = Parameters<typeof presentScreenPoint>[0];

/**
 * Feeds the big screens' live case streams from `case_events` (see PollingHub). Each pass reads, in one query
 * for every open screen, the events after the oldest screen's cursor; each screen gets the cases it may see,
 * one message per case per pass (its latest event), with the case as it stands now.
 */
export class ScreenHub extends PollingHub<ScreenListener> {
  constructor(
    private readonly db: Db,
    opts: ScreenHubOptions = {},
  ) {
    super(opts);
  }

  protected async pass(): Promise<boolean> {
    const from = Math.min(...[...this.listeners].map((l) => l.lastId));
    const found = await caseChangesAfter(this.db, from, SCREEN_BATCH);
    const last = found.at(-1)?.eventId;
    if (last !== undefined) {
      const lit = await withLights(this.db, found, new Date());
      for (const l of this.listeners) this.deliver(l, lit, last);
    }
    return found.length === SCREEN_BATCH;
  }

  /** Sends one screen the cases of a pass it may see, each once, and moves its cursor past the pass. */
  private deliver(l: ScreenListener, lit: LitChange[], last: number): void {
    const latest = new Map<number, LitChange>();
    for (const c of lit) {
      if (c.eventId <= l.lastId || !l.sees(c.orgCode)) continue;
      latest.delete(c.id);
      latest.set(c.id, c);
    }
    l.lastId = Math.max(l.lastId, last);
    for (const c of latest.values()) l.send(c.eventId, presentScreenPoint(c));
  }
}
