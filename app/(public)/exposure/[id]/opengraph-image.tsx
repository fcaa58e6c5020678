import { entryCard } from '../../_publicity/routes';

export const alt = '曝光台';
export const size = { width: 1200, height: 630 };
export const contentType = 'image/png';
export default entryCard('exposure');
