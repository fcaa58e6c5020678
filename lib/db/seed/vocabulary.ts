/**
 * Vocabulary for the deterministic demo-data generator (demo district 清河区, 江城市).
 *
 * Pure data: no imports, no logic. Everything here is fictional — the district, the city, the
 * streets, communities, people and phone prefixes. Wording of titles, duties, reasons and notes
 * follows the 路长制 / 门前三包 / 红黑旗 plans in /work/shared/seeds.
 *
 * Placeholders used in some strings (filled by the generator):
 *   {road}        a road name from ROAD_NAMES, e.g. 中山路
 *   {stem}        a merchant name stem from MERCHANT_KINDS[].stems
 *   {street}      a street's short name from STREETS[].shortName, e.g. 望江
 *   {streetFull}  a street's full name from STREETS[].name, e.g. 望江街道 / 白沙镇
 */

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------

/** Chief levels used throughout: 总路长 / 一级路长 / 二级路长 / 三级路长. */
export type ChiefLevel = 'total' | 'first' | 'second' | 'third';

/** Kinds of dispatch targets (职能部门 / 专业单位 / 街镇). */
export type DepartmentKind =
  | 'city_management'
  | 'police'
  | 'traffic'
  | 'housing'
  | 'market'
  | 'environment'
  | 'greening'
  | 'utility'
  | 'street'
  | 'other';

export interface StreetVocab {
  /** Full name, e.g. 望江街道 or 白沙镇. */
  readonly name: string;
  /** Short name used in unit names, e.g. 望江 (望江中队, 望江派出所). */
  readonly shortName: string;
  /** Two-letter prefix of the street's segment codes (WJ-0001). */
  readonly code: string;
  readonly kind: 'street' | 'town';
  readonly communities: readonly string[];
}

export interface DepartmentVocab {
  readonly code: string;
  readonly name: string;
  readonly shortName: string;
  readonly kind: DepartmentKind;
  /** Only for kind 'street': the STREETS[].code the office governs. */
  readonly streetCode?: string;
}

export interface TeamRoleVocab {
  /** Role key. */
  readonly role: 'chengguan' | 'police' | 'traffic_police' | 'sanitation' | 'greening' | 'assistant' | 'grid';
  /** Label printed on the signboard. */
  readonly label: string;
  /** DEPARTMENTS[].code of the owning body, or null when the unit is the street/community itself. */
  readonly departmentCode: string | null;
  /** The parent unit as printed; may contain {streetFull}. */
  readonly unit: string;
  /** The sub-unit template; {street} is STREETS[].shortName. */
  readonly subunit: string;
  /** How many of these a segment's board usually lists (per the Erqi plan's staffing rule). */
  readonly perSegment: number;
}

export interface MerchantKindVocab {
  readonly code: string;
  readonly label: string;
  /** Name template: {stem} and {road}. */
  readonly nameFormat: string;
  /** Relative weight when drawing a kind for a new merchant (sums need not be 100). */
  readonly weight: number;
  readonly stems: readonly string[];
}

export interface RejectReasonVocab {
  readonly kind: 'invalid' | 'duplicate' | 'out_of_scope';
  readonly text: string;
}

export interface PublicationSampleVocab {
  readonly kind: 'exposure' | 'praise';
  readonly title: string;
  readonly body: string;
}

// ---------------------------------------------------------------------------
// District, streets, roads
// ---------------------------------------------------------------------------

// The fictional demo district, its city, hotlines and the landline prefix for duty phones (027-8xxx xxxx).
export const DISTRICT = {
  name: '清河区',
  city: '江城市',
  fullName: '江城市清河区',
  hotline: '12319',
  cityHotline: '12345',
  areaCodePhonePrefix: '027-8',
} as const;

// The district's four streets/towns, each with its segment-code prefix and its communities.
export const STREETS: readonly StreetVocab[] = [
  {
    name: '望江街道',
    shortName: '望江',
    code: 'WJ',
    kind: 'street',
    communities: ['江滩社区', '望江楼社区', '临江里社区', '码头社区', '汉水苑社区', '观澜社区', '滨江花园社区'],
  },
  {
    name: '青石桥街道',
    shortName: '青石桥',
    code: 'QS',
    kind: 'street',
    communities: ['青石桥社区', '文昌社区', '古楼社区', '状元坊社区', '书院街社区', '双井社区'],
  },
  {
    name: '柳林街道',
    shortName: '柳林',
    code: 'LL',
    kind: 'street',
    communities: ['柳林社区', '桃源社区', '新村社区', '纺织社区', '机械厂社区', '东湖苑社区', '幸福里社区', '和平社区'],
  },
  {
    name: '白沙镇',
    shortName: '白沙',
    code: 'BS',
    kind: 'town',
    communities: ['白沙社区', '沙湖社区', '新港社区', '芦苇湾社区', '南岸社区'],
  },
];

// 主干道 of the district (wide roads, bus routes, shop fronts on both sides).
export const MAIN_ROADS = [
  '解放大道', '中山路', '建设大道', '沿江大道', '发展大道', '友谊大道', '和平大道', '江城大道',
  '青年路', '人民路', '胜利路', '长江路', '汉水路', '清河大道', '新华路', '光明大道',
] as const;

