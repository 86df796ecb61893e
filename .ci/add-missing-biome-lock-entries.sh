#!/usr/bin/env bash
# One-off repair for package-lock.json, run by hand (never by CI): `bash .ci/add-missing-biome-lock-entries.sh`.
#
# The npm registry reachable from these machines does not serve some of @biomejs/biome's platform packages
# (e.g. @biomejs/cli-darwin-arm64 → 404), so every `npm install` here drops their lock entries, and npm 11's
# `npm ci` then refuses the lock ("Missing: @biomejs/cli-darwin-arm64@ from lock file"). The packages are
# optional and never installed on Linux glibc; `npm ci` only needs an entry per optional dependency. This adds
# the missing ones (version, os/cpu/libc, optional) and changes nothing else. Re-run after any `npm install`.
set -euo pipefail
cd "$(dirname "$0")/.."
node --input-type=module - package-lock.json <<'JS'
import { readFileSync, writeFileSync } from 'node:fs';
const file = process.argv[2];
const lock = JSON.parse(readFileSync(file, 'utf8'));
const biome = lock.packages['node_modules/@biomejs/biome'];
if (!biome) throw new Error('no @biomejs/biome in the lock');
// [os, cpu, libc] of each platform package, as published.
const platforms = {
  'cli-android-arm64': ['android', 'arm64'],
  'cli-android-x64': ['android', 'x64'],
  'cli-darwin-arm64': ['darwin', 'arm64'],
  'cli-darwin-x64': ['darwin', 'x64'],
  'cli-linux-arm64': ['linux', 'arm64', 'glibc'],
  'cli-linux-arm64-musl': ['linux', 'arm64', 'musl'],
  'cli-linux-x64': ['linux', 'x64', 'glibc'],
  'cli-linux-x64-musl': ['linux', 'x64', 'musl'],
  'cli-win32-arm64': ['win32', 'arm64'],
  'cli-win32-x64': ['win32', 'x64'],
};
const added = [];
for (const [name, version] of Object.entries(biome.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const platform = platforms[name.replace('@biomejs/', '')];
  if (!platform) throw new Error(`unknown biome platform package ${name}: add it to the table`);
  const [os, cpu, libc] = platform;
  lock.packages[key] = {
    version,
    cpu: [cpu],
    dev: true,
    ...(libc ? { libc: [libc] } : {}),
    license: biome.license,
    optional: true,
    os: [os],
    ...(biome.engines ? { engines: biome.engines } : {}),
  };
  added.push(`${name}@${version}`);
}
if (added.length) {
  // npm's own order for lock entries.
  lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => a.localeCompare(b, 'en')));
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
}
console.log(added.length ? `added to ${file}: ${added.join(', ')}` : `${file}: nothing missing`);
JS
npm ci --dry-run --ignore-scripts >/dev/null 2>&1 && echo "npm ci --dry-run: lock accepted" || {
  echo "npm ci --dry-run still rejects the lock:" >&2
  npm ci --dry-run --ignore-scripts 2>&1 | grep -E 'Missing|Invalid' | head -20 >&2
  exit 1
}
