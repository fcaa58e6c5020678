import { listMetadata, listPage } from '../_publicity/routes';

export const generateMetadata = listMetadata('exposure');
export default listPage('exposure');