// 次干道 (secondary roads).
export const SECONDARY_ROADS = [
  '民主路', '复兴路', '黄石路', '工农路', '文昌路', '书院路', '滨江路', '学府路',
  '兴业路', '振华路', '同心路', '花园路', '柳林路', '青石路', '白沙路', '沙湖路',
  '望江路', '友爱路', '南岸路', '芦花路', '纺织路', '体育路', '车站路', '联胜路',
] as const;

// 背街小巷 (back streets and lanes).
export const BACK_STREETS = [
  '西马巷', '东马巷', '吉庆街', '前进一巷', '前进二巷', '三元里', '保安街', '戏台巷',
  '棉花街', '扁担巷', '鸡蛋巷', '油坊巷', '石板街', '铁匠巷', '水井巷', '书院后街',
  '状元巷', '剪刀巷', '杨柳巷', '糖坊街', '豆腐巷', '米市街', '盐仓巷',
] as const;

// All ~60 road names: 主干道 first, then 次干道, then 背街小巷 (grade is implied by the sub-list).
export const ROAD_NAMES = [...MAIN_ROADS, ...SECONDARY_ROADS, ...BACK_STREETS] as const;

// ~40 cross streets used as segment endpoints (from/to); disjoint from ROAD_NAMES.
export const CROSS_STREETS = [
  '建设一路', '建设二路', '建设三路', '建设四路', '建设五路', '工人村路', '香港路', '台北一路',
  '新民路', '新生路', '幸福路', '团结路', '育才路', '前进路', '红旗路', '东风路',
  '跃进路', '劳动街', '惠民路', '利民路', '长丰路', '江汉一路', '江汉二路', '鄱阳街',
  '黎明路', '朝阳路', '太平街', '永安路', '积玉桥路', '大智路', '三阳路', '循礼门路',
  '江边路', '堤角路', '沿河路', '桥东路', '桥西路', '六合路', '北湖路', '南湖路',
  '园林路', '丹水池路',
] as const;

// ---------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------

// ~120 surnames weighted by real frequency (common ones repeated), plus a few compound surnames.
export const SURNAMES = [
  '王', '王', '王', '王', '王', '李', '李', '李', '李', '李', '张', '张', '张', '张', '张',
  '刘', '刘', '刘', '刘', '陈', '陈', '陈', '陈', '杨', '杨', '杨', '黄', '黄', '赵', '赵',
  '吴', '吴', '周', '周', '徐', '徐', '孙', '孙', '马', '马', '朱', '朱', '胡', '胡', '郭',
  '郭', '何', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓',
  '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡', '余', '杜', '叶', '程',
  '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范',
  '金', '石', '廖', '贾', '夏', '韦', '付', '方', '白', '邹', '孟', '熊', '秦', '邱', '江',
  '尹', '薛', '闫', '段', '雷', '侯', '龙', '史', '陶', '黎', '贺', '顾', '毛', '郝', '龚',
  '邵', '万', '严', '覃', '武', '戴', '欧阳', '司马', '诸葛', '上官',
] as const;

// ~300 characters common in given names (rare, font-unfriendly characters are in RARE_NAMES only).
export const GIVEN_NAME_CHARS = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '秀', '霞', '平', '刚',
  '桂', '英', '玉', '兰', '萍', '红', '娟', '建', '文', '辉', '力', '鹏', '飞', '斌', '宇', '浩', '凯', '健', '俊', '帆',
  '帅', '旭', '宁', '龙', '林', '欣', '佳', '怡', '思', '雨', '梓', '涵', '子', '轩', '博', '睿', '哲', '晨', '阳', '然',
  '欢', '乐', '晓', '婷', '雪', '琳', '颖', '倩', '慧', '婉', '晴', '瑶', '璐', '琪', '嘉', '妍', '馨', '悦', '雅', '茜',
  '蕾', '薇', '彤', '诗', '语', '若', '依', '安', '可', '心', '梦', '月', '冰', '清', '新', '荣', '昌', '盛', '兴', '旺',
  '福', '禄', '寿', '喜', '春', '夏', '秋', '冬', '松', '柏', '竹', '梅', '菊', '莲', '荷', '兵', '峰', '海', '波', '江',
  '河', '山', '川', '岩', '石', '志', '忠', '孝', '仁', '义', '礼', '智', '信', '德', '善', '良', '美', '真', '诚', '永',
  '长', '久', '远', '恒', '毅', '坚', '定', '立', '成', '功', '业', '光', '亮', '耀', '辰', '星', '云', '霖', '雷', '风',
  '露', '晶', '莹', '琴', '书', '画', '墨', '笔', '翰', '学', '士', '儒', '雄', '豪', '娇', '柔', '和', '顺', '康', '泰',
  '宏', '大', '鸿', '鹤', '鹰', '燕', '莺', '凤', '麟', '虎', '彪', '骏', '驰', '腾', '跃', '奇', '峻', '嵩', '岳', '泽',
  '瀚', '沛', '润', '洁', '澈', '源', '溪', '泉', '青', '巧', '丹', '翠', '碧', '蓝', '紫', '绿', '彩', '虹', '霓', '锦',
  '绣', '缘', '梁', '栋', '杨', '柳', '桐', '楠', '枫', '桦', '森', '茂', '芝', '蕙', '芬', '菲', '蓉', '萱', '茹', '莉',
  '莎', '琼', '瑛', '瑜', '瑾', '璇', '珊', '瑞', '祥', '庆', '融', '宜', '富', '贵', '昊', '天', '宸', '煜', '炜', '烨',
  '焕', '炎', '焱', '灿', '烁', '晗', '昕', '晟', '昭', '晖', '暄', '曦', '景', '朗', '皓', '振', '友', '爱', '亲', '情',
  '慈', '惠', '贤', '淑', '贞', '洪', '涌', '澜', '滨', '洲', '舟', '航', '斐', '嫣', '婧', '媛', '妮', '娅', '娴', '婕',
  '妤', '姝', '菁', '蓓', '蕊', '华', '国', '家', '金', '民', '生', '东', '卫', '根', '利', '蕴', '淳',
] as const;

