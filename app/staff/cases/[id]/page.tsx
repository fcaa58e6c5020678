import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { connection } from 'next/server';
import { requireStaff } from '@/lib/auth/staff';
import { getStaffCase, listCaseCategories, listDepartmentOptions, listNearbyDuplicates, listSegmentChiefOptions } from '@/lib/cases/staff-queries';
import { loadFlowCase, staffFlowActor } from '@/lib/cases/transitions';
import { getDb } from '@/lib/db';
import { cstDateTimeLabel } from '@/lib/domain/calendar';
import { ACTION_LABEL, LEVEL_LABEL, STATUS_LABEL, allowedActions, inScope, type StaffCaseAction } from '@/lib/domain/case-flow';
import { DISPOSITION_LABEL, SOURCE_LABEL, deadlineLabel, isOverdue } from '@/lib/domain/inbox-query';
import { CHIEF_LEVEL_LABEL, CITIZEN_ACTION_LABEL, REJECT_REASON_LABEL } from '@/lib/domain/labels';
import { checkMarkPublic, NEVER_PUBLIC_PARTS, PUBLIC_PARTS, PUBLIC_PHOTO_ROLE, markPublicEventLabel } from '@/lib/domain/public-case';
import { CaseActionForm } from '../action-form';
import { PublicForm, type PublicView } from '../public-form';

export const metadata: Metadata = { title: '案件详情' };

const ROLE_LABEL = { report: '反映照片', before: '处置前', after: '处置后', attachment: '附件' } as const;
const EVENT_LABEL: Record<string, string> = { ...CITIZEN_ACTION_LABEL, ...ACTION_LABEL, submit: '提交', self_handle: '自行处置', rate: '市民评价', merge: '合并' };

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-2 border-b border-slate-100 py-1.5">
      <dt className="w-24 shrink-0 text-slate-700">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

