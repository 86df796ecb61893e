import type { CaseState } from '@civicgrid/shared';

/** One report of GET /api/nearby (the public presenter of the map nearby). */
export interface NearbyCase {
  id: number;
  state: CaseState;
  categoryCode: string;
  category: { nameZh: string; nameEn: string };
  description: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
  reportedAt: string;
  closedAt: string | null;
  updatedAt: string;
  distanceM: number;
  photoId: string | null;
}
