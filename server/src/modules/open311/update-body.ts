import { postedStatusAsks } from './fms-status.ts';
import { parseW3c } from './params.ts';
import { Open311Error, type Problem } from './respond.ts';

/** A comment a client (FixMyStreet) POSTs to servicerequestupdates, checked. */
export interface PostedUpdate {
  serviceRequestId: number;
  /** the client's own id of the update: what makes a retry a replay */
  clientUpdateId: string;
  /** what the posted status asks: reopen a closed case, or only add the comment */
  asks: 'reopen' | 'open' | 'closed';
  description: string | null;
  updatedAt: Date | null;
  mediaUrl: string | null;
}

const DESCRIPTION_MAX = 4000;

const text = (fields: Record<string, string>, name: string) => {
  const v = fields[name]?.trim();
  return v ? v : null;
};

/**
 * Checks a POSTed update (the FMS spec's fields): service_request_id, update_id and status are required,
 * description (≤ 4,000 characters) unless a photo comes with it, updated_datetime a W3C date-time when
 * given, media_url http(s). Every problem is reported at once as a 400. The commenter's name, e-mail and phone
 * are not kept: the reporter's contact came with the request.
 */
export function readPostedUpdate(fields: Record<string, string>, hasPhotos: boolean): PostedUpdate {
  const problems: Problem[] = [];
  const need = (zh: string, en: string) => problems.push({ code: 'VALIDATION_FAILED', detail: { zh, en } });
  const id = text(fields, 'service_request_id');
  if (!id) need('缺少 service_request_id', 'service_request_id is required');
  else if (!/^\d{1,9}$/.test(id)) need('service_request_id 须为编号', 'service_request_id must be an id');
  const clientUpdateId = text(fields, 'update_id');
  if (!clientUpdateId) need('缺少 update_id', 'update_id is required');
  else if (clientUpdateId.length > 100)
    need('update_id 最多 100 个字符', 'update_id may have at most 100 characters');
  const status = text(fields, 'status');
  const asks = status ? postedStatusAsks(status) : null;
  if (!status) need('缺少 status', 'status is required');
  else if (!asks) need(`未知的 status：${status}`, `unknown status: ${status}`);
  const description = text(fields, 'description');
  if (!description && !hasPhotos && !text(fields, 'media_url')) {
    need('缺少 description', 'description is required');
  }
  if (description && [...description].length > DESCRIPTION_MAX) {
    need(
      `description 最多 ${DESCRIPTION_MAX} 个字符`,
      `description may have at most ${DESCRIPTION_MAX} characters`,
    );
  }
  let updatedAt: Date | null = null;
  const when = text(fields, 'updated_datetime');
  if (when) {
    try {
      updatedAt = parseW3c(when, 'updated_datetime');
    } catch (err) {
      if (!(err instanceof Open311Error)) throw err;
      problems.push(...err.problems);
    }
  }
  const mediaUrl = text(fields, 'media_url');
  if (mediaUrl !== null && (!/^https?:\/\/\S+$/i.test(mediaUrl) || mediaUrl.length > 2000)) {
    need('media_url 须为 http(s) 地址', 'media_url must be an http(s) URL');
  }
  if (problems.length) throw new Open311Error(400, problems);
  return {
    serviceRequestId: Number(id),
    clientUpdateId: clientUpdateId!,
    asks: asks!,
    description,
    updatedAt,
    mediaUrl,
  };
}
