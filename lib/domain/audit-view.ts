/**
 * How an audit entry reads on the audit page: the action in Chinese where it is known, and the detail
 * split into before → after changes and the remaining facts, each value as short plain text.
 */

export const AUDIT_ACTION_LABEL: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.login_refused': '拒绝登录',
  'auth.locked': '账号临时锁定',
  'auth.logout': '退出登录',
  'auth.password_changed': '修改密码',
  'auth.password_change_failed': '修改密码失败',
  'user.create': '创建账号',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'user.revoke_sessions': '强制下线',
  'signboard.mark_printed': '公示牌标记已印制',
  'signboard.export': '导出公示牌',
  'district.logo.set': '设置区徽',
  'district.logo.remove': '移除区徽',
  'chief.assign': '任命路长',
  'chief.unassign': '撤销路长任命',
  'ledger.import': '导入台账',
  'seed.demo': '生成演示数据',
};

/** '登录失败' for a known action, else the action code itself. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABEL[action] ?? action;
}

/** One value as text: strings as they are, null/undefined as '—', objects and arrays as compact JSON, cut at `max` characters. */
export function auditValueText(value: unknown, max = 200): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return [...text].length > max ? `${[...text].slice(0, max).join('')}…` : text;
}

export interface AuditDetailView {
  /** Keys of `before` and/or `after`, in order of first appearance, with both sides. */
  changes: { key: string; before: string; after: string; changed: boolean }[];
  /** Every other top-level key of the detail. */
  facts: { key: string; value: string }[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function auditDetailView(detail: unknown): AuditDetailView {
  if (!isRecord(detail)) return { changes: [], facts: detail === null || detail === undefined ? [] : [{ key: '内容', value: auditValueText(detail) }] };
  const before = isRecord(detail.before) ? detail.before : {};
  const after = isRecord(detail.after) ? detail.after : {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changes = keys.map((key) => {
    const b = auditValueText(before[key]);
    const a = auditValueText(after[key]);
    return { key, before: b, after: a, changed: b !== a };
  });
  const facts = Object.entries(detail)
    .filter(([key, value]) => !((key === 'before' || key === 'after') && isRecord(value)))
    .map(([key, value]) => ({ key, value: auditValueText(value) }));
  return { changes, facts };
}
