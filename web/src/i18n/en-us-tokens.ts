import type { Shape } from './shape.ts';
import type { tokensZh } from './zh-cn-tokens.ts';

/** English strings of the API token page; merged into en-us.ts. */
export const tokensEn: Shape<typeof tokensZh> = {
  tokens: {
    nav: 'API tokens',
    title: 'API tokens',
    intro:
      'Issue bearer tokens for systems that connect to CivicGrid, such as the 12345 hotline platform or a sensor gateway. A token acts as your account, is shown only once and expires by itself; revoke tokens that are no longer used. Administrators can revoke the tokens of the users they manage here.',
    name: 'Name',
    namePlaceholder: 'e.g. 12345 hotline link',
    nameRequired: 'Give the token a name (at most 64 characters)',
    days: 'Valid for (days)',
    daysHelp: 'at most {{max}} days',
    create: 'Create token',
    createdOnce:
      'Token for “{{name}}” created, valid until {{expires}}. It is shown only this once; copy it now:',
    owner: 'Holder',
    createdAt: 'Created',
    expiresAt: 'Expires',
    lastUsedAt: 'Last used',
    never: 'Never',
    status: 'Status',
    active: 'Active',
    expired: 'Expired',
    revoked: 'Revoked',
    actions: 'Actions',
    revoke: 'Revoke',
    revokeConfirm: 'Systems using this token lose access at once. Revoke it?',
    empty: 'No tokens yet',
    noCreate: 'Your role cannot issue tokens; administrators, dispatchers and integration accounts can.',
  },
};
