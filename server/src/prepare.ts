import { ensurePgliteTemplate } from './infra/migrate.ts';

// Run by `npm ci` (the root prepare script): builds the migrated PGlite template once so that a fresh
// `npm start` and every test worker skip initdb and CREATE EXTENSION postgis.
await ensurePgliteTemplate();
