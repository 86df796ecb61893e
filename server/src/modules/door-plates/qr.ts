import { renderSVG } from 'uqr';
import type { Config } from '../../infra/config.ts';
import { AppError } from '../../infra/errors.ts';

/**
 * The absolute address a door plate's QR code opens: the resident report page with the building and its
 * location filled in. Built from PUBLIC_URL, since a phone scanning a plate on a door has no other way to
 * know where the platform is; without it there is nothing right to print (PUBLIC_URL_UNSET).
 */
export function reportUrlFor(
  config: Pick<Config, 'publicUrl'>,
  b: { id: number; address: string; lng: number; lat: number },
): string {
  if (!config.publicUrl) throw new AppError('PUBLIC_URL_UNSET', 409);
  const q = new URLSearchParams({
    building: String(b.id),
    lng: b.lng.toFixed(6),
    lat: b.lat.toFixed(6),
    address: b.address,
  });
  return `${config.publicUrl}/m/report?${q}`;
}

/** The QR code of a text as an SVG data URI (error correction M, which survives a scuffed plate). */
export function qrDataUri(text: string): string {
  const svg = renderSVG(text, { ecc: 'M', border: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
