import { weightedTable, type Random } from './random';

/** Chinese surnames with pinyin, weighted roughly by how common they are. */
const CN_SURNAMES = weightedTable<readonly [string, string]>([
  [['王', 'wang'], 72], [['李', 'li'], 72], [['张', 'zhang'], 68], [['刘', 'liu'], 52], [['陈', 'chen'], 45],
  [['杨', 'yang'], 32], [['黄', 'huang'], 24], [['赵', 'zhao'], 20], [['吴', 'wu'], 20], [['周', 'zhou'], 19],
  [['徐', 'xu'], 14], [['孙', 'sun'], 13], [['马', 'ma'], 12], [['朱', 'zhu'], 12], [['胡', 'hu'], 11],
  [['郭', 'guo'], 11], [['何', 'he'], 10], [['高', 'gao'], 10], [['林', 'lin'], 10], [['罗', 'luo'], 9],
  [['郑', 'zheng'], 9], [['梁', 'liang'], 9], [['谢', 'xie'], 7], [['宋', 'song'], 7], [['唐', 'tang'], 7],
  [['许', 'xu'], 6], [['韩', 'han'], 6], [['冯', 'feng'], 6], [['邓', 'deng'], 6], [['曹', 'cao'], 6],
  [['彭', 'peng'], 5], [['曾', 'zeng'], 5], [['肖', 'xiao'], 5], [['田', 'tian'], 5], [['董', 'dong'], 5],
  [['袁', 'yuan'], 4], [['潘', 'pan'], 4], [['于', 'yu'], 4], [['蒋', 'jiang'], 4], [['蔡', 'cai'], 4],
  [['余', 'yu'], 4], [['杜', 'du'], 4], [['叶', 'ye'], 4], [['程', 'cheng'], 4], [['苏', 'su'], 4],
  [['魏', 'wei'], 3], [['吕', 'lv'], 3], [['丁', 'ding'], 3], [['任', 'ren'], 3], [['沈', 'shen'], 3],
  [['姚', 'yao'], 3], [['卢', 'lu'], 3], [['姜', 'jiang'], 3], [['崔', 'cui'], 3], [['钟', 'zhong'], 3],
  [['谭', 'tan'], 3], [['陆', 'lu'], 3], [['汪', 'wang'], 3], [['范', 'fan'], 3], [['金', 'jin'], 3],
  [['石', 'shi'], 2], [['廖', 'liao'], 2], [['贾', 'jia'], 2], [['夏', 'xia'], 2], [['韦', 'wei'], 2],
  [['方', 'fang'], 2], [['白', 'bai'], 2], [['邹', 'zou'], 2], [['孟', 'meng'], 2], [['熊', 'xiong'], 2],
  [['秦', 'qin'], 2], [['邱', 'qiu'], 2], [['江', 'jiang'], 2], [['尹', 'yin'], 2], [['薛', 'xue'], 2],
  [['段', 'duan'], 2], [['雷', 'lei'], 2], [['侯', 'hou'], 2], [['龙', 'long'], 2], [['史', 'shi'], 2],
  [['陶', 'tao'], 1], [['黎', 'li'], 1], [['贺', 'he'], 1], [['顾', 'gu'], 1], [['毛', 'mao'], 1],
  [['郝', 'hao'], 1], [['龚', 'gong'], 1], [['邵', 'shao'], 1], [['万', 'wan'], 1], [['钱', 'qian'], 1],
  [['严', 'yan'], 1], [['戴', 'dai'], 1], [['莫', 'mo'], 1], [['孔', 'kong'], 1], [['汤', 'tang'], 1],
]);

/** Two-character (compound) surnames: rare, but a name search must handle them. */
const CN_COMPOUND_SURNAMES: ReadonlyArray<readonly [string, string]> = [
  ['欧阳', 'ouyang'], ['司马', 'sima'], ['上官', 'shangguan'], ['诸葛', 'zhuge'], ['东方', 'dongfang'],
  ['皇甫', 'huangfu'], ['尉迟', 'yuchi'], ['公孙', 'gongsun'], ['慕容', 'murong'], ['令狐', 'linghu'],
  ['司徒', 'situ'], ['夏侯', 'xiahou'], ['端木', 'duanmu'], ['长孙', 'zhangsun'],
];

/** Characters used in given names, with pinyin. */
const CN_GIVEN: ReadonlyArray<readonly [string, string]> = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'],
  ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'], ['杰', 'jie'], ['娟', 'juan'],
  ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'], ['英', 'ying'],
  ['华', 'hua'], ['建', 'jian'], ['国', 'guo'], ['文', 'wen'], ['辉', 'hui'], ['鹏', 'peng'], ['宇', 'yu'],
  ['浩', 'hao'], ['欣', 'xin'], ['怡', 'yi'], ['婷', 'ting'], ['雪', 'xue'], ['琳', 'lin'], ['晨', 'chen'],
  ['思', 'si'], ['佳', 'jia'], ['嘉', 'jia'], ['子', 'zi'], ['轩', 'xuan'], ['涵', 'han'], ['梓', 'zi'],
  ['博', 'bo'], ['志', 'zhi'], ['海', 'hai'], ['波', 'bo'], ['云', 'yun'], ['飞', 'fei'], ['雨', 'yu'],
  ['晓', 'xiao'], ['玉', 'yu'], ['红', 'hong'], ['兰', 'lan'], ['凤', 'feng'], ['秀', 'xiu'], ['春', 'chun'],
  ['德', 'de'], ['成', 'cheng'], ['龙', 'long'], ['天', 'tian'], ['俊', 'jun'], ['凯', 'kai'], ['瑞', 'rui'],
  ['诗', 'shi'], ['梦', 'meng'], ['雅', 'ya'], ['安', 'an'], ['宁', 'ning'], ['昊', 'hao'], ['泽', 'ze'],
];

