import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';
import type { Localized } from './validation-messages.ts';

const FORM = 'application/x-www-form-urlencoded';
// a high surrogate not followed by a low one, or a low one not preceded by a high one (code units, no u flag)
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why PostgreSQL cannot store a string, or null when it can. */
function problemOf(text: string): Localized | null {
  if (text.includes('\0')) return { zh: '包含空字符（NUL）', en: 'contains a NUL character' };
  // a lone UTF-16 surrogate has no UTF-8 form: the driver would silently store U+FFFD instead
  if (LONE_SURROGATE.test(text)) return { zh: '包含无效的 Unicode 字符', en: 'contains invalid Unicode' };
  return null;
}

/**
 * The first key or string under value that PostgreSQL cannot store, with its path (`body/answers/x`). Walks
 * with its own stack, so no nesting depth (JSON allows any) can hide a string or overflow the call stack.
 */
function findProblem(value: unknown, path: string): { field: string; message: Localized } | null {
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length) {
    const [item, at] = stack.pop()!;
    if (typeof item === 'string') {
      const message = problemOf(item);
      if (message) return { field: at, message };
    } else if (typeof item === 'object' && item !== null) {
      const entries: [string | number, unknown][] = Array.isArray(item)
        ? [...item.entries()]
        : Object.entries(item);
      for (const [key] of entries) {
        const message = typeof key === 'string' ? problemOf(key) : null;
        if (message) return { field: `${at}/${key}`, message };
      }
      // reversed, so the first field is looked at first
      for (const [key, child] of entries.reverse()) stack.push([child, `${at}/${key}`]);
    }
  }
  return null;
}

/**
 * Throws 400 TEXT_INVALID naming the field when any key or string in value holds a NUL byte or a lone
 * surrogate, which PostgreSQL text and jsonb cannot hold (a NUL was a 500 before). `prefix` is the part of
 * the request, as in validation details: `body`, `querystring`, `params`.
 */
export function assertStorableText(value: unknown, prefix: string): void {
  const found = findProblem(value, prefix);
  if (found) throw new AppError('TEXT_INVALID', 400, [found]);
}

/**
 * Checks every request's JSON body, form body (decoded, as Open311 posts it), query string and path
 * parameters before schema validation, so each route gets only storable text. An error thrown here goes to
 * the route's own error handler (Open311 answers in its format). Multipart text fields are read later, by
 * the handler: `readMultipart` checks them with assertStorableText.
 */
export function registerTextCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    assertStorableText(req.params, 'params');
    assertStorableText(req.query, 'querystring');
    const body = req.body;
    if (typeof body === 'string' && (req.headers['content-type'] ?? '').toLowerCase().startsWith(FORM)) {
      for (const [name, value] of new URLSearchParams(body)) assertStorableText({ [name]: value }, 'body');
    } else {
      assertStorableText(body, 'body');
    }
  });
}
