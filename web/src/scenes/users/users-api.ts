import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { query, request, sendData } from '../../api/client.ts';
import type { Page, User } from '../../api/types.ts';

export const USERS_KEY = 'users';
const PAGE_SIZE = 50;

/** Users matching q, a page at a time (the cursor is the last username). */
export function useUserPages(q: string) {
  return useInfiniteQuery({
    queryKey: [USERS_KEY, q],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      request<Page<User, string>>('GET', `/api/users${query({ q, after: pageParam, limit: PAGE_SIZE })}`),
    getNextPageParam: (last) => last.nextCursor,
    // Keep the current rows on screen while a new search loads, instead of flashing an empty table.
    placeholderData: keepPreviousData,
  });
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  phone?: string;
}

export interface UserChanges {
  displayName?: string;
  phone?: string | null;
  disabled?: boolean;
  password?: string;
}

/** Creates a user (201) and resolves to it. */
export function createUser(body: NewUser): Promise<User> {
  return sendData<User>('POST', '/api/users', body);
}

/** Changes a user and resolves to the updated user. */
export function updateUser(id: string, changes: UserChanges): Promise<User> {
  return sendData<User>('PATCH', `/api/users/${encodeURIComponent(id)}`, changes);
}

/** Grants a role at an org node or unit; resolves to the user with the new grant. */
export function addGrant(
  id: string,
  body: { role: string; orgNodeId?: number; unitId?: number },
): Promise<User> {
  return sendData<User>('POST', `/api/users/${encodeURIComponent(id)}/grants`, body);
}

/** Revokes one grant; resolves to the user without it. */
export function revokeGrant(id: string, grantId: number): Promise<User> {
  return sendData<User>('DELETE', `/api/users/${encodeURIComponent(id)}/grants/${grantId}`);
}
