import type { Shape } from './shape.ts';
import type { directoryZh } from './zh-cn-directory.ts';

/** English strings of the 便民 directory in the console; merged into en-us.ts. */
export const directoryEn: Shape<typeof directoryZh> = {
  dir: {
    nav: 'Local services',
    title: 'Local services directory',
    intro:
      'Keep your community’s local services; residents see them by distance on the phone’s “Local services” page. A business phone is its public service number, not personal data.',
    add: 'Add',
    edit: 'Edit',
    remove: 'Remove',
    removeConfirm: 'Remove “{{name}}” from the directory?',
    community: 'Community/village',
    kind: 'Kind',
    name: 'Name',
    address: 'Address',
    lng: 'Longitude',
    lat: 'Latitude',
    hours: 'Opening hours',
    phone: 'Service phone',
    description: 'Services',
    search: 'Search name, address, service',
    allKinds: 'All kinds',
    saved: 'Saved',
    addKind: 'Add kind',
    kindKey: 'Kind key (lower-case letters)',
    kindZh: 'Chinese name',
    kindEn: 'English name',
  },
};
