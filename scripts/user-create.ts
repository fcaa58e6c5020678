/**
 * npm run user:create -- creates a staff account on the configured database (the first admin, or any
 * role and scope), which must change its password at first sign-in. The password comes from
 * --password, from stdin when piped, or from a hidden prompt.
 *
 *   npm run user:create -- --username zhangsan --name 张三                 (admin, whole district)
 *   npm run user:create -- --username li --role dispatcher --scope street --area 青河街道
 *   echo 'a-long-password' | npm run user:create -- --username wang --role handler --scope department --department CG
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { createStaffUser } from '../lib/auth/users';
import { prepareEmbedded } from '../lib/db/prepare';
import { describeTarget, openFromEnv, runScript } from './lib/cli';

const USAGE = `用法：npm run user:create -- --username 用户名 [--name 姓名] [--role admin[,dispatcher…]] [--scope district|street|chief|department]
       [--area 区或街镇的编码/名称] [--chief 路长编号] [--department 部门编码] [--password 密码 | 从标准输入读入]`;

/** Reads a password without echoing it (a TTY), or the first line of piped stdin. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let data = '';
    for await (const chunk of process.stdin) data += chunk;
    return data.split(/\r?\n/)[0] ?? '';
  }
  const ask = (question: string) =>
    new Promise<string>((resolve) => {
      const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      // Keep the prompt, hide what is typed.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.startsWith(question)) process.stdout.write(question);
      };
      rl.question(question, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('密码（至少 10 个字符）：');
  const second = await ask('再输入一次：');
  if (first !== second) {
    console.error('✖ 两次输入的密码不一致，没有创建账号。');
    process.exit(1);
  }
  return first;
}

await runScript(async () => {
  let args;
  try {
    args = parseArgs({
      options: {
        username: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string', default: 'admin' },
        scope: { type: 'string', default: 'district' },
        area: { type: 'string' },
        chief: { type: 'string' },
        department: { type: 'string' },
        password: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    console.error(`✖ ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (!args.username) {
    console.error(`✖ 缺少 --username\n${USAGE}`);
    process.exit(2);
  }
  if (args.chief !== undefined && !/^\d+$/.test(args.chief)) {
    console.error('✖ --chief 应为路长编号（数字）');
    process.exit(2);
  }
  const password = args.password ?? (await readPassword());
  const handle = await openFromEnv();
  try {
    // The embedded database may not exist yet: migrations and base data first (no demo district).
    if (handle.driver === 'pglite') await prepareEmbedded(handle, { demo: false });
    const result = await createStaffUser(handle.db, {
      username: args.username,
      displayName: args.name,
      roles: args.role.split(','),
      scopeType: args.scope,
      area: args.area,
      chiefId: args.chief ? Number(args.chief) : undefined,
      department: args.department,
      password,
    });
    if (!result.ok) {
      console.error(`✖ ${result.message}`);
      process.exitCode = 1;
      return;
    }
    console.log(`✔ 已在 ${describeTarget(handle)} 创建账号 ${result.username}（编号 ${result.id}）。首次登录后须修改密码。`);
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === '42P01' || (error as { code?: string }).code === '42P01') {
      console.error(`✖ ${describeTarget(handle)} 还没有数据表：请先运行 npm run db:migrate`);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    await handle.close();
  }
});
