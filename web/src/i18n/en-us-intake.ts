import type { Shape } from './shape.ts';
import type { intakeZh } from './zh-cn-intake.ts';

/** English strings of the console's intake page. */
export const intakeEn: Shape<typeof intakeZh> = {
  intake: {
    nav: 'Intake',
    title: 'Register a case',
    intro:
      'Register problems from the 12345 hotline, leaders, the media and device alerts. Saved cases wait for acceptance and follow the same flow as residents’ reports.',
    source: 'Channel',
    sources: {
      hotline: '12345 hotline',
      leader: 'Leader’s instruction',
      media: 'Media',
      device: 'Device alert',
    },
    ticket: '12345 ticket number',
    ticketHelp: 'The hotline platform’s ticket; the result is sent back under it when the case ends',
    ticketRule: 'Letters, digits, - and _ only, up to 40',
    caller: 'Caller',
    callerName: 'Name',
    callerPhone: 'Phone',
    phoneRule: 'Enter a valid phone number',
    callerHelp: 'Staff only, for the follow-up call; the desk finds earlier reports by this number',
    category: 'Category',
    categoryRule: 'Choose a category (a sub-category)',
    urgency: 'Urgency',
    description: 'Description',
    descriptionRule: 'Describe the problem (up to 4000 characters)',
    place: 'Place',
    placeSearch: 'Search a building’s address or a grid’s name',
    placeNone: 'Nothing found; click the map instead',
    placeHelp: 'Pick a search result, or click the map',
    pinned: 'Pinned: {{lat}}, {{lng}}',
    noPin: 'Not pinned yet. A case without a place goes to triage.',
    address: 'Address or landmark',
    answers: 'More details',
    duplicates: '{{count}} open cases of this kind are nearby. Check that this is not one of them:',
    noDuplicates: 'No open case of this kind nearby.',
    distance: '{{m}} m',
    submit: 'Register',
    reset: 'Clear',
    saved: 'Registered as case {{id}}',
    open: 'Open the case',
    mapLabel: 'Map to pin the problem’s place',
  },
};
