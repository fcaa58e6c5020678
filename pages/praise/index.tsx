import { listProps } from '@/app/(public)/_publicity/page-props';
import { PublicationListPage } from '@/app/(public)/_publicity/script-free-pages';

/** Served without the React runtime: the page needs no script (docs/decisions.md, "script-free publicity pages"). */
export const config = { unstable_runtimeJS: false };
export const getServerSideProps = listProps('praise');
export default PublicationListPage;
