import type { Random } from './random';
import type { PhoneRegion } from './phones';

/** Province → cities, with the sales region (大区) a Chinese sales team would use. */
const CN_PROVINCES: ReadonlyArray<{ province: string; area: string; cities: readonly string[] }> = [
  { province: '北京市', area: '华北', cities: ['北京市'] },
  { province: '天津市', area: '华北', cities: ['天津市'] },
  { province: '河北省', area: '华北', cities: ['石家庄市', '唐山市', '保定市'] },
  { province: '上海市', area: '华东', cities: ['上海市'] },
  { province: '江苏省', area: '华东', cities: ['南京市', '苏州市', '无锡市', '常州市'] },
  { province: '浙江省', area: '华东', cities: ['杭州市', '宁波市', '温州市', '绍兴市'] },
  { province: '山东省', area: '华东', cities: ['济南市', '青岛市', '烟台市'] },
  { province: '福建省', area: '华东', cities: ['福州市', '厦门市', '泉州市'] },
  { province: '安徽省', area: '华东', cities: ['合肥市', '芜湖市'] },
  { province: '广东省', area: '华南', cities: ['广州市', '深圳市', '东莞市', '佛山市', '珠海市'] },
  { province: '广西壮族自治区', area: '华南', cities: ['南宁市', '桂林市'] },
  { province: '海南省', area: '华南', cities: ['海口市', '三亚市'] },
  { province: '湖北省', area: '华中', cities: ['武汉市', '宜昌市'] },
  { province: '湖南省', area: '华中', cities: ['长沙市', '株洲市'] },
  { province: '河南省', area: '华中', cities: ['郑州市', '洛阳市'] },
  { province: '四川省', area: '西南', cities: ['成都市', '绵阳市'] },
  { province: '重庆市', area: '西南', cities: ['重庆市'] },
  { province: '云南省', area: '西南', cities: ['昆明市', '大理市'] },
  { province: '陕西省', area: '西北', cities: ['西安市', '宝鸡市'] },
  { province: '辽宁省', area: '东北', cities: ['沈阳市', '大连市'] },
  { province: '黑龙江省', area: '东北', cities: ['哈尔滨市'] },
];
const CN_DISTRICTS = ['高新区', '经济技术开发区', '朝阳区', '海淀区', '浦东新区', '南山区', '天河区', '西湖区', '工业园区', '滨江区', '武侯区', '江北区'];
const CN_ROADS = ['人民路', '中山路', '解放路', '建设路', '科技路', '创业大道', '学院路', '长江路', '黄河路', '世纪大道', '滨海大道', '金融街'];

const INTERNATIONAL: Record<Exclude<PhoneRegion, 'CN'>, { country: string; cities: ReadonlyArray<readonly [string, string]>; streets: readonly string[] }> = {
  US: { country: 'United States', cities: [['New York', 'NY'], ['San Francisco', 'CA'], ['Seattle', 'WA'], ['Austin', 'TX'], ['Boston', 'MA'], ['Chicago', 'IL']], streets: ['Main St', 'Market St', 'Broadway', 'Oak Ave', 'Pine St', 'Mission St'] },
  GB: { country: 'United Kingdom', cities: [['London', 'England'], ['Manchester', 'England'], ['Edinburgh', 'Scotland'], ['Birmingham', 'England']], streets: ['High Street', 'King Street', 'Station Road', 'Church Lane', 'Victoria Road'] },
  SG: { country: 'Singapore', cities: [['Singapore', 'Central'], ['Singapore', 'Jurong'], ['Singapore', 'Tampines']], streets: ['Orchard Road', 'Raffles Place', 'Anson Road', 'Jurong East Street', 'Tampines Avenue'] },
  HK: { country: '香港', cities: [['香港', '中西區'], ['香港', '灣仔區'], ['九龍', '油尖旺區'], ['新界', '沙田區']], streets: ['皇后大道中', '德輔道中', '軒尼詩道', '彌敦道', '告士打道'] },
  TW: { country: '台灣', cities: [['台北市', '信義區'], ['台北市', '大安區'], ['新北市', '板橋區'], ['台中市', '西屯區'], ['高雄市', '前鎮區']], streets: ['忠孝東路', '信義路', '仁愛路', '中山北路', '民生東路'] },
};

export interface Address {
  country: string;
  /** Province or state. */
  province: string;
  city: string;
  line1: string;
  postalCode: string;
  /** Sales area: 华东, 华南 … for the mainland; the country elsewhere. */
  area: string;
}

export function address(rng: Random, region: PhoneRegion): Address {
  if (region === 'CN') {
    const p = rng.pick(CN_PROVINCES);
    const city = rng.pick(p.cities);
    const line1 = `${rng.pick(CN_DISTRICTS)}${rng.pick(CN_ROADS)}${rng.int(1, 999)}号${rng.chance(0.5) ? `${rng.int(1, 30)}楼${rng.int(1, 20)}${String(rng.int(1, 30)).padStart(2, '0')}室` : ''}`;
    return { country: '中国', province: p.province, city, line1, postalCode: rng.digits(6), area: p.area };
  }
  const m = INTERNATIONAL[region];
  const [city, province] = rng.pick(m.cities);
  const street = rng.pick(m.streets);
  const number = rng.int(1, 500);
  const line1 = region === 'HK' || region === 'TW' ? `${street}${number}號` : `${number} ${street}`;
  const postalCode = region === 'US' ? rng.digits(5) : region === 'GB' ? `${rng.pick(['EC', 'SW', 'M', 'EH', 'B'])}${rng.int(1, 20)} ${rng.int(1, 9)}${rng.pick(['AB', 'XY', 'QT', 'LN'])}` : region === 'SG' ? rng.digits(6) : region === 'TW' ? rng.digits(3) : '';
  return { country: m.country, province, city, line1, postalCode, area: m.country };
}