// Full names with rare characters that web/print fonts often lack (喆 堃 彧 犇 昇 翀 翯 旻 珺 燚 垚 淼).
export const RARE_NAMES = [
  '张喆', '王堃', '李彧', '刘犇犇', '周昇', '赵翀', '孙翯', '杨旻', '吴珺', '黄燚', '郑垚', '何淼淼',
  '马喆睿', '谢堃宇',
] as const;

// Very long person names (transliterated minority names with ·, compound surnames) to stress layouts.
export const LONG_NAMES = [
  '阿卜杜热合曼·买买提明',
  '古丽娜尔·艾尔肯江·阿不都热西提',
  '努尔艾力·吐尔逊托合提',
  '热依拉·阿卜杜克热木',
  '欧阳娜依娜依',
  '诸葛慕容雪晴',
  '巴特尔·额尔敦朝克图',
] as const;

// ---------------------------------------------------------------------------
// Chiefs and teams
// ---------------------------------------------------------------------------

// 职务 strings as printed on 路长公示牌, by chief level (street-office wording; see TOWN_CHIEF_TITLES for 镇).
export const CHIEF_TITLES: Readonly<Record<ChiefLevel, readonly string[]>> = {
  total: [
    '区委副书记、区长',
    '区委常委、常务副区长',
    '区人民政府副区长',
    '区委常委、副区长、区城市管理委员会主任',
  ],
  first: [
    '街道党工委书记',
    '街道办事处主任',
    '街道党工委副书记、办事处主任',
    '街道党工委副书记',
    '区城市管理综合行政执法局党组成员、副局长、区数字化城市管理监督指挥中心主任',
  ],
  second: [
    '街道办事处副主任',
    '街道城管科科长',
    '街道党工委委员、武装部部长',
    '街道综合行政执法中心主任',
    '街道城市运行管理中心副主任',
    '街道党工委委员、办事处副主任、街道城市管理“路长制”工作专班负责人',
  ],
  third: [
    '社区党委书记',
    '社区居委会主任',
    '社区党委书记、居委会主任',
    '社区党委副书记',
    '城管中队中队长',
    '城管中队副中队长',
    '区城市管理综合行政执法局{street}执法中队中队长、街道综合行政执法中心副主任',
  ],
};

// Title variants for a 镇 (town) where the street-office wording does not apply; total-level titles are shared.
export const TOWN_CHIEF_TITLES: Readonly<Record<Exclude<ChiefLevel, 'total'>, readonly string[]>> = {
  first: ['镇党委书记', '镇党委副书记、镇长', '镇人民政府镇长'],
  second: ['镇人民政府副镇长', '镇城管办主任', '镇党委委员、武装部部长'],
  third: ['社区党委书记', '社区居委会主任', '城管中队中队长'],
};

// Patrol frequency printed for each level (seeds: 总路长每半月、一级每周、二级/三级每日).
export const PATROL_FREQUENCIES: Readonly<Record<ChiefLevel, readonly string[]>> = {
  total: ['每半月', '每月'],
  first: ['每周'],
  second: ['每日', '每周'],
  third: ['每日'],
};

