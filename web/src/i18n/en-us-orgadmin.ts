import type { Shape } from './shape.ts';
import type { orgAdminZh } from './zh-cn-orgadmin.ts';

/** English strings of the administrator's org node edits. */
export const orgAdminEn: Shape<typeof orgAdminZh> = {
  orgAdmin: {
    edit: 'Edit node',
    editTitle: 'Edit org node',
    boundary: 'Update boundary',
    name: 'Name (Chinese)',
    nameEn: 'Name (English)',
    nameRule: 'The name must be 1 to 100 characters',
    nameEnRule: 'The English name may have at most 100 characters',
    validFrom: 'Valid from',
    validTo: 'Valid to',
    validToHelp:
      'Once ended, the node takes no new reports; its cases and statistics keep its code. Leave empty for no end.',
    dateRule: 'Choose a date',
    endBeforeStart: 'The end date must be after the start date',
    fieldInvalid: 'Check this field',
    saved: 'Saved',
    ended: 'Ended',
    boundaryTitle: 'Update boundary: {{name}}',
    boundaryHelp:
      "Upload a GeoJSON file (the boundary import's format). A single polygon without a code is this node's new outline; the file may also hold neighbours whose shared edge moves. Download the current boundary to edit it in a GIS tool. Preview the changes first; nothing changes until you confirm.",
    chooseFile: 'Click or drop a .geojson file here',
    chooseAgain: 'Choose another file',
    download: 'Download the current boundary (GeoJSON)',
    notJson: 'The file is not valid GeoJSON (malformed JSON)',
    previewing: 'Working out the changes…',
    problems: 'The boundary has these problems and cannot be applied:',
    previewMap: 'Map comparing the old and new outlines',
    legendOld: 'Old outline',
    legendNew: 'New outline',
    casesOther: 'Open cases that would fall in another grid',
    buildingsOther: 'Buildings that would fall in another grid',
    householdsOther: 'Households that would fall in another grid',
    casesKeep:
      'Existing cases keep the grid code they were filed under, so KPI history holds; after you confirm, new reports are located by the new outline. Buildings and households are not moved; move them under People.',
    node: 'Node',
    oldArea: 'Old area',
    newArea: 'New area',
    areaChange: 'Area change',
    openCases: 'Open cases (out/in)',
    buildings: 'Buildings (out/in)',
    households: 'Households (out/in)',
    apply: 'Apply the new boundary',
    applied: 'Boundary updated for {{count}} node(s)',
  },
};
