import { sql } from 'drizzle-orm';
import { type Db, rows } from '../../infra/db.ts';
import { AppError } from '../../infra/errors.ts';
import { withMessages } from './problem-messages.ts';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A boundary file uploaded for one node, in the import's format, completed the way an administrator expects:
 * a file with a single unnamed, uncoded feature is that node's new outline, and a feature of an existing node
 * without a name keeps the node's name (an outline drawn in a GIS tool rarely carries one). Other features in
 * the file (a neighbour whose shared edge moves too) stay as they are. Refused when the node is not in it.
 */
export async function layerForNode(db: Db, node: { code: string }, input: unknown): Promise<unknown> {
  if (!isRecord(input) || !Array.isArray(input.features)) return input;
  const features = input.features.map((f: unknown) =>
    isRecord(f) ? { ...f, properties: isRecord(f.properties) ? { ...f.properties } : {} } : f,
  );
  const props = (f: unknown) => (f as { properties: Record<string, unknown> }).properties;
  if (features.length === 1 && isRecord(features[0]) && props(features[0]).code === undefined)
    props(features[0]).code = node.code;
  // the import takes a code written as a number too
  for (const f of features.filter(isRecord))
    if (typeof props(f).code === 'number') props(f).code = String(props(f).code);
  const codes = features
    .filter(isRecord)
    .map((f) => props(f).code)
    .filter((c): c is string => typeof c === 'string' && /^[0-9]{6,15}$/.test(c));
  if (!codes.includes(node.code))
    throw new AppError(
      'GEOJSON_INVALID',
      422,
      withMessages([{ feature: null, code: node.code, problem: 'node_missing' }]),
    );
  const names = new Map(
    (
      await rows<{ code: string; name: string }>(
        db,
        sql`select code, name from org_nodes where code in (${sql.join(codes, sql`, `)})`,
      )
    ).map((n) => [n.code, n.name]),
  );
  for (const f of features.filter(isRecord)) {
    const p = props(f);
    if ((p.name === undefined || p.name === '') && typeof p.code === 'string' && names.has(p.code))
      p.name = names.get(p.code);
  }
  return { ...input, features };
}
