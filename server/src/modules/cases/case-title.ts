/**
 * The title of a case in notifications: its case number (the id, which Open311 publishes as
 * service_request_id) and a few words. Never the tracking code: that is the reporter's credential, and
 * notifications reach staff and followers.
 */
export function caseTitle(caseId: number, words?: string): string {
  return words ? `案件 ${caseId} ${words}` : `案件 ${caseId}`;
}
