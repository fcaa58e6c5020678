import { feedRoute } from '../../_publicity/routes';

export const GET = feedRoute('exposure', 'atom');
