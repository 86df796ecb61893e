/**
 * Finds the statements of a migration that rewrite a whole table: on a table of millions of rows they hold
 * an ACCESS EXCLUSIVE lock for minutes (nothing reads or writes the table meanwhile) and need its size again
 * in free disk. Such a statement is allowed only when the file says so, in a comment naming the table:
 * `-- rewrites cases: <why, and how long at 1,000,000 rows>`, so that whoever upgrades reads it in the
 * release notes and plans the downtime (docs/OPERATIONS.md, "Upgrades").
 */
export interface Rewrite {
  table: string;
  reason: string;
  statement: string;
}

const RULES: [RegExp, string][] = [
  [
    /\balter\s+(?:column\s+)?"?\w+"?\s+(?:set\s+data\s+)?type\b/i,
    'changes a column type (rewrites unless binary-coercible)',
  ],
  [
    /\badd\s+(?:column\s+)?(?:if\s+not\s+exists\s+)?"?\w+"?[^,]*?\bdefault\b[^,]*?\b(?:random|gen_random_uuid|uuid_generate_v4|clock_timestamp|timeofday|nextval)\s*\(/i,
    'adds a column with a volatile default (every row is written)',
  ],
  [
    /\badd\s+(?:column\s+)?[^,]*?\bgenerated\s+always\s+as\s*\([\s\S]*?\)\s*stored\b/i,
    'adds a stored generated column',
  ],
  [
    /\badd\s+(?:column\s+)?[^,]*?\bgenerated\s+(?:always|by\s+default)\s+as\s+identity\b/i,
    'adds an identity column',
  ],
  [/\bset\s+(?:logged|unlogged)\b/i, 'switches the table between logged and unlogged'],
];

/** The SQL without comments and without the bodies of dollar-quoted functions (never table rewrites). */
function code(text: string): string {
  return text
    .replace(/\$(\w*)\$[\s\S]*?\$\1\$/g, "''")
    .replace(/--[^\n]*/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '');
}

/** Every statement of the migration that rewrites a table, with the table and why. */
export function findRewrites(text: string): Rewrite[] {
  const found: Rewrite[] = [];
  for (const raw of code(text).split(';')) {
    const statement = raw.trim().replace(/\s+/g, ' ');
    const vacuum = /^(?:vacuum\s+(?:\(\s*)?full\b.*?|cluster\s+)"?(\w+)"?/i.exec(statement);
    if (vacuum)
      found.push({ table: vacuum[1]!, reason: 'rewrites the table (VACUUM FULL / CLUSTER)', statement });
    const alter = /^alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?(?:public\.)?"?(\w+)"?/i.exec(statement);
    if (!alter) continue;
    for (const [rule, reason] of RULES)
      if (rule.test(statement)) found.push({ table: alter[1]!, reason, statement });
  }
  return found;
}

/** The rewrites the file does not acknowledge with a `-- rewrites <table>` comment. */
export function unacknowledgedRewrites(text: string): Rewrite[] {
  const said = new Set([...text.matchAll(/--\s*rewrites\s+"?(\w+)"?/gi)].map((m) => m[1]!.toLowerCase()));
  return findRewrites(text).filter((r) => !said.has(r.table.toLowerCase()));
}
