/** Problem taxonomy from CJ/T 214-2007 / GB/T 30428.2-2013 (数字化城管 部件/事件 分类). Data, not code: loaded into the categories table by the seed; admins edit it afterwards. */
export type CategoryFace = 'ground' | 'facade' | 'roof'; // 地面 / 立面 / 屋面
export interface CategorySeed {
  code: string;            // standard code: 大类 two digits prefixed by kind, e.g. 部件 大类 '01' -> 'B01', 小类 '0101' -> 'B0101'; 事件 'S01', 'S0101'
  name: string;            // Chinese name exactly as the standard names it, e.g. '上水井盖'
  face: CategoryFace | null; // the 三面 it belongs to where it fits; null if none fits
  timeLimitHours: number;  // handling time limit in working hours
  timeLimitSource: 'standard' | 'default'; // 'standard' only where an actual published limit was found; otherwise 'default' (an admin can change it)
  keywords?: string[];     // a few everyday words a citizen would type
  common?: number;         // rank 1..12 for the dozen problems citizens report most via 随手拍; omitted for others
}
export interface CategoryGroup {
  kind: 'component' | 'event'; // 部件 / 事件
  code: string;  // 'B01' or 'S01'
  name: string;  // 大类 name, e.g. '公用设施'
  children: CategorySeed[];
}

/*
 * Provenance notes (for whoever edits this later):
 * - 部件 小类 codes/names: the CJ/T 214-2007 list (6 大类, 85 小类) as carried by deployed 数字城管 systems, e.g. a
 *   code table "BJ0101=上水井盖 … BJ0606" and an Oracle seed of 部件名称 in standard order. B0311 噪声显示屏 and
 *   B0605 港监设施 come from the ordered seed only (the code table skips them); B0606 is '防汛墙' in one source and
 *   '防洪墙' in another. 07 扩展部件 is left out: the standard leaves its content to each city.
 * - 事件 小类: in the standard order as used by deployed systems (a 市容环境/宣传广告/施工管理/突发事件/街面秩序 list
 *   with ordinal codes); 01–06 agree with 济源市《数字化城市管理城市事件信息采集、立案、处置与结案标准》. The xx99
 *   「其他…问题」 catch-alls are the convention those systems use, not confirmed in the standard text.
 * - Time limits: 'standard' = 济源市 事件 立案、处置与结案标准 (converted at 8 working hours per 工作日);
 *   everything else is a default in the usual 0.5/1/2/4/8/24/48/120 working-hour tiers.
 */
