import { type CaseAction, mayPublishNote } from '@civicgrid/shared';
import { type Static, Type } from '@sinclair/typebox';
import type { Db } from '../../infra/db.ts';
import { AppError } from '../../infra/errors.ts';
import { RowId } from '../../infra/row-id.ts';
import type { StoredPhoto } from '../photos/store-photo.ts';
import { holdsAllow, holdsOn } from './case-access.ts';
import type { CaseRow } from './case-row.ts';
import { findCase } from './case-row.ts';
import { assertMay, type Firer } from './commands/apply-transition.ts';
import { dispatchCase, reportInCase, returnCase, signCase, whistleCase } from './commands/decide-dispatch.ts';
import { closeCase, failCheck, feedbackCase, fixOnSpot, passCheck } from './commands/decide-disposal.ts';
import { decideExtension, requestExtension } from './commands/decide-extension.ts';
import { rateCase, reopenCase, resumeCase, superviseCase, suspendCase } from './commands/decide-follow-up.ts';
import { fileCase, mergeCase, rejectCase, verifyCase } from './commands/decide-intake.ts';
import { overrideDeadline } from './commands/override-deadline.ts';
import { reassignCase } from './commands/reassign-case.ts';
import { recallCase } from './commands/recall-case.ts';
import { referCase } from './commands/refer-case.ts';

const Urgency = Type.Union([Type.Literal('normal'), Type.Literal('urgent'), Type.Literal('critical')]);

/** Every field any transition takes; each handler checks the ones it needs. */
export const ActionBody = Type.Object(
  {
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    unitId: Type.Optional(RowId()),
    unitIds: Type.Optional(Type.Array(RowId(), { minItems: 1, maxItems: 20 })),
    urgency: Type.Optional(Urgency),
    categoryCode: Type.Optional(Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}$' })),
    masterId: Type.Optional(RowId()),
    rejectReason: Type.Optional(
      Type.Union([Type.Literal('not_substantiated'), Type.Literal('out_of_scope')]),
    ),
    newDeadlineAt: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$',
      }),
    ),
    level: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('yellow'), Type.Literal('red')])),
    rating: Type.Optional(
      Type.Union([Type.Literal('satisfied'), Type.Literal('basic'), Type.Literal('dissatisfied')]),
    ),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
    /** 转办: the outside body the case is referred to (市供电公司, a neighbouring district) */
    referredTo: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** 向群众公开此说明: show this step's note on the public timeline (only public steps with staff text) */
    notePublic: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ActionBodyT = Static<typeof ActionBody>;

export interface ActionPhotos {
  photos: StoredPhoto[];
  before: StoredPhoto[];
  after: StoredPhoto[];
}

function need<T>(value: T | undefined, field: string): T {
  if (value === undefined || value === null || value === '') {
    throw new AppError('VALIDATION_FAILED', 400, [
      { field: `body/${field}`, message: 'is required for this action' },
    ]);
  }
  return value;
}

/** Whether the firer holds the merge target the way the transition table asks of a merge (staff in scope). */
async function mayMergeInto(db: Db, firer: Firer, master: CaseRow): Promise<boolean> {
  if ('system' in firer) return true;
  if (!firer.actor) return false;
  return holdsAllow(await holdsOn(db, firer.actor, master), 'merge');
}

/**
 * The firer with the author's choice to publish the note; refused (400, nothing written) on a step the public
 * never sees or whose text is not staff text, so nobody believes a note is public when it is not.
 */
function withPublishedNote(firer: Firer, action: CaseAction, body: ActionBodyT): Firer {
  if (!body.notePublic || 'system' in firer) return firer;
  if (!mayPublishNote(action)) {
    throw new AppError('VALIDATION_FAILED', 400, [
      { field: 'body/notePublic', message: 'this step is not shown to the public, so its note cannot be' },
    ]);
  }
  return { ...firer, publishNote: true };
}

