/**
 * City-scale data for benchmarks (DESIGN §5: ~10 districts × ~300 segments × ~3,000 merchants, a million
 * cases). Generated inside Postgres with set-based INSERT … SELECT over generate_series, so a real server
 * does it in minutes; values come from hashint4 of the row number, so every run yields the same data.
 */
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { areaUnits } from '../schema';

export interface CityOptions {
  districts?: number;
  segmentsPerDistrict?: number;
  merchantsPerDistrict?: number;
  cases?: number;
  log?: (line: string) => void;
}

const DISTRICT_NAMES = ['东湖区', '南岸区', '北城区', '西河区', '江北区', '汉阳区', '青山区', '洪山区', '沙湖区', '月湖区', '龟山区', '蛇山区'];

export async function seedCity(db: Db, options: CityOptions = {}) {
  const districts = options.districts ?? 10;
  const segmentsPer = options.segmentsPerDistrict ?? 300;
  const merchantsPer = options.merchantsPerDistrict ?? 3000;
  const caseCount = options.cases ?? 1_000_000;
  const log = options.log ?? (() => {});
  const [existing] = await db.select({ id: areaUnits.id }).from(areaUnits).where(eq(areaUnits.code, 'C01'));
  if (existing) return null;

  // All or nothing: a failed run leaves no half city behind to be mistaken for a seeded one.
  const counts = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const step = async (label: string, query: ReturnType<typeof sql>) => {
      const started = Date.now();
      await tx.execute(query);
      log(`${label}（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
    };
    // r(k, g): a deterministic pseudo-random integer ≥ 0 for row g in stream k.
    const names = sql.raw(`array[${DISTRICT_NAMES.map((n) => `'${n}'`).join(',')}]`);

    await step(
      `${districts} 个区、街道、社区`,
      sql`
      with d as (
        insert into area_units (level, code, name, hotline)
        select 'district', 'C' || lpad(i::text, 2, '0'), (${names})[1 + (i - 1) % ${DISTRICT_NAMES.length}], '12319'
        from generate_series(1, ${districts}) i returning id, code, name
      ), st as (
        insert into area_units (level, code, name, parent_id, sort_order)
        select 'street', d.code || '-S' || s, d.name || '第' || s || '街道', d.id, s
        from d, generate_series(1, 4) s returning id, code
      )
      insert into area_units (level, code, name, parent_id, sort_order)
      select 'community', st.code || '-' || lpad(c::text, 2, '0'), '第' || c || '社区', st.id, c from st, generate_series(1, 6) c`,
    );
    await step(
      '道路',
      sql`insert into roads (district_id, name, grade)
          select d.id, '城' || d.code || '路' || r, (array['arterial','secondary','alley']::segment_grade[])[1 + r % 3]
          from area_units d, generate_series(1, ${Math.ceil(segmentsPer / 3)}) r where d.level = 'district' and d.code like 'C%'`,
    );
    await step(
      `${districts * segmentsPer} 个路段`,
      sql`insert into segments (code, road_id, name, from_cross, to_cross, grade, district_id, street_id, community_id, length_m)
          select d.code || '-' || lpad(i::text, 4, '0'), r.id, r.name || '（' || i || '号口—' || (i + 1) || '号口）', i || '号口', (i + 1) || '号口',
                 r.grade, d.id, st.id, cm.id, 200 + abs(hashint4(i * 7 + d.id)) % 1000
          from area_units d
          cross join generate_series(1, ${segmentsPer}) i
          join roads r on r.district_id = d.id and r.name = '城' || d.code || '路' || (1 + (i - 1) / 3)
          join area_units st on st.code = d.code || '-S' || (1 + i % 4)
          join area_units cm on cm.code = st.code || '-' || lpad((1 + i % 6)::text, 2, '0')
          where d.level = 'district' and d.code like 'C%'`,
    );
    await step(
      '路长与任职',
      sql`with c as (
            insert into chiefs (district_id, name, title, phone, patrol_frequency, duties, organization)
            select s.district_id, '路长' || s.code || '-' || k, case k when 1 then '社区党委书记' else '城管中队中队长' end,
                   '027-8' || lpad((s.id * 2 + k)::text, 7, '0'), 'daily', '每天对责任路段巡查不少于一次。', s.code
            from segments s, generate_series(1, 2) k where s.code like 'C%' returning id, organization
          )
          insert into chief_assignments (chief_id, segment_id, level, starts_on)
          select c.id, s.id, 'third', date '2025-01-01' from c join segments s on s.code = c.organization`,
    );
    await step(
      `${districts * merchantsPer} 家商户`,
      sql`insert into merchants (code, name, address, segment_id, street_id, kind, responsible_person, agreement_signed_on)
          select d.code || '-M' || lpad(i::text, 5, '0'),
                 (array['老街','新城','阳光','江南','福满','金牌','好运','百姓','丰收','和美'])[1 + abs(hashint4(i * 31 + d.id)) % 10]
                   || (array['面馆','超市','药店','五金','理发店','便利店','水果店','茶餐厅','宾馆','汽修'])[1 + abs(hashint4(i * 17 + d.id)) % 10]
                   || i || '号店',
                 '城' || d.code || '路' || i || '号', s.id, s.street_id, '零售', '负责人' || i, date '2025-03-01'
          from area_units d
          cross join generate_series(1, ${merchantsPer}) i
          join segments s on s.code = d.code || '-' || lpad((1 + i % ${segmentsPer})::text, 4, '0')
          where d.level = 'district' and d.code like 'C%'`,
    );
    await step(
      '12 个月红黑旗',
      sql`insert into ratings (subject, merchant_id, street_id, month, flag, reasons)
          select 'merchant', m.id, m.street_id, (date_trunc('month', now()) - make_interval(months => k))::date,
                 case when abs(hashint4(m.id * 13 + k)) % 100 < 5 then 'black'::flag when abs(hashint4(m.id * 13 + k)) % 100 < 25 then 'red'::flag else 'none'::flag end,
                 '{}'
          from merchants m cross join generate_series(1, 12) k where m.code like 'C%'`,
    );
    // Cases: spread over a year, statuses weighted like a working district, deadlines for dispatched work.
    await step(
      `${caseCount.toLocaleString('en')} 件案件`,
      sql`with cats as (select array_agg(id order by code) as ids, count(*)::int as n from categories where time_limit_hours is not null),
               segs as (select array_agg(id order by code) as ids, count(*)::int as n from segments where code like 'C%')
          insert into cases (number, lookup_code, source, category_id, description, district_id, street_id, segment_id, status,
                             level, assignee_chief_id, deadline_at, created_at, updated_at, closed_at, version)
          select to_char(x.created_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad((5000 + g / 365)::text, 4, '0'),
                 substr(translate(upper(md5(g::text)), '0125B8', 'KMPQRT'), 1, 6),
                 (array['citizen','patrol','hotline','open311','inspection']::case_source[])[1 + abs(hashint4(g * 3)) % 5],
                 cats.ids[1 + abs(hashint4(g * 5)) % cats.n], '城市规模基准数据', s.district_id, s.street_id, s.id, x.status,
                 'segment', a.chief_id,
                 case when x.status in ('dispatched','returned','handled','closed') then x.created_at + interval '2 days' end,
                 x.created_at, x.created_at + interval '1 hour',
                 case when x.status = 'closed' then x.created_at + interval '3 days' end, 1
          from cats cross join segs cross join generate_series(1, ${caseCount}) g
          cross join lateral (
            select ((date_trunc('day', now() at time zone 'Asia/Shanghai') - make_interval(days => 1 + g % 365) + make_interval(secs => abs(hashint4(g)) % 86400)) at time zone 'Asia/Shanghai') as created_at,
                   case when g % 365 > 20 then (case when abs(hashint4(g * 11)) % 100 < 92 then 'closed' else 'rejected' end)::case_status
                        else (array['submitted','accepted','dispatched','dispatched','returned','handled','closed','closed','rejected']::case_status[])[1 + abs(hashint4(g * 11)) % 9]
                   end as status
          ) x
          join segments s on s.id = segs.ids[1 + abs(hashint4(g * 7)) % segs.n]
          left join lateral (select chief_id from chief_assignments ca where ca.segment_id = s.id and ca.ends_on is null limit 1) a on true`,
    );
    await step(
      '案件流转记录',
      sql`insert into case_events (case_id, action, from_status, to_status, actor_label, visibility, at)
          select id, 'submit'::case_action, null::case_status, 'submitted'::case_status, '市民', 'public'::note_visibility, created_at from cases where description = '城市规模基准数据'
          union all
          select id, 'verify_pass', 'handled', 'closed', '核查员', 'public', closed_at from cases where description = '城市规模基准数据' and status = 'closed'`,
    );
    const [row] = await queryRows<{ segments: number; merchants: number; cases: number }>(
      tx,
      sql`select (select count(*) from segments)::int as segments, (select count(*) from merchants)::int as merchants, (select count(*) from cases)::int as cases`,
    );
    return row;
  });
  const analyzeStarted = Date.now();
  await db.execute(sql`analyze`);
  log(`统计信息 ANALYZE（${((Date.now() - analyzeStarted) / 1000).toFixed(1)} 秒）`);
  return counts!;
}
