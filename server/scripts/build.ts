import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

/**
 * Builds what production runs (`npm run build`, then `npm run start:prod`): server/dist/main.js and
 * server/dist/cli.js, plain JavaScript for `node`, without the TypeScript loader. The server's own code and
 * the workspace package @civicgrid/shared (shipped as TypeScript) are bundled; every other dependency stays
 * in node_modules.
 *
 * Source files find the migrations, seeds, cache and web build relative to themselves (import.meta.dirname,
 * import.meta.url), at different depths; in one bundle those would all point at server/dist. So each bundled
 * file's import.meta.dirname/url is rewritten to its source folder, located from the bundle at run time
 * (server/dist is two folders below the repository root), which keeps the build relocatable with the repo.
 */
const SERVER = path.resolve(import.meta.dirname, '..');
const ROOT = path.resolve(SERVER, '..');
const OUT = path.join(SERVER, 'dist');

const pkg = JSON.parse(readFileSync(path.join(SERVER, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const external = Object.keys(pkg.dependencies).filter((d) => !d.startsWith('@civicgrid/'));

const sourceLocations: Plugin = {
  name: 'source-locations',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.')) return { contents: text, loader: 'ts' };
      const dir = JSON.stringify(path.relative(ROOT, path.dirname(args.path)));
      const file = JSON.stringify(path.relative(ROOT, args.path));
      return {
        contents: text
          .replaceAll('import.meta.dirname', `__cgSourceDir(${dir})`)
          .replaceAll('import.meta.url', `__cgSourceUrl(${file})`),
        loader: 'ts',
      };
    });
  },
};

// defined once at the top of each bundle: where the repository is, seen from server/dist
const banner = `import { fileURLToPath as __cgPath, pathToFileURL as __cgUrl } from 'node:url';
import { resolve as __cgResolve } from 'node:path';
const __cgRoot = __cgResolve(__cgPath(new URL('.', import.meta.url)), '../..');
const __cgSourceDir = (rel) => __cgResolve(__cgRoot, rel);
const __cgSourceUrl = (rel) => __cgUrl(__cgResolve(__cgRoot, rel)).href;`;

rmSync(OUT, { recursive: true, force: true });
const started = Date.now();
await build({
  entryPoints: { main: path.join(SERVER, 'src/main.ts'), cli: path.join(SERVER, 'src/cli.ts') },
  outdir: OUT,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  external,
  plugins: [sourceLocations],
  banner: { js: banner },
  logLevel: 'warning',
});
console.log(`built server/dist (main.js, cli.js) in ${Date.now() - started} ms`);
