/** Where a followed case is read: by the follower code kept on this phone, or through the account. */
export type FollowLink = { followerCode: string } | { handle: string };

/** The phone page that shows a followed case's progress, read-only. */
export function followedPath(link: FollowLink): string {
  return 'followerCode' in link
    ? `/followed/code/${encodeURIComponent(link.followerCode)}`
    : `/followed/case/${encodeURIComponent(link.handle)}`;
}
