import { sql } from 'drizzle-orm';
import { type Db, one } from '../../../infra/db.ts';
import { AppError } from '../../../infra/errors.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import type { PersonRow } from '../../people/queries.ts';
import type { PersonalDataCipher } from '../../personal-data/cipher.ts';
import { seal } from '../../personal-data/fields.ts';
import { newCheckinToken } from '../checkin-token.ts';

/** An emergency contact as entered: personal data, sealed before it is stored. */
export interface ContactInput {
  relation: string;
  name: string;
  phone: string;
}

export interface EnrolInput {
  consentBy: 'self' | 'guardian' | 'family';
  consentBasis: string;
  consentAt?: string;
  thresholdHours?: number;
  contacts: ContactInput[];
}

/**
 * Enrols a person in the care watch with the consent recorded (who consented, how, when, and who recorded
 * it): presence data is sensitive personal data (PIPL), so a tag alone never enrols anyone. Emergency
 * contacts are sealed; the check-in link's secret is made here and returned once (only its hash is kept).
 * A person whose watch ended may be enrolled again (new consent, new contacts, new link); a person watched
 * now is refused. The watch counts from now. The audit row holds the consent, never the contacts.
 */
export async function enrolPerson(
  db: Db,
  actor: Actor,
  person: PersonRow,
  input: EnrolInput,
  cipher: PersonalDataCipher,
  ip: string,
): Promise<{ checkinToken: string }> {
  const { token, hash } = newCheckinToken();
  const consentAt = input.consentAt ? new Date(input.consentAt) : new Date();
  return db.transaction(async (tx) => {
    const row = await one(
      tx,
      sql`insert into care_watched as w (person_id, consent_by, consent_basis, consent_at, consent_recorded_by,
            threshold_hours, checkin_token_hash, enrolled_by)
          values (${person.id}, ${input.consentBy}, ${input.consentBasis.trim()}, ${consentAt}, ${actor.userId},
            ${input.thresholdHours ?? 24}, ${hash}, ${actor.userId})
          on conflict (person_id) do update set consent_by = excluded.consent_by,
            consent_basis = excluded.consent_basis, consent_at = excluded.consent_at,
            consent_recorded_by = excluded.consent_recorded_by, threshold_hours = excluded.threshold_hours,
            checkin_token_hash = excluded.checkin_token_hash, enrolled_by = excluded.enrolled_by,
            enrolled_at = now(), watch_from = now(), status = 'home', status_until = null, ended_at = null,
            ended_by = null, end_reason = null, updated_at = now()
          where w.ended_at is not null
          returning person_id`,
    );
    if (!row) throw new AppError('CARE_ALREADY_WATCHED', 409, [{ field: '/personId' }]);
    await tx.execute(sql`delete from care_contacts where person_id = ${person.id}`);
    for (const [i, c] of input.contacts.entries()) {
      await tx.execute(
        sql`insert into care_contacts (person_id, ord, relation, name_enc, phone_enc)
            values (${person.id}, ${i + 1}, ${c.relation.trim()}, ${seal(cipher, c.name.trim())},
              ${seal(cipher, c.phone.trim())})`,
      );
    }
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'care.enrol',
      entity: 'person',
      entityId: person.id,
      scopeCode: person.code,
      after: {
        consentBy: input.consentBy,
        consentBasis: input.consentBasis.trim(),
        consentAt: consentAt.toISOString(),
        thresholdHours: input.thresholdHours ?? 24,
        contacts: input.contacts.length,
      },
      ip,
    });
    return { checkinToken: token };
  });
}
