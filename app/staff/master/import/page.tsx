import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { requireStaff } from '@/lib/auth/staff';
import { LEDGER_KINDS, LEDGER_LABEL, MAX_LEDGER_ROWS } from '@/lib/domain/ledger';
import { ImportPanel } from './import-panel';

export const metadata: Metadata = { title: '导入台账' };

/** 台账 import: download a template, upload, read the dry run's problems, fix, import with a progress bar. */
export default async function ImportPage() {
  await connection();
  await requireStaff(['admin'], '/staff/master/import');
  return (
    <div className="space-y-5">
      <p>
        <Link href="/staff/master" className="text-brand underline">
          基础数据
        </Link>{' '}
        › 导入台账
      </p>
      <h1 className="text-2xl font-bold">从 Excel 导入台账</h1>
      <ol className="list-decimal space-y-1 rounded-lg bg-white p-4 pl-8 shadow-sm">
        <li>
          下载模板：
          {LEDGER_KINDS.map((k) => (
            <a key={k} href={`/staff/master/import/template/${k}.xlsx`} className="mx-2 text-brand underline" download>
              {LEDGER_LABEL[k]}模板
            </a>
          ))}
        </li>
        <li>在第一个工作表「台账」中填写，每行一条；日期用日期格式；不要合并单元格；最多 {MAX_LEDGER_ROWS.toLocaleString('en-US')} 行。</li>
        <li>上传后先「试运行」：系统逐行检查并列出所有问题（第几行、哪一列），此时不写入任何数据。</li>
        <li>全部无误后点「导入」：所有行在一个事务中写入，任何一行失败都会全部撤销。</li>
      </ol>
      <ImportPanel kinds={LEDGER_KINDS.map((k) => ({ value: k, label: LEDGER_LABEL[k] }))} />
      <noscript>
        <p className="rounded bg-amber-50 p-3">导入台账需要启用 JavaScript（用于显示试运行结果和导入进度）。</p>
      </noscript>
    </div>
  );
}
