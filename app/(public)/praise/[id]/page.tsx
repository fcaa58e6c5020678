import { detailMetadata, detailPage } from '../../_publicity/routes';

export const generateMetadata = detailMetadata('praise');
export default detailPage('praise');
