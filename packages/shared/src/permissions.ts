import type { Role } from './roles.ts';

/** Actions the central permission check knows. Scope is checked separately against the grant's node or unit. */
export const ACTIONS = [
  'org.read',
  'org.manage',
  // read the cases of the scope as staff (the full case page); unit handlers read their unit's cases instead
  'case.read',
  'unit.read',
  'unit.manage',
  'user.read',
  'user.manage',
  'audit.read',
  'people.read',
  // edit the archive, move people out, import households (docs/people.md)
  'people.manage',
  // see the sensitive tags (独居老人, 残疾, 低保, 留守儿童): who looks after those people, not everyone who reads
  'people.sensitive',
  // see personal data unmasked (a phone, an ID number), each time with a reason and an audit row
  'personal.reveal',
  // mint bearer tokens for API clients
  'token.create',
  // register a personal webhook to one's own WeCom/DingTalk robot (staff only, not residents or volunteers)
  'webhook.personal',
  // inspections and the rectification list (docs/supervision.md): read them over the scope, run (plan, walk,
  // answer, submit, re-check) them, administer point types, checklists and inspection points
  'inspection.read',
  'inspection.run',
  'inspection.manage',
  // record door-to-door visits (入户走访) of the households in scope: the people who do the field work
  'visit.record',
  // read visit coverage (走访覆盖率) and reply figures of an area: aggregates, no personal data
  'visit.stats',
  // care devices (docs/care-devices.md): read the registry and device health of an area; register, edit and
  // retire devices and the person references of their community
  'device.read',
  'device.manage',
  // care watch (docs/care.md): see watched elders, their sightings and alerts, mark them seen, record an
  // alert's outcome; and enrol (with recorded consent), change or end a watch
  'care.watch',
  'care.enrol',
  // name the care contacts of a community and the duty officers (值班) of a street whom care alerts escalate to
  'care.roster',
  // five-star branches (docs/five-star.md): read assessments and rankings; a community assesses itself, the
  // street reviews, the district decides, vetoes, sets targets and writes the standards
  'fivestar.read',
  'fivestar.assess',
  'fivestar.review',
  'fivestar.decide',
  // the 便民 directory of a community (docs/directory.md)
  'directory.manage',
  // volunteers (docs/volunteers.md): read the volunteers, activities and points of the area; manage them
  // (archive, teams, activities, verifying hours, goods and redemption); serve as a volunteer on the phone
  'volunteer.read',
  'volunteer.manage',
  'volunteer.serve',
] as const;

export type Action = (typeof ACTIONS)[number];

// Street and community offices do the same work, each within its own area.
const AREA_STAFF: readonly Action[] = [
  'org.read',
  'inspection.read',
  'case.read',
  'unit.read',
  'user.read',
  'people.read',
  'people.manage',
  'personal.reveal',
  'webhook.personal',
  'visit.stats',
  'device.read',
  'device.manage',
  'fivestar.read',
  'directory.manage',
  'volunteer.read',
  'volunteer.manage',
];

/** Which role may do which action within its scope. One table, read by the server and the console. */
export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  // visits are field work of the grid's own people; an administrator reads them but records none
  // nor does it assess a branch itself (that is the community's own claim), nor serve as a volunteer (the
  // volunteer's own phone work)
  district_admin: ACTIONS.filter(
    (a) => a !== 'visit.record' && a !== 'fivestar.assess' && a !== 'volunteer.serve',
  ),
  dispatcher: [
    'org.read',
    'case.read',
    'unit.read',
    'user.read',
    'personal.reveal',
    'token.create',
    'webhook.personal',
    'inspection.read',
    'visit.stats',
  ],
  // the street's duty officer (值班) follows care alerts escalated to the street
  // the street also keeps its duty roster and names its communities' care contacts
  street_staff: [...AREA_STAFF, 'care.watch', 'care.roster', 'fivestar.review'],
  community_staff: [
    ...AREA_STAFF,
    'people.sensitive',
    'visit.record',
    'care.watch',
    'care.enrol',
    'fivestar.assess',
  ],
  grid_worker: [
    'org.read',
    'case.read',
    'people.read',
    'people.manage',
    'people.sensitive',
    'personal.reveal',
    'webhook.personal',
    'visit.record',
    'visit.stats',
    'care.watch',
    'care.enrol',
  ],
  // org.read over the unit's district is for the org tree only: a unit reads the cases it holds, not the area's
  unit_handler: ['org.read', 'unit.read', 'webhook.personal'],
  leader: [
    'org.read',
    'case.read',
    'unit.read',
    'user.read',
    'webhook.personal',
    'inspection.read',
    'inspection.run',
    'visit.stats',
    'fivestar.read',
    'volunteer.read',
  ],
  resident: [],
  volunteer: ['volunteer.serve'],
  // an API client reads back the cases it reported (public view) and mints its own tokens, nothing more
  integration: ['token.create'],
  inspector: ['org.read', 'case.read', 'unit.read', 'webhook.personal', 'inspection.read', 'inspection.run'],
};

/** True when a role grants an action somewhere in its scope. */
export function roleAllows(role: Role, action: Action): boolean {
  return ROLE_ACTIONS[role].includes(action);
}