export const CATEGORY_TREE: CategoryGroup[] = [
  // ───────────────────────────── 部件 ─────────────────────────────
  {
    kind: 'component', code: 'B01', name: '公用设施',
    children: [
      { code: 'B0101', name: '上水井盖', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['井盖', '自来水井盖', '窨井'] },
      { code: 'B0102', name: '污水井盖', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['井盖', '井盖丢了', '井盖破损', '窨井', '下水井盖'], common: 6 },
      { code: 'B0103', name: '雨水井盖', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['井盖', '雨水井', '窨井'] },
      { code: 'B0104', name: '雨水箅子', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['雨水篦子', '雨篦子', '排水口', '雨水口'] },
      { code: 'B0105', name: '电力井盖', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['井盖', '电井'] },
      { code: 'B0106', name: '路灯井盖', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['井盖', '路灯井'] },
      { code: 'B0107', name: '通讯井盖', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['井盖', '电信井盖', '通信井盖'] },
      { code: 'B0108', name: '电视井盖', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['井盖', '有线电视井盖'] },
      { code: 'B0109', name: '网络井盖', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['井盖', '光缆井盖'] },
      { code: 'B0110', name: '热力井盖', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['井盖', '暖气井盖', '供热井盖'] },
      { code: 'B0111', name: '燃气井盖', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['井盖', '煤气井盖', '天然气井盖'] },
      { code: 'B0112', name: '公安井盖', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['井盖'] },
      { code: 'B0113', name: '消防设施', face: 'ground', timeLimitHours: 8, timeLimitSource: 'default', keywords: ['消防栓', '消火栓', '消防井盖'] },
      { code: 'B0114', name: '无主井盖', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['井盖', '不知道谁家的井盖', '窨井'] },
      { code: 'B0115', name: '通讯交接箱', face: 'ground', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['电信箱', '交接箱', '通信箱'] },
      { code: 'B0116', name: '电力设施', face: 'ground', timeLimitHours: 8, timeLimitSource: 'default', keywords: ['电箱', '配电箱', '电线杆'] },
      { code: 'B0117', name: '立杆', face: 'ground', timeLimitHours: 24, timeLimitSource: 'default', keywords: ['电线杆', '杆子歪了', '杆子'] },
      { code: 'B0118', name: '路灯', face: 'ground', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['路灯不亮', '路灯坏了', '灯杆'], common: 10 },
      { code: 'B0119', name: '地灯', face: 'ground', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['地灯不亮', '地埋灯'] },
      { code: 'B0120', name: '景观灯', face: 'ground', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['景观灯不亮', '亮化灯'] },
      { code: 'B0121', name: '报刊亭', face: 'ground', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['报亭', '书报亭'] },
      { code: 'B0122', name: '电话亭', face: 'ground', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['公用电话'] },
      { code: 'B0123', name: '邮筒', face: 'ground', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['信筒', '邮箱'] },
      { code: 'B0124', name: '信息亭', face: 'ground', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['信息屏', '查询机'] },
      { code: 'B0125', name: '自动售货机', face: 'ground', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['售货机'] },
      { code: 'B0126', name: '健身设施', face: 'ground', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['健身器材', '健身器材坏了'] },
      { code: 'B0127', name: '中水井盖', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['井盖', '再生水井盖'] },
      { code: 'B0128', name: '公交井盖', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['井盖'] },
      { code: 'B0129', name: '输油（气）井盖', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['井盖', '输油井盖'] },
      { code: 'B0130', name: '特殊井盖', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['井盖'] },
      { code: 'B0131', name: '民用水井', face: 'ground', timeLimitHours: 24, timeLimitSource: 'default', keywords: ['水井', '井口'] },
      { code: 'B0132', name: '供水器', face: 'ground', timeLimitHours: 24, timeLimitSource: 'default', keywords: ['取水点', '水龙头'] },
      { code: 'B0133', name: '高压线铁塔', face: null, timeLimitHours: 24, timeLimitSource: 'default', keywords: ['铁塔', '高压塔'] },
      { code: 'B0134', name: '变压器（箱）', face: 'ground', timeLimitHours: 8, timeLimitSource: 'default', keywords: ['变压器', '箱变', '变电箱'] },
      { code: 'B0135', name: '燃气调压站（箱）', face: 'ground', timeLimitHours: 8, timeLimitSource: 'default', keywords: ['调压箱', '燃气箱'] },
      { code: 'B0136', name: '监控电子眼', face: 'ground', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['摄像头', '监控'] },
      { code: 'B0137', name: '售货亭', face: 'ground', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['岗亭', '小卖部亭子'] },
      { code: 'B0138', name: '治安岗亭', face: 'ground', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['警务亭', '岗亭'] },
    ],
  },
  {
    kind: 'component', code: 'B02', name: '道路交通',
    children: [
      { code: 'B0201', name: '停车场', face: 'ground', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['停车场', '停车位'] },
      { code: 'B0202', name: '停车咪表', face: 'ground', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['咪表', '停车收费桩'] },
      { code: 'B0203', name: '公交站亭', face: 'ground', timeLimitHours: 24, timeLimitSource: 'default', keywords: ['公交站', '候车亭', '站台'] },
      { code: 'B0204', name: '出租车站牌', face: 'ground', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['出租车站', '打车点'] },
      { code: 'B0205', name: '过街天桥', face: 'ground', timeLimitHours: 24, timeLimitSource: 'default', keywords: ['天桥', '人行天桥'] },
      { code: 'B0206', name: '地下通道', face: 'ground', timeLimitHours: 24, timeLimitSource: 'default', keywords: ['地道', '人行地道'] },
      { code: 'B0207', name: '高架立交桥', face: 'ground', timeLimitHours: 24, timeLimitSource: 'default', keywords: ['高架', '立交桥'] },
      { code: 'B0208', name: '跨河桥', face: 'ground', timeLimitHours: 24, timeLimitSource: 'default', keywords: ['桥', '桥梁'] },
      { code: 'B0209', name: '交通标志牌', face: 'ground', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['交通牌', '指示牌', '标志牌'] },
      { code: 'B0210', name: '交通信号灯', face: 'ground', timeLimitHours: 4, timeLimitSource: 'default', keywords: ['红绿灯', '信号灯不亮'] },
      { code: 'B0211', name: '交通护栏', face: 'ground', timeLimitHours: 24, timeLimitSource: 'default', keywords: ['护栏', '隔离栏', '栏杆'] },
      { code: 'B0212', name: '存车支架', face: 'ground', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['自行车架', '停车架'] },
      { code: 'B0213', name: '路名牌', face: 'ground', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['路牌', '街牌', '地名牌'] },
      { code: 'B0214', name: '交通信号设施', face: 'ground', timeLimitHours: 24, timeLimitSource: 'default', keywords: ['信号控制箱', '交通设施'] },
      { code: 'B0215', name: '道路信息显示屏', face: 'ground', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['诱导屏', '显示屏'] },
      { code: 'B0216', name: '道路隔音屏', face: 'ground', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['隔音墙', '声屏障'] },
      { code: 'B0217', name: '交通岗亭', face: 'ground', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['交警岗亭', '岗亭'] },
    ],
  },
  {
    kind: 'component', code: 'B03', name: '市容环境',
    children: [
      { code: 'B0301', name: '公共厕所', face: 'ground', timeLimitHours: 8, timeLimitSource: 'default', keywords: ['公厕', '厕所', '卫生间'] },
      { code: 'B0302', name: '化粪池', face: 'ground', timeLimitHours: 8, timeLimitSource: 'default', keywords: ['化粪池满了', '粪水外溢'] },
      { code: 'B0303', name: '公厕指示牌', face: 'ground', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['厕所指示牌'] },
      { code: 'B0304', name: '垃圾间（楼）', face: 'ground', timeLimitHours: 24, timeLimitSource: 'default', keywords: ['垃圾房', '垃圾站', '垃圾中转站'] },
      { code: 'B0305', name: '垃圾箱', face: 'ground', timeLimitHours: 24, timeLimitSource: 'default', keywords: ['垃圾桶', '果皮箱', '垃圾桶坏了'] },
      { code: 'B0306', name: '灯箱霓虹灯', face: 'facade', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['灯箱', '霓虹灯', '招牌灯'] },
      { code: 'B0307', name: '广告牌匾', face: 'facade', timeLimitHours: 24, timeLimitSource: 'default', keywords: ['招牌', '店招', '广告牌', '牌匾'] },
      { code: 'B0308', name: '环保监测站', face: null, timeLimitHours: 120, timeLimitSource: 'default', keywords: ['空气监测站'] },
      { code: 'B0309', name: '气象监测站', face: null, timeLimitHours: 120, timeLimitSource: 'default', keywords: ['气象站'] },
      { code: 'B0310', name: '污水口监测站', face: null, timeLimitHours: 120, timeLimitSource: 'default', keywords: ['排污口监测'] },
      { code: 'B0311', name: '噪声显示屏', face: 'ground', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['噪音显示屏', '分贝屏'] },
    ],
  },
  {
    kind: 'component', code: 'B04', name: '园林绿化',
    children: [
      { code: 'B0401', name: '古树名木', face: 'ground', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['古树', '老树'] },
      { code: 'B0402', name: '行道树', face: 'ground', timeLimitHours: 24, timeLimitSource: 'default', keywords: ['树倒了', '树枝断了', '行道树'] },
      { code: 'B0403', name: '护树设施', face: 'ground', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['树池', '树池箅子', '护树架'] },
      { code: 'B0404', name: '花架花钵', face: 'ground', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['花箱', '花盆', '花钵'] },
      { code: 'B0405', name: '绿地', face: 'ground', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['草坪', '绿化带', '黄土裸露'] },
      { code: 'B0406', name: '雕塑', face: 'ground', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['城市雕塑', '景观小品'] },
      { code: 'B0407', name: '街头坐椅', face: 'ground', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['座椅', '长椅', '椅子坏了'] },
      { code: 'B0408', name: '绿地护栏', face: 'ground', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['绿化护栏', '草坪栏杆'] },
      { code: 'B0409', name: '绿地维护设施', face: 'ground', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['喷灌', '绿化设施'] },
      { code: 'B0410', name: '喷泉', face: 'ground', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['水景', '喷水池'] },
    ],
  },
  {
    kind: 'component', code: 'B05', name: '房屋土地',
    children: [
      { code: 'B0501', name: '宣传栏', face: 'facade', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['公告栏', '宣传橱窗', '公示栏'] },
      { code: 'B0502', name: '人防工事', face: null, timeLimitHours: 120, timeLimitSource: 'default', keywords: ['防空洞', '人防'] },
      { code: 'B0503', name: '公房地下室', face: null, timeLimitHours: 120, timeLimitSource: 'default', keywords: ['地下室'] },
    ],
  },
  {
    kind: 'component', code: 'B06', name: '其他设施',
    children: [
      { code: 'B0601', name: '重大危险源', face: null, timeLimitHours: 2, timeLimitSource: 'default', keywords: ['危险品', '安全隐患'] },
      { code: 'B0602', name: '工地', face: 'ground', timeLimitHours: 24, timeLimitSource: 'default', keywords: ['工地', '施工现场'] },
      { code: 'B0603', name: '水域附属设施', face: null, timeLimitHours: 48, timeLimitSource: 'default', keywords: ['河道设施', '码头'] },
      { code: 'B0604', name: '水域护栏', face: null, timeLimitHours: 24, timeLimitSource: 'default', keywords: ['河边栏杆', '河道护栏'] },
      { code: 'B0605', name: '港监设施', face: null, timeLimitHours: 120, timeLimitSource: 'default', keywords: ['航标', '港口设施'] },
      { code: 'B0606', name: '防汛墙', face: null, timeLimitHours: 24, timeLimitSource: 'default', keywords: ['防洪墙', '河堤'] },
    ],
  },

  // ───────────────────────────── 事件 ─────────────────────────────
  {
    kind: 'event', code: 'S01', name: '市容环境',
    children: [
      { code: 'S0101', name: '私搭乱建', face: 'roof', timeLimitHours: 120, timeLimitSource: 'standard', keywords: ['违建', '违章建筑', '违法建设', '楼顶加盖', '搭棚子'], common: 11 },
      { code: 'S0102', name: '暴露垃圾', face: 'ground', timeLimitHours: 8, timeLimitSource: 'standard', keywords: ['垃圾', '乱扔垃圾', '路边垃圾', '垃圾没人清'], common: 1 },
      { code: 'S0103', name: '积存垃圾渣土', face: 'ground', timeLimitHours: 32, timeLimitSource: 'standard', keywords: ['建筑垃圾', '渣土', '垃圾堆', '装修垃圾'], common: 8 },
      { code: 'S0104', name: '道路不洁', face: 'ground', timeLimitHours: 5, timeLimitSource: 'standard', keywords: ['路面脏', '马路脏', '油污', '保洁不到位'] },
      { code: 'S0105', name: '水域不洁', face: null, timeLimitHours: 120, timeLimitSource: 'standard', keywords: ['河道垃圾', '水面漂浮物', '河水脏'] },
      { code: 'S0106', name: '绿地脏乱', face: 'ground', timeLimitHours: 4, timeLimitSource: 'default', keywords: ['绿化带垃圾', '草坪垃圾', '绿地垃圾'], common: 9 },
      { code: 'S0107', name: '废弃车辆', face: 'ground', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['僵尸车', '废旧车辆', '破自行车'] },
      { code: 'S0108', name: '废弃家具设备', face: 'ground', timeLimitHours: 24, timeLimitSource: 'default', keywords: ['旧沙发', '旧家具', '大件垃圾'] },
      { code: 'S0109', name: '非装饰性树挂', face: 'ground', timeLimitHours: 8, timeLimitSource: 'default', keywords: ['树上挂东西', '树上塑料袋', '树上晾衣'] },
      { code: 'S0110', name: '道路破损', face: 'ground', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['坑洼', '路坏了', '人行道砖松动', '路面坑'], common: 5 },
      { code: 'S0111', name: '河堤破损', face: null, timeLimitHours: 120, timeLimitSource: 'default', keywords: ['河堤', '护岸破损'] },
      { code: 'S0112', name: '道路遗撒', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['撒漏', '渣土车撒', '路上洒了'] },
      { code: 'S0113', name: '建筑物外立面不洁', face: 'facade', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['墙面脏', '外墙脏', '墙皮脱落', '乱涂乱画'] },
      { code: 'S0114', name: '水域秩序问题', face: null, timeLimitHours: 4, timeLimitSource: 'default', keywords: ['河里游泳', '河边钓鱼', '电鱼'] },
      { code: 'S0115', name: '焚烧垃圾、树叶', face: 'ground', timeLimitHours: 1, timeLimitSource: 'default', keywords: ['烧垃圾', '烧树叶', '冒烟'] },
      { code: 'S0116', name: '油烟污染', face: 'facade', timeLimitHours: 48, timeLimitSource: 'default', keywords: ['油烟', '饭店油烟', '排烟'] },
      { code: 'S0117', name: '动物尸体清理', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['死猫', '死狗', '动物尸体'] },
      { code: 'S0118', name: '擅自饲养家禽家畜', face: null, timeLimitHours: 120, timeLimitSource: 'default', keywords: ['养鸡', '养鸭', '养猪'] },
      { code: 'S0199', name: '其他市容环境问题', face: null, timeLimitHours: 24, timeLimitSource: 'default', keywords: ['环境问题', '脏乱差'] },
    ],
  },
  {
    kind: 'event', code: 'S02', name: '宣传广告',
    children: [
      { code: 'S0201', name: '非法小广告', face: 'facade', timeLimitHours: 8, timeLimitSource: 'default', keywords: ['小广告', '牛皮癣', '乱贴', '喷涂广告'], common: 4 },
      { code: 'S0202', name: '违章张贴悬挂广告牌匾', face: 'facade', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['违规招牌', '违规广告牌', '楼顶广告', '横幅'] },
      { code: 'S0203', name: '占道广告牌', face: 'ground', timeLimitHours: 24, timeLimitSource: 'default', keywords: ['立牌', '路边广告牌', '易拉宝'] },
      { code: 'S0204', name: '街头散发广告', face: 'ground', timeLimitHours: 1, timeLimitSource: 'default', keywords: ['发传单', '散发传单', '发卡片'] },
      { code: 'S0205', name: '广告招牌破损', face: 'facade', timeLimitHours: 8, timeLimitSource: 'default', keywords: ['招牌坏了', '招牌要掉', '广告牌破损'] },
    ],
  },
  {
    kind: 'event', code: 'S03', name: '施工管理',
    children: [
      { code: 'S0301', name: '施工扰民', face: null, timeLimitHours: 2, timeLimitSource: 'default', keywords: ['施工噪音', '夜间施工'] },
      { code: 'S0302', name: '工地扬尘', face: 'ground', timeLimitHours: 4, timeLimitSource: 'default', keywords: ['扬尘', '灰尘大', '未覆盖'] },
      { code: 'S0303', name: '施工废弃料', face: 'ground', timeLimitHours: 24, timeLimitSource: 'default', keywords: ['建筑废料', '施工垃圾'] },
      { code: 'S0304', name: '施工占道', face: 'ground', timeLimitHours: 8, timeLimitSource: 'default', keywords: ['施工围挡占路', '占路施工'] },
      { code: 'S0305', name: '无证掘路', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['挖路', '开挖道路', '私自挖路'] },
      { code: 'S0399', name: '其他施工管理问题', face: null, timeLimitHours: 24, timeLimitSource: 'default', keywords: ['施工问题'] },
    ],
  },
  {
    kind: 'event', code: 'S04', name: '突发事件',
    children: [
      { code: 'S0401', name: '路面塌陷', face: 'ground', timeLimitHours: 1, timeLimitSource: 'default', keywords: ['塌陷', '路塌了', '地陷'] },
      { code: 'S0402', name: '自来水管破裂', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['水管爆了', '漏水', '冒水'] },
      { code: 'S0403', name: '燃气管道破裂', face: 'ground', timeLimitHours: 0.5, timeLimitSource: 'default', keywords: ['燃气泄漏', '煤气味', '漏气'] },
      { code: 'S0404', name: '下水道堵塞或破损', face: 'ground', timeLimitHours: 4, timeLimitSource: 'default', keywords: ['下水道堵了', '污水冒出', '返水'] },
      { code: 'S0405', name: '热力管道破裂', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['暖气管爆了', '冒热气'] },
      { code: 'S0406', name: '道路积水', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['积水', '路面积水', '内涝'] },
      { code: 'S0407', name: '道路积雪结冰', face: 'ground', timeLimitHours: 8, timeLimitSource: 'default', keywords: ['积雪', '结冰', '路滑'] },
      { code: 'S0408', name: '架空线缆损坏', face: null, timeLimitHours: 4, timeLimitSource: 'default', keywords: ['电线垂下', '线缆脱落', '飞线'] },
      { code: 'S0409', name: '群发性事件', face: null, timeLimitHours: 0.5, timeLimitSource: 'default', keywords: ['聚集', '围堵'] },
      { code: 'S0499', name: '其他突发事件', face: null, timeLimitHours: 2, timeLimitSource: 'default', keywords: ['紧急情况', '险情'] },
    ],
  },
  {
    kind: 'event', code: 'S05', name: '街面秩序',
    children: [
      { code: 'S0501', name: '无照经营游商', face: 'ground', timeLimitHours: 1, timeLimitSource: 'default', keywords: ['占道经营', '摆摊', '流动摊贩', '小摊'] },
      { code: 'S0502', name: '流浪乞讨', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['乞讨', '流浪人员'] },
      { code: 'S0503', name: '占道废品收购', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['收废品', '废品站占道'] },
      { code: 'S0504', name: '店外经营', face: 'facade', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['出店经营', '占道经营', '门口摆货', '外摆'], common: 3 },
      { code: 'S0505', name: '机动车乱停放', face: 'ground', timeLimitHours: 1, timeLimitSource: 'default', keywords: ['违章停车', '乱停车', '占用人行道停车'] },
      { code: 'S0506', name: '非机动车乱停放', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['共享单车乱停', '电动车乱停', '单车堆放'], common: 7 },
      { code: 'S0507', name: '乱堆物堆料', face: 'ground', timeLimitHours: 4, timeLimitSource: 'default', keywords: ['乱堆乱放', '堆放杂物', '占道堆物'], common: 2 },
      { code: 'S0508', name: '商业噪音', face: null, timeLimitHours: 2, timeLimitSource: 'default', keywords: ['喇叭叫卖', '音响扰民', '噪音'] },
      { code: 'S0509', name: '黑车拉客', face: 'ground', timeLimitHours: 1, timeLimitSource: 'default', keywords: ['黑车', '拉客'] },
      { code: 'S0510', name: '露天烧烤', face: 'ground', timeLimitHours: 1, timeLimitSource: 'default', keywords: ['烧烤', '路边烧烤', '烧烤摊'] },
      { code: 'S0511', name: '沿街晾挂', face: 'facade', timeLimitHours: 4, timeLimitSource: 'default', keywords: ['乱拉乱挂', '晾衣服', '乱挂横幅', '拉绳晾晒'], common: 12 },
      { code: 'S0512', name: '非法出版物销售', face: 'ground', timeLimitHours: 2, timeLimitSource: 'default', keywords: ['盗版书', '卖光盘'] },
      { code: 'S0513', name: '空调室外机低挂', face: 'facade', timeLimitHours: 120, timeLimitSource: 'default', keywords: ['空调外机', '空调滴水', '外机太低'] },
      { code: 'S0599', name: '其他街面秩序问题', face: null, timeLimitHours: 8, timeLimitSource: 'default', keywords: ['秩序问题'] },
    ],
  },
];

export const CATEGORY_TREE_SOURCE =
  '部件 and 事件 大类/小类 follow CJ/T 214-2007 (superseded by GB/T 30428.2-2013) as carried by deployed 数字城管 systems, with local 扩展 classes omitted; time limits marked standard come from the 济源市 数字化城市管理城市事件立案、处置与结案标准 (1 工作日 = 8 working hours), all others are defaults in 0.5–120 working-hour tiers for admins to adjust.';
