import { describe, expect, it } from 'vitest';
import { checkNewPassword, MAX_PASSWORD_LENGTH, staffAccess } from '@/lib/domain/password';

describe('checkNewPassword', () => {
  const base = { username: 'wangwu', currentPassword: 'old-password-1' };
  it.each([
    ['short', '123456789', '123456789', 'too_short'],
    ['exactly 10 characters', '1234567890', '1234567890', null],
    ['10 Chinese characters count as 10', '路长通路长通路长通路长', '路长通路长通路长通路长', null],
    ['9 emoji count as 9, not 18', '🚧'.repeat(9), '🚧'.repeat(9), 'too_short'],
    ['too long', 'x'.repeat(MAX_PASSWORD_LENGTH + 1), 'x'.repeat(MAX_PASSWORD_LENGTH + 1), 'too_long'],
    ['the username', 'wangwu', 'wangwu', 'too_short'],
    ['the username padded to 10 is not the username', 'wangwu1234', 'wangwu1234', null],
    ['the old one', 'old-password-1', 'old-password-1', 'same_as_old'],
    ['typed differently twice', 'new-password-1', 'new-password-2', 'mismatch'],
    ['good', 'new-password-1', 'new-password-1', null],
  ] as const)('%s', (_name, newPassword, confirmPassword, expected) => {
    expect(checkNewPassword({ ...base, newPassword, confirmPassword })).toBe(expected);
  });

  it('refuses the username in another case or full width', () => {
    expect(checkNewPassword({ username: 'zhangsan01', newPassword: 'ZHANGSAN01', confirmPassword: 'ZHANGSAN01' })).toBe('is_username');
    expect(checkNewPassword({ username: 'zhangsan01', newPassword: 'ｚｈａｎｇｓａｎ０１', confirmPassword: 'ｚｈａｎｇｓａｎ０１' })).toBe('is_username');
  });

  it('has no old password to compare for a new account', () => {
    expect(checkNewPassword({ username: 'a', newPassword: 'first-password', confirmPassword: 'first-password' })).toBeNull();
  });
});

describe('staffAccess', () => {
  const dispatcher = { roles: ['dispatcher'], mustChangePassword: false };
  it.each([
    ['nobody', null, ['admin'], false, 'unauthenticated'],
    ['a role that fits', dispatcher, ['admin', 'dispatcher'], false, 'ok'],
    ['no fitting role', dispatcher, ['admin'], false, 'forbidden'],
    ['initial password outside demo mode', { ...dispatcher, mustChangePassword: true }, ['dispatcher'], false, 'password_change_required'],
    ['initial password outside demo mode, wrong role too', { ...dispatcher, mustChangePassword: true }, ['admin'], false, 'password_change_required'],
    ['initial password in demo mode', { ...dispatcher, mustChangePassword: true }, ['dispatcher'], true, 'ok'],
  ] as const)('%s', (_name, staff, roles, demoMode, expected) => {
    expect(staffAccess(staff, roles, { demoMode })).toBe(expected);
  });
});
