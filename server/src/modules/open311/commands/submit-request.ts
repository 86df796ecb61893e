import { sql } from 'drizzle-orm';
import type { PersonalDataCipher } from '../../../infra/crypto.ts';
import type { Db } from '../../../infra/db.ts';
import { type ReportResult, reportCase } from '../../cases/commands/report-case.ts';
import { seal } from '../../personal-data/fields.ts';
import type { StoredPhoto } from '../../photos/store-photo.ts';
import type { ApiKeyIdentity } from '../api-keys.ts';
import { splitAnswers } from '../lenient-answers.ts';
import type { PostedReport } from '../post-body.ts';
import type { ServiceCategory } from '../queries.ts';

/**
 * Files a GeoReport POST through the intake every channel uses (grid resolution, duplicates, idempotency,
 * notifications), as source 'api' scoped to the sending key. Answers that fail their datatype are kept aside
 * as text and flagged for the dispatcher (open311_requests.answer_issues); the reporter's e-mail is sealed
 * beside the name and phone. The case, its photos and the request's own record are one transaction: on any
 * error nothing is stored.
 */
export async function submitRequest(
  db: Db,
  key: ApiKeyIdentity,
  service: ServiceCategory,
  report: PostedReport,
  answers: Record<string, string | string[]>,
  idempotencyKey: string | null,
  cipher: PersonalDataCipher,
  photos: StoredPhoto[] = [],
): Promise<ReportResult> {
  const { valid, issues } = splitAnswers(service, answers);
  return db.transaction(async (tx) => {
    const result = await reportCase(
      tx,
      null,
      {
        source: 'api',
        categoryCode: service.code,
        // the spec makes description optional; a case always has one, so the service name stands in
        description: report.description ?? service.nameZh,
        answers: valid,
        answersFlagged: issues.map((i) => i.code),
        location: report.location,
        address: report.address,
        reporterName: report.reporterName,
        reporterPhone: report.reporterPhone,
        idempotencyKey,
        idempotencyScope: key.scope,
      },
      photos,
      cipher,
      true,
    );
    // a replayed POST keeps what the first one recorded
    if (result.replayed) return result;
    await tx.execute(
      sql`insert into open311_requests (case_id, key_id, key_scope, media_url, answer_issues)
          values (${result.id}, ${key.keyId}, ${key.scope}, ${report.mediaUrl}, ${JSON.stringify(issues)}::jsonb)
          on conflict (case_id) do nothing`,
    );
    if (report.reporterEmail) {
      await tx.execute(
        sql`update cases set reporter_email_enc = ${seal(cipher, report.reporterEmail)} where id = ${result.id}`,
      );
    }
    return result;
  });
}
