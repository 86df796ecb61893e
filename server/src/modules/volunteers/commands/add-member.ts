import { sql } from 'drizzle-orm';
import type { Db } from '../../../infra/db.ts';

/** Adds a volunteer to a team (again is a no-op: the answer is the same). */
export async function addMember(db: Db, teamId: number, volunteerId: number): Promise<void> {
  await db.execute(
    sql`insert into volunteer_team_members (team_id, volunteer_id) values (${teamId}, ${volunteerId})
        on conflict do nothing`,
  );
}
