import { readStoredList, writeStoredList } from '../components/stored-list.ts';

/**
 * A case this phone follows without an account: the read-only follower code the server gave when it was
 * followed (the only copy; the server keeps a hash), and what the home page lists it by.
 */
export interface KeptFollow {
  followerCode: string;
  handle: string;
  categoryName: string;
  summary: string;
  followedAt: string;
}

const KEY = 'civicgrid.m.follows';
const MAX = 50;

/** The follows kept on this phone, newest first. */
export function listKeptFollows(): KeptFollow[] {
  return readStoredList<KeptFollow>(KEY);
}

/** Keeps a new follow (one per case). */
export function keepFollow(follow: KeptFollow): void {
  writeStoredList(KEY, [follow, ...listKeptFollows().filter((f) => f.handle !== follow.handle)], MAX);
}

/** Forgets a follow (after unfollowing, or when the server no longer knows its code). */
export function forgetFollow(followerCode: string): void {
  writeStoredList(
    KEY,
    listKeptFollows().filter((f) => f.followerCode !== followerCode),
    MAX,
  );
}
