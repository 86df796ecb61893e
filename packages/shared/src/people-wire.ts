import type { Gender, IdType, PersonStatus, Relation } from './people.ts';

/** A tag of the archive (docs/people.md); derived tags are computed from the birth date or registration. */
export interface ArchiveTag {
  id: number;
  name: string;
  nameEn: string | null;
  sensitive: boolean;
  derived: 'age80' | 'floating' | null;
  /** retired by an administrator: still shown where assigned, no longer offered in pickers */
  retired?: boolean;
}

/** A tag as the tag administration page lists it: whether it is seeded or retired, and how many carry it. */
export interface ArchiveTagAdminView extends ArchiveTag {
  seeded: boolean;
  /** persons carrying it (derived tags: null, they are computed) */
  assigned: number | null;
}

/** A person as staff in scope see them: ID number and phone masked unless revealed. */
export interface PersonView {
  id: number;
  householdId: number;
  gridCode: string;
  name: string;
  gender: Gender | null;
  birthDate: string | null;
  age: number | null;
  idType: IdType;
  idNumber: string | null;
  phone: string | null;
  relation: Relation;
  status: PersonStatus;
  statusChangedOn: string | null;
  floatingRegisteredOn: string | null;
  /** the tags this caller may see (sensitive ones only with people.sensitive) */
  tags: ArchiveTag[];
  /** in search results: the house's address and the grid's name */
  address?: string;
  gridName?: string;
}

/** One move of a person (迁入/迁出/注销). */
export interface MoveView {
  id: number;
  personId: number;
  kind: 'move_in' | 'move_out' | 'transfer' | 'deceased' | 'return';
  movedOn: string;
  note: string | null;
  actorName: string | null;
  /** a transfer's households (迁入 has only the target, 迁出 only the source) */
  fromHouseholdId: number | null;
  toHouseholdId: number | null;
  /** the person's name: one who moved to another household is no longer among the members */
  personName: string;
}

/** A household page: where it lives, its members and their moves. */
export interface HouseholdView {
  id: number;
  grid: { id: number; code: string; name: string };
  building: { id: number; name: string; address: string; lng: number | null; lat: number | null };
  house: { id: number; unit: string; floor: number | null; room: string; isRental: boolean };
  address: string;
  contactPhone: string | null;
  headPersonId: number | null;
  /** members living here (status resident) */
  size: number;
  members: PersonView[];
  moves: MoveView[];
}

/** What the caller may do on a household page. */
export interface HouseholdAbilities {
  manage: boolean;
  reveal: boolean;
  sensitive: boolean;
}

/** A person's identity document and phone in clear, after an audited reveal. */
export interface RevealedPerson {
  idNumber: string | null;
  phone: string | null;
}

/** Population of an org node: residents by age band and by tag (sensitive tags only for those who may). */
export interface PopulationStats {
  code: string;
  residents: number;
  households: number;
  byAgeBand: { key: string; count: number }[];
  byTag: { tag: ArchiveTag; count: number }[];
}

/** An Excel import's progress, as the console polls it. */
export interface ImportJobView {
  id: number;
  state: 'queued' | 'running' | 'done' | 'failed';
  fileName: string;
  scopeCode: string;
  totalRows: number;
  processedRows: number;
  writtenPersons: number;
  unchangedPersons: number;
  errorRows: number;
  hasReport: boolean;
  failure: string | null;
  createdAt: string;
  finishedAt: string | null;
}