/** Runs one named transition with its body; returns the event id. */
export async function runAction(
  db: Db,
  c: CaseRow,
  caller: Firer,
  action: CaseAction,
  body: ActionBodyT,
  files: ActionPhotos,
): Promise<number> {
  // who may act comes before any condition of the case, so a refusal never reveals more than the role may know
  assertMay(c, caller, action);
  const firer = withPublishedNote(caller, action, body);
  switch (action) {
    case 'verify':
      return verifyCase(db, c, firer, { note: body.note });
    case 'file':
      return fileCase(db, c, firer, {
        categoryCode: body.categoryCode,
        urgency: body.urgency,
        note: body.note,
      });
    case 'reject':
      return rejectCase(db, c, firer, {
        reason: need(body.rejectReason, 'rejectReason'),
        note: need(body.reason, 'reason'),
      });
    case 'merge': {
      const master = await findCase(db, need(body.masterId, 'masterId'));
      // the caller must be able to merge into the target as well; another area's case answers as a missing one
      if (!master || !(await mayMergeInto(db, firer, master)))
        throw new AppError('MERGE_TARGET_INVALID', 409);
      return mergeCase(db, c, firer, master);
    }
    case 'dispatch':
      return dispatchCase(db, c, firer, {
        unitId: need(body.unitId, 'unitId'),
        urgency: body.urgency,
        note: body.note,
      });
    case 'sign':
      return signCase(db, c, firer);
    case 'return':
      return returnCase(db, c, firer, { reason: need(body.reason, 'reason') });
    case 'whistle':
      return whistleCase(db, c, firer, { unitIds: need(body.unitIds, 'unitIds'), note: body.note });
    case 'report_in':
      return reportInCase(db, c, firer as Firer & { actor: null });
    case 'request_extension':
      return requestExtension(db, c, firer, {
        newDeadlineAt: new Date(need(body.newDeadlineAt, 'newDeadlineAt')),
        reason: need(body.reason, 'reason'),
      });
    case 'approve_extension':
    case 'deny_extension':
      return decideExtension(db, c, firer, { approve: action === 'approve_extension', note: body.note });
    case 'supervise':
      return superviseCase(db, c, firer, { level: need(body.level, 'level'), note: body.note });
    case 'feedback':
      return feedbackCase(db, c, firer, { note: need(body.note, 'note'), photos: files.photos });
    case 'check_pass':
      return passCheck(db, c, firer, { note: body.note, photos: files.photos });
    case 'check_fail':
      return failCheck(db, c, firer, { reason: need(body.reason, 'reason'), photos: files.photos });
    case 'close':
      return closeCase(db, c, firer, { note: body.note });
    case 'rate':
      return rateCase(db, c, firer, { rating: need(body.rating, 'rating'), comment: body.comment });
    case 'reopen':
      return reopenCase(db, c, firer, { reason: need(body.reason, 'reason') });
    case 'suspend':
      return suspendCase(db, c, firer, { reason: need(body.reason, 'reason') });
    case 'resume':
      return resumeCase(db, c, firer);
    case 'reassign':
      return reassignCase(db, c, firer, {
        unitId: need(body.unitId, 'unitId'),
        reason: need(body.reason, 'reason'),
      });
    case 'recall':
      return recallCase(db, c, firer, { reason: need(body.reason, 'reason') });
    case 'override_deadline':
      return overrideDeadline(db, c, firer, {
        newDeadlineAt: new Date(need(body.newDeadlineAt, 'newDeadlineAt')),
        reason: need(body.reason, 'reason'),
      });
    case 'refer':
      return referCase(db, c, firer, {
        referredTo: need(body.referredTo?.trim(), 'referredTo'),
        note: need(body.reason, 'reason'),
      });
    case 'fix_on_spot':
      return fixOnSpot(db, c, firer, {
        note: need(body.note, 'note'),
        before: files.before,
        after: files.after,
      });
  }
}
