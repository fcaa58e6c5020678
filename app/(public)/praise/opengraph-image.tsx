import { listCard } from '../_publicity/routes';

export const alt = '点赞榜';
export const size = { width: 1200, height: 630 };
export const contentType = 'image/png';
export default listCard('praise');
