import { listMetadata, listPage } from '../_publicity/routes';

export const generateMetadata = listMetadata('praise');
export default listPage('praise');
