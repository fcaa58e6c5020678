/**
 * The demo district 清河区: streets, roads, segments, chiefs with history, teams, departments,
 * merchants, a year of red/black flags, ~3,000 cases with full timelines and photos, publications
 * and one staff account per role (plus a street-scoped dispatcher). Deterministic for a given seed number and reference day.
 */
import { hash } from '@node-rs/argon2';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import * as s from '../schema';
import { cstIsoDate as isoDate, cstMonthStartIso as monthStart } from '../../domain/calendar';
import { addWorkingHours } from '../../domain/working-hours';
import { caseDay, formatCaseNumber, lookupCodeFromBytes } from '../../domain/case-number';
import { PUBLIC_PHOTO_ROLE } from '../../domain/public-case';
import { findPersonalData } from '../../domain/personal-data';
import { creditCodeCheckChar } from '../../domain/credit-code';
import { BLACK_REASONS, RED_REASONS } from '../../domain/rating-grid';
import { saveImage } from '../../media/queries';
import { Random } from './random';
import { generatePhoto } from './photos';
import { renderMasked } from '../../publications/mask';
import * as V from './vocabulary';

export const DEMO_DISTRICT_CODE = 'QH';
export const DEMO_PASSWORD = 'luzhang-demo';
export const DEMO_ACCOUNTS = [
  { username: 'admin', displayName: '区城管局管理员', role: 'admin' },
  { username: 'dispatcher', displayName: '区数字城管指挥中心坐席', role: 'dispatcher' },
  { username: 'chief', displayName: '三级路长（QH-0001）', role: 'handler' },
  { username: 'department', displayName: '区城管执法局处置员', role: 'handler' },
  { username: 'inspector', displayName: '区城管委考评员', role: 'inspector' },
  { username: 'publicity', displayName: '区融媒体中心编辑', role: 'publicity' },
  // Scoped to the street of QH-0001 (the chief's segment), so "outside its scope" can be tried.
  { username: 'street-dispatcher', displayName: '街道网格中心坐席', role: 'dispatcher' },
] as const;

export interface DemoOptions {
  seed: number;
  /** The day the data is built around (cases run up to it, flags cover the 12 months before it). */
  today: Date;
  /** Scales the case count (tests use a smaller district). */
  caseCount?: number;
  log?: (line: string) => void;
}

export interface DemoSummary {
  segments: number;
  chiefs: number;
  merchants: number;
  ratings: number;
  cases: number;
  events: number;
}

type CaseStatus = (typeof s.caseStatus.enumValues)[number];
type CaseAction = (typeof s.caseAction.enumValues)[number];
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** How far back the demo's 公开 cases were closed: a desk reviews recent closures, not the whole year. */
const PUBLIC_WINDOW_DAYS = 14;

/** Plain problem names in the vocabulary → the standard 小类 they are filed under. */
const DESCRIPTION_CATEGORY: Record<string, string> = {
  暴露垃圾: 'S0102',
  积存垃圾渣土: 'S0103',
  占道经营: 'S0501',
  店外经营: 'S0504',
  非法小广告: 'S0201',
  道路破损: 'S0110',
  井盖缺损: 'B0102',
  违章停车: 'S0505',
  共享单车乱停放: 'S0506',
  绿地脏乱: 'S0106',
  路灯不亮: 'B0118',
  违法建设: 'S0101',
  乱拉乱挂: 'S0511',
  道路积水: 'S0406',
  噪音扰民: 'S0508',
  油烟污染: 'S0116',
  废弃车辆: 'S0107',
};

const PATROL: Record<'total' | 'first' | 'second' | 'third', (typeof s.patrolFrequency.enumValues)[number]> = {
  total: 'biweekly',
  first: 'weekly',
  second: 'daily',
  third: 'daily',
};

async function insertAll<T extends Record<string, unknown>>(
  db: Db,
  table: Parameters<Db['insert']>[0],
  rows: T[],
  chunk = 500,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await db.insert(table).values(rows.slice(i, i + chunk) as never);
}


