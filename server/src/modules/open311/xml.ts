/**
 * A small XML writer for GeoReport v2 documents: schemaless, no namespaces, no attributes (the spec's XML),
 * produced from the same value the JSON response is, so both formats always say the same thing.
 */

/** A response value: what JSON.stringify writes, and what toXml maps element by element. */
export type Value = string | number | boolean | null | undefined | Value[] | { [key: string]: Value };

/**
 * The item element of each list container in GeoReport v2 and its service discovery. The Spark convention
 * maps such a container to a JSON array even when it holds one item, so the JSON side needs no hints.
 */
export const LIST_ITEMS: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  notes: 'note',
  errors: 'error',
};

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // a raw CR would be normalised to LF by every parser; the reference keeps a posted CRLF byte-identical
  '\r': '&#13;',
};

const MARKUP = new Set([0x26, 0x3c, 0x3e, 0x22, 0x27]);

/** Whether escapeXml changes anything: markup, CR and other C0 controls, surrogates (paired or not), U+FFFE/F. */
function needsEscape(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 ? c !== 0x9 && c !== 0xa : MARKUP.has(c) || (c >= 0xd800 && c <= 0xdfff) || c >= 0xfffe) {
      return true;
    }
  }
  return false;
}

/** Whether XML 1.0 can carry a code point at all (its Char production); no reference can carry the rest. */
export function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Escapes text for element content: markup characters as entities; control characters other than tab, LF
 * and CR, U+FFFE/U+FFFF and unpaired surrogates become U+FFFD rather than a broken document.
 */
export function escapeXml(text: string): string {
  // most text needs nothing: a 20,000-request answer is megabytes, walked code point by code point only here
  if (!needsEscape(text)) return text;
  let out = '';
  // for…of walks code points, so a surrogate pair is one character and a lone surrogate stands out
  for (const ch of text) out += ESCAPES[ch] ?? (isXmlChar(ch.codePointAt(0)!) ? ch : '\uFFFD');
  return out;
}

function scalar(v: string | number | boolean): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot write ${v} as XML`);
    return String(v);
  }
  return typeof v === 'boolean' ? String(v) : escapeXml(v);
}

function element(name: string, value: Value, depth: number, out: string[]): void {
  if (value === undefined) return;
  if (!NAME.test(name)) throw new Error(`not an XML element name: ${name}`);
  const pad = '  '.repeat(depth);
  if (value === null) {
    out.push(`${pad}<${name}/>`);
  } else if (Array.isArray(value)) {
    const item = LIST_ITEMS[name];
    if (!item) throw new Error(`no item element known for the list ${name}`);
    if (!value.length) return void out.push(`${pad}<${name}/>`);
    out.push(`${pad}<${name}>`);
    for (const v of value) element(item, v, depth + 1, out);
    out.push(`${pad}</${name}>`);
  } else if (typeof value === 'object') {
    out.push(`${pad}<${name}>`);
    for (const [k, v] of Object.entries(value)) element(k, v, depth + 1, out);
    out.push(`${pad}</${name}>`);
  } else {
    out.push(`${pad}<${name}>${scalar(value)}</${name}>`);
  }
}

/** The document for a value under the root element: the declaration, then indented elements. */
export function toXml(root: string, value: Value): string {
  const out = [XML_DECLARATION];
  element(root, value, 0, out);
  return `${out.join('\n')}\n`;
}
