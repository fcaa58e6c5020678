/** Postgres enums shared by the schema: the fixed vocabularies of the domain (DESIGN §2–3). */
import { pgEnum } from 'drizzle-orm/pg-core';
import { CASE_STATUSES } from '../../domain/case-flow';
import { CASE_ACTIONS } from '../../domain/citizen-view';

export const areaLevel = pgEnum('area_level', ['district', 'street', 'community']);
export const segmentGrade = pgEnum('segment_grade', ['arterial', 'secondary', 'alley']); // 主干道 / 次干道 / 背街小巷
export const chiefLevel = pgEnum('chief_level', ['total', 'first', 'second', 'third']); // 总路长 / 一级 / 二级 / 三级
export const patrolFrequency = pgEnum('patrol_frequency', ['daily', 'weekly', 'biweekly']); // 每日 / 每周 / 每半月
export const categoryKind = pgEnum('category_kind', ['component', 'event']); // 部件 / 事件
export const face = pgEnum('face', ['ground', 'facade', 'roof']); // 地面 / 立面 / 屋面
export const caseSource = pgEnum('case_source', ['citizen', 'patrol', 'hotline', 'open311', 'inspection']); // 随手拍 / 巡查 / 热线 / Open311 / 督查
export const caseStatus = pgEnum('case_status', CASE_STATUSES);
export const rejectReason = pgEnum('reject_reason', ['invalid', 'duplicate', 'out_of_scope']);
export const disposition = pgEnum('disposition', ['self', 'dispatch', 'enforcement']); // 自行处置 / 派单处置 / 执法处置
export const caseLevel = pgEnum('case_level', ['segment', 'street', 'district']); // 路段 / 街镇 / 区级
export const caseAction = pgEnum('case_action', CASE_ACTIONS);
export const noteVisibility = pgEnum('note_visibility', ['public', 'internal']);
export const caseMediaRole = pgEnum('case_media_role', ['report', 'before', 'after', 'attachment']);
export const flag = pgEnum('flag', ['red', 'black', 'none']);
export const ratingSubject = pgEnum('rating_subject', ['merchant', 'segment']);
export const appealStatus = pgEnum('appeal_status', ['pending', 'upheld', 'rejected']);
export const publicationKind = pgEnum('publication_kind', ['exposure', 'praise']); // 曝光台 / 点赞榜
export const publicationStatus = pgEnum('publication_status', ['draft', 'review', 'published', 'withdrawn']);
export const mediaVariant = pgEnum('media_variant', ['original', 'large', 'thumb', 'masked', 'generated']);
export const staffRole = pgEnum('staff_role', ['admin', 'dispatcher', 'handler', 'inspector', 'publicity']);
export const scopeType = pgEnum('scope_type', ['district', 'street', 'chief', 'department']);
