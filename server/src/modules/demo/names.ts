/**
 * Names for the demo district. The streets, communities and villages named in the Zhoukou Daily seed pages
 * come first; the rest are generated from common community names so the district reaches a realistic size.
 */
export const DEMO_DISTRICT = { code: '411602', name: '川汇区', nameEn: 'Chuanhui District' };

/** The eight streets, each with the communities the seed articles place there. */
export const DEMO_STREETS: {
  name: string;
  nameEn: string;
  communities: { name: string; kind: 'community' | 'village' }[];
}[] = [
  { name: '七一路街道', nameEn: 'Qiyilu Street', communities: [{ name: '富民社区', kind: 'community' }] },
  { name: '城北街道', nameEn: 'Chengbei Street', communities: [{ name: '高庄社区', kind: 'community' }] },
  { name: '人和街街道', nameEn: 'Renhejie Street', communities: [{ name: '史滩社区', kind: 'community' }] },
  {
    name: '陈州回族街道',
    nameEn: 'Chenzhou Hui Street',
    communities: [
      { name: '六一社区', kind: 'community' },
      { name: '纺电社区', kind: 'community' },
    ],
  },
  { name: '小桥街道', nameEn: 'Xiaoqiao Street', communities: [{ name: '前王营社区', kind: 'community' }] },
  { name: '荷花路街道', nameEn: 'Hehualu Street', communities: [] },
  { name: '城南街道', nameEn: 'Chengnan Street', communities: [{ name: '邵寨村', kind: 'village' }] },
  {
    name: '搬口街道',
    nameEn: 'Bankou Street',
    communities: [
      { name: '王响午村', kind: 'village' },
      { name: '刘方平村', kind: 'village' },
    ],
  },
];

/** Common community names used to fill each street after the named ones. */
export const COMMUNITY_NAMES = [
  '建设',
  '光明',
  '和平',
  '新华',
  '文昌',
  '育新',
  '太昊',
  '交通',
  '五一',
  '大庆',
  '文明',
  '民主',
  '复兴',
  '胜利',
  '春晖',
  '汇丰',
  '沙南',
  '颍河',
  '周口',
  '新民',
  '朝阳',
  '金海',
  '安居',
  '长青',
  '迎宾',
  '东风',
  '解放',
  '滨河',
  '幸福',
  '利民',
  '康乐',
  '兴隆',
  '红旗',
  '西华',
  '东新',
  '南关',
  '北关',
  '花园',
  '荷花',
  '莲花',
  '丰收',
  '友谊',
  '联合',
  '工农',
  '团结',
  '振兴',
  '龙湖',
  '泰山',
  '黄河',
  '淮阳',
  '港口',
  '明珠',
  '中州',
  '新城',
  '平安',
  '锦绣',
];

/** Surnames and given-name characters for synthetic residents (no real person is named). */
export const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
export const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国玉兰志强春梅海燕红梅金凤';
