/** What a person is told when sign-in fails, by error code (shared by the server and the login form). */
export const LOCKOUT_MINUTES = 15;
export const LOGIN_ERROR_MESSAGE = {
  invalid: '用户名或密码不正确。',
  locked: `连续输错密码次数过多，账号已临时锁定 ${LOCKOUT_MINUTES} 分钟，请稍后再试或联系管理员。`,
  demo_disabled: '演示账号只能在演示模式下登录。',
  ip_limited: '此网络的登录失败次数过多，已暂时停止接受登录，请稍后再试。',
} as const;
export type LoginError = keyof typeof LOGIN_ERROR_MESSAGE;