export async function seedDemoDistrict(db: Db, options: DemoOptions): Promise<DemoSummary | null> {
  const log = options.log ?? (() => {});
  const [existing] = await db.select({ id: s.areaUnits.id }).from(s.areaUnits).where(eq(s.areaUnits.code, DEMO_DISTRICT_CODE));
  if (existing) return null; // seeding twice never duplicates

  const rng = new Random(options.seed);
  const today = options.today;
  const caseTarget = options.caseCount ?? 3000;

  // Category ids by code (the base seed has loaded them).
  const categoryRows = await db
    .select({ id: s.categories.id, code: s.categories.code, face: s.categories.face, hours: s.categories.timeLimitHours, rank: s.categories.commonRank })
    .from(s.categories);
  const categoryByCode = new Map(categoryRows.map((c) => [c.code, c]));
  const minorCategories = categoryRows.filter((c) => c.hours !== null);

  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;

    // ── Area units ─────────────────────────────────────────────────────────
    const [district] = await tx
      .insert(s.areaUnits)
      .values({ level: 'district', code: DEMO_DISTRICT_CODE, name: V.DISTRICT.name, hotline: V.DISTRICT.hotline })
      .returning({ id: s.areaUnits.id });
    const districtId = district!.id;
    const streets: { id: number; code: string; vocab: V.StreetVocab; communities: number[] }[] = [];
    for (const [i, st] of V.STREETS.entries()) {
      const [row] = await tx
        .insert(s.areaUnits)
        .values({ level: 'street', code: `${DEMO_DISTRICT_CODE}-${st.code}`, name: st.name, parentId: districtId, sortOrder: i })
        .returning({ id: s.areaUnits.id });
      const communities = await tx
        .insert(s.areaUnits)
        .values(
          st.communities.map((name, j) => ({
            level: 'community' as const,
            code: `${DEMO_DISTRICT_CODE}-${st.code}-${String(j + 1).padStart(2, '0')}`,
            name,
            parentId: row!.id,
            sortOrder: j,
          })),
        )
        .returning({ id: s.areaUnits.id });
      streets.push({ id: row!.id, code: st.code, vocab: st, communities: communities.map((c) => c.id) });
    }

    // ── Departments ────────────────────────────────────────────────────────
    const departments = await tx
      .insert(s.departments)
      .values(
        V.DEPARTMENTS.map((d, i) => ({
          districtId,
          code: d.code,
          name: d.name,
          shortName: d.shortName,
          kind: d.kind,
          phone: `${V.DISTRICT.areaCodePhonePrefix}${String(3100000 + i * 1111).slice(0, 7)}`,
        })),
      )
      .returning({ id: s.departments.id, code: s.departments.code });
    const departmentByCode = new Map(departments.map((d) => [d.code, d.id]));

    // ── Roads and segments ─────────────────────────────────────────────────
    const roadNames = [
      ...rng.shuffle(V.MAIN_ROADS).slice(0, 12).map((n) => [n, 'arterial'] as const),
      ...rng.shuffle(V.SECONDARY_ROADS).slice(0, 14).map((n) => [n, 'secondary'] as const),
      ...rng.shuffle(V.BACK_STREETS).slice(0, 14).map((n) => [n, 'alley'] as const),
    ];
    const roads = await tx
      .insert(s.roads)
      .values(roadNames.map(([name, grade]) => ({ districtId, name, grade })))
      .returning({ id: s.roads.id, name: s.roads.name, grade: s.roads.grade });

    type SegmentDraft = typeof s.segments.$inferInsert;
    const segmentDrafts: SegmentDraft[] = [];
    const center = { lat: 30.58, lng: 114.3 };
    for (const road of roads) {
      const pieces = road.grade === 'arterial' ? rng.int(4, 6) : road.grade === 'secondary' ? rng.int(2, 4) : rng.int(1, 2);
      const crosses = rng.shuffle(V.CROSS_STREETS).slice(0, pieces + 1);
      const street = rng.pick(streets);
      const horizontal = rng.chance(0.5);
      let lat = center.lat + (rng.next() - 0.5) * 0.08;
      let lng = center.lng + (rng.next() - 0.5) * 0.1;
      for (let p = 0; p < pieces; p++) {
        const lengthM = road.grade === 'alley' ? rng.int(120, 450) : rng.int(300, 1400);
        const dLat = horizontal ? (rng.next() - 0.5) * 0.0005 : lengthM / 111_000;
        const dLng = horizontal ? lengthM / 96_000 : (rng.next() - 0.5) * 0.0005;
        // A long road runs through two streets: the second half may belong to the neighbour.
        const pieceStreet = p >= pieces / 2 && pieces > 3 && rng.chance(0.5) ? rng.pick(streets) : street;
        const from = crosses[p]!;
        const to = crosses[p + 1]!;
        segmentDrafts.push({
          code: '',
          roadId: road.id,
          name: `${road.name}（${from}—${to}）`,
          fromCross: from,
          toCross: to,
          grade: road.grade,
          districtId,
          streetId: pieceStreet.id,
          communityId: rng.pick(pieceStreet.communities),
          geometry: {
            type: 'LineString',
            coordinates: [
              [Number(lng.toFixed(6)), Number(lat.toFixed(6))],
              [Number((lng + dLng).toFixed(6)), Number((lat + dLat).toFixed(6))],
            ],
          },
          lengthM,
        });
        lat += dLat;
        lng += dLng;
      }
    }
    segmentDrafts.forEach((d, i) => (d.code = `${DEMO_DISTRICT_CODE}-${String(i + 1).padStart(4, '0')}`));
    const segments = await tx
      .insert(s.segments)
      .values(segmentDrafts)
      .returning({ id: s.segments.id, code: s.segments.code, streetId: s.segments.streetId, name: s.segments.name, roadId: s.segments.roadId });
    log(`路段 ${segments.length} 个`);
    const streetOf = (streetId: number) => streets.find((st) => st.id === streetId)!;

    // ── People ─────────────────────────────────────────────────────────────
    const usedNames = new Set<string>();
    const personName = (): string => {
      for (;;) {
        const given = rng.chance(0.7) ? rng.pick(V.GIVEN_NAME_CHARS) + rng.pick(V.GIVEN_NAME_CHARS) : rng.pick(V.GIVEN_NAME_CHARS);
        const name = rng.pick(V.SURNAMES) + given;
        if (!usedNames.has(name)) {
          usedNames.add(name);
          return name;
        }
      }
    };
    let phoneSeq = 0;
    const dutyPhone = () => `${V.DISTRICT.areaCodePhonePrefix}${String(5000000 + ++phoneSeq * 37).slice(0, 7)}`;
    const mobile = () => `1380000${String(rng.int(0, 9999)).padStart(4, '0')}`; // 1380000xxxx: a reserved demo range, never a real subscriber here
    const fill = (text: string, street: V.StreetVocab) => text.replaceAll('{streetFull}', street.name).replaceAll('{street}', street.shortName);

    // Chiefs: one 总路长 over the district; per street two 一级; 二级 over ~3 segments; two 三级 per segment.
    type ChiefDraft = typeof s.chiefs.$inferInsert & { key: string };
    const chiefDrafts: ChiefDraft[] = [];
    const assignmentsByKey: { key: string; segmentId: number; level: 'total' | 'first' | 'second' | 'third'; startsOn: string; endsOn: string | null }[] = [];
    const longestDuty = (level: keyof typeof V.CHIEF_DUTIES) => [...V.CHIEF_DUTIES[level]].sort((a, b) => b.length - a.length)[0]!;
    const titleFor = (level: 'total' | 'first' | 'second' | 'third', st: V.StreetVocab) => {
      const pool = level !== 'total' && st.kind === 'town' ? V.TOWN_CHIEF_TITLES[level] : V.CHIEF_TITLES[level];
      return fill(rng.pick(pool), st);
    };
    const startOfService = isoDate(new Date(today.getTime() - 900 * DAY));
    chiefDrafts.push({
      key: 'total',
      districtId,
      name: personName(),
      title: V.CHIEF_TITLES.total[0]!,
      organization: `${V.DISTRICT.name}人民政府`,
      phone: dutyPhone(),
      patrolFrequency: PATROL.total,
      duties: V.CHIEF_DUTIES.total.join(''),
    });
    for (const seg of segments) assignmentsByKey.push({ key: 'total', segmentId: seg.id, level: 'total', startsOn: startOfService, endsOn: null });
    for (const st of streets) {
      const stSegments = segments.filter((g) => g.streetId === st.id);
      for (let k = 0; k < 2; k++) {
        const key = `first-${st.code}-${k}`;
        chiefDrafts.push({
          key,
          districtId,
          name: personName(),
          title: (st.vocab.kind === 'town' ? V.TOWN_CHIEF_TITLES.first : V.CHIEF_TITLES.first)[k]!,
          organization: st.vocab.name,
          phone: dutyPhone(),
          patrolFrequency: PATROL.first,
          duties: rng.pick(V.CHIEF_DUTIES.first),
        });
        for (const seg of stSegments) assignmentsByKey.push({ key, segmentId: seg.id, level: 'first', startsOn: startOfService, endsOn: null });
      }
      for (let i = 0; i < stSegments.length; i += 3) {
        const key = `second-${st.code}-${i}`;
        chiefDrafts.push({
          key,
          districtId,
          name: personName(),
          title: titleFor('second', st.vocab),
          organization: st.vocab.name,
          phone: dutyPhone(),
          patrolFrequency: PATROL.second,
          duties: rng.pick(V.CHIEF_DUTIES.second),
        });
        for (const seg of stSegments.slice(i, i + 3)) assignmentsByKey.push({ key, segmentId: seg.id, level: 'second', startsOn: startOfService, endsOn: null });
      }
    }
    // Third level, with the layout stressors on the first segments: rare characters on QH-0001, long names and titles on QH-0002.
    const rare = [...V.RARE_NAMES];
    const long = [...V.LONG_NAMES];
    for (const [i, seg] of segments.entries()) {
      const st = streetOf(seg.streetId).vocab;
      for (let k = 0; k < 2; k++) {
        const key = `third-${seg.code}-${k}`;
        let name = personName();
        let title = titleFor('third', st);
        let duties = rng.pick(V.CHIEF_DUTIES.third);
        if ((i === 0 || i % 17 === 5) && rare.length) name = rare.shift()!;
        if ((i === 1 || i % 23 === 7) && long.length) {
          name = long.shift()!;
          title = fill([...V.CHIEF_TITLES.third].sort((a, b) => b.length - a.length)[0]!, st);
          duties = longestDuty('second');
        }
        usedNames.add(name);
        chiefDrafts.push({
          key,
          districtId,
          name,
          title,
          organization: k === 0 ? st.communities[i % st.communities.length] : `${st.shortName}执法中队`,
          phone: dutyPhone(),
          patrolFrequency: PATROL.third,
          duties,
        });
        // Some posts changed hands: the predecessor keeps an ended assignment (history).
        const changed = k === 0 && rng.chance(0.22);
        const handover = isoDate(new Date(today.getTime() - rng.int(30, 400) * DAY));
        if (changed) {
          const prevKey = `${key}-prev`;
          chiefDrafts.push({
            key: prevKey,
            districtId,
            name: personName(),
            title,
            organization: st.communities[(i + 1) % st.communities.length],
            phone: dutyPhone(),
            patrolFrequency: PATROL.third,
            duties,
            active: false,
          });
          assignmentsByKey.push({ key: prevKey, segmentId: seg.id, level: 'third', startsOn: startOfService, endsOn: handover });
        }
        assignmentsByKey.push({ key, segmentId: seg.id, level: 'third', startsOn: changed ? handover : startOfService, endsOn: null });
      }
    }
    const chiefIdByKey = new Map<string, number>();
    for (let i = 0; i < chiefDrafts.length; i += 500) {
      const slice = chiefDrafts.slice(i, i + 500);
      const rows = await tx
        .insert(s.chiefs)
        .values(slice.map(({ key: _key, ...c }) => c))
        .returning({ id: s.chiefs.id });
      rows.forEach((r, j) => chiefIdByKey.set(slice[j]!.key, r.id));
    }
    await insertAll(
      tx,
      s.chiefAssignments,
      assignmentsByKey.map((a) => ({ chiefId: chiefIdByKey.get(a.key)!, segmentId: a.segmentId, level: a.level, startsOn: a.startsOn, endsOn: a.endsOn })),
    );
    log(`路长 ${chiefDrafts.length} 人，任职 ${assignmentsByKey.length} 条`);
    const currentThird = (seg: { code: string }) => chiefIdByKey.get(`third-${seg.code}-0`)!;

    // ── Teams ──────────────────────────────────────────────────────────────
    const team: (typeof s.teamMembers.$inferInsert)[] = [];
    for (const seg of segments) {
      const st = streetOf(seg.streetId).vocab;
      let order = 0;
      for (const role of V.TEAM_ROLES) {
        const count = role.role === 'grid' || role.role === 'assistant' ? Math.min(role.perSegment, rng.int(1, 2)) : role.perSegment;
        for (let k = 0; k < count; k++) {
          team.push({
            segmentId: seg.id,
            role: role.label,
            name: personName(),
            unit: `${fill(role.unit, st)}${fill(role.subunit, st)}`,
            phone: role.role === 'police' || role.role === 'chengguan' ? dutyPhone() : null,
            sortOrder: order++,
          });
        }
      }
    }
    await insertAll(tx, s.teamMembers, team);

    // ── Merchants ──────────────────────────────────────────────────────────
    const roadName = new Map(roads.map((r) => [r.id, r.name]));
    const kindPairs = V.MERCHANT_KINDS.map((k) => [k, k.weight] as const);
    const merchantDrafts: (typeof s.merchants.$inferInsert)[] = [];
    const usedMerchantNames = new Set<string>();
    for (const seg of segments) {
      const count = rng.int(7, 13);
      const rName = roadName.get(seg.roadId)!;
      for (let k = 0; k < count; k++) {
        const kind = rng.weighted(kindPairs);
        let name = kind.nameFormat.replaceAll('{stem}', rng.pick(kind.stems)).replaceAll('{road}', rName);
        if (usedMerchantNames.has(name)) name = `${name.replace(/）$/, '')}${rng.int(2, 9)}号店）`;
        if (usedMerchantNames.has(name)) continue;
        usedMerchantNames.add(name);
        const body = `${String(rng.int(10000000, 99999999))}${rng.pick([...'0123456789ABCDEFGHJKLMNPQRTUWXY'])}`;
        const stem = `91420105${body}`;
        merchantDrafts.push({
          code: '',
          name,
          address: `${rName}${rng.int(1, 399)}号`,
          segmentId: seg.id,
          streetId: seg.streetId,
          kind: kind.label,
          creditCode: kind.code === 'institution' || kind.code === 'school' ? null : stem + creditCodeCheckChar(stem),
          responsiblePerson: personName(),
          contactPhone: mobile(),
          agreementSignedOn: isoDate(new Date(today.getTime() - rng.int(20, 800) * DAY)),
        });
      }
    }
    merchantDrafts.forEach((m, i) => (m.code = `${DEMO_DISTRICT_CODE}-M${String(i + 1).padStart(5, '0')}`));
    const merchants: { id: number; segmentId: number; streetId: number }[] = [];
    for (let i = 0; i < merchantDrafts.length; i += 500) {
      merchants.push(
        ...(await tx
          .insert(s.merchants)
          .values(merchantDrafts.slice(i, i + 500))
          .returning({ id: s.merchants.id, segmentId: s.merchants.segmentId, streetId: s.merchants.streetId })),
      );
    }
    log(`商户 ${merchants.length} 家`);

    // ── Staff (demo accounts; the auth layer refuses is_demo accounts outside demo mode) ──
    const passwordHash = await hash(DEMO_PASSWORD);
    const firstSegment = segments[0]!;
    const firstStreet = streetOf(firstSegment.streetId);
    await tx.insert(s.staffUsers).values(
      DEMO_ACCOUNTS.map((a) => ({
        username: a.username,
        displayName: a.username === 'street-dispatcher' ? `${firstStreet.vocab.name}网格中心坐席` : a.displayName,
        passwordHash,
        roles: [a.role],
        scopeType:
          a.username === 'chief'
            ? ('chief' as const)
            : a.username === 'department'
              ? ('department' as const)
              : a.username === 'street-dispatcher'
                ? ('street' as const)
                : ('district' as const),
        scopeAreaId:
          a.username === 'chief' || a.username === 'department' ? null : a.username === 'street-dispatcher' ? firstStreet.id : districtId,
        chiefId: a.username === 'chief' ? currentThird(firstSegment) : null,
        departmentId: a.username === 'department' ? departmentByCode.get('CG')! : null,
        mustChangePassword: false,
        isDemo: true,
      })),
    );
    const userIds = new Map((await tx.select({ id: s.staffUsers.id, username: s.staffUsers.username }).from(s.staffUsers)).map((u) => [u.username, u.id]));
    const inspectorId = userIds.get('inspector')!;

    // ── Red/black flags: the 12 months before this one, all locked ───────────
    const months = Array.from({ length: 12 }, (_, i) => monthStart(today, 12 - i));
    const ratingRows: (typeof s.ratings.$inferInsert)[] = [];
    for (const m of merchants) {
      // A few persistent offenders so the black list and accountability have content.
      const temper = rng.weighted([
        ['good', 70],
        ['average', 22],
        ['poor', 8],
      ] as const);
      const pBlack = temper === 'poor' ? 0.45 : temper === 'average' ? 0.1 : 0.02;
      const pRed = temper === 'good' ? 0.3 : temper === 'average' ? 0.12 : 0.05;
      for (const month of months) {
        const r = rng.next();
        const flag = r < pBlack ? 'black' : r < pBlack + pRed ? 'red' : 'none';
        ratingRows.push({
          subject: 'merchant',
          merchantId: m.id,
          streetId: m.streetId,
          month,
          flag,
          reasons: flag === 'black' ? [rng.pick(BLACK_REASONS).code] : flag === 'red' ? [rng.pick(RED_REASONS).code] : [],
          inspectorUserId: inspectorId,
        });
      }
    }
    for (const seg of segments) {
      for (const month of months) {
        const r = rng.next();
        const flag = r < 0.07 ? 'black' : r < 0.3 ? 'red' : 'none';
        ratingRows.push({
          subject: 'segment',
          segmentId: seg.id,
          streetId: seg.streetId,
          month,
          flag,
          reasons: flag === 'black' ? [rng.pick(BLACK_REASONS).code] : flag === 'red' ? [rng.pick(RED_REASONS).code] : [],
          inspectorUserId: inspectorId,
        });
      }
    }
    await insertAll(tx, s.ratings, ratingRows, 1000);
    await insertAll(
      tx,
      s.ratingPeriods,
      streets.flatMap((st) => months.map((month) => ({ streetId: st.id, month, lockedAt: new Date(`${month}T00:00:00+08:00`).getTime() + 35 * DAY, lockedBy: inspectorId })))
        .map((p) => ({ ...p, lockedAt: new Date(p.lockedAt) })),
    );
    log(`红黑旗 ${ratingRows.length} 条`);

    // ── Photos: a small pool of generated scenes shared by many cases ─────────
    const problemPhotos: number[] = [];
    const fixedPhotos: number[] = [];
    for (let i = 0; i < 16; i++) {
      const p = await generatePhoto(rng, { fixed: i >= 10 });
      const largeId = await saveImage(tx, { ...p.large, contentType: 'image/jpeg', variant: 'generated' });
      await saveImage(tx, { ...p.thumb, contentType: 'image/jpeg', variant: 'thumb', sourceId: largeId });
      (i >= 10 ? fixedPhotos : problemPhotos).push(largeId);
    }

    // ── Cases and their timelines ──────────────────────────────────────────
    const descriptionKeys = Object.keys(V.CASE_DESCRIPTIONS).filter((k) => categoryByCode.has(DESCRIPTION_CATEGORY[k] ?? ''));
    const segmentChiefs = new Map(segments.map((g) => [g.id, currentThird(g)]));
    const handlerDepartments = ['CG', 'HW', 'YL', 'JJ', 'ZJ', 'SW', 'GD', 'RQ'].map((c) => departmentByCode.get(c)!).filter(Boolean);
    const daySeq = new Map<string, number>();
    type EventDraft = Omit<typeof s.caseEvents.$inferInsert, 'caseId'>;
    const drafts: {
      row: typeof s.cases.$inferInsert & { number: string };
      duplicateOf: string | null;
      events: EventDraft[];
      photos: { mediaId: number; role: 'report' | 'before' | 'after' }[];
      /** A closed citizen case the 曝光台 samples may link to (drawn as the seed always has). */
      curated: boolean;
    }[] = [];

    const times: Date[] = [];
    for (let i = 0; i < caseTarget; i++) {
      // Denser towards today: the district's use of the site grew over the year.
      const ageDays = Math.floor(365 * Math.pow(rng.next(), 1.6));
      times.push(new Date(today.getTime() - ageDays * DAY - rng.int(0, 20 * 3600) * 1000 - 4 * HOUR));
    }
    times.sort((a, b) => a.getTime() - b.getTime());

    for (const createdAt of times) {
      const ageDays = (today.getTime() - createdAt.getTime()) / DAY;
      const seg = rng.pick(segments);
      const source = rng.weighted([
        ['citizen', 55],
        ['patrol', 25],
        ['hotline', 12],
        ['open311', 4],
        ['inspection', 4],
      ] as const);
      const useDescription = rng.chance(0.75);
      const descriptionKey = rng.pick(descriptionKeys);
      const category = useDescription ? categoryByCode.get(DESCRIPTION_CATEGORY[descriptionKey]!)! : rng.pick(minorCategories);
      const description = useDescription
        ? rng.pick(V.CASE_DESCRIPTIONS[descriptionKey]!)
        : `${seg.name}附近发现问题，请尽快处理。`;

      // Final state by age: old cases are finished; recent ones are anywhere in the loop.
      const selfHandled = source === 'patrol' && rng.chance(0.45);
      let final: CaseStatus;
      if (selfHandled) final = ageDays > 2 || rng.chance(0.6) ? 'closed' : 'handled';
      else if (ageDays > 20)
        final = rng.weighted([
          ['closed', 88],
          ['rejected', 9],
          ['dispatched', 2],
          ['returned', 1],
        ] as const);
      else
        final = rng.weighted([
          ['submitted', ageDays < 2 ? 20 : 3],
          ['accepted', ageDays < 3 ? 12 : 3],
          ['dispatched', 25],
          ['returned', 4],
          ['handled', 14],
          ['closed', ageDays < 3 ? 8 : 40],
          ['rejected', 8],
        ] as const);

      const day = caseDay(createdAt);
      const seq = (daySeq.get(day) ?? 0) + 1;
      daySeq.set(day, seq);
      const hasReporter = source === 'citizen' || source === 'open311' || source === 'hotline';
      const events: EventDraft[] = [];
      const photos: { mediaId: number; role: 'report' | 'before' | 'after' }[] = [];
      let t = createdAt.getTime();
      const step = (minutes: [number, number]) => (t += rng.int(minutes[0], minutes[1]) * 60_000);
      let status: CaseStatus = 'submitted';
      const push = (action: CaseAction, to: CaseStatus | null, actor: string, note: string | null, visibility: 'public' | 'internal' = 'public', data?: Record<string, unknown>) => {
        events.push({ action, fromStatus: status, toStatus: to ?? status, actorLabel: actor, note, visibility, data, at: new Date(t) });
        if (to) status = to;
      };
      let duplicateOf: string | null = null;
      let curated = false;
      const row: typeof s.cases.$inferInsert & { number: string } = {
        number: formatCaseNumber(createdAt, seq),
        lookupCode: lookupCodeFromBytes(rng.bytes(6)),
        source,
        categoryId: category.id,
        face: category.face,
        description,
        districtId,
        streetId: seg.streetId,
        segmentId: seg.id,
        address: `${seg.name}`,
        reporterName: hasReporter && rng.chance(0.5) ? personName() : null,
        reporterPhone: hasReporter && rng.chance(0.6) ? mobile() : null,
        level: 'segment',
        createdAt,
      };

      const reportPhoto = rng.pick(problemPhotos);
      if (source !== 'hotline') photos.push({ mediaId: reportPhoto, role: selfHandled ? 'before' : 'report' });
      const submitter = source === 'citizen' ? '市民' : source === 'open311' ? '第三方应用' : source === 'hotline' ? '热线坐席' : source === 'inspection' ? '督查员' : '巡查路长';
      events.push({ action: 'submit', fromStatus: null, toStatus: 'submitted', actorLabel: submitter, note: null, visibility: 'public', at: createdAt });

      if (selfHandled) {
        step([5, 60]);
        push('self_handle', 'handled', '巡查路长', rng.pick(V.HANDLER_NOTES));
        row.disposition = 'self';
        row.assigneeChiefId = segmentChiefs.get(seg.id)!;
        row.handledAt = new Date(t);
        photos.push({ mediaId: rng.pick(fixedPhotos), role: 'after' });
      } else if (final !== 'submitted') {
        step([10, 240]);
        if (final === 'rejected') {
          const reason = rng.pick(V.REJECT_REASONS);
          row.rejectReason = reason.kind;
          push('reject', 'rejected', '区数字城管指挥中心', reason.text);
          if (reason.kind === 'duplicate') {
            const master = drafts.findLast((d) => d.row.segmentId === seg.id && d.row.status !== 'rejected');
            if (master) duplicateOf = master.row.number;
          }
        } else {
          push('accept', 'accepted', '区数字城管指挥中心', '已受理，正在安排处置。');
          row.acceptedAt = new Date(t);
        }
      }

      const dispatch = (note: string | null) => {
        step([5, 120]);
        const toDepartment = rng.chance(0.45);
        row.assigneeDepartmentId = toDepartment ? rng.pick(handlerDepartments) : null;
        row.assigneeChiefId = toDepartment ? null : segmentChiefs.get(seg.id)!;
        row.disposition = toDepartment && rng.chance(0.2) ? 'enforcement' : 'dispatch';
        row.dispatchedAt = new Date(t);
        row.deadlineAt = addWorkingHours(new Date(t), category.hours ?? 24);
        push('dispatch', 'dispatched', '区数字城管指挥中心', note ?? '已派遣至责任单位处置。', 'public', {
          departmentId: row.assigneeDepartmentId,
          chiefId: row.assigneeChiefId,
        });
      };
      const handleWithin = () => {
        const late = rng.chance(0.12);
        const limitMs = Math.max(1, (row.deadlineAt as Date).getTime() - t);
        t += late ? limitMs + rng.int(1, 72) * HOUR : Math.floor(limitMs * (0.1 + 0.8 * rng.next()));
        push('report_result', 'handled', row.assigneeDepartmentId ? '处置单位' : '责任路长', rng.pick(V.HANDLER_NOTES));
        row.handledAt = new Date(t);
        const after = rng.pick(fixedPhotos);
        if (!photos.some((p) => p.mediaId === after && p.role === 'after')) photos.push({ mediaId: after, role: 'after' });
      };

      if (['dispatched', 'returned', 'handled', 'closed'].includes(final) && !selfHandled) {
        dispatch(null);
        if (final === 'returned' || rng.chance(0.06)) {
          step([30, 600]);
          push('return', 'returned', '处置单位', rng.pick(V.RETURN_REASONS));
          if (final !== 'returned') {
            step([20, 300]);
            dispatch('已改派至相关责任单位。');
          }
        }
        if (final === 'handled' || final === 'closed') {
          handleWithin();
          if (final === 'closed' && rng.chance(0.08)) {
            step([60, 900]);
            push('verify_fail', 'dispatched', '核查员', rng.pick(V.VERIFY_FAIL_NOTES));
            row.deadlineAt = addWorkingHours(new Date(t), category.hours ?? 24);
            handleWithin();
          }
        }
        if (final === 'dispatched' && (row.deadlineAt as Date).getTime() < today.getTime() && rng.chance(0.6)) {
          t = Math.min(today.getTime() - HOUR, (row.deadlineAt as Date).getTime() + rng.int(1, 48) * HOUR);
          push('supervise', null, '区数字城管指挥中心', rng.pick(V.SUPERVISE_NOTES), 'internal');
          row.superviseCount = 1;
        }
      }
      if (final === 'closed') {
        step([60, 1440]);
        push('verify_pass', 'closed', '核查员', '经核查，问题已处置到位，予以结案。');
        row.closedAt = new Date(t);
        if (source === 'citizen' && rng.chance(0.5)) row.satisfaction = rng.weighted([[5, 60], [4, 25], [3, 9], [2, 4], [1, 2]] as const);
        curated = source === 'citizen' && rng.chance(0.3);
      }
      if (t > today.getTime()) {
        // A timeline never runs past "now": compress it between the report and a few minutes ago.
        const start = createdAt.getTime();
        const span = Math.max(1, today.getTime() - 5 * 60_000 - start);
        const squeeze = (d: Date) => new Date(start + Math.floor(((d.getTime() - start) * span) / (t - start)));
        for (const e of events) e.at = squeeze(e.at as Date);
        for (const k of ['acceptedAt', 'dispatchedAt', 'handledAt', 'closedAt'] as const) if (row[k]) row[k] = squeeze(row[k] as Date);
      }
      row.status = status;
      row.updatedAt = events[events.length - 1]!.at as Date;
      row.version = events.length;
      drafts.push({ row, duplicateOf, events, photos, curated });
    }

    // 公开 (lib/cases/public-case): a handful, as a desk marks them — curated cases closed in the last
    // PUBLIC_WINDOW_DAYS with a 处置后 photo and no phone or ID number in their text. No rng: nothing else moves.
    for (const d of drafts) {
      const closedAt = d.row.closedAt instanceof Date ? d.row.closedAt.getTime() : null;
      d.row.isPublic =
        d.curated &&
        d.row.status === 'closed' &&
        closedAt !== null &&
        today.getTime() - closedAt <= PUBLIC_WINDOW_DAYS * DAY &&
        d.photos.some((p) => p.role === PUBLIC_PHOTO_ROLE) &&
        findPersonalData(`${d.row.description} ${d.row.address ?? ''}`).length === 0;
    }

    // Insert cases, then link duplicates and write timelines and photos by case number.
    const idByNumber = new Map<string, number>();
    for (let i = 0; i < drafts.length; i += 500) {
      const rows = await tx
        .insert(s.cases)
        .values(drafts.slice(i, i + 500).map((d) => d.row))
        .returning({ id: s.cases.id, number: s.cases.number });
      for (const r of rows) idByNumber.set(r.number, r.id);
    }
    for (const d of drafts) {
      if (d.duplicateOf) {
        await tx
          .update(s.cases)
          .set({ duplicateOfId: idByNumber.get(d.duplicateOf)! })
          .where(eq(s.cases.id, idByNumber.get(d.row.number)!));
      }
    }
    const eventRows = drafts.flatMap((d) => d.events.map((e) => ({ ...e, caseId: idByNumber.get(d.row.number)! })));
    await insertAll(tx, s.caseEvents, eventRows, 1000);
    const mediaRows = drafts.flatMap((d) =>
      d.photos.map((p, i) => ({ caseId: idByNumber.get(d.row.number)!, mediaId: p.mediaId, role: p.role, sortOrder: i })),
    );
    await insertAll(tx, s.caseMedia, mediaRows, 1000);
    // Continue each day's numbering after the demo cases.
    await insertAll(
      tx,
      s.counters,
      [...daySeq].map(([day, value]) => ({ name: `case:${day}`, value })),
    );
    log(`案件 ${drafts.length} 件，流转记录 ${eventRows.length} 条`);

    // ── Publications ───────────────────────────────────────────────────────
    const closedPublic = drafts.filter((d) => d.row.status === 'closed' && d.curated);
    const praiseChiefs = [...chiefIdByKey.entries()].filter(([k]) => k.startsWith('third-') && !k.endsWith('-prev'));
    for (const [i, sample] of V.PUBLICATION_SAMPLES.entries()) {
      const linkedCase = sample.kind === 'exposure' ? closedPublic[i * 7 % Math.max(1, closedPublic.length)] : undefined;
      const publishedAt = new Date(today.getTime() - (i + 1) * 9 * DAY);
      const withdrawn = i === 3;
      const draft = i === 7;
      const [pub] = await tx.insert(s.publications).values({
        kind: sample.kind,
        title: sample.title,
        body: { type: 'doc', content: [{ type: 'paragraph', text: sample.body }] },
        status: draft ? 'draft' : withdrawn ? 'withdrawn' : 'published',
        caseId: linkedCase ? idByNumber.get(linkedCase.row.number)! : null,
        segmentId: linkedCase?.row.segmentId ?? null,
        streetId: linkedCase?.row.streetId ?? streets[i % streets.length]!.id,
        chiefId: sample.kind === 'praise' ? praiseChiefs[i * 13 % praiseChiefs.length]![1] : null,
        month: monthStart(publishedAt, 0),
        tags: [],
        publishedAt: draft ? null : publishedAt,
        withdrawnAt: withdrawn ? new Date(publishedAt.getTime() + 2 * DAY) : null,
        withdrawReason: withdrawn ? '当事商户已整改到位并申诉成功，撤下曝光。' : null,
        likeCount: draft ? 0 : rng.int(3, 240),
        // Written by the publicity account and, as the second-reviewer rule asks, published by another person.
        editorUserId: userIds.get('publicity')!,
        reviewerUserId: draft ? null : userIds.get('admin')!,
      }).returning({ id: s.publications.id });
      // Photos as the privacy tool leaves them: masked derivatives, public (the generated scenes show no one).
      const sources = linkedCase
        ? [linkedCase.photos.find((p) => p.role !== 'after'), linkedCase.photos.find((p) => p.role === 'after')].filter((p) => p !== undefined)
        : [{ mediaId: fixedPhotos[i % fixedPhotos.length]!, role: 'after' as const }];
      for (const [k, p] of sources.entries()) {
        const [src] = await tx.select({ data: s.media.data }).from(s.media).where(eq(s.media.id, p.mediaId));
        const masked = await renderMasked(src!.data!, []);
        const maskedId = await saveImage(tx, { ...masked, contentType: 'image/jpeg', variant: 'masked', sourceId: p.mediaId, isPublic: true });
        await tx.insert(s.publicationMedia).values({ publicationId: pub!.id, mediaId: maskedId, role: p.role === 'after' ? 'after' : 'before', sortOrder: k, masks: [] }).onConflictDoNothing();
      }
    }

    await tx.insert(s.auditLog).values({ actorLabel: 'seed', action: 'seed.demo', entityType: 'area_unit', entityId: String(districtId), detail: { seed: options.seed, today: isoDate(today) } });
    await tx.execute(sql`analyze`);
    return {
      segments: segments.length,
      chiefs: chiefDrafts.length,
      merchants: merchants.length,
      ratings: ratingRows.length,
      cases: drafts.length,
      events: eventRows.length,
    };
  });
}
