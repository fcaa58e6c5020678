/** /staff/appeals: merchants' appeals against black flags, pending first; an inspector decides each with a note. */
import { connection } from 'next/server';
import { requireStaff } from '@/lib/auth/staff';
import { getDb } from '@/lib/db';
import { cstDateTimeLabel } from '@/lib/domain/calendar';
import { monthLabel } from '@/lib/domain/labels';
import { APPEAL_STATUS_LABEL, listAppealsForStaff, lookupAgreementCode } from '@/lib/ratings/appeals';
import { DecideForm } from './decide-form';

export default async function AppealsPage({ searchParams }: { searchParams: Promise<{ merchant?: string }> }) {
  await connection();
  const staff = await requireStaff(['admin', 'inspector'], '/staff/appeals');
  const db = await getDb();
  const streetId = staff.scopeType === 'street' && staff.scopeAreaId !== null ? staff.scopeAreaId : undefined;
  const rows = await listAppealsForStaff(db, { streetId });
  const { merchant } = await searchParams;
  const lookup = typeof merchant === 'string' && merchant.trim() ? merchant.trim().slice(0, 40) : null;
  const agreement = lookup ? await lookupAgreementCode(db, { merchantCode: lookup, actor: { id: staff.id, label: staff.username } }) : null;
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold">门前三包申诉</h1>
      {rows.length === 0 ? <p className="text-lg">暂无申诉。</p> : null}
      <ul className="space-y-4">
        {rows.map((a) => (
          <li key={a.id} className="rounded-lg bg-white p-4 shadow-sm">
            <p className="text-lg">
              <span className="font-bold">{a.merchantName}</span> <span className="font-mono">{a.merchantCode}</span> · {monthLabel(a.month)}黑旗
              {a.reasons.length ? `（${a.reasons.join('、')}）` : ''} · <span className="font-semibold">{APPEAL_STATUS_LABEL[a.status]}</span>
            </p>
            <p className="text-slate-700">
              {cstDateTimeLabel(a.createdAt)} 提交{a.contactName || a.contactPhone ? ` · 联系人 ${a.contactName ?? ''} ${a.contactPhone ?? ''}` : ''}
            </p>
            <p className="mt-2 whitespace-pre-wrap">{a.statement}</p>
            {a.mediaIds.length ? (
              <ul className="mt-2 flex flex-wrap gap-2">
                {a.mediaIds.map((id) => (
                  <li key={id}>
                    <a href={`/staff/appeals/${a.id}/photos/${id}`} target="_blank" rel="noreferrer">
                      {/* eslint-disable-next-line @next/next/no-img-element -- a private, already-sized thumbnail */}
                      <img src={`/staff/appeals/${a.id}/photos/${id}?size=thumb`} alt={`申诉照片 ${id}`} className="h-24 rounded border border-slate-300" />
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
            <DecideForm
              appealId={a.id}
              decided={
                a.status === 'pending' ? null : (
                  <p className="mt-2 text-slate-700">
                    {a.decidedAt ? cstDateTimeLabel(a.decidedAt) : ''} 处理意见：{a.decisionNote}
                  </p>
                )
              }
            />
          </li>
        ))}
      </ul>
      <section aria-labelledby="agreement-title" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="agreement-title" className="text-lg font-bold">
          查询商户的责任书编号
        </h2>
        <p className="text-slate-700">商户申诉时凭责任书编号或统一社会信用代码核验身份；责任书编号印在责任书上，商户遗失时可在此查询后告知。</p>
        <form method="get" className="mt-2 flex flex-wrap gap-2">
          <label htmlFor="agreement-merchant" className="sr-only">
            商户编号
          </label>
          <input id="agreement-merchant" name="merchant" defaultValue={lookup ?? ''} placeholder="商户编号，如 QH-M00001" className="min-h-11 rounded border-2 border-slate-400 px-2" />
          <button type="submit" className="min-h-11 rounded-lg border-2 border-slate-600 px-4 font-bold">
            查询
          </button>
        </form>
        {lookup && agreement ? (
          <p className="mt-2 text-lg">
            {agreement.name}（{agreement.code}）的责任书编号：<span className="font-mono font-bold">{agreement.agreementCode}</span>
          </p>
        ) : lookup ? (
          <p role="alert" className="mt-2 text-lg font-semibold text-alert">
            没有编号为“{lookup}”的商户，请核对。
          </p>
        ) : null}
      </section>
    </div>
  );
}