// Duty texts printed on the board, by level, in the seeds' wording; one is ~200 characters.
export const CHIEF_DUTIES: Readonly<Record<ChiefLevel, readonly string[]>> = {
  total: [
    '全面掌握辖区内责任路段城市管理工作现状，统筹协调、监督指导辖区“路长制”工作。',
    '负责推动辖区内市容环境卫生责任区制度的全面落实，每半月对重点区域、关键点位上路督查不少于一次。',
    '及时研究解决辖区内存在的热点难点问题，对一级、二级、三级路长的工作进行监督考核。',
  ],
  first: [
    '全面掌握责任路段内城市管理工作现状，每周对责任路段市容环境卫生责任区制度的落实情况进行检查。',
    '及时研究解决责任路段内存在的重大突出问题，定期向总路长汇报工作成效。',
    '对需要城管部门执法查处的问题，及时提交辖区城管中队执法处置；对二级路长的工作进行监督考核。',
  ],
  second: [
    '负责市容和环境卫生责任区域的划定并落实责任，每日巡查一次，负责发现、督促及解决所辖路段内的城市管理问题。',
    '负责辖区路段的巡查检查和宣传工作，协调解决路段内的各类城市管理问题，重大突出问题及时向一级路长和上级部门报告。',
    '全面掌握责任路段内城市管理现状，坚持“路长吹哨、部门报到”，横向联系街道各业务口，纵向联系区直相关部门和社会责任单位，对发现的占道经营、出店经营、乱堆乱放、乱贴乱挂、暴露垃圾、车辆乱停乱放等“脏、乱、差、污”问题，能当场处置的自行处置，不能处置的及时上报数字化城管平台派单处置，需要执法查处的及时提交城管中队执法处置，做到一般问题解决在路段内、突出问题解决在街道内、重大问题解决在区级层面，确保路段干净整洁、安全有序。',
  ],
  third: [
    '每天对责任路段巡查不少于一次，对各类违章行为进行劝阻，解决力所能及的市容环境卫生问题。',
    '牵头与沿街商户签订《市容环境卫生责任书》，督促落实“门前三包”，指导责任人在醒目位置悬挂《市容环境卫生责任牌》。',
    '组织带领下沉人员开展工作，负责任务分派、工作监督和考核，按数字化城管指挥中心指派处理问题并回馈办理结果。',
    '采集沿街商户、单位基本信息并建立台账，自行处置暴露垃圾、非法小广告、井盖移位等问题，劝导教育仍不整改的及时提交执法查处。',
  ],
};

// The other people on a segment's board and the unit each belongs to (Erqi plan: 城管1、片警1、交警1、环卫2、绿化1、协管2).
export const TEAM_ROLES: readonly TeamRoleVocab[] = [
  { role: 'chengguan', label: '城管队员', departmentCode: 'CG', unit: '清河区城市管理综合行政执法局', subunit: '{street}执法中队', perSegment: 1 },
  { role: 'police', label: '社区民警（片警）', departmentCode: 'GA', unit: '江城市公安局清河分局', subunit: '{street}派出所', perSegment: 1 },
  { role: 'traffic_police', label: '交警', departmentCode: 'JJ', unit: '江城市公安局交通管理局清河大队', subunit: '{street}中队', perSegment: 1 },
  { role: 'sanitation', label: '环卫保洁员', departmentCode: 'HW', unit: '清河区环境卫生服务中心', subunit: '{street}环卫所', perSegment: 2 },
  { role: 'greening', label: '绿化养护员', departmentCode: 'YL', unit: '清河区园林绿化服务中心', subunit: '{street}养护站', perSegment: 1 },
  { role: 'assistant', label: '城市管理协管员', departmentCode: null, unit: '{streetFull}', subunit: '城管协管队', perSegment: 2 },
  { role: 'grid', label: '网格员', departmentCode: null, unit: '{streetFull}', subunit: '社区网格工作站', perSegment: 1 },
];

// ---------------------------------------------------------------------------
// Departments (dispatch targets)
// ---------------------------------------------------------------------------

// Bodies cases are dispatched to: district departments, police, utilities, and the four street/town offices.
export const DEPARTMENTS: readonly DepartmentVocab[] = [
  { code: 'CG', name: '清河区城市管理综合行政执法局', shortName: '区城管执法局', kind: 'city_management' },
  { code: 'HW', name: '清河区环境卫生服务中心', shortName: '区环卫中心', kind: 'city_management' },
  { code: 'YL', name: '清河区园林绿化服务中心', shortName: '区园林绿化中心', kind: 'greening' },
  { code: 'GA', name: '江城市公安局清河分局', shortName: '清河公安分局', kind: 'police' },
  { code: 'JJ', name: '江城市公安局交通管理局清河大队', shortName: '清河交警大队', kind: 'traffic' },
  { code: 'ZJ', name: '清河区住房和城乡建设局', shortName: '区住建局', kind: 'housing' },
  { code: 'JT', name: '清河区交通运输局', shortName: '区交通运输局', kind: 'traffic' },
  { code: 'SJ', name: '清河区市场监督管理局', shortName: '区市场监管局', kind: 'market' },
  { code: 'HB', name: '江城市生态环境局清河分局', shortName: '区生态环境分局', kind: 'environment' },
  { code: 'SW', name: '清河区水务和湖泊局', shortName: '区水务局', kind: 'utility' },
  { code: 'ZY', name: '江城市自然资源和规划局清河分局', shortName: '区自然资源和规划分局', kind: 'other' },
  { code: 'GD', name: '国网江城供电公司清河供电中心', shortName: '清河供电中心', kind: 'utility' },
  { code: 'GS', name: '江城水务集团清河供水分公司', shortName: '清河供水分公司', kind: 'utility' },
  { code: 'RQ', name: '江城燃气集团清河分公司', shortName: '清河燃气分公司', kind: 'utility' },
  { code: 'TX', name: '江城市通信管线联合维护中心清河站', shortName: '通信管线维护站', kind: 'utility' },
  { code: 'WJJD', name: '清河区人民政府望江街道办事处', shortName: '望江街道办', kind: 'street', streetCode: 'WJ' },
  { code: 'QSJD', name: '清河区人民政府青石桥街道办事处', shortName: '青石桥街道办', kind: 'street', streetCode: 'QS' },
  { code: 'LLJD', name: '清河区人民政府柳林街道办事处', shortName: '柳林街道办', kind: 'street', streetCode: 'LL' },
  { code: 'BSZF', name: '清河区白沙镇人民政府', shortName: '白沙镇政府', kind: 'street', streetCode: 'BS' },
];

