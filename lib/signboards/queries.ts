/**
 * Reads and writes behind the boards: the printed content of one segment or of many at once (three
 * queries for a whole street, never one per segment), each board's content hash, and the print log
 * that tells which printed boards are out of date.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { signboardPrints } from '../db/schema';
import { env } from '../env';
import { boardFingerprint, buildBoardContent, type BoardContent, type BoardTemplate } from '../domain/signboard';
import { currentChiefs, segmentHeaders, segmentTeams } from '../segments/queries';
import { getSettings } from '../settings/queries';
import { districtLogoChangedAt, getDistrictLogo } from './logo';

export interface BoardRecord {
  segmentId: number;
  code: string;
  name: string;
  streetId: number;
  content: BoardContent;
  /** The newest change to anything printed on this board (segment, chiefs, assignments, team, district logo). */
  changedAt: Date;
}

export async function boardSize(db: Db, template: BoardTemplate): Promise<readonly [number, number]> {
  const s = await getSettings(db, ['signboard.landscapeSizeCm', 'signboard.portraitSizeCm']);
  return template === 'landscape' ? s['signboard.landscapeSizeCm'] : s['signboard.portraitSizeCm'];
}

export function boardHash(content: BoardContent, template: BoardTemplate, sizeCm: readonly [number, number]): string {
  return createHash('sha256').update(boardFingerprint(content, template, sizeCm)).digest('hex').slice(0, 32);
}

/** The public URL a segment's QR code holds. Only ever this: a printed board must never go stale as a link. */
export function segmentUrl(code: string): string {
  return `${env().PUBLIC_BASE_URL.replace(/\/+$/, '')}/r/${encodeURIComponent(code)}`;
}

/** Board content for the active segments matching `where` (by code, by street, or all). */
export async function loadBoards(db: Db, filter: { code?: string; streetId?: number }): Promise<BoardRecord[]> {
  const [settings, segmentRows] = await Promise.all([
    getSettings(db, ['district.hotline', 'district.primaryColor', 'district.accentColor', 'district.logoMediaId']),
    segmentHeaders(db, filter),
  ]);
  if (segmentRows.length === 0) return [];
  const ids = segmentRows.map((s) => s.id);
  const [chiefRows, teamRows, logo, logoChangedAt] = await Promise.all([
    currentChiefs(db, ids),
    segmentTeams(db, ids),
    getDistrictLogo(db, settings['district.logoMediaId']),
    districtLogoChangedAt(db),
  ]);
  const chiefsBy = groupBySegment(chiefRows);
  const teamBy = groupBySegment(teamRows);
  return segmentRows.map((s) => {
    const cs = chiefsBy.get(s.id) ?? [];
    const team = teamBy.get(s.id) ?? [];
    const changedAt = new Date(
      Math.max(
        s.updatedAt.getTime(),
        ...cs.map((c) => c.changedAt.getTime()),
        ...team.map((t) => t.changedAt.getTime()),
        logoChangedAt?.getTime() ?? 0,
      ),
    );
    return {
      segmentId: s.id,
      code: s.code,
      name: s.name,
      streetId: s.streetId,
      changedAt,
      content: buildBoardContent({
        districtName: s.districtName,
        segmentCode: s.code,
        segmentName: s.name,
        fromCross: s.fromCross,
        toCross: s.toCross,
        streetName: s.streetName,
        communityName: s.communityName,
        chiefs: cs,
        team,
        hotline: s.hotline ?? settings['district.hotline'],
        qrUrl: segmentUrl(s.code),
        primaryColor: settings['district.primaryColor'],
        accentColor: settings['district.accentColor'],
        logo,
      }),
    };
  });
}

// Map.groupBy arrives in Node 21; we support Node 20.
function groupBySegment<T extends { segmentId: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.segmentId);
    if (list) list.push(r);
    else out.set(r.segmentId, [r]);
  }
  return out;
}

export type BoardStatus =
  | { state: 'current'; printedAt: Date }
  | { state: 'outdated'; printedAt: Date; since: Date }
  | { state: 'never' };

export interface BoardStatusRow {
  segmentId: number;
  code: string;
  name: string;
  hash: string;
  status: BoardStatus;
}

/** Every board of a street (or the district) with its print status for one template. */
export async function listBoardStatuses(db: Db, { streetId, template }: { streetId?: number; template: BoardTemplate }): Promise<BoardStatusRow[]> {
  const [boards, sizeCm] = await Promise.all([loadBoards(db, { streetId }), boardSize(db, template)]);
  if (boards.length === 0) return [];
  const prints = await db
    .selectDistinctOn([signboardPrints.segmentId], {
      segmentId: signboardPrints.segmentId,
      contentHash: signboardPrints.contentHash,
      printedAt: signboardPrints.printedAt,
    })
    .from(signboardPrints)
    .where(and(inArray(signboardPrints.segmentId, boards.map((b) => b.segmentId)), eq(signboardPrints.template, template)))
    .orderBy(signboardPrints.segmentId, desc(signboardPrints.printedAt), desc(signboardPrints.id));
  const lastPrint = new Map(prints.map((p) => [p.segmentId!, p]));
  return boards.map((b) => {
    const hash = boardHash(b.content, template, sizeCm);
    const last = lastPrint.get(b.segmentId);
    const status: BoardStatus = !last
      ? { state: 'never' }
      : last.contentHash === hash
        ? { state: 'current', printedAt: last.printedAt }
        : { state: 'outdated', printedAt: last.printedAt, since: b.changedAt > last.printedAt ? b.changedAt : last.printedAt };
    return { segmentId: b.segmentId, code: b.code, name: b.name, hash, status };
  });
}

/** Records that the board as it is now was printed. Returns null for an unknown segment. */
export async function markPrinted(db: Db, { code, template, userId }: { code: string; template: BoardTemplate; userId: number | null }) {
  const [board] = await loadBoards(db, { code });
  if (!board) return null;
  const hash = boardHash(board.content, template, await boardSize(db, template));
  const [row] = await db
    .insert(signboardPrints)
    .values({ segmentId: board.segmentId, template, contentHash: hash, printedBy: userId })
    .returning({ id: signboardPrints.id, printedAt: signboardPrints.printedAt });
  return { ...row!, hash };
}
