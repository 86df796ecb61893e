import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import {
  type OutgoingRequest,
  signDingtalk,
  signJson,
  type WebhookFormat,
} from '../notify/webhook-request.ts';
import type { BulletinContent } from './content.ts';
import type { BulletinKind } from './schedule.ts';

const KIND_LABELS: Record<BulletinKind, string> = {
  daily: '一天一通报',
  weekly: '一周一评比',
  monthly: '月讲评',
};
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

interface Row {
  url: string;
  format: WebhookFormat;
  secret: string;
  active: boolean;
  id: number;
  kind: BulletinKind;
  number: string;
  content: BulletinContent;
}

/** The short summary a robot posts: number, period, the headline figures, the flags and a link. */
export function bulletinMarkdown(
  b: Pick<Row, 'id' | 'kind' | 'number' | 'content'>,
  publicUrl: string | null,
): string {
  const c = b.content;
  const period = c.from === c.to ? c.from : `${c.from} 至 ${c.to}`;
  const lines = [
    `**【${KIND_LABELS[b.kind]}】${b.number}**`,
    `${c.scopeName} ${period}：新增案件 ${c.figures.reported} 件，结案 ${c.figures.closed} 件，超期未结 ${c.figures.overdue} 件；按期处置率 ${pct(c.rates.disposeOnTimeRate.rate)}，结案率 ${pct(c.rates.closeRate.rate)}。`,
  ];
  const flagged = c.flags?.levels.flatMap((l) => l.lines.filter((x) => x.flag)) ?? [];
  const red = flagged.filter((x) => x.flag === 'red').map((x) => x.name);
  const black = flagged.filter((x) => x.flag === 'black').map((x) => x.name);
  if (c.flags) lines.push(`红旗：${red.join('、') || '无'}；黑旗：${black.join('、') || '无'}`);
  const path = `/bulletins/${b.id}`;
  lines.push(`[查看通报](${publicUrl ? `${publicUrl.replace(/\/$/, '')}${path}` : path})`);
  return lines.join('\n\n');
}

/**
 * The request of a bulletin's delivery in its hook's format, signed as the receiver expects (the case
 * deliveries' signatures, webhook-request.ts); null when the hook has been switched off meanwhile.
 */
export async function bulletinRequest(
  db: Db,
  deliveryId: number,
  publicUrl: string | null,
  now: number = Date.now(),
): Promise<OutgoingRequest | null> {
  const b = await one<Row>(
    db,
    sql`select w.url, w.format, w.secret, w.active, b.id, b.kind, b.number, b.content
        from webhook_deliveries d join webhooks w on w.id = d.webhook_id join bulletins b on b.id = d.bulletin_id
        where d.id = ${deliveryId}`,
  );
  if (!b?.active) return null;
  const text = bulletinMarkdown(b, publicUrl);
  const title = `${KIND_LABELS[b.kind]} ${b.number}`;
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'CivicGrid-Webhook/1',
    'x-civicgrid-event': 'bulletin',
    'x-civicgrid-delivery': String(deliveryId),
  };
  if (b.format === 'wecom') {
    return {
      url: b.url,
      headers,
      body: JSON.stringify({ msgtype: 'markdown', markdown: { content: text } }),
    };
  }
  if (b.format === 'dingtalk') {
    const body = JSON.stringify({ msgtype: 'markdown', markdown: { title, text } });
    if (!b.secret) return { url: b.url, headers, body };
    const url = new URL(b.url);
    url.searchParams.set('timestamp', String(now));
    url.searchParams.set('sign', signDingtalk(b.secret, String(now)));
    return { url: url.toString(), headers, body };
  }
  const c = b.content;
  const body = JSON.stringify({
    deliveryId,
    audience: 'staff',
    bulletin: {
      id: b.id,
      kind: b.kind,
      number: b.number,
      scope: c.scopeName,
      from: c.from,
      to: c.to,
      figures: c.figures,
    },
    title,
    text,
  });
  const timestamp = String(Math.floor(now / 1000));
  headers['x-civicgrid-timestamp'] = timestamp;
  headers['x-civicgrid-signature'] = signJson(b.secret, timestamp, body);
  return { url: b.url, headers, body };
}
