import type { PublicDirectoryEntry } from '@civicgrid/shared';
import type { EntryRow } from './queries.ts';

/**
 * What residents see of an entry (the directory's public presenter): the business's published name, address,
 * hours, phone and description, its community's name and place; never who keeps it or the org code.
 */
export function presentPublicEntry(e: EntryRow): PublicDirectoryEntry {
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    address: e.address,
    hours: e.hours,
    phone: e.phone,
    description: e.description,
    community: e.community,
    lng: Math.round(e.lng * 1e6) / 1e6,
    lat: Math.round(e.lat * 1e6) / 1e6,
    distanceM: e.distanceM === null ? null : Math.round(e.distanceM),
  };
}
