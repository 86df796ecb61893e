import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '../../..');

/**
 * Packages whose `engines.node` asks for Node 22 although CivicGrid supports Node 20.19+: each was read and
 * uses no API newer than Node 20, and the whole test suite runs on Node 20 in CI (docs/OPERATIONS.md,
 * "Node versions"). A package joining this list must be reviewed the same way before it is added here.
 */
const REVIEWED = ['@mapbox/jsonlint-lines-primitives', 'content-disposition', 'cookie'];

/** Whether a range such as ">=22", "^22.0.0 || >=24" or "20 || 22" can never be satisfied by a Node 20. */
function excludesNode20(range: string): boolean {
  return range.split('||').every((part) => {
    const m = part.trim().match(/^(>=|\^|~)?\s*v?(\d+)/);
    return m ? Number(m[2]) > 20 : false; // a form not understood here is not counted against it
  });
}

function* packages(dir: string): Generator<{ name: string; node: string }> {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const at = path.join(dir, entry);
    if (entry.startsWith('@')) {
      yield* packages(at);
      continue;
    }
    const manifest = path.join(at, 'package.json');
    if (!existsSync(manifest)) continue;
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; engines?: { node?: string } };
    if (json.name && json.engines?.node) yield { name: json.name, node: json.engines.node };
    yield* packages(path.join(at, 'node_modules'));
  }
}

describe('the Node versions the dependencies ask for', () => {
  it('the root engines field supports Node 20.19 and Node 22.13', () => {
    const engines = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node;
    expect(engines).toBe('^20.19.0 || >=22.13.0');
  });

  it('only the reviewed packages ask for a Node newer than 20', () => {
    const strict = new Set<string>();
    for (const p of packages(path.join(root, 'node_modules'))) if (excludesNode20(p.node)) strict.add(p.name);
    expect([...strict].sort()).toEqual(REVIEWED);
  });
});