// ---------------------------------------------------------------------------
// Merchants (沿街商户 / 单位)
// ---------------------------------------------------------------------------

// Kinds of street-front merchants/units, each with a name template and 10–20 fictional name stems.
export const MERCHANT_KINDS: readonly MerchantKindVocab[] = [
  {
    code: 'catering',
    label: '餐饮',
    nameFormat: '{stem}（{road}店）',
    weight: 22,
    stems: [
      '老王牛肉面', '湘味小厨', '蜀香火锅', '江城热干面馆', '刘记豆皮', '阿英烧烤', '福满楼酒家',
      '老街鱼庄', '渝味串串香', '粤港茶餐厅', '东北饺子馆', '周记卤味', '好再来快餐', '川味麻辣烫',
      '一品粥铺', '金牌猪脚饭', '小胖包子铺', '兰州牛肉拉面', '沙县风味小吃', '胖哥龙虾馆',
    ],
  },
  {
    code: 'retail',
    label: '零售',
    nameFormat: '{stem}（{road}店）',
    weight: 12,
    stems: [
      '美佳服饰', '时尚鞋坊', '恒通烟酒', '名品烟酒行', '学友文具店', '佳美化妆品', '贝贝母婴',
      '福满堂金店', '新潮眼镜', '雅居家纺', '小天使童装', '乐购日杂', '星辰礼品店', '华美床上用品',
    ],
  },
  {
    code: 'beauty',
    label: '美容美发',
    nameFormat: '{stem}（{road}店）',
    weight: 8,
    stems: [
      '名剪造型', '新概念美发', '发艺工作室', '靓丽美容院', '简约造型', '魔发师', '纤姿美甲',
      '巴黎春天美发', '时光理发店', '俏佳人美容', '丽人坊', '东方发艺', '顶尖造型', '尚品美业',
    ],
  },
  {
    code: 'auto_repair',
    label: '汽修',
    nameFormat: '{stem}（{road}店）',
    weight: 5,
    stems: [
      '顺达汽修', '鑫诚汽车维修', '安泰轮胎', '速洁洗车', '车之家汽车美容', '精诚汽配',
      '通达摩托车维修', '老李补胎', '路路通汽修', '恒信汽车服务', '永固电动车维修', '腾飞车业',
    ],
  },
  {
    code: 'hardware',
    label: '五金建材',
    nameFormat: '{stem}（{road}店）',
    weight: 5,
    stems: [
      '兴旺五金', '金鑫建材', '宏达水暖', '永盛五金交电', '顺发瓷砖', '大众灯饰',
      '华丰油漆', '鑫源管材', '好家居装饰材料', '强力门窗', '亿家卫浴', '恒通电料',
    ],
  },
  {
    code: 'pharmacy',
    label: '药店',
    nameFormat: '{stem}（{road}店）',
    weight: 6,
    stems: [
      '仁济大药房', '百姓康大药房', '济民大药房', '益康药房', '康宁大药房', '福寿堂药店',
      '惠民药店', '安心大药房', '保和堂药店', '众康药房', '天天好药房', '江城医药连锁',
    ],
  },
  {
    code: 'bank',
    label: '银行网点',
    nameFormat: '{stem}{road}支行',
    weight: 3,
    stems: [
      '江城农村商业银行', '江城银行', '汉水银行', '长江商业银行', '清河村镇银行',
      '楚天银行', '江汉银行', '荆江银行', '江城邮储银行', '滨江商业银行',
    ],
  },
  {
    code: 'convenience',
    label: '便利店',
    nameFormat: '{stem}（{road}店）',
    weight: 9,
    stems: [
      '邻里便利店', '快乐购便利', '24小时便利店', '家家乐超市', '惠多多超市', '万家福超市',
      '优品生活超市', '阿华小卖部', '便民副食店', '金色阳光超市', '鑫鑫便利', '易站便利店',
    ],
  },
  {
    code: 'fresh',
    label: '水果生鲜',
    nameFormat: '{stem}（{road}店）',
    weight: 6,
    stems: [
      '百果鲜', '果鲜生', '天天鲜果', '四季果园', '农家菜篮子', '鲜多多生鲜',
      '老张水果店', '江鲜水产行', '绿源蔬菜', '家乐生鲜超市', '品鲜肉铺', '一品鲜鱼档',
    ],
  },
  {
    code: 'hotel',
    label: '宾馆',
    nameFormat: '{stem}（{road}店）',
    weight: 4,
    stems: [
      '江城商务宾馆', '悦来客栈', '迎宾招待所', '清河快捷酒店', '汉水大酒店', '温馨旅馆',
      '城市之家酒店', '金港宾馆', '和顺旅社', '望江酒店', '馨悦精品酒店', '好梦连锁旅馆',
    ],
  },
  {
    code: 'telecom',
    label: '通讯数码',
    nameFormat: '{stem}（{road}店）',
    weight: 4,
    stems: [
      '极速通讯', '数码港', '联众手机城', '恒星通讯', '快修手机维修', '极客电脑',
      '易通数码', '华讯通讯', '智联手机店', '讯达通讯',
    ],
  },
  {
    code: 'training',
    label: '教育培训',
    nameFormat: '{stem}（{road}校区）',
    weight: 3,
    stems: [
      '启航教育', '新思维书法', '小天才美术', '博学堂', '优学辅导', '音悦琴行',
      '跳跳舞蹈', '智慧树托管', '明德学堂', '星火英语',
    ],
  },
  {
    code: 'logistics',
    label: '快递物流',
    nameFormat: '{stem}（{road}店）',
    weight: 3,
    stems: [
      '顺路快递驿站', '邻里驿站', '速达物流', '鸿运物流', '通达快运', '家门口快递站',
      '捷达搬家', '安顺物流', '驿家快递', '快递超市',
    ],
  },
  {
    code: 'institution',
    label: '机关单位',
    nameFormat: '{stem}',
    weight: 3,
    stems: [
      '{road}派出所', '{road}邮政支局', '{road}社区卫生服务站', '{road}供电营业厅',
      '清河区税务局{road}办税服务厅', '清河区市场监督管理局{road}所', '{road}消防救援站',
      '清河区人民法院{road}法庭', '{road}退役军人服务站', '{road}党群服务中心', '{road}政务服务中心',
    ],
  },
  {
    code: 'school',
    label: '学校',
    nameFormat: '{stem}',
    weight: 3,
    stems: [
      '{road}小学', '{road}中学', '清河区{road}幼儿园', '{road}实验小学', '{road}第二小学',
      '清河区{road}中心幼儿园', '江城市{road}职业技术学校', '{road}小学分校', '清河区{road}初级中学',
      '{road}阳光幼儿园',
    ],
  },
];

