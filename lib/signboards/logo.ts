/**
 * The district logo (区徽) on boards: accepting an upload (judged by lib/domain/logo, re-encoded by
 * sharp), storing it together with its setting and audit entry, and reading it back for drawing. Every
 * board's fingerprint holds the logo's sha256, so changing it puts every printed board out of date.
 */
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { writeAudit } from '../audit/queries';
import type { Db, Tx } from '../db/client';
import { media, settings } from '../db/schema';
import { checkLogoFile, checkLogoPixels, LOGO_CORRUPT, LOGO_MAX_EDGE, LOGO_MAX_PIXELS, type LogoRefusal } from '../domain/logo';
import type { BoardLogo } from '../domain/signboard';
import { saveImage, sha256 } from '../media/queries';
import { getSettings, setSetting } from '../settings/queries';

export interface PreparedLogo {
  data: Buffer;
  width: number;
  height: number;
  /** What was uploaded, for the audit entry. */
  source: { format: string; width: number; height: number; bytes: number };
}

/**
 * Checks an upload and re-encodes it as an 8-bit sRGB PNG: upright, no metadata, alpha kept, within
 * LOGO_MAX_EDGE a side. Never throws for bad input: it says in Chinese why not.
 */
export async function prepareLogo({ name, bytes }: { name: string; bytes: Buffer }): Promise<{ ok: true; logo: PreparedLogo } | LogoRefusal> {
  const check = checkLogoFile({ name, bytes });
  if (!check.ok) return check;
  // Header only: refuse a decompression bomb before a single pixel is decoded.
  const header = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!header || header.format !== check.format || !header.width || !header.height) return LOGO_CORRUPT;
  const tooMany = checkLogoPixels(header.width, header.height);
  if (tooMany) return tooMany;
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: LOGO_MAX_PIXELS })
      .rotate()
      .resize({ width: LOGO_MAX_EDGE, height: LOGO_MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true });
    return { ok: true, logo: { data, width: info.width, height: info.height, source: { format: check.format, width: header.width, height: header.height, bytes: bytes.length } } };
  } catch {
    return LOGO_CORRUPT; // a valid header over truncated or broken pixel data
  }
}

export interface LogoActor {
  id: number | null;
  label: string;
  ip?: string | null;
}

export type SetLogoResult = { ok: true; mediaId: number; sha256: string; width: number; height: number } | LogoRefusal;

/** Stores a new district logo: the image, the setting that points at it and the audit entry, in one transaction. */
export async function setDistrictLogo(db: Db, { name, bytes, actor }: { name: string; bytes: Buffer; actor: LogoActor }): Promise<SetLogoResult> {
  const prepared = await prepareLogo({ name, bytes });
  if (!prepared.ok) return prepared;
  const { logo } = prepared;
  const hash = sha256(logo.data);
  const mediaId = await db.transaction(async (tx) => {
    const id = await saveImage(tx, { data: logo.data, contentType: 'image/png', width: logo.width, height: logo.height, variant: 'generated', isPublic: true });
    await setSetting(tx, 'district.logoMediaId', id, actor.id);
    await writeAudit(tx, {
      actorUserId: actor.id,
      actorLabel: actor.label,
      action: 'district.logo.set',
      entityType: 'media',
      entityId: id,
      ip: actor.ip,
      detail: { sha256: hash, width: logo.width, height: logo.height, fileName: name.slice(0, 200), source: logo.source },
    });
    return id;
  });
  return { ok: true, mediaId, sha256: hash, width: logo.width, height: logo.height };
}

/** Takes the logo off the boards (the image stays stored). Returns whether there was one. */
export async function removeDistrictLogo(db: Db, { actor }: { actor: LogoActor }): Promise<{ ok: true; removed: boolean }> {
  const removed = await db.transaction(async (tx) => {
    const current = await currentLogoMediaId(tx);
    if (!current) return false;
    await setSetting(tx, 'district.logoMediaId', 0, actor.id);
    await writeAudit(tx, { actorUserId: actor.id, actorLabel: actor.label, action: 'district.logo.remove', entityType: 'media', entityId: current, ip: actor.ip });
    return true;
  });
  return { ok: true, removed };
}

async function currentLogoMediaId(db: Db | Tx): Promise<number | null> {
  const id = (await getSettings(db, ['district.logoMediaId']))['district.logoMediaId'];
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** When the logo was last set or removed (a change to every board), or null if never. */
export async function districtLogoChangedAt(db: Db): Promise<Date | null> {
  const [row] = await db.select({ at: settings.updatedAt }).from(settings).where(eq(settings.key, 'district.logoMediaId'));
  return row?.at ?? null;
}

// Logos by sha256: the same bytes make the same data: URI, so a board request reads only the hash.
const logoCache = new Map<string, BoardLogo>();
const LOGO_CACHE_ENTRIES = 4;

/**
 * The logo boards show, or null when none is set (or the setting points at nothing). Pass the setting's
 * value when it has been read already. The image bytes are read once per process per logo.
 */
export async function getDistrictLogo(db: Db, mediaId?: number): Promise<BoardLogo | null> {
  const id = mediaId === undefined ? await currentLogoMediaId(db) : Number.isSafeInteger(mediaId) && mediaId > 0 ? mediaId : null;
  if (!id) return null;
  const [meta] = await db
    .select({ sha256: media.sha256, width: media.width, height: media.height, contentType: media.contentType })
    .from(media)
    .where(eq(media.id, id));
  if (!meta) return null;
  const cached = logoCache.get(meta.sha256);
  if (cached) return cached;
  const [row] = await db.select({ data: media.data }).from(media).where(eq(media.id, id));
  if (!row?.data) return null;
  const logo: BoardLogo = { sha256: meta.sha256, width: meta.width, height: meta.height, href: `data:${meta.contentType};base64,${row.data.toString('base64')}` };
  logoCache.set(meta.sha256, logo);
  if (logoCache.size > LOGO_CACHE_ENTRIES) logoCache.delete(logoCache.keys().next().value!);
  return logo;
}

/** A small PNG of the current logo for the staff page (a data: URI), or null. */
export async function districtLogoPreview(db: Db): Promise<{ src: string; width: number; height: number } | null> {
  const logo = await getDistrictLogo(db);
  if (!logo) return null;
  const source = Buffer.from(logo.href.slice(logo.href.indexOf(',') + 1), 'base64');
  const { data, info } = await sharp(source).resize({ width: 320, height: 160, fit: 'inside', withoutEnlargement: true }).png().toBuffer({ resolveWithObject: true });
  return { src: `data:image/png;base64,${data.toString('base64')}`, width: info.width, height: info.height };
}
