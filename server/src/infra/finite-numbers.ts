import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalid } from './errors.ts';
import type { FieldProblem } from './validation-messages.ts';

const NOT_FINITE = { zh: '须为有限的数字', en: 'must be a finite number' };

/** The query or path values that are numbers but not finite (coerced from text such as `1e999`). */
function nonFinite(context: string, values: unknown): FieldProblem[] {
  if (!values || typeof values !== 'object') return [];
  const out: FieldProblem[] = [];
  for (const [key, value] of Object.entries(values)) {
    const list = Array.isArray(value) ? value : [value];
    if (list.some((v) => typeof v === 'number' && !Number.isFinite(v)))
      out.push({ field: `${context}/${key}`, message: NOT_FINITE });
  }
  return out;
}

/**
 * Refuses infinite numbers in the query string and the path. Ajv coerces the text `1e999` to Infinity after its
 * check that a number is finite, and skips `minimum`/`maximum` for a non-finite number, so `lat=1e999` passed a
 * schema of -90…90 and reached SQL (a place cell of Infinity is out of bigint's range: a 500). Bodies are not
 * coerced, and Ajv's type check refuses Infinity there.
 */
export function registerFiniteNumbers(app: FastifyInstance): void {
  app.addHook('preHandler', async (req: FastifyRequest) => {
    const problems = [...nonFinite('querystring', req.query), ...nonFinite('params', req.params)];
    if (problems.length) throw invalid(problems);
  });
}
