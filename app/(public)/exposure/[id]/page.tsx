import { detailMetadata, detailPage } from '../../_publicity/routes';

export const generateMetadata = detailMetadata('exposure');
export default detailPage('exposure');
