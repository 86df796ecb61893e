import type { PublicCaseRow } from '../cases/public-queries.ts';
import { maskIdNumber, maskPhone } from '../personal-data/mask.ts';

/** One report on the public map nearby: public fields only, with the distance from the point asked about. */
export interface NearbyCase {
  id: number;
  state: PublicCaseRow['state'];
  categoryCode: string;
  category: { nameZh: string; nameEn: string };
  description: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
  reportedAt: Date;
  closedAt: Date | null;
  updatedAt: Date;
  distanceM: number;
  /** a photo staff approved for the public, or null */
  photoId: string | null;
}

// numbers a reporter may have typed into the description: mobile phones and GB 11643 identity numbers
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const ID_NUMBER = /(?<!\d)\d{17}[\dXx](?!\d)/g;

/**
 * Masks phone and identity numbers a reporter typed into a description: the map nearby shows the text to
 * neighbours, who must learn the problem, not the caller.
 */
export function maskNumbersIn(text: string): string {
  return text.replace(ID_NUMBER, (m) => maskIdNumber(m)).replace(MOBILE, (m) => maskPhone(m));
}

/** The public presenter of the map nearby: built from a public case row and an approved photo only. */
export function presentNearby(c: PublicCaseRow & { distanceM: number }, photoId: string | null): NearbyCase {
  return {
    id: c.id,
    state: c.state,
    categoryCode: c.categoryCode,
    category: { nameZh: c.categoryNameZh, nameEn: c.categoryNameEn },
    description: maskNumbersIn(c.description),
    address: c.address,
    lng: c.lng,
    lat: c.lat,
    reportedAt: c.reportedAt,
    closedAt: c.closedAt,
    updatedAt: c.updatedAt,
    distanceM: c.distanceM,
    photoId,
  };
}