// ---------------------------------------------------------------------------
// 门前三包 ratings (红旗 / 黑旗)
// ---------------------------------------------------------------------------

// The reason codes a flag cites are owned by the rating rules (lib/domain/rating-grid.ts: BLACK_REASONS,
// RED_REASONS); the generator takes them from there.

// ---------------------------------------------------------------------------
// Cases (案件)
// ---------------------------------------------------------------------------

// What citizens type on a phone for common problems, keyed by plain problem name (10–80 chars each).
export const CASE_DESCRIPTIONS: Readonly<Record<string, readonly string[]>> = {
  暴露垃圾: [
    '路边垃圾桶旁边堆了好几袋生活垃圾，没人收，味道很大。',
    '公交站台后面有一堆垃圾，塑料袋、饭盒到处都是。',
    '小区门口人行道上有人扔了一大袋垃圾，已经两天了。',
    '垃圾桶满了溢出来了，旁边地上全是垃圾，苍蝇很多，麻烦尽快清运。',
  ],
  积存垃圾渣土: [
    '路边空地上堆了很多装修垃圾，砖头水泥块，堆了快一个月了。',
    '巷子拐角有人倒建筑渣土，越堆越多，下雨就流到路上。',
    '围墙边积存了大量渣土和杂物，占了半条人行道。',
    '晚上有车偷倒渣土，早上起来路口一大堆，请查一下。',
  ],
  占道经营: [
    '路口每天下午有流动摊贩卖水果，把人行道堵死了。',
    '早上卖早点的推车摆在马路边，车和人都过不去。',
    '晚上人行道上摆了十几个地摊，非常拥挤，还有人在烧烤。',
    '地铁口有人摆摊卖小商品，行人只能走机动车道，很危险。',
    '每天傍晚六点以后，路口到公交站这一段人行道上全是卖菜卖水果的摊子，三轮车横着停，垃圾也不收走，老人小孩过路要挤到机动车道上，反映过好几次了，希望彻底管一管。',
  ],
  店外经营: [
    '这家饭店把桌子摆到人行道上了，晚上更多，行人没法走。',
    '汽修店在门口人行道上修车，地上全是油污。',
    '水果店把货架摆到店外一米多，天天如此。',
    '五金店把货物堆在门外占道经营，说过几次都不改。',
    '理发店门口摆了洗头椅子和招牌，挡住了盲道。',
  ],
  非法小广告: [
    '电线杆上贴满了小广告，办证、开锁的都有。',
    '小区门口的墙上新贴了一片小广告，还有喷涂的电话号码。',
    '公交站牌上被贴了很多小广告，看不清站名了。',
    '楼道口和配电箱上全是疏通下水道的小广告，请清理。',
  ],
  道路破损: [
    '路面上有一个大坑，电动车晚上经过差点摔倒。',
    '人行道地砖松动翘起来好几块，下雨踩上去溅一身水。',
    '路口沥青路面开裂塌陷，大车过的时候很颠。',
    '盲道砖坏了一大片，有盲人走很危险。',
  ],
  井盖缺损: [
    '人行道上的污水井盖碎了一半，晚上看不见容易掉下去。',
    '路中间的雨水井盖不见了，只有一个洞，已经有人放了个纸箱提醒。',
    '上水井盖松动，车压过去哐当哐当响，晚上特别吵。',
    '雨水篦子坏了，缝隙很大，小孩脚能卡进去。',
    '井盖下沉了好几厘米，车辆经过很颠簸。',
  ],
  违章停车: [
    '有辆小车长期停在人行道上，把盲道全挡住了。',
    '路口斑马线上停着车，行人只能绕到马路中间。',
    '消防通道被私家车堵住了，出了事消防车进不来。',
    '公交站台前面经常有车违停，公交车靠不了站。',
  ],
  共享单车乱停放: [
    '地铁口共享单车堆成山，把出口都堵了一半。',
    '好多共享单车倒在人行道上，没人扶，路都走不了。',
    '共享单车停在盲道上和小区门口，进出很不方便。',
    '绿化带里被扔了好几辆共享单车，请通知企业来清理。',
  ],
  绿地脏乱: [
    '街边绿化带里全是烟头、塑料瓶和纸屑，很久没人捡了。',
    '绿地被人踩出一条路，还有人在里面种菜。',
    '公园边的绿化带里有人倒了剩饭剩菜，招老鼠。',
    '行道树死了好几棵一直没补种，树池里都是垃圾。',
  ],
  路灯不亮: [
    '这段路的路灯晚上全不亮，黑漆漆的，走路很害怕。',
    '路口有一盏路灯一闪一闪的，已经坏了一个星期。',
    '巷子里的路灯白天亮晚上不亮，麻烦检修一下。',
    '路灯杆被撞歪了，灯罩掉了，电线露在外面。',
  ],
  违法建设: [
    '一楼住户在院子外面搭了个彩钢棚，把公共通道占了。',
    '楼顶有人在加盖房子，每天敲敲打打，好像没有手续。',
    '沿街门面往外扩建了两米，把人行道圈进去了。',
    '小区绿地上有人砌围墙圈地，还在建小屋。',
    '临街三楼住户在阳台外面用钢架加建了一个房间，已经焊了好几天，架子伸到人行道上方，担心掉东西砸到人，请城管尽快来看看有没有审批手续。',
  ],
  乱拉乱挂: [
    '树上拉了很多绳子晒衣服被子，影响市容。',
    '店门口横幅乱挂，还有一根电线从楼上拉到路边。',
    '沿街电线杆之间私拉了好多线，有的垂得很低，很危险。',
    '人行道护栏上挂满了广告布，风一吹就掉。',
  ],
  道路积水: [
    '下雨后这段路积水很深，水都漫到人行道上了。',
    '路口一下雨就淹，电动车过去全熄火，雨水口好像堵了。',
    '下穿通道积水，车辆不敢过，请派人来排水。',
    '雨停了一天了路边还是一大片积水，发臭。',
  ],
  噪音扰民: [
    '工地晚上十一点还在施工，吵得睡不着。',
    '楼下商铺用大喇叭循环放促销广告，从早放到晚。',
    '广场舞音响开得特别大，晚上十点多还没停。',
    '烧烤店外面的空调外机和排风扇噪音很大，半夜都在响。',
  ],
  油烟污染: [
    '楼下饭店油烟直接往居民楼里排，窗户都不敢开。',
    '路边露天烧烤，烟熏得整条街都是。',
    '餐馆的排烟管道对着人行道，路过一身油烟味。',
    '这家店没装油烟净化器，墙上全是黑油。',
  ],
  废弃车辆: [
    '路边停了一辆破旧小车，轮胎都瘪了，落满灰，好几个月没动过。',
    '人行道上有几辆锈坏的电动车和自行车，占了位置。',
    '小区门口一辆没牌照的面包车停了半年，里面堆满杂物。',
    '绿化带边上有辆烧坏的三轮车，一直没人处理。',
  ],
};

