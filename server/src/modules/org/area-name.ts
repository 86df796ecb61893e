import { type SQL, sql } from 'drizzle-orm';

/**
 * The public name of a place's area from its grid `g` and that grid's community `cm` (社区 · 网格), in Chinese and
 * in English (falling back to Chinese). A grid named after its community ("富民社区第1网格") stands alone, so the
 * community is not said twice.
 */
export function areaNameSql(lang: 'zh' | 'en', g = sql`g`, cm = sql`cm`): SQL {
  const grid = lang === 'zh' ? sql`${g}.name` : sql`coalesce(${g}.name_en, ${g}.name)`;
  const community = lang === 'zh' ? sql`${cm}.name` : sql`coalesce(${cm}.name_en, ${cm}.name)`;
  return sql`case when ${grid} like ${community} || '%' then ${grid} else ${community} || ' · ' || ${grid} end`;
}
