import type { CaseAction } from '@civicgrid/shared';
import { sql } from 'drizzle-orm';
import { type Db, one } from '../../infra/db.ts';
import { lightOf } from '../case-reports/lights.ts';
import { answerIssuesOf } from '../open311/lenient-answers.ts';
import type { PersonalDataCipher } from '../personal-data/cipher.ts';
import { abilitiesOf, type Holds } from './case-access.ts';
import type { CaseRow } from './case-row.ts';
import { pendingExtension } from './commands/decide-extension.ts';
import { Deadlines, setting } from './deadlines.ts';
import { listCaseEvents, listCasePhotos, listCoUnits } from './queries.ts';
import { presentReporter, reporterAccess, withheldActor } from './reporter.ts';

/**
 * The transitions the caller may fire now: the table's answer, narrowed by the conditions the table cannot
 * express (close needs a passed check, one extension request at a time, the rating window …).
 */
export async function refinedAbilities(db: Db, c: CaseRow, holds: Holds): Promise<CaseAction[]> {
  const actions = abilitiesOf(c, holds);
  if (!actions.length) return actions;
  const pending = actions.some((a) => a.endsWith('_extension')) ? await pendingExtension(db, c.id) : null;
  const windowDays = Number(await setting(db, 'rating_window_days', 7));
  const inWindow = !!c.closedAt && Date.now() - c.closedAt.getTime() <= windowDays * 86_400_000;
  return actions.filter((a) => {
    switch (a) {
      case 'close':
        return c.checkPassed;
      case 'check_pass':
        return !c.checkPassed;
      case 'check_fail':
        return !c.checkPassed;
      case 'sign':
        return !c.signedAt;
      case 'request_extension':
        return !pending && !!c.deadlineAt;
      case 'approve_extension':
      case 'deny_extension':
        return !!pending;
      case 'rate':
        return !c.rating && inWindow;
      case 'reopen':
        return inWindow && !!c.unitId;
      default:
        return true;
    }
  });
}

/** The case as its detail page shows it to this caller, with timeline, photos and abilities. */
export async function presentCase(db: Db, c: CaseRow, holds: Holds, cipher: PersonalDataCipher) {
  const deadlines = await Deadlines.load(db);
  const access = reporterAccess(c, holds);
  const names = await one<{
    categoryNameZh: string;
    categoryNameEn: string;
    unitName: string | null;
    gridName: string | null;
    externalRef: string | null;
  }>(
    db,
    sql`select k.name_zh as "categoryNameZh", k.name_en as "categoryNameEn", u.name as "unitName", g.name as "gridName",
          (select x.ref from case_external_refs x where x.case_id = ${c.id}) as "externalRef"
        from categories k left join units u on u.id = ${c.unitId} left join org_nodes g on g.id = ${c.gridId}
        where k.code = ${c.categoryCode}`,
  );
  // no tracking code: it is the reporter's credential; staff know the case by its number (the id). Who
  // reported is personal data: masked in `reporter` for those who may know, absent for everyone else
  const { reporterPhoneEnc, reporterNameEnc, reporterEmailEnc, reporterId, trackingCode: _, ...rest } = c;
  return {
    ...rest,
    ...names,
    reporter: await presentReporter(db, cipher, c, access),
    light: lightOf(deadlines, c, new Date()),
    extension: await pendingExtension(db, c.id),
    coUnits: await listCoUnits(db, c.id),
    events: await listCaseEvents(db, c.id, withheldActor(c, access)),
    photos: await listCasePhotos(db, c.id),
    // answers an Open311 client sent that failed their datatype, kept as text for the dispatcher to read
    answerIssues: await answerIssuesOf(db, c.id),
  };
}