// Handler's result reports (处置反馈), as road chiefs / departments write them.
export const HANDLER_NOTES = [
  '已到现场处置，垃圾已清运完毕，现场已恢复整洁，附处置后照片。',
  '已对店主进行教育劝导，店外物品已收回店内，当场整改到位。',
  '小广告已全部铲除，墙面已用同色涂料覆盖。',
  '井盖已更换为新井盖，周边已设置警示标志，现场安全。',
  '已联系共享单车运维人员到场，车辆已清理归位，共清理42辆。',
  '流动摊贩已劝离，路面已恢复通行，已安排队员错时值守。',
  '经现场核实，路灯线路故障，已由养护单位抢修恢复照明。',
  '当事人拒不整改，已依法下达《责令限期改正通知书》，转执法程序办理。',
] as const;

// Reasons a handler returns (退单) a case that is not theirs.
export const RETURN_REASONS = [
  '该井盖权属为燃气公司，不属我单位管养范围，建议转派燃气公司处置。',
  '经现场核实，点位位于相邻街道辖区，建议改派。',
  '该问题属于违法建设，需住建部门及城管执法部门联合认定，本单位无权处置。',
  '问题描述地址不清，现场未找到所述问题，请补充具体位置后重新派遣。',
  '该路段为市管道路，养护责任单位为市级部门，建议上报区中心协调。',
  '涉及小区内部公共区域，属物业管理范围，建议转社区督促物业处理。',
] as const;

