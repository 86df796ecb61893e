import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { invalid } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';

/** The fields of an org node the console may change; its code, level and place in the tree stay. */
export interface NodeChanges {
  name?: string;
  nameEn?: string | null;
  validFrom?: string;
  validTo?: string | null;
}

/** The node as it is before the change, for the checks and the audit row. */
export interface NodeBefore {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  validFrom: string;
  validTo: string | null;
}

const problem = (field: string, zh: string, en: string) => invalid([{ field, message: { zh, en } }]);

/**
 * Renames a node or changes its validity, with an audit row of the fields before and after. A node that has
 * ended stops taking new reports (only nodes in force locate a point) while its cases, counters and history
 * stay under its code. An area may not end while a node under it stays in force after that day, or new
 * reports would land in a grid whose community no longer exists.
 */
export async function updateNode(
  db: Db,
  node: NodeBefore,
  changes: NodeChanges,
  by: { actorId: string; ip: string },
): Promise<void> {
  const c: NodeChanges = { ...changes };
  if (Object.keys(c).length === 0) return;
  if (c.name !== undefined) {
    c.name = c.name.trim();
    if (!c.name || c.name.length > 100)
      throw problem('name', '名称须为 1 到 100 个字符', 'The name must be 1 to 100 characters');
  }
  if (c.nameEn !== undefined) c.nameEn = c.nameEn?.trim() || null;
  const from = c.validFrom ?? node.validFrom;
  const to = c.validTo === undefined ? node.validTo : c.validTo;
  if (to !== null && to <= from)
    throw problem('validTo', '结束日期须晚于开始日期', 'The end date must be after the start date');
  if (to !== null && (c.validTo !== undefined || c.validFrom !== undefined)) {
    const open = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from org_nodes where code like ${`${node.code}%`} and code <> ${node.code}
          and (valid_to is null or valid_to > ${to})`,
    );
    if (open && open.n > 0)
      throw problem(
        'validTo',
        `下级仍有 ${open.n} 个节点在该日期后有效，请先为它们设置结束日期`,
        `${open.n} node(s) under this one stay in force after that day; end them first`,
      );
  }
  const sets = [sql`updated_at = now()`];
  if (c.name !== undefined) sets.push(sql`name = ${c.name}`);
  if (c.nameEn !== undefined) sets.push(sql`name_en = ${c.nameEn}`);
  if (c.validFrom !== undefined) sets.push(sql`valid_from = ${c.validFrom}::date`);
  if (c.validTo !== undefined) sets.push(sql`valid_to = ${c.validTo}::date`);
  await db.transaction(async (tx) => {
    await tx.execute(sql`update org_nodes set ${sql.join(sets, sql`, `)} where id = ${node.id}`);
    const before = Object.fromEntries(Object.keys(c).map((k) => [k, node[k as keyof NodeBefore]]));
    await writeAudit(tx, {
      actorId: by.actorId,
      action: 'org.update',
      entity: 'org_node',
      entityId: node.code,
      scopeCode: node.code,
      before,
      after: c,
      ip: by.ip,
    });
  });
}
