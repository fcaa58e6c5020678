import { detailProps } from '@/app/(public)/_publicity/page-props';
import { PublicationDetailPage } from '@/app/(public)/_publicity/script-free-pages';

/** Served without the React runtime; the 点赞 form posts without script (docs/decisions.md, "script-free publicity pages"). */
export const config = { unstable_runtimeJS: false };
export const getServerSideProps = detailProps('exposure');
export default PublicationDetailPage;