export default async function StaffCasePage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const staff = await requireStaff(['admin', 'dispatcher', 'handler', 'inspector'], `/staff/cases/${id}`);
  const caseId = /^\d{1,10}$/.test(id) && Number(id) <= 2_147_483_647 ? Number(id) : null;
  if (caseId === null) notFound();
  const db = await getDb();
  const now = new Date();
  const flow = await loadFlowCase(db, { caseId, now });
  if (!flow) notFound();
  const actor = staffFlowActor(staff);
  if (!inScope(actor, flow.flow)) forbidden();
  const c = await getStaffCase(db, { caseId });
  if (!c) notFound();
  const actions = allowedActions(actor, flow.flow);
  const [nearby, categories, departments, chiefs] = await Promise.all([
    listNearbyDuplicates(db, { caseId, segmentId: c.segmentId, categoryId: c.categoryId, createdAt: c.createdAt }),
    actions.includes('accept') ? listCaseCategories(db) : Promise.resolve([]),
    actions.includes('dispatch') ? listDepartmentOptions(db) : Promise.resolve([]),
    actions.includes('dispatch') ? listSegmentChiefOptions(db, { segmentId: c.segmentId }) : Promise.resolve([]),
  ]);
  const overdue = isOverdue(c, now);
  const masterHint = c.duplicateOf?.number ?? nearby.find((n) => n.status !== 'rejected' && n.createdAt < c.createdAt)?.number ?? null;
  const photo = (mediaId: number, size: 'thumb' | 'large') => `/staff/cases/${c.id}/photos/${mediaId}${size === 'thumb' ? '?size=thumb' : ''}`;
  const options = {
    categories: categories.map((k) => ({ code: k.code, name: k.name })),
    categoryCode: c.categoryCode,
    segmentCode: c.segmentCode,
    level: c.level,
    chiefs: chiefs.map((k) => ({ id: k.id, label: `${CHIEF_LEVEL_LABEL[k.level]} ${k.name}（${k.title}）` })),
    departments,
    masterHint,
  };
  // The handler's own work first on their phone; dispatch-side actions in the loop's order.
  const order: StaffCaseAction[] = ['report_result', 'return', 'accept', 'dispatch', 'verify_pass', 'verify_fail', 'reject', 'merge', 'supervise', 'escalate', 'reopen', 'comment'];
  const shown = order.filter((a) => actions.includes(a));
  // 公开: offered to the desk in scope once the case is closed (or to take it back); a refusal (a number in the text) is shown instead of a button.
  const markCase = { ...flow.flow, isPublic: c.isPublic, description: c.description, address: c.address };
  const mayToggle = checkMarkPublic(actor, markCase, false).ok;
  const markCheck = checkMarkPublic(actor, markCase, true);
  const offerPublicity = mayToggle && (c.isPublic || c.status === 'closed');
  const publicView: PublicView | null = offerPublicity
    ? {
        isPublic: c.isPublic,
        refusal: markCheck.ok ? null : markCheck.message,
        publicParts: PUBLIC_PARTS,
        neverParts: NEVER_PUBLIC_PARTS,
        description: c.description,
        address: c.address,
        hasLocation: c.lat !== null && c.lng !== null,
        photos: c.photos.filter((p) => p.role === PUBLIC_PHOTO_ROLE).map((p) => photo(p.mediaId, 'thumb')),
      }
    : null;

  return (
    <div className="space-y-5">
      <p>
        <Link href={staff.roles.includes('handler') && !staff.roles.includes('dispatcher') ? '/staff/todo' : '/staff/cases'} className="text-blue-800 underline">
          ← 返回{staff.roles.includes('handler') && !staff.roles.includes('dispatcher') ? '我的待办' : '案件受理'}
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">案件 {c.number}</h1>
        <span data-testid="case-status" className="rounded bg-slate-800 px-2 py-0.5 font-semibold text-white">
          {STATUS_LABEL[c.status]}
        </span>
        {overdue ? <span className="rounded bg-red-700 px-2 py-0.5 font-semibold text-white">已超期</span> : null}
        {c.superviseCount > 0 ? <span className="rounded bg-amber-200 px-2 py-0.5 font-semibold text-amber-950">督办 {c.superviseCount} 次</span> : null}
        {c.isPublic ? (
          <span data-testid="case-public" className="rounded bg-green-800 px-2 py-0.5 font-semibold text-white">
            已公开
          </span>
        ) : null}
      </div>

      {c.duplicateOf ? (
        <p role="note" className="rounded border-l-4 border-amber-600 bg-amber-50 p-3">
          本案是重复反映，已合并到主案件{' '}
          <Link href={`/staff/cases/${c.duplicateOf.id}`} className="font-semibold text-blue-800 underline">
            {c.duplicateOf.number}
          </Link>
          （{STATUS_LABEL[c.duplicateOf.status]}）。
        </p>
      ) : null}
      {c.duplicates.length ? (
        <p role="note" className="rounded border-l-4 border-slate-500 bg-white p-3">
          已并入本案的重复反映：
          {c.duplicates.map((d, i) => (
            <span key={d.id}>
              {i ? '、' : ''}
              <Link href={`/staff/cases/${d.id}`} className="text-blue-800 underline">
                {d.number}
              </Link>
            </span>
          ))}
        </p>
      ) : null}

      <div className="grid gap-5 lg:grid-cols-[1fr_24rem]">
        <div className="space-y-5">
          <section aria-labelledby="case-facts" className="rounded-lg bg-white p-4 shadow-sm">
            <h2 id="case-facts" className="mb-2 text-lg font-bold">
              基本情况
            </h2>
            <p className="mb-3 whitespace-pre-wrap text-lg">{c.description}</p>
            <dl>
              <Fact term="来源">{SOURCE_LABEL[c.source]}</Fact>
              <Fact term="问题类型">{c.categoryName ? `${c.categoryCode} ${c.categoryName}` : '未分类'}</Fact>
              <Fact term="路段">
                {c.segmentCode ? (
                  <Link href={`/r/${c.segmentCode}`} className="text-blue-800 underline">
                    {c.segmentCode} {c.segmentName}
                  </Link>
                ) : (
                  '未定位'
                )}
              </Fact>
              <Fact term="街道（镇）">{c.streetName ?? '—'}</Fact>
              {c.address && c.address !== c.segmentName ? <Fact term="地址">{c.address}</Fact> : null}
              {c.lat !== null && c.lng !== null ? (
                <Fact term="位置">
                  <a href={`https://uri.amap.com/marker?position=${c.lng},${c.lat}`} target="_blank" rel="noopener noreferrer" className="text-blue-800 underline">
                    在高德地图中查看（{c.lat.toFixed(5)}, {c.lng.toFixed(5)}）
                  </a>
                </Fact>
              ) : null}
              <Fact term="级别">{LEVEL_LABEL[c.level]}</Fact>
              {c.disposition ? <Fact term="处置方式">{DISPOSITION_LABEL[c.disposition]}</Fact> : null}
              <Fact term="处置单位">{c.departmentName ?? (c.chiefName ? `路长 ${c.chiefName}（${c.chiefPhone}）` : '未派遣')}</Fact>
              <Fact term="处置时限">
                {c.deadlineAt ? `${cstDateTimeLabel(c.deadlineAt)}（${c.status === 'closed' || c.status === 'rejected' ? '已结束' : deadlineLabel(c.deadlineAt, now)}）` : '未派遣，无时限'}
              </Fact>
              <Fact term="提交时间">{cstDateTimeLabel(c.createdAt)}</Fact>
              {/* Read to a hotline caller so they can follow the case on /track. */}
              <Fact term="查询码">
                <span data-testid="lookup-code" className="font-mono">
                  {c.lookupCode}
                </span>
              </Fact>
              {c.closedAt ? <Fact term="结案时间">{cstDateTimeLabel(c.closedAt)}</Fact> : null}
              {c.rejectReason ? <Fact term="作废原因">{REJECT_REASON_LABEL[c.rejectReason]}</Fact> : null}
              <Fact term="反映人">
                {c.reporterName || c.reporterPhone ? (
                  <span>
                    {c.reporterName ?? '（未留姓名）'} {c.reporterPhone ? <a href={`tel:${c.reporterPhone}`} className="text-blue-800 underline">{c.reporterPhone}</a> : '（未留电话）'}
                    <span className="ml-2 text-sm text-slate-700">仅工作人员可见</span>
                  </span>
                ) : (
                  '未留联系方式'
                )}
              </Fact>
              {c.satisfaction !== null ? <Fact term="市民评价">{'★'.repeat(c.satisfaction)}{'☆'.repeat(5 - c.satisfaction)}</Fact> : null}
            </dl>
          </section>

          <section aria-labelledby="case-photos" className="rounded-lg bg-white p-4 shadow-sm">
            <h2 id="case-photos" className="mb-2 text-lg font-bold">
              照片
            </h2>
            {c.photos.length === 0 ? (
              <p className="text-slate-700">没有照片。</p>
            ) : (
              <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3">
                {c.photos.map((p) => (
                  <li key={`${p.role}-${p.mediaId}`}>
                    <a href={photo(p.mediaId, 'large')} className="block">
                      {/* A cookie-checked staff route: next/image would fetch it without the session. */}
                      {/* eslint-disable-next-line @next/next/no-img-element */}
                      <img src={photo(p.mediaId, 'thumb')} alt={`${ROLE_LABEL[p.role]}照片`} loading="lazy" className="aspect-[4/3] w-full rounded object-cover" />
                    </a>
                    <span className="text-sm">{ROLE_LABEL[p.role]}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="case-timeline" className="rounded-lg bg-white p-4 shadow-sm">
            <h2 id="case-timeline" className="mb-2 text-lg font-bold">
              办理过程
            </h2>
            <ol className="space-y-3">
              {c.events.map((e) => (
                <li key={e.id} className="border-l-4 border-slate-300 pl-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-semibold">{markPublicEventLabel(e.action, e.data) ?? EVENT_LABEL[e.action] ?? e.action}</span>
                    {e.toStatus && e.toStatus !== e.fromStatus ? <span className="text-slate-700">→ {STATUS_LABEL[e.toStatus]}</span> : null}
                    <span className={e.visibility === 'public' ? 'rounded bg-green-100 px-1.5 text-sm text-green-900' : 'rounded bg-slate-200 px-1.5 text-sm text-slate-900'}>
                      {e.visibility === 'public' ? '公开' : '内部'}
                    </span>
                  </div>
                  <div className="text-sm text-slate-700">
                    {cstDateTimeLabel(e.at)} · {e.actorName ?? e.actorLabel}
                  </div>
                  {e.note ? <p className="whitespace-pre-wrap">{e.note}</p> : null}
                </li>
              ))}
            </ol>
          </section>

          <section aria-labelledby="case-nearby" className="rounded-lg bg-white p-4 shadow-sm">
            <h2 id="case-nearby" className="mb-2 text-lg font-bold">
              可能重复的案件
            </h2>
            <p className="mb-2 text-sm text-slate-700">同一路段、同一问题类型、前后 3 天内提交的案件。</p>
            {nearby.length === 0 ? (
              <p>没有发现。</p>
            ) : (
              <ul className="space-y-2">
                {nearby.map((n) => (
                  <li key={n.id}>
                    <Link href={`/staff/cases/${n.id}`} className="font-semibold text-blue-800 underline">
                      {n.number}
                    </Link>{' '}
                    <span className="text-slate-700">
                      {STATUS_LABEL[n.status]} · {cstDateTimeLabel(n.createdAt)}
                    </span>
                    <p className="line-clamp-2">{n.description}</p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>

        <section aria-labelledby="case-actions" className="space-y-3">
          <h2 id="case-actions" className="text-lg font-bold">
            办理
          </h2>
          {shown.length === 0 && !publicView ? <p className="rounded-lg bg-white p-4">这件案件现在没有你可以进行的操作。</p> : null}
          {shown.map((a) => (
            <CaseActionForm key={`${a}-${flow.version}`} caseId={c.id} version={flow.version} action={a} options={options} />
          ))}
          {/* Keyed by the case alone: the answer stays on screen when the page comes back with the new state. */}
          {publicView ? <PublicForm key={`public-${c.id}`} caseId={c.id} version={flow.version} view={publicView} /> : null}
        </section>
      </div>
    </div>
  );
}
