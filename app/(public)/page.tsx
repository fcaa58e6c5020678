import Link from 'next/link';
import { connection } from 'next/server';
import { getDb } from '@/lib/db';
import { getDistrictOverview } from '@/lib/public/queries';
import { SearchBox } from './search-box';

const SECTIONS = [
  { href: '/report', title: '随手拍', text: '拍照反映身边的城市管理问题', primary: true },
  { href: '/track', title: '查进度', text: '凭案件编号和查询码查看办理情况', primary: true },
  { href: '/exposure', title: '曝光台', text: '屡教不改与突出问题曝光' },
  { href: '/praise', title: '点赞榜', text: '为尽职路长和文明商户点赞' },
  { href: '/lists/red', title: '红旗榜', text: '门前三包红旗商户' },
  { href: '/lists/black', title: '黑旗榜', text: '门前三包黑旗商户' },
  { href: '/stats', title: '数据公开', text: '受理、办结与按时办结情况' },
];

export default async function HomePage() {
  await connection();
  const overview = await getDistrictOverview(await getDb(), { now: new Date() });
  if (!overview) {
    return (
      <section className="rounded-xl bg-white p-6 shadow-sm">
        <h1 className="text-2xl font-bold">路长通</h1>
        <p className="mt-2">尚未录入辖区数据。管理员可运行 npm run db:seed 载入演示数据。</p>
      </section>
    );
  }
  return (
    <div className="space-y-6">
      <section aria-labelledby="district-title" className="rounded-xl bg-white p-5 shadow-sm">
        <p className="text-base text-slate-700">{overview.city}</p>
        <h1 id="district-title" className="text-3xl font-bold text-slate-900">
          {overview.name}路长制
        </h1>
        <p className="mt-2 text-lg">每条路都有路长负责。扫路段公示牌上的二维码，或在这里搜索路段和商户。</p>
        <div className="mt-4">
          <SearchBox />
        </div>
        <dl className="mt-5 grid grid-cols-2 gap-3 text-center sm:grid-cols-4">
          <Stat label="路段" value={overview.segmentCount} />
          <Stat label="在岗路长" value={overview.chiefCount} />
          <Stat label="门前三包商户" value={overview.merchantCount} />
          <Stat label="本月办结/受理" value={`${overview.closedThisMonth}/${overview.casesThisMonth}`} />
        </dl>
      </section>

      <nav aria-label="公众服务">
        <ul className="grid gap-3 sm:grid-cols-2">
          {SECTIONS.map((s) => (
            <li key={s.href}>
              <Link
                href={s.href}
                className={`flex min-h-20 flex-col justify-center rounded-xl p-4 shadow-sm ${
                  s.primary ? 'bg-brand text-white hover:bg-brand-dark' : 'bg-white text-slate-900 hover:bg-slate-100'
                }`}
              >
                <span className="text-xl font-bold">{s.title}</span>
                <span className={`text-base ${s.primary ? 'text-blue-50' : 'text-slate-700'}`}>{s.text}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="streets-title" className="rounded-xl bg-white p-5 shadow-sm">
        <h2 id="streets-title" className="text-xl font-bold">
          街道（镇）
        </h2>
        <ul className="mt-2 flex flex-wrap gap-2">
          {overview.streets.map((st) => (
            <li key={st.code} className="rounded-full bg-slate-100 px-3 py-1 text-base">
              {st.name}
            </li>
          ))}
        </ul>
        <p className="mt-3 text-base">
          监督电话：
          <a href={`tel:${overview.hotline}`} className="font-semibold text-brand underline">
            {overview.hotline}
          </a>
        </p>
      </section>
    </div>
  );
}

function Stat({ label, value }: { label: string; value: number | string }) {
  return (
    <div className="rounded-lg bg-slate-100 p-3">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-2xl font-bold text-slate-900">{value}</dd>
    </div>
  );
}
