'use server';

import { headers } from 'next/headers';
import { clientIp } from '@/lib/abuse/client';
import { currentStaff } from '@/lib/auth/staff';
import { changeStaffPassword, type PasswordField } from '@/lib/auth/users';
import { getDb } from '@/lib/db';

export type ChangePasswordResult = { ok: true; message: string } | { ok: false; field?: PasswordField; message: string };

/** Any signed-in staff member changes their own password; the one open door while an initial password is pending. */
export async function changePasswordAction(_prev: ChangePasswordResult | null, form: FormData): Promise<ChangePasswordResult> {
  const staff = await currentStaff();
  if (!staff) return { ok: false, message: '登录已失效，请重新登录后再修改密码。' };
  const value = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : '';
  };
  const ip = clientIp(await headers());
  const result = await changeStaffPassword(await getDb(), {
    userId: staff.id,
    sessionId: staff.sessionId,
    currentPassword: value('currentPassword'),
    newPassword: value('newPassword'),
    confirmPassword: value('confirmPassword'),
    ip: ip === 'unknown' ? null : ip,
  });
  if (!result.ok) return result;
  const others = result.revokedSessions ? `其他设备上的 ${result.revokedSessions} 个登录已退出。` : '';
  return { ok: true, message: `密码已修改。${others}` };
}
