import type { ValueError } from '@sinclair/typebox/errors';
import { ValueErrorType } from '@sinclair/typebox/errors';

/** A sentence in both languages; the error handler picks the caller's. */
export interface Localized {
  zh: string;
  en: string;
}

/** One field-level problem: where (`body/description`) and what, in both languages. */
export interface FieldProblem {
  field: string;
  message: Localized;
}

/** The schema-validator facts a message is made from (the Ajv keyword and its params). */
interface Failure {
  keyword: string;
  params: Record<string, unknown>;
}

const TYPE_NAMES: Record<string, Localized> = {
  string: { zh: '文本', en: 'a string' },
  number: { zh: '数字', en: 'a number' },
  integer: { zh: '整数', en: 'an integer' },
  boolean: { zh: '布尔值（true/false）', en: 'a boolean' },
  object: { zh: '对象', en: 'an object' },
  array: { zh: '列表', en: 'a list' },
  null: { zh: '空值（null）', en: 'null' },
};

const FORMAT_NAMES: Record<string, Localized> = {
  'date-time': { zh: '日期时间（ISO 8601）', en: 'a date-time (ISO 8601)' },
  date: { zh: '日期（YYYY-MM-DD）', en: 'a date (YYYY-MM-DD)' },
  time: { zh: '时间', en: 'a time' },
  email: { zh: '电子邮箱地址', en: 'an email address' },
  uri: { zh: '网址', en: 'a URL' },
  url: { zh: '网址', en: 'a URL' },
  uuid: { zh: 'UUID', en: 'a UUID' },
  ipv4: { zh: 'IPv4 地址', en: 'an IPv4 address' },
  ipv6: { zh: 'IPv6 地址', en: 'an IPv6 address' },
};

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function typeName(types: unknown): Localized {
  const list = (Array.isArray(types) ? types : String(types).split(',')).map(
    (t) => TYPE_NAMES[String(t)] ?? { zh: String(t), en: String(t) },
  );
  return { zh: list.map((t) => t.zh).join('或'), en: list.map((t) => t.en).join(' or ') };
}

function oneOfValues(values: unknown[]): Localized {
  const list = values.map(show);
  return { zh: `须为以下之一：${list.join('、')}`, en: `must be one of: ${list.join(', ')}` };
}

/** The sentence for one failed schema keyword, in both languages. */
export function messageFor({ keyword, params }: Failure): Localized {
  const limit = params.limit as number;
  switch (keyword) {
    case 'required':
      return { zh: '必填', en: 'is required' };
    case 'type': {
      const t = typeName(params.type);
      return { zh: `须为${t.zh}`, en: `must be ${t.en}` };
    }
    case 'minLength':
      return limit === 1
        ? { zh: '不能为空', en: 'must not be empty' }
        : { zh: `至少 ${limit} 个字符`, en: `must have at least ${limit} characters` };
    case 'maxLength':
      return { zh: `最多 ${limit} 个字符`, en: `must have at most ${limit} characters` };
    case 'pattern':
      return { zh: '格式不正确', en: 'has the wrong format' };
    case 'format': {
      const f = FORMAT_NAMES[String(params.format)] ?? {
        zh: String(params.format),
        en: String(params.format),
      };
      return { zh: `须为${f.zh}`, en: `must be ${f.en}` };
    }
    case 'minimum':
      return { zh: `不能小于 ${limit}`, en: `must be at least ${limit}` };
    case 'maximum':
      return { zh: `不能大于 ${limit}`, en: `must be at most ${limit}` };
    case 'exclusiveMinimum':
      return { zh: `须大于 ${limit}`, en: `must be greater than ${limit}` };
    case 'exclusiveMaximum':
      return { zh: `须小于 ${limit}`, en: `must be less than ${limit}` };
    case 'multipleOf':
      return { zh: `须为 ${params.multipleOf} 的倍数`, en: `must be a multiple of ${params.multipleOf}` };
    case 'enum':
      return oneOfValues((params.allowedValues as unknown[]) ?? []);
    case 'const':
      return { zh: `须为 ${show(params.allowedValue)}`, en: `must be ${show(params.allowedValue)}` };
    case 'additionalProperties':
      return { zh: '不是可接受的字段', en: 'is not an accepted field' };
    case 'minItems':
      return { zh: `至少 ${limit} 项`, en: `must have at least ${limit} ${limit === 1 ? 'item' : 'items'}` };
    case 'maxItems':
      return { zh: `最多 ${limit} 项`, en: `must have at most ${limit} ${limit === 1 ? 'item' : 'items'}` };
    case 'uniqueItems':
      return { zh: '不能有重复项', en: 'must not contain duplicates' };
    case 'minProperties':
      return { zh: `至少 ${limit} 项`, en: `must have at least ${limit} entries` };
    case 'maxProperties':
      return { zh: `最多 ${limit} 项`, en: `must have at most ${limit} entries` };
    default:
      // anyOf/oneOf without a clearer branch, not, if/then …
      return { zh: '不是可接受的值', en: 'is not an accepted value' };
  }
}

/** The field a failure is about: `required` and `additionalProperties` name the property itself. */
function fieldOf(base: string, keyword: string, params: Record<string, unknown>): string {
  if (keyword === 'required') return `${base}/${params.missingProperty}`;
  if (keyword === 'additionalProperties') return `${base}/${params.additionalProperty}`;
  return base;
}