/** Simplified → traditional forms of the characters above that differ, for Taiwan and Hong Kong. */
const TRADITIONAL: Record<string, string> = {
  刘: '劉', 陈: '陳', 杨: '楊', 黄: '黃', 赵: '趙', 吴: '吳', 孙: '孫', 马: '馬', 罗: '羅',
  郑: '鄭', 谢: '謝', 许: '許', 韩: '韓', 冯: '馮', 邓: '鄧', 肖: '蕭', 蒋: '蔣', 叶: '葉',
  苏: '蘇', 吕: '呂', 卢: '盧', 钟: '鍾', 谭: '譚', 陆: '陸', 贾: '賈', 韦: '韋',
  邹: '鄒', 龙: '龍', 贺: '賀', 顾: '顧', 龚: '龔', 万: '萬', 钱: '錢',
  严: '嚴', 汤: '湯', 欧: '歐', 阳: '陽', 诸: '諸', 东: '東', 长: '長', 伟: '偉', 丽: '麗',
  军: '軍', 艳: '艷', 杰: '傑', 涛: '濤', 华: '華', 国: '國', 辉: '輝', 鹏: '鵬', 晓: '曉', 红: '紅',
  兰: '蘭', 凤: '鳳', 凯: '凱', 诗: '詩', 梦: '夢', 宁: '寧', 泽: '澤', 颖: '穎', 张: '張', 迟: '遲',
  静: '靜', 强: '強', 刚: '剛', 轩: '軒', 飞: '飛', 云: '雲',
};

export function toTraditional(text: string): string {
  let out = '';
  for (const ch of text) out += TRADITIONAL[ch] ?? ch;
  return out;
}

const EN_FIRST = [
  'James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth',
  'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Daniel', 'Nancy', 'Matthew', 'Lisa', 'Anthony', 'Emily', 'Mark', 'Emma', 'Steven', 'Olivia',
  'Andrew', 'Sophia', 'Kevin', 'Grace', 'Brian', 'Chloe', 'George', 'Hannah', 'Oliver', 'Amelia',
  'Ethan', 'Isabella', 'Lucas', 'Mia', 'Henry', 'Charlotte', 'Jack', 'Harper', 'Samuel', 'Evelyn',
  'Wei', 'Mei', 'Jun', 'Ling', 'Kai', 'Hui',
] as const;

const EN_LAST = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White',
  'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott',
  'Green', 'Baker', 'Adams', 'Nelson', 'Hill', 'Campbell', 'Mitchell', 'Roberts', 'Carter', 'Phillips',
  'Evans', 'Turner', 'Parker', 'Collins', 'Edwards', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers',
  'Tan', 'Lim', 'Ng', 'Wong', 'Chan', 'Cheung', 'Chua', 'Goh', 'Müller', 'Schmidt', "O'Brien",
] as const;

export interface PersonName {
  /** The name as displayed: 王伟, 欧阳晓明, Jennifer Smith. */
  full: string;
  /** ASCII form for email local parts: wang.wei, jennifer.smith. */
  ascii: string;
  script: 'han' | 'latin';
}

/**
 * A Chinese name: a surname of one or two characters, then one or two given characters, so
 * both two- and three-character names (and four with a compound surname) occur.
 */
export function chineseName(rng: Random, traditional = false): PersonName {
  const [surname, surnamePinyin] = rng.chance(0.015) ? rng.pick(CN_COMPOUND_SURNAMES) : rng.weighted(CN_SURNAMES);
  const givenCount = rng.chance(0.35) ? 1 : 2;
  let given = '';
  let givenPinyin = '';
  for (let i = 0; i < givenCount; i++) {
    const [ch, py] = rng.pick(CN_GIVEN);
    given += ch;
    givenPinyin += py;
  }
  const full = surname + given;
  return { full: traditional ? toTraditional(full) : full, ascii: `${surnamePinyin}.${givenPinyin}`, script: 'han' };
}

export function englishName(rng: Random): PersonName {
  const first = rng.pick(EN_FIRST);
  const last = rng.pick(EN_LAST);
  const asciiLast = last.replace('ü', 'ue').replace(/[^A-Za-z]/g, '');
  return { full: `${first} ${last}`, ascii: `${first}.${asciiLast}`.toLowerCase(), script: 'latin' };
}

export const CHINESE_SURNAME_COUNT = CN_SURNAMES.entries.length + CN_COMPOUND_SURNAMES.length;
