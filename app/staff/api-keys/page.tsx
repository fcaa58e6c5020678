import type { Metadata } from 'next';
import { connection } from 'next/server';
import { requireStaff } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { cstDateTimeLabel } from '@/lib/domain/calendar';
import { listApiKeys } from '@/lib/open311/keys';
import { IssueKeyForm, RevokeKeyButton } from './key-forms';

export const metadata: Metadata = { title: 'API 密钥' };

/** Open311 API keys: issue (shown once), list, revoke. Admins only; every step is in 操作日志. */
export default async function ApiKeysPage() {
  await connection();
  await requireStaff(['admin'], '/staff/api-keys');
  const keys = await listApiKeys(await getDb());
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">API 密钥（Open311）</h1>
      <p className="text-slate-700">
        第三方应用（12345 平台、小程序等）通过 <code>/open311</code> 接口提交问题时需要密钥。密钥只在签发时显示一次，系统只保存其摘要；吊销后立即失效。接口说明见
        <a href="/open311/discovery.json" className="underline">
          discovery.json
        </a>
        。
      </p>
      <IssueKeyForm />
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
        <table className="w-full text-left">
          <caption className="sr-only">已签发的 API 密钥</caption>
          <thead className="bg-slate-50">
            <tr>
              {['使用方', '密钥开头', '每小时上限', '签发时间', '最近使用', '状态', '操作'].map((h) => (
                <th key={h} scope="col" className="px-3 py-2">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {keys.length === 0 ? (
              <tr>
                <td colSpan={7} className="px-3 py-4 text-slate-600">
                  还没有签发任何密钥。
                </td>
              </tr>
            ) : (
              keys.map((k) => (
                <tr key={k.id} className="border-t border-slate-200">
                  <td className="px-3 py-2">{k.name}</td>
                  <td className="px-3 py-2">
                    <code>{k.prefix}…</code>
                  </td>
                  <td className="px-3 py-2">{k.ratePerHour}</td>
                  <td className="px-3 py-2">{cstDateTimeLabel(k.createdAt)}</td>
                  <td className="px-3 py-2">{k.lastUsedAt ? cstDateTimeLabel(k.lastUsedAt) : '未使用'}</td>
                  <td className="px-3 py-2">{k.revokedAt ? `已吊销（${cstDateTimeLabel(k.revokedAt)}）` : '有效'}</td>
                  <td className="px-3 py-2">{k.revokedAt ? null : <RevokeKeyButton id={k.id} name={k.name} />}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
