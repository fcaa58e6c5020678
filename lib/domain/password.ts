/**
 * The rules a new staff password must meet (issue 6): at least 10 characters, not the username, not the
 * current password, typed the same twice. Pure, so the page, the service and user:create agree.
 */

export const MIN_PASSWORD_LENGTH = 10;
/** argon2 would take more, but nobody types this much; a longer one is a paste accident or an attack. */
export const MAX_PASSWORD_LENGTH = 256;

export const PASSWORD_RULE_MESSAGE = {
  too_short: `新密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符。`,
  too_long: `新密码最多 ${MAX_PASSWORD_LENGTH} 个字符。`,
  is_username: '新密码不能与用户名相同。',
  same_as_old: '新密码不能与当前密码相同。',
  mismatch: '两次输入的新密码不一致。',
} as const;
export type PasswordRuleError = keyof typeof PASSWORD_RULE_MESSAGE;

const comparable = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/** The first rule `newPassword` breaks, or null. `currentPassword` is omitted when there is none (a new account). */
export function checkNewPassword({
  username,
  newPassword,
  confirmPassword,
  currentPassword,
}: {
  username: string;
  newPassword: string;
  confirmPassword: string;
  currentPassword?: string;
}): PasswordRuleError | null {
  const length = [...newPassword].length; // characters, not UTF-16 units: 汉字 and emoji count once
  if (length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (length > MAX_PASSWORD_LENGTH) return 'too_long';
  if (comparable(newPassword) === comparable(username)) return 'is_username';
  if (currentPassword !== undefined && newPassword === currentPassword) return 'same_as_old';
  if (newPassword !== confirmPassword) return 'mismatch';
  return null;
}

export type StaffAccess = 'ok' | 'unauthenticated' | 'password_change_required' | 'forbidden';

/**
 * Whether a signed-in staff member (null: nobody) may use something open to `roles`. An account that
 * must change its initial password may use nothing until it has, outside demo mode.
 */
export function staffAccess(
  staff: { roles: readonly string[]; mustChangePassword: boolean } | null,
  roles: readonly string[],
  { demoMode }: { demoMode: boolean },
): StaffAccess {
  if (!staff) return 'unauthenticated';
  if (staff.mustChangePassword && !demoMode) return 'password_change_required';
  return staff.roles.some((r) => roles.includes(r)) ? 'ok' : 'forbidden';
}

export const STAFF_ACCESS_MESSAGE: Record<Exclude<StaffAccess, 'ok'>, string> = {
  unauthenticated: '登录已失效，请重新登录。',
  password_change_required: '请先修改初始密码，再进行其他操作。',
  forbidden: '您的账号没有执行这项操作的权限。',
};
