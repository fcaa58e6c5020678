import { listCard } from '../../_publicity/routes';

export const GET = listCard('exposure');
