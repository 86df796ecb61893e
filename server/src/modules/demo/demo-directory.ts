import { sql } from 'drizzle-orm';
import type { Db } from '../../infra/db.ts';

/** Per community: kind, name after the community's name, street-side address, hours, what it offers. */
const TEMPLATES = [
  ['housekeeping', '{c}家政服务站', '保洁、月嫂、育儿嫂、老人陪护，可预约上门', '08:00-18:00'],
  ['medical', '{c}卫生服务站', '全科门诊、慢病随访、老年人健康体检、预防接种', '07:30-17:30'],
  ['shopping', '{c}便民超市', '粮油副食、日用百货、果蔬生鲜，满 30 元送货上门', '07:00-22:00'],
  ['jobs', '{c}就业服务站', '岗位推荐、技能培训报名、灵活就业登记', '09:00-17:00'],
  ['medical', '{c}平价药房', '常用药品、医保刷卡、血压血糖免费测量', '08:00-21:00'],
] as const;

/**
 * The 便民 directory of the demo district: five entries per community (家政, 医疗 ×2, 购物, 就业招聘) a few
 * hundred metres around the community's centre, with made-up business phones (public numbers, 0394 is
 * 周口's area code).
 */
export async function seedDemoDirectory(db: Db, districtCode: string): Promise<void> {
  const values = TEMPLATES.map(
    ([kind, name, description, hours], i) => sql`(${i}::int, ${kind}, ${name}, ${description}, ${hours})`,
  );
  await db.execute(sql`
    with t(i, kind, name, description, hours) as (values ${sql.join(values, sql`, `)}),
    c as (select c.code, c.name, s.name as street, st_pointonsurface(c.geom) as pt, row_number() over (order by c.code) as n
          from org_nodes c join org_nodes s on s.id = c.parent_id
          where c.level = 'community' and c.code like ${`${districtCode}%`} and c.valid_to is null and c.geom is not null)
    insert into directory_entries (org_code, kind, name, address, location, hours, phone, description, is_demo)
    select c.code, t.kind, replace(t.name, '{c}', c.name), c.street || c.name || (10 + t.i * 7)::text || '号',
      st_translate(c.pt, (t.i - 2) * 0.0012, ((t.i % 3) - 1) * 0.0009), t.hours,
      '0394-8' || lpad(((c.n * 37 + t.i * 11) % 1000000)::text, 6, '0'), t.description, true
    from c cross join t`);
}
