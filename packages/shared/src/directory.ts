/**
 * The 便民 directory's built-in kinds (docs/directory.md); a district adds its own beside them. Shared by the
 * server (validation, the public presenter), the console and the phone pages.
 */
export const DIRECTORY_KINDS = [
  { key: 'housekeeping', zh: '家政', en: 'Housekeeping' },
  { key: 'medical', zh: '医疗', en: 'Medical' },
  { key: 'shopping', zh: '购物', en: 'Shopping' },
  { key: 'jobs', zh: '就业招聘', en: 'Jobs' },
] as const;

/** A kind of entry as the API lists it. */
export interface DirectoryKind {
  key: string;
  zh: string;
  en: string;
}

/** A directory entry as residents see it (the public presenter's shape). */
export interface PublicDirectoryEntry {
  id: number;
  kind: string;
  name: string;
  address: string;
  hours: string;
  phone: string;
  description: string;
  community: string;
  lng: number;
  lat: number;
  /** metres from the point asked about, when one was given */
  distanceM: number | null;
}
