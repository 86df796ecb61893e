import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long one code shown at the place is accepted, in seconds; the organiser's page refreshes sooner. */
export const QR_TTL_S = 90;
/** How often the organiser's page asks for a fresh code, in seconds. */
export const QR_REFRESH_S = 30;

function mac(secret: string, activityId: number, exp: number): string {
  return createHmac('sha256', secret)
    .update(`volunteer-check:${activityId}:${exp}`)
    .digest('base64url')
    .slice(0, 22);
}

/** The QR payload for an activity valid until now + QR_TTL_S: `cgv1.<activity>.<expiry>.<hmac>`. */
export function signCheckCode(
  secret: string,
  activityId: number,
  now = Date.now(),
): { code: string; expiresAt: Date } {
  const exp = Math.floor(now / 1000) + QR_TTL_S;
  return {
    code: `cgv1.${activityId}.${exp}.${mac(secret, activityId, exp)}`,
    expiresAt: new Date(exp * 1000),
  };
}

/**
 * The activity a QR payload names, or null when it is malformed, forged or expired. The MAC covers the
 * activity and the expiry, so a code can neither be moved to another activity nor kept for later.
 */
export function readCheckCode(secret: string, code: string, now = Date.now()): number | null {
  const m = /^cgv1\.([0-9]{1,10})\.([0-9]{10})\.([A-Za-z0-9_-]{22})$/.exec(code.trim());
  if (!m) return null;
  const [activityId, exp] = [Number(m[1]), Number(m[2])];
  if (exp * 1000 < now || exp * 1000 > now + (QR_TTL_S + 60) * 1000) return null;
  const want = Buffer.from(mac(secret, activityId, exp));
  const got = Buffer.from(m[3]!);
  return want.length === got.length && timingSafeEqual(want, got) ? activityId : null;
}

/** Metres between two points (haversine; accurate to well under a metre at a square's scale). */
export function distanceM(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * 6_371_000 * Math.asin(Math.sqrt(h)));
}
