import type { Metadata } from 'next';
import { FlagListPage, type ListSearchParams } from '../list-view';

export const metadata: Metadata = { title: '门前三包红旗榜', description: '每月门前三包评比中获红旗的商户和路段。' };

export default function RedListPage({ searchParams }: { searchParams: ListSearchParams }) {
  return <FlagListPage flag="red" searchParams={searchParams} />;
}
