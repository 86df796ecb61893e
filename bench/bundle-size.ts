/**
 * Gzipped JavaScript each entry route of the web app loads: the entry chunk, the route's lazy chunk(s) and
 * everything they import statically, read from Vite's manifest (run `npm run build --workspace web` first).
 * Run: npx tsx bench/bundle-size.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  imports?: string[];
}

const DIST = path.join(import.meta.dirname, '../web/dist');
const MANIFEST = path.join(DIST, '.vite/manifest.json');

/** Route → the entry and the lazily loaded modules it needs before it can render. */
const ROUTES: [string, string, string[]][] = [
  ['/login', 'index.html', []],
  ['/desk', 'index.html', ['src/scenes/shell/app-shell.tsx', 'src/scenes/desk/desk-page.tsx']],
  ['/cases/:id', 'index.html', ['src/scenes/shell/app-shell.tsx', 'src/scenes/cases/case-page.tsx']],
  ['/inbox', 'index.html', ['src/scenes/shell/app-shell.tsx', 'src/scenes/desk/inbox-page.tsx']],
  ['/dashboard', 'index.html', ['src/scenes/shell/app-shell.tsx', 'src/scenes/dashboard/dashboard-page.tsx']],
  ['/org', 'index.html', ['src/scenes/shell/app-shell.tsx', 'src/scenes/org/org-page.tsx']],
  ['/users', 'index.html', ['src/scenes/shell/app-shell.tsx', 'src/scenes/users/users-page.tsx']],
  ['/m/report', 'm/index.html', ['src/mobile/pages/report-page.tsx']],
  ['/m/track', 'm/index.html', ['src/mobile/track/track-page.tsx']],
  ['/m/tasks', 'm/index.html', ['src/mobile/tasks/tasks-page.tsx']],
];

/** Every chunk file reachable by static imports from the given manifest keys. */
function closure(manifest: Record<string, Chunk>, keys: string[]): Set<string> {
  const seen = new Set<string>();
  const files = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`no chunk for ${key} in the manifest`);
    files.add(chunk.file);
    for (const i of chunk.imports ?? []) walk(i);
  };
  for (const k of keys) walk(k);
  return files;
}

const gz = (file: string) => gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).length;

if (!existsSync(MANIFEST)) {
  console.error('web/dist/.vite/manifest.json is missing: run `npm run build --workspace web` first');
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, Chunk>;
const BUDGET_KB = 300;
for (const [route, entry, lazy] of ROUTES) {
  const files = [...closure(manifest, [entry, ...lazy])].filter((f) => f.endsWith('.js'));
  const kb = files.reduce((sum, f) => sum + gz(f), 0) / 1024;
  const note = route === '/m/report' ? ` (budget ${BUDGET_KB} KB: ${kb < BUDGET_KB ? 'met' : 'MISSED'})` : '';
  console.log(
    `bundle ${route.padEnd(12)} ${kb.toFixed(1).padStart(7)} KB gzip JS in ${String(files.length).padStart(2)} files${note}`,
  );
}