// Reasons a dispatcher rejects (作废) a report, by kind.
export const REJECT_REASONS: readonly RejectReasonVocab[] = [
  { kind: 'duplicate', text: '与已立案案件重复，已合并处理，可通过原案件号查询进度。' },
  { kind: 'duplicate', text: '同一问题当日已有多人反映，已并入同一案件办理。' },
  { kind: 'invalid', text: '照片模糊且描述不清，无法确认问题及位置，请补充后重新提交。' },
  { kind: 'invalid', text: '经核实现场无此问题，照片非本路段拍摄。' },
  { kind: 'invalid', text: '上报内容与城市管理无关，不予受理。' },
  { kind: 'out_of_scope', text: '反映的是小区内部物业纠纷，不属于城市管理受理范围，建议联系社区或拨打12345。' },
  { kind: 'out_of_scope', text: '涉及劳动争议，请拨打12345市民服务热线反映。' },
];

// Notes written when verification (核查) fails and the case is dispatched a second time.
export const VERIFY_FAIL_NOTES = [
  '核查时现场垃圾仍未清运完毕，请二次处置。',
  '处置照片角度与上报照片不一致，无法确认整改效果，请补充相同角度照片。',
  '经复核，店外经营问题反弹，请加强巡查并依法处理。',
  '井盖仅做了临时覆盖，未按要求更换，请限期彻底整改。',
  '小广告铲除不彻底，仍有残留痕迹，请继续处理。',
  '回复内容与实际不符，现场问题依旧存在。',
] as const;

// 督办 notes for overdue or repeated cases.
export const SUPERVISE_NOTES = [
  '该案件已超期2天未处置，请责任单位于今日下班前处置完毕并反馈。',
  '同一点位本月第三次被市民反映，请路长现场督办，建立长效管理措施。',
  '请一级路长牵头协调相关部门，于3个工作日内解决。',
  '已发督办函，请严格按处置时限办结，逾期纳入月度考核通报。',
  '市民多次来电催办，请优先处置并电话回访。',
  '案件涉及多个部门，提请区数字化城管指挥中心协调联合处置。',
] as const;

// ---------------------------------------------------------------------------
// Publications (曝光台 / 点赞榜)
// ---------------------------------------------------------------------------

// Sample 曝光台 and 点赞榜 entries (no real people; merchants are anonymised as 某).
export const PUBLICATION_SAMPLES: readonly PublicationSampleVocab[] = [
  {
    kind: 'exposure',
    title: '某餐饮店长期出店经营 屡教不改',
    body: '中山路某餐饮店连续三个月在人行道摆放桌椅经营，经路长多次劝导仍未整改。该店本年度已累计被评为黑旗4次，依规予以曝光。城管执法中队已依法立案查处。',
  },
  {
    kind: 'exposure',
    title: '背街小巷渣土偷倒 影响居民出行',
    body: '市民通过随手拍反映，西马巷巷口夜间被偷倒建筑渣土，占用通道。街道已组织清运，并在巷口加装监控。欢迎市民继续提供线索。',
  },
  {
    kind: 'exposure',
    title: '共享单车乱停放 地铁口通行受阻',
    body: '解放大道地铁站出入口共享单车堆积严重，早高峰行人通行困难。区城管执法局已约谈相关运营企业，要求限期清理并增派运维人员。',
  },
  {
    kind: 'exposure',
    title: '汽修门店占道修车 路面油污遍地',
    body: '青年路某汽修门店在门前人行道上维修车辆，造成路面大面积油污。经责令整改后仍未落实，已依法处罚，并纳入本月黑旗名单。',
  },
  {
    kind: 'praise',
    title: '雪夜清扫 商户自发守护门前路',
    body: '寒潮来袭，柳林路沿街二十余家商户凌晨自发上街铲雪除冰，主动清理门前人行道。他们的行动让“门前三包”落到了实处，本月全部评为红旗。',
  },
  {
    kind: 'praise',
    title: '三级路长每日巡查 老街换新颜',
    body: '青石桥街道一位三级路长每天早晚两次巡查书院路，半年来劝导出店经营一百余次，推动整治乱拉乱挂点位30处。如今书院路整洁有序，居民纷纷点赞。',
  },
  {
    kind: 'praise',
    title: '便利店店主主动报告井盖破损',
    body: '望江路一家便利店店主发现门前污水井盖破损后，立即设置警示并通过随手拍上报。相关单位两小时内完成更换，避免了安全事故。',
  },
  {
    kind: 'praise',
    title: '志愿者清理小广告 还街巷清爽',
    body: '白沙镇南岸社区志愿服务队利用周末清理沿街小广告，累计清理墙面五百余平方米。社区已将他们的做法推广到辖区各条背街小巷。',
  },
];
