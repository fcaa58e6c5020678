/** The open-data contract: the licence and the data dictionary of the monthly case files, shown on /open-data. */
import type { OpenDataCase } from './queries';

export const OPEN_DATA_LICENCE = {
  name: '知识共享 署名 4.0 国际许可协议（CC BY 4.0）',
  url: 'https://creativecommons.org/licenses/by/4.0/deed.zh-hans',
} as const;

/** One entry per column, in file order; the CSV header and the JSON keys are these names. */
export const OPEN_DATA_FIELDS: { name: keyof OpenDataCase; type: string; description: string }[] = [
  { name: 'case_number', type: '文本', description: '案件编号（日期-序号），与查进度页、Open311 接口中的编号一致' },
  { name: 'received_at', type: 'ISO 8601 时间（UTC）', description: '收到反映的时间' },
  { name: 'source', type: '代码', description: '来源：citizen 随手拍、patrol 巡查、hotline 热线、open311 第三方应用、inspection 督查' },
  { name: 'category_code', type: '文本', description: '问题类别编码（数字化城管部件、事件分类），未分类为空' },
  { name: 'category_name', type: '文本', description: '问题类别名称' },
  { name: 'face', type: '代码', description: '三面：ground 地面、facade 立面、roof 屋面，可为空' },
  { name: 'street', type: '文本', description: '所在街道（镇）' },
  { name: 'segment_code', type: '文本', description: '路段编号，对应路段公示页 /r/路段编号' },
  { name: 'stage', type: '文本', description: '办理阶段（市民所见）：已提交、已受理、处理中、已办结、未受理' },
  { name: 'deadline_at', type: 'ISO 8601 时间（UTC）', description: '处置期限，未派遣的为空' },
  { name: 'closed_at', type: 'ISO 8601 时间（UTC）', description: '结案时间，未结案的为空' },
  { name: 'on_time', type: 'true / false', description: '是否在期限内处置完成；无期限、未受理或尚未处置完成的为空' },
  { name: 'lat', type: '数字', description: '纬度（WGS-84），保留 3 位小数（约 100 米），无定位的为空' },
  { name: 'lng', type: '数字', description: '经度（WGS-84），保留 3 位小数（约 100 米），无定位的为空' },
  { name: 'description', type: '文本', description: '问题描述，仅在工作人员审核确认可公开时提供，否则为空' },
  { name: 'photo_url', type: '网址', description: '处置后照片（1600 像素副本）的地址，仅在工作人员审核确认可公开且有处置后照片时提供，否则为空' },
];
