import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { testConfig } from '../../../test/database.ts';
import type { Db } from '../../infra/db.ts';
import { registerErrorHandler } from '../../infra/errors.ts';
import { HTTP_SERVER_OPTIONS } from '../../infra/request-head.ts';
import { registerAuth } from '../auth/plugin.ts';
import { authRoutes } from '../auth/routes.ts';
import { caseRoutes } from '../cases/routes.ts';
import { photoRoutes } from '../photos/routes.ts';
import { type Open311Config, open311Routes } from './routes.ts';
import { isXmlChar, LIST_ITEMS, XML_DECLARATION } from './xml.ts';

/** A start-up key every test app accepts (as if from OPEN311_API_KEYS). */
export const ENV_KEY = 'env-key-for-tests-0123456789';
export const JURISDICTION = 'civicgrid.test';

/**
 * An app with what the Open311 tests need (auth, cases, photos, Open311), assembled like app.ts does, with
 * start-up keys and a jurisdiction configured.
 */
export async function open311App(db: Db, overrides: Partial<Open311Config> = {}): Promise<FastifyInstance> {
  const config: Open311Config = {
    ...testConfig(),
    open311ApiKeys: [ENV_KEY],
    open311Jurisdiction: JURISDICTION,
    ...overrides,
  };
  const app = Fastify({
    logger: false,
    trustProxy: true,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
    http: HTTP_SERVER_OPTIONS,
  });
  await app.register(fastifyCookie);
  registerErrorHandler(app);
  registerAuth(app, db);
  authRoutes(app, db, config);
  photoRoutes(app, db, config);
  caseRoutes(app, db, config);
  open311Routes(app, db, config);
  await app.ready();
  return app;
}

/** An x-www-form-urlencoded body as clients send it. */
export function form(fields: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) p.append(k, x);
  return p.toString();
}

/** An element of a parsed document. */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string): string {
  if (/[<]/.test(raw)) throw new Error(`markup in text: ${raw}`);
  return raw.replace(/&([^;]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new Error(`bare & in text: ${raw}`);
    if (ref in ENTITIES) return ENTITIES[ref]!;
    const num = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(ref);
    if (!num) throw new Error(`unknown entity &${ref};`);
    return String.fromCodePoint(
      num[1]!.startsWith('x') ? Number.parseInt(num[1]!.slice(1), 16) : Number(num[1]),
    );
  });
}

/**
 * A strict parser for the XML this API writes: the declaration first, elements without attributes, text
 * with the five entities and character references. Line ends are normalised as XML 1.0 requires, so a
 * CR the writer forgot to escape would not survive (as with any real parser). Throws on anything else.
 */
export function parseXml(doc: string): XmlElement {
  if (!doc.startsWith(XML_DECLARATION)) throw new Error('missing XML declaration');
  const src = doc.slice(XML_DECLARATION.length).replace(/\r\n?/g, '\n');
  for (const ch of src) if (!isXmlChar(ch.codePointAt(0)!)) throw new Error('illegal character');
  const tag = /<(\/?)([A-Za-z_][A-Za-z0-9_.-]*)\s*(\/?)>/y;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const text = src.slice(i, lt === -1 ? src.length : lt);
    if (stack.length) stack[stack.length - 1]!.text += decode(text);
    else if (text.trim()) throw new Error('text outside the root element');
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(src);
    if (!m) throw new Error(`bad markup at ${lt}: ${src.slice(lt, lt + 30)}`);
    const [, close, name, selfClose] = m;
    if (close) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
    } else {
      const el: XmlElement = { name: name!, children: [], text: '' };
      if (stack.length) stack[stack.length - 1]!.children.push(el);
      else if (root) throw new Error('second root element');
      else root = el;
      if (!selfClose) stack.push(el);
    }
    i = tag.lastIndex;
  }
  if (stack.length || !root) throw new Error('unclosed element');
  return root;
}

export type Spark = string | null | Spark[] | { [k: string]: Spark };

/** The Spark convention: list containers become arrays, other parents objects, leaves text (empty = null). */
export function sparkOf(el: XmlElement): Spark {
  if (LIST_ITEMS[el.name]) return el.children.map(sparkOf);
  if (el.children.length) {
    if (el.text.trim()) throw new Error(`mixed content in <${el.name}>`);
    return Object.fromEntries(el.children.map((c) => [c.name, sparkOf(c)]));
  }
  return el.text === '' ? null : el.text;
}

/** A JSON value as XML can say it: numbers and booleans as text, empty text as null. */
export function asText(v: unknown): Spark {
  if (v === null || v === undefined || v === '') return null;
  if (Array.isArray(v)) return v.map(asText);
  if (typeof v === 'object')
    return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, asText(x)]));
  return String(v);
}
