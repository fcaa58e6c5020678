import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditDetailView, auditValueText } from '@/lib/domain/audit-view';

describe('auditActionLabel', () => {
  it('reads known actions in Chinese and shows unknown ones as their code', () => {
    expect(auditActionLabel('auth.login_failed')).toBe('登录失败');
    expect(auditActionLabel('case.dispatch.new')).toBe('case.dispatch.new');
  });
});

describe('auditValueText', () => {
  it.each([
    [null, '—'],
    [undefined, '—'],
    [true, '是'],
    [false, '否'],
    [12, '12'],
    ['文本', '文本'],
    [{ a: [1, 2] }, '{"a":[1,2]}'],
  ] as const)('%o → %s', (value, text) => {
    expect(auditValueText(value)).toBe(text);
  });

  it('cuts long values by characters, not UTF-16 units', () => {
    expect(auditValueText('路'.repeat(5), 3)).toBe('路路路…');
    expect(auditValueText('🚧🚧🚧🚧', 2)).toBe('🚧🚧…');
  });
});

describe('auditDetailView', () => {
  it('pairs before and after by key, in order of first appearance, marking what changed', () => {
    expect(auditDetailView({ before: { active: true, name: '甲' }, after: { active: false, name: '甲', note: 'x' }, revokedSessions: 2 })).toEqual({
      changes: [
        { key: 'active', before: '是', after: '否', changed: true },
        { key: 'name', before: '甲', after: '甲', changed: false },
        { key: 'note', before: '—', after: 'x', changed: true },
      ],
      facts: [{ key: 'revokedSessions', value: '2' }],
    });
  });

  it('shows an entry with only `after` (a creation) and with no before/after at all', () => {
    expect(auditDetailView({ after: { username: 'a' } }).changes).toEqual([{ key: 'username', before: '—', after: 'a', changed: true }]);
    expect(auditDetailView({ reason: 'password', attempts: 3 })).toEqual({ changes: [], facts: [{ key: 'reason', value: 'password' }, { key: 'attempts', value: '3' }] });
  });

  it('keeps a non-object before/after as a fact, and copes with no detail or a bare value', () => {
    expect(auditDetailView({ before: 'old' }).facts).toEqual([{ key: 'before', value: 'old' }]);
    expect(auditDetailView(null)).toEqual({ changes: [], facts: [] });
    expect(auditDetailView([1])).toEqual({ changes: [], facts: [{ key: '内容', value: '[1]' }] });
  });
});
