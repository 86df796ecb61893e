import type { Light } from '@civicgrid/shared';
import type { CaseChange } from './queries.ts';

/**
 * What the big screen's stream says about a changed case: exactly what a point of the dashboard map carries
 * (`GET /api/cases/map`: id, state, category, traffic light and position), plus the step that changed it, when,
 * and the day it was reported (the screen shows the points of a period). No description, address, reporter,
 * unit or note: the screen hangs in a command centre where visitors see it.
 */
export interface ScreenPoint {
  id: number;
  state: string;
  categoryCode: string;
  light: Light | null;
  lng: number | null;
  lat: number | null;
  action: string;
  at: Date;
  reportedAt: Date;
}

/** The stream's view of one changed case, its light judged by the caller's clock. */
export function presentScreenPoint(c: CaseChange & { light: Light | null }): ScreenPoint {
  return {
    id: c.id,
    state: c.state,
    categoryCode: c.categoryCode,
    light: c.light,
    lng: c.lng,
    lat: c.lat,
    action: c.action,
    at: c.at,
    reportedAt: c.reportedAt,
  };
}
