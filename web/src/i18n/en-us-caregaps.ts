import type { Shape } from './shape.ts';
import type { caregapsZh } from './zh-cn-caregaps.ts';

/** English strings of the point types tab, the care-contact roster and the check-in card. */
export const caregapsEn: Shape<typeof caregapsZh> = {
  pointTypes: {
    tab: 'Point types',
    intro:
      'A point type’s Chinese and English names show on inspection points, checklists, morning rounds and bulletins; renaming one leaves its checklist versions as they are. A new type starts from a copy of an existing type’s checklist, to be edited under “Checklists”.',
    code: 'Code',
    nameZh: 'Chinese name',
    nameEn: 'English name',
    version: 'Checklist',
    versionN: 'version {{n}} ({{items}} items)',
    add: 'New point type',
    editTitle: 'Edit point type',
    newTitle: 'New point type',
    checklistFrom: 'Start the checklist from',
    checklistFromHelp: 'The chosen type’s current checklist is copied as version 1 of the new type.',
    nameRule: 'Enter a name (Chinese up to 50 characters, English up to 100)',
    saved: 'Point type saved',
  },
  careRoster: {
    nav: 'Care contacts and duty',
    title: 'Care contacts and duty roster',
    intro:
      'A care alert nobody has acted on after 2 hours goes to the community’s care contact, after 6 hours to the street’s duty officer. Where no one is named, all of the community’s (street’s) staff are told. A duty entry with days replaces the standing names on those days.',
    area: 'Community or street',
    duty: { care_contact: 'Community care contact', duty_officer: 'Street duty officer' },
    person: 'Person',
    days: 'Days',
    standing: 'Standing',
    range: '{{from}} to {{to}}',
    today: 'On duty today',
    add: 'Add',
    addTitle: 'Add a {{duty}}',
    whenLabel: 'How',
    whenStanding: 'Standing',
    whenDays: 'On given days',
    remove: 'Remove',
    removeConfirm: 'Remove {{name}} from the roster?',
    saved: 'Added to the roster',
    removed: 'Removed from the roster',
    empty: 'No one is named; alerts go to all of the {{fallback}} staff.',
    fallback: { care_contact: 'community’s', duty_officer: 'street’s' },
    noOneToday: 'No one is on duty today; alerts go to all of the {{fallback}} staff.',
    pickPerson: 'Choose a person',
    pickDays: 'Choose the days',
  },
  careCard: {
    print: 'Print check-in card',
    reissueWarn:
      'Printing a card makes a new check-in link: the elder’s old card and old link stop working at once. Continue?',
    title: 'Care check-in card',
    head: 'Daily check-in',
    greeting: 'Hello, {{name}}!',
    step1: 'Scan the QR code below with your phone (WeChat “Scan” or the camera).',
    step2: 'When the page opens, tap the big button “I am fine”.',
    step3:
      'Check in once a day. After {{hours}} hours without a check-in, your grid worker will visit or call.',
    keep: 'Keep this card safe and do not pass it on. If it is lost, ask your grid worker for a new one; the old card then stops working.',
    issued: 'Made {{date}} · {{grid}}',
    qrAlt: 'Daily check-in QR code of {{name}}',
    printNow: 'Print',
    gone: 'A card is shown only once, when it is made (it holds a new secret); go back to the care watch and print again.',
    back: 'Back',
  },
};
