import { useQuery } from '@tanstack/react-query';
import { getData, query, sendData } from '../../api/client.ts';

/** A building or grid the address search found, with the point to pin (GET /api/places). */
export interface PlaceHit {
  kind: 'building' | 'grid';
  name: string;
  address: string | null;
  area: string;
  lng: number;
  lat: number;
}

/** An open case of the same category nearby (GET /api/cases/duplicates). */
export interface Suggestion {
  category: { code: string; nameZh: string; nameEn: string };
  state: string;
  summary: string;
  distanceM: number;
  reportedAt: string;
}

/** Where the problem is. */
export interface Spot {
  lng: number;
  lat: number;
}

export const STAFF_CHANNELS = ['hotline', 'leader', 'media', 'device'] as const;
export type StaffChannel = (typeof STAFF_CHANNELS)[number];

/** Places whose name or address contains the text, in the caller's areas. */
export function usePlaces(text: string) {
  return useQuery({
    queryKey: ['places', text],
    queryFn: () => getData<PlaceHit[]>(`/api/places${query({ q: text })}`),
    enabled: text.trim().length > 0,
    staleTime: 60_000,
  });
}

/** Open cases of the category near the spot, asked before registering. */
export function useDuplicates(category: string | undefined, spot: Spot | null) {
  return useQuery({
    queryKey: ['duplicates', category, spot?.lng, spot?.lat],
    queryFn: () =>
      getData<Suggestion[]>(`/api/cases/duplicates${query({ category, lat: spot!.lat, lng: spot!.lng })}`),
    enabled: !!category && !!spot,
  });
}

/** The report as the intake sends it (the common intake, POST /api/cases). */
export interface IntakeBody {
  source: StaffChannel;
  categoryCode: string;
  urgency: 'normal' | 'urgent' | 'critical';
  description: string;
  answers?: Record<string, unknown>;
  location: Spot | null;
  address: string | null;
  reporterName: string | null;
  reporterPhone: string | null;
  externalRef?: string | null;
}

/** Registers the case; answers its number. */
export function registerCase(body: IntakeBody): Promise<{ id: number }> {
  return sendData<{ id: number }>('POST', '/api/cases', body);
}
