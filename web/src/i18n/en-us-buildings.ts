import type { Shape } from './shape.ts';
import type { buildingsZh } from './zh-cn-buildings.ts';

/** English strings of the buildings and houses page of the archive. */
export const buildingsEn: Shape<typeof buildingsZh> = {
  bld: {
    nav: 'Buildings',
    title: 'Buildings and flats',
    intro:
      'The buildings of each grid (door plates print their address) and their flats (entrance, floor, room, rental). A building lies inside its grid and cannot move to another grid.',
    grid: 'Grid',
    chooseGrid: 'Choose a grid',
    notGrid: 'Choose a grid (not a community or street)',
    newBuilding: 'New building',
    editBuilding: 'Edit building',
    name: 'Name',
    namePlaceholder: 'e.g. Building 3',
    address: 'Door-plate address',
    addressPlaceholder: 'e.g. 12 Qiyi Road, Building 3',
    lng: 'Longitude',
    lat: 'Latitude',
    houses: 'Flats',
    houseCount: '{{n}} flats',
    edit: 'Edit',
    saved: 'Building saved',
    unit: 'Entrance',
    floor: 'Floor',
    room: 'Room',
    rental: 'Rental',
    occupied: 'Household on file',
    vacant: 'No household',
    addHouse: 'Add a flat',
    houseAdded: 'Flat added',
    required: 'Required',
    empty: 'This grid has no buildings yet',
  },
};
