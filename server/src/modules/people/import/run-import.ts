import { sql } from 'drizzle-orm';
import { type Db, one, rows } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import type { Sweep } from '../../../infra/sweeps.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import { loadGrants } from '../../auth/actor.ts';
import { can, scopeCondition } from '../../auth/policy.ts';
import type { PersonalDataCipher } from '../../personal-data/cipher.ts';
import { writeImportChunk } from '../commands/write-import-chunk.ts';
import { districtToday } from '../present-person.ts';
import { listTags } from '../queries.ts';
import { planChunk } from './plan-chunk.ts';
import { groupHouseholds, type ImportPerson, type RowError, validateRow } from './validate-rows.ts';
import { errorReportWorkbook, readImportRows } from './workbook.ts';

/** Rows per chunk: each chunk is one transaction of whole households and one progress step. */
const CHUNK_ROWS = 2_000;

/** Splits households into chunks of about CHUNK_ROWS rows, never splitting a household. */
function chunksOf(households: ImportPerson[][]): ImportPerson[][][] {
  const out: ImportPerson[][][] = [];
  let current: ImportPerson[][] = [];
  let size = 0;
  for (const h of households) {
    current.push(h);
    size += h.length;
    if (size >= CHUNK_ROWS) {
      out.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * Runs one queued import job (docs/people.md, "Import"): claims it (a conditional UPDATE, so two processes
 * never run one job), reads the file, checks every row, then writes the households chunk by chunk with
 * progress after each, and keeps the error report. Rows are checked against the grants the importer holds
 * when the job runs. Returns false when the job was not there to claim.
 */
export async function runImportJob(db: Db, cipher: PersonalDataCipher, jobId: number): Promise<boolean> {
  const job = await one<{ actorId: string; file: Buffer; scopeCode: string }>(
    db,
    sql`update import_jobs set state = 'running', started_at = now() where id = ${jobId} and state = 'queued'
        returning actor_id as "actorId", file, scope_code as "scopeCode"`,
  );
  if (!job) return false;
  try {
    await importFile(db, cipher, jobId, job);
  } catch (err) {
    const failure = err instanceof AppError ? err.code : 'INTERNAL';
    await db.execute(sql`update import_jobs set state = 'failed', failure = ${failure}, file = null,
      finished_at = now() where id = ${jobId}`);
    if (!(err instanceof AppError)) throw err;
  }
  return true;
}

async function importFile(
  db: Db,
  cipher: PersonalDataCipher,
  jobId: number,
  job: { actorId: string; file: Buffer; scopeCode: string },
): Promise<void> {
  const raw = await readImportRows(Buffer.from(job.file));
  await db.execute(sql`update import_jobs set total_rows = ${raw.length} where id = ${jobId}`);
  const actor = { userId: job.actorId, grants: await loadGrants(db, job.actorId) } as Actor;
  const grids = await rows<{ id: number; code: string }>(
    db,
    sql`select id, code from org_nodes where level = 'grid' and code like ${`${job.scopeCode}%`}
          and (${scopeCondition(actor, 'people.manage', sql`code`)})`,
  );
  // a retired tag is offered no more: the sheet cannot set it, and a re-import leaves it where it is
  const tags = (await listTags(db)).filter((t) => !t.retired);
  const sensitiveAt = (code: string) => can(actor, 'people.sensitive', code);
  const editableTags = (code: string) =>
    tags.filter((t) => t.derived === null && (!t.sensitive || sensitiveAt(code))).map((t) => t.id);
  const ctx = {
    grids: new Map(grids.map((g) => [g.code, g])),
    tags: new Map(tags.map((t) => [t.name, t])),
    sensitiveAt,
  };
  const people: ImportPerson[] = [];
  const rowErrors: RowError[] = [];
  for (const r of raw) {
    const checked = validateRow(r, ctx);
    if ('reasons' in checked) rowErrors.push(checked);
    else people.push(checked);
  }
  const grouped = groupHouseholds(people, rowErrors);
  const errors = [...grouped.errors];
  let processed = errors.length;
  let written = 0;
  let unchanged = 0;
  const today = districtToday();
  for (const chunk of chunksOf(grouped.households)) {
    const { plan, errors: refused } = await planChunk(db, cipher, chunk, editableTags);
    const done = await writeImportChunk(db, cipher, { actorId: job.actorId, today, editableTags }, plan);
    errors.push(...refused);
    written += done.written;
    unchanged += done.unchanged;
    processed += chunk.reduce((n, h) => n + h.length, 0);
    await db.execute(sql`update import_jobs set processed_rows = ${processed}, written_persons = ${written},
      unchanged_persons = ${unchanged}, error_rows = ${errors.length} where id = ${jobId}`);
  }
  errors.sort((a, b) => a.row - b.row);
  const report = errors.length ? await errorReportWorkbook(raw, errors) : null;
  await db.transaction(async (tx) => {
    await tx.execute(sql`update import_jobs set state = 'done', processed_rows = ${raw.length},
      written_persons = ${written}, unchanged_persons = ${unchanged}, error_rows = ${errors.length},
      report = ${report}, file = null, finished_at = now() where id = ${jobId}`);
    await writeAudit(tx, {
      actorId: job.actorId,
      action: 'people.import',
      entity: 'import_job',
      entityId: jobId,
      scopeCode: job.scopeCode,
      after: { rows: raw.length, written, unchanged, errorRows: errors.length },
    });
  });
}

/**
 * Picks up import jobs left queued (a restart between upload and run), and jobs left running for half an
 * hour by a process that died: running a file again is safe, since an import writes nothing twice. Each job
 * is claimed before it runs.
 */
export function importSweep(db: Db, cipher: PersonalDataCipher): Sweep {
  return {
    name: 'people-imports',
    everyMs: 30_000,
    async run() {
      await db.execute(sql`update import_jobs set state = 'queued' where state = 'running' and file is not null
        and started_at < now() - interval '30 minutes'`);
      const due = await rows<{ id: number }>(
        db,
        sql`select id from import_jobs where state = 'queued' order by id limit 5`,
      );
      let n = 0;
      for (const j of due) if (await runImportJob(db, cipher, j.id)) n++;
      return n;
    },
  };
}
