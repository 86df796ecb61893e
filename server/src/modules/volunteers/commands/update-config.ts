import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';
import { writeAudit } from '../../audit/write-audit.ts';
import type { Actor } from '../../auth/actor.ts';
import { readVolunteerSettings, SETTINGS_KEY, type VolunteerSettings } from '../config.ts';

export interface ConfigInput extends Partial<VolunteerSettings> {
  categories?: { code: string; name: string; nameEn: string; active: boolean }[];
  activityTypes?: { code: string; name: string; nameEn: string; coefficient: number }[];
}

/** Changes the district's volunteer settings: the numbers of points, categories (renamed, added, switched off), activity types and their coefficients. */
export async function updateConfig(db: Db, actor: Actor, scopeCode: string, input: ConfigInput, ip: string) {
  const { categories, activityTypes, ...numbers } = input;
  await db.transaction(async (tx) => {
    const before = await readVolunteerSettings(tx);
    const after = { ...before, ...numbers };
    await tx.execute(
      sql`insert into settings (key, value) values (${SETTINGS_KEY}, ${JSON.stringify(after)}::jsonb)
          on conflict (key) do update set value = excluded.value, updated_at = now()`,
    );
    for (const c of categories ?? []) {
      await tx.execute(
        sql`insert into volunteer_categories (code, name, name_en, active)
            values (${c.code}, ${c.name}, ${c.nameEn}, ${c.active})
            on conflict (code) do update set name = excluded.name, name_en = excluded.name_en, active = excluded.active`,
      );
    }
    for (const t of activityTypes ?? []) {
      await tx.execute(
        sql`insert into volunteer_activity_types (code, name, name_en, coefficient)
            values (${t.code}, ${t.name}, ${t.nameEn}, ${t.coefficient})
            on conflict (code) do update set name = excluded.name, name_en = excluded.name_en,
              coefficient = excluded.coefficient`,
      );
    }
    await writeAudit(tx, {
      actorId: actor.userId,
      action: 'volunteer.config',
      entity: 'settings',
      entityId: null,
      scopeCode,
      before,
      after: input,
      ip,
    });
  });
}