/**
 * A union (anyOf/oneOf) failed on every branch: when all branches are fixed values, list them; otherwise the
 * branches' own non-type failures (a too-long string in `string | null`) say more than "not valid".
 */
function unionProblems(field: string, branches: { field: string; failure: Failure }[]): FieldProblem[] {
  const values = branches.flatMap(({ failure: f }) =>
    f.keyword === 'const'
      ? [f.params.allowedValue]
      : f.keyword === 'enum'
        ? (f.params.allowedValues as [])
        : [],
  );
  if (branches.length > 0 && values.length === branches.length)
    return [{ field, message: oneOfValues(values) }];
  // "must be null" at the union's own place only says which branch did not apply; deeper failures are reasons
  const specific = branches.filter((b) => b.failure.keyword !== 'type' || b.field !== field);
  if (specific.length) return specific.map((b) => ({ field: b.field, message: messageFor(b.failure) }));
  const types = branches.flatMap((b) => b.failure.params.type ?? []);
  return [
    {
      field,
      message: messageFor(
        types.length ? { keyword: 'type', params: { type: types } } : { keyword: 'anyOf', params: {} },
      ),
    },
  ];
}

/** Drops repeats of one field (a missing property also fails its type check); the first reason stays. */
function firstPerField(list: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return list.filter((p) => !seen.has(p.field) && seen.add(p.field));
}

/** An Ajv error as Fastify reports it in `err.validation`. */
export interface AjvFailure {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
}

/** Field problems from Fastify's schema validation (Ajv), `context` being `body`, `querystring`, … */
export function ajvProblems(errors: AjvFailure[], context: string): FieldProblem[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const inUnion = (e: AjvFailure) =>
    unions.some((u) => u !== e && e.schemaPath.startsWith(`${u.schemaPath}/`));
  const out: FieldProblem[] = [];
  for (const e of errors) {
    if (inUnion(e)) continue;
    const field = fieldOf(`${context}${e.instancePath}`, e.keyword, e.params);
    if (unions.includes(e)) {
      const branches = errors
        .filter((b) => b.schemaPath.startsWith(`${e.schemaPath}/`) && !unions.includes(b))
        .map((b) => ({ field: fieldOf(`${context}${b.instancePath}`, b.keyword, b.params), failure: b }));
      out.push(...unionProblems(field, branches));
    } else {
      out.push({ field, message: messageFor(e) });
    }
  }
  return firstPerField(out);
}

/** The Ajv keyword and params a TypeBox value error stands for. */
function typeboxFailure(e: ValueError): Failure {
  const s = e.schema as Record<string, unknown>;
  const name = ValueErrorType[e.type] ?? '';
  const limitOf = (key: string): Failure => ({ keyword: key, params: { limit: s[key] } });
  const suffix =
    /(MinLength|MaxLength|Minimum|Maximum|ExclusiveMinimum|ExclusiveMaximum|MinItems|MaxItems)$/.exec(name);
  if (suffix) return limitOf(suffix[1]!.charAt(0).toLowerCase() + suffix[1]!.slice(1));
  if (name === 'ObjectRequiredProperty') return { keyword: 'required', params: {} };
  if (name === 'ObjectAdditionalProperties') return { keyword: 'additionalProperties', params: {} };
  if (name === 'StringPattern') return { keyword: 'pattern', params: {} };
  if (name === 'StringFormat') return { keyword: 'format', params: { format: s.format } };
  if (name === 'ArrayUniqueItems') return { keyword: 'uniqueItems', params: {} };
  if (name === 'Literal') return { keyword: 'const', params: { allowedValue: s.const } };
  if (/MultipleOf$/.test(name)) return { keyword: 'multipleOf', params: { multipleOf: s.multipleOf } };
  if (s.type !== undefined && /^(String|Number|Integer|Boolean|Object|Array|Null)$/.test(name)) {
    return { keyword: 'type', params: { type: s.type } };
  }
  return { keyword: name === 'Union' ? 'anyOf' : name, params: {} };
}

/** Field problems from a TypeBox check (multipart bodies are checked in the handler), under `prefix`. */
export function typeboxProblems(errors: Iterable<ValueError>, prefix: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const failure = typeboxFailure(e);
    if (failure.keyword !== 'anyOf') {
      out.push({ field: `${prefix}${e.path}`, message: messageFor(failure) });
      continue;
    }
    const branches = e.errors.flatMap((iterator) =>
      [...iterator].map((b) => ({ field: `${prefix}${b.path}`, failure: typeboxFailure(b) })),
    );
    out.push(...unionProblems(`${prefix}${e.path}`, branches));
  }
  return firstPerField(out);
}

const isLocalized = (m: unknown): m is Localized =>
  typeof m === 'object' && m !== null && typeof (m as Localized).zh === 'string';

/** Details with their Localized messages turned into the caller's language; anything else as it is. */
export function localizeDetails(details: unknown, lang: 'zh' | 'en'): unknown {
  if (!Array.isArray(details)) return details;
  return details.map((d) =>
    typeof d === 'object' && d !== null && isLocalized((d as { message?: unknown }).message)
      ? { ...d, message: (d as { message: Localized }).message[lang] }
      : d,
  );
}
