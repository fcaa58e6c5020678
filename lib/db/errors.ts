/** Database failures a person can fix, each explained in one line with the fix. */
export class DatabaseSetupError extends Error {
  override name = 'DatabaseSetupError';
}

const RESET_HINT = '运行 `npm run db:reset` 重建演示数据库 (run `npm run db:reset` to rebuild the demo database)';

export function explainConnectError(error: unknown, url: string): DatabaseSetupError {
  const e = error as { code?: string; message?: string };
  let where = url;
  try {
    const u = new URL(url);
    where = `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    /* keep the raw text */
  }
  const code = e?.code ?? '';
  const reason =
    code === 'ECONNREFUSED'
      ? '连接被拒绝，数据库未运行或端口不对 (connection refused: is PostgreSQL running on that port?)'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? '找不到主机 (host not found: check the host name in DATABASE_URL)'
        : code === '28P01' || code === '28000'
          ? '用户名或密码错误 (authentication failed: check user and password in DATABASE_URL)'
          : code === '3D000'
            ? '数据库不存在 (database does not exist: create it or fix the name in DATABASE_URL)'
            : code === 'ETIMEDOUT'
              ? '连接超时 (connection timed out: check network access to the host)'
              : (e?.message ?? String(error)).split('\n')[0];
  return new DatabaseSetupError(`无法连接数据库 ${where}：${reason}`);
}

export function explainPgliteError(error: unknown, dir: string): DatabaseSetupError {
  const message = (error as Error)?.message?.split('\n')[0] ?? String(error);
  return new DatabaseSetupError(`嵌入式数据库目录 ${dir} 无法打开（${message}），可能已损坏；${RESET_HINT}`);
}

export function lockedPgliteError(dir: string, pid: number): DatabaseSetupError {
  return new DatabaseSetupError(
    `嵌入式数据库目录 ${dir} 正被另一个进程（PID ${pid}）使用：请先停止它（例如另一个 npm run dev），或在确认无进程使用后${RESET_HINT}`,
  );
}
