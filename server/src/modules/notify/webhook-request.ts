import { createHmac } from 'node:crypto';
import { type CaseEventMessage, caseLink, messageMarkdown, messageTitle } from './messages.ts';

export type WebhookFormat = 'json' | 'wecom' | 'dingtalk' | 'hotline';

/** One delivery with everything its request needs. */
export interface DeliveryContext {
  deliveryId: number;
  eventId: number;
  url: string;
  format: WebhookFormat;
  secret: string;
  /** PUBLIC_URL, so robot messages link to the console; null: links are paths */
  publicUrl: string | null;
  message: CaseEventMessage;
}

/** An HTTP request ready to send. */
export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The signature of a JSON delivery: hex HMAC-SHA256 over `<timestamp>.<body>` with the hook's secret. */
export function signJson(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** DingTalk's robot signature (加签): base64 HMAC-SHA256 over `<timestamp ms>\n<secret>`. */
export function signDingtalk(secret: string, timestampMs: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** The body of a JSON delivery: the event and the case (public fields only for a personal hook). */
function jsonBody(d: DeliveryContext): string {
  const m = d.message;
  const event = {
    id: d.eventId,
    action: m.action,
    fromState: m.fromState,
    toState: m.toState,
    at: m.at.toISOString(),
    reason: m.reason,
  };
  const text = messageMarkdown(m, d.publicUrl);
  if (m.audience === 'public') {
    return JSON.stringify({
      deliveryId: d.deliveryId,
      audience: m.audience,
      event: { ...event, summary: m.step },
      case: { id: m.caseId, categoryCode: m.categoryCode, categoryName: m.categoryName, address: m.address },
      title: messageTitle(m),
      text,
    });
  }
  return JSON.stringify({
    deliveryId: d.deliveryId,
    audience: m.audience,
    event,
    case: {
      id: m.caseId,
      categoryCode: m.categoryCode,
      categoryName: m.categoryName,
      urgency: m.urgency,
      orgCode: m.orgCode,
      address: m.address,
      link: caseLink(m.caseId, d.publicUrl),
    },
    title: messageTitle(m),
    text,
  });
}

const HOTLINE_STATES: Record<string, string> = {
  close: '办结',
  reject: '退回',
  refer: '转办',
  merge: '合并',
};

/** China time as the hotline platforms write it: `YYYY-MM-DD HH:mm:ss`. */
function chinaTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The result of a 12345 ticket in the field set the municipal hotline platforms take back (工单办理结果回传,
 * docs/dispatch.md): ticket, state, result text, handling unit, time, the outside body of a 转办, our case number.
 */
export function hotlineBody(m: CaseEventMessage): string {
  return JSON.stringify({
    gdbh: m.externalRef ?? null,
    blzt: HOTLINE_STATES[m.action] ?? m.action,
    bljg: m.reason ?? HOTLINE_STATES[m.action] ?? '',
    blbm: m.unitName ?? null,
    bjsj: chinaTime(m.at),
    zbdw: m.referredTo ?? null,
    ajbh: m.caseId,
  });
}

/** Builds the request of one delivery in the hook's format, signed as that receiver expects. */
export function buildRequest(d: DeliveryContext, now: number = Date.now()): OutgoingRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'CivicGrid-Webhook/1',
    'x-civicgrid-event': d.message.action,
    'x-civicgrid-delivery': String(d.deliveryId),
  };
  if (d.format === 'wecom') {
    const body = JSON.stringify({
      msgtype: 'markdown',
      markdown: { content: messageMarkdown(d.message, d.publicUrl) },
    });
    return { url: d.url, headers, body };
  }
  if (d.format === 'dingtalk') {
    const body = JSON.stringify({
      msgtype: 'markdown',
      markdown: { title: messageTitle(d.message), text: messageMarkdown(d.message, d.publicUrl) },
    });
    if (!d.secret) return { url: d.url, headers, body };
    const url = new URL(d.url);
    const timestamp = String(now);
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('sign', signDingtalk(d.secret, timestamp));
    return { url: url.toString(), headers, body };
  }
  const body = d.format === 'hotline' ? hotlineBody(d.message) : jsonBody(d);
  const timestamp = String(Math.floor(now / 1000));
  headers['x-civicgrid-timestamp'] = timestamp;
  headers['x-civicgrid-signature'] = signJson(d.secret, timestamp, body);
  return { url: d.url, headers, body };
}
