import { sql } from 'drizzle-orm';
import type { PersonalDataCipher } from '../../../infra/crypto.ts';
import type { Db } from '../../../infra/db.ts';
import { type ReportResult, reportCase } from '../../cases/commands/report-case.ts';
import type { ApiKeyIdentity } from '../api-keys.ts';
import type { PostedReport } from '../post-body.ts';
import type { ServiceCategory } from '../queries.ts';

/**
 * Files a GeoReport POST through the intake every channel uses (grid resolution, duplicates, idempotency,
 * notifications), as source 'api' scoped to the sending key. The case and the request's own record (key,
 * media_url) are one transaction: on any error nothing is stored.
 */
export async function submitRequest(
  db: Db,
  key: ApiKeyIdentity,
  service: ServiceCategory,
  report: PostedReport,
  answers: Record<string, string | string[]>,
  idempotencyKey: string | null,
  cipher: PersonalDataCipher,
): Promise<ReportResult> {
  return db.transaction(async (tx) => {
    const result = await reportCase(
      tx,
      null,
      {
        source: 'api',
        categoryCode: service.code,
        // the spec makes description optional; a case always has one, so the service name stands in
        description: report.description ?? service.nameZh,
        answers,
        location: report.location,
        address: report.address,
        reporterName: report.reporterName,
        reporterPhone: report.reporterPhone,
        idempotencyKey,
        idempotencyScope: key.scope,
      },
      [],
      cipher,
      true,
    );
    // a replayed POST keeps what the first one recorded
    await tx.execute(
      sql`insert into open311_requests (case_id, key_id, key_scope, media_url)
          values (${result.id}, ${key.keyId}, ${key.scope}, ${report.mediaUrl})
          on conflict (case_id) do nothing`,
    );
    return result;
  });
}
