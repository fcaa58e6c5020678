import { entryCard } from '../../../_publicity/routes';

export const GET = entryCard('exposure');
