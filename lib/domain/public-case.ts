/**
 * 公开 of a case (issues 8 and 9): what the public may read of a case once staff mark it public (Open311
 * GET, the open-data files), who may mark it and when, and the personal-data check of the text that
 * becomes public. Pure: lib/cases/public-case applies it inside the transaction.
 */
import { inScope, ROLE_LABEL, STATUS_LABEL, type FlowActor, type FlowCase, type StaffRole } from './case-flow';
import { findPersonalData, PERSONAL_DATA_LABEL } from './personal-data';

/** The desk that answers for what a case says in public: the same roles that accept and close cases. */
export const PUBLIC_CASE_ROLES = ['admin', 'dispatcher'] as const satisfies readonly StaffRole[];

/**
 * The photos of a public case that the public sees: the 处置后 photos a handler attached to the result,
 * as the 1600 px re-encoded copy (never an original). The reporter's own photos (role 'report') and
 * 处置前 photos may show people and plates; they reach the public only through the 曝光台 privacy tool.
 */
export const PUBLIC_PHOTO_ROLE = 'after' as const;

/** What the confirmation lists as becoming public, and what never does. */
export const PUBLIC_PARTS = ['问题描述（原文）', '市民填写的详细地址和定位', '处置后照片（1600 像素的重新编码副本）'] as const;
export const NEVER_PUBLIC_PARTS = ['反映人姓名和电话', '查询码', '反映时拍的照片和处置前照片', '内部备注', '工作人员姓名'] as const;

/** Where the public fetches a public case's photo (served only while the case is public; Open311 media_url, open data photo_url). */
export function publicCasePhotoPath(caseNumber: string, mediaId: number): string {
  return `/open311/media/${encodeURIComponent(caseNumber)}/${mediaId}.jpg`;
}

export type MarkPublicCheck = { ok: true } | { ok: false; code: 'forbidden' | 'invalid'; message: string; field?: 'description' | 'address' };

export interface MarkPublicCase extends FlowCase {
  isPublic: boolean;
  description: string;
  address: string | null;
}

/**
 * May `actor` mark `c` public (makePublic) or take it back? Role and scope first; then, to mark it: only a
 * closed case (what becomes public is the problem and its result, checked together at 结案), and only when
 * neither the description nor the typed address holds a phone or ID number — staff cannot edit a citizen's
 * words, so such a case stays private. Taking a case back is always allowed.
 */
export function checkMarkPublic(actor: FlowActor, c: MarkPublicCase, makePublic: boolean): MarkPublicCheck {
  const verb = makePublic ? '公开' : '取消公开';
  if (!actor.roles.some((r) => (PUBLIC_CASE_ROLES as readonly StaffRole[]).includes(r))) {
    const roles = actor.roles.length ? actor.roles.map((r) => ROLE_LABEL[r]).join('、') : '无角色';
    return { ok: false, code: 'forbidden', message: `你的账号角色（${roles}）不能${verb}案件，请联系坐席或管理员。` };
  }
  if (!inScope(actor, c)) return { ok: false, code: 'forbidden', message: `这件案件不在你的管辖范围内，不能${verb}。` };
  if (!makePublic) return { ok: true };
  if (c.status !== 'closed') {
    return { ok: false, code: 'invalid', message: `案件结案后才能公开（现在是「${STATUS_LABEL[c.status]}」）：公开的是问题描述和处置结果，需一并核对。` };
  }
  for (const [field, label, text] of [
    ['description', '问题描述', c.description],
    ['address', '详细地址', c.address ?? ''],
  ] as const) {
    const hit = findPersonalData(text)[0];
    if (hit) {
      return {
        ok: false,
        code: 'invalid',
        field,
        message: `${label}中有疑似${PERSONAL_DATA_LABEL[hit.kind]}（${hit.masked}），不能公开：公开内容不得含个人联系方式或证件号码。本案保持不公开。`,
      };
    }
  }
  return { ok: true };
}

/** The timeline's word for a 公开 / 取消公开 event (stored as an internal 'comment' with data.public), or null. */
export function markPublicEventLabel(action: string, data: unknown): string | null {
  if (action !== 'comment' || typeof data !== 'object' || data === null) return null;
  const p = (data as { public?: unknown }).public;
  return p === true ? '标记公开' : p === false ? '取消公开' : null;
}
