import type { Metadata } from 'next';
import { FlagListPage, type ListSearchParams } from '../list-view';

export const metadata: Metadata = { title: '门前三包黑旗榜', description: '每月门前三包评比中被评为黑旗的商户和路段，被问责的在前。' };

export default function BlackListPage({ searchParams }: { searchParams: ListSearchParams }) {
  return <FlagListPage flag="black" searchParams={searchParams} />;
}
