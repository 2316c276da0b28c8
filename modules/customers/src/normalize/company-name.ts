// Longest first, so 股份有限公司 is removed whole rather than leaving 股份.
const CHINESE_SUFFIXES = [
  '股份有限公司', '有限责任公司', '有限責任公司', '集团有限公司', '集團有限公司', '有限公司', '分公司', '总公司', '總公司',
  '集团', '集團', '公司',
];

// Matched as whole words at the end, after punctuation became spaces: "co ltd", "inc", "gmbh".
const LATIN_SUFFIXES = [
  'co ltd', 'company limited', 'company ltd', 'pte ltd', 'pvt ltd', 'pty ltd', 'sdn bhd',
  'limited', 'ltd', 'llc', 'l l c', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company',
  'gmbh', 'ag', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'kk', 'plc', 'llp', 'lp', 'oy', 'ab', 'as',
  'group', 'holdings', 'holding',
];
const LATIN_SUFFIX = new RegExp(`(?:^|\\s)(?:${LATIN_SUFFIXES.map((s) => s.replace(/ /g, '\\s')).join('|')})$`);

/**
 * The part of a company name that identifies it: NFKC (full-width forms become half-width),
 * lower case, no legal-form suffixes in Chinese or Latin scripts, no punctuation or spaces.
 * "上海远航科技有限公司", "上海远航科技（集团）" and "上海 远航科技" share one key; so do
 * "Acme Co., Ltd." and "ACME Inc". Suffixes are stripped repeatedly ("Acme Group Co., Ltd.")
 * but never down to nothing: a company called "集团" keeps its name.
 */
export function companyNameKey(name: string): string {
  let text = name.normalize('NFKC').toLowerCase();
  // Bracketed parts are usually a legal form or a region: 远航科技（上海）有限公司.
  text = text.replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g, ' ');
  text = text.replace(/[\p{P}\p{S}]+/gu, ' ').replace(/\s+/g, ' ').trim();
  for (;;) {
    const before = text;
    const latin = text.replace(LATIN_SUFFIX, '').trim();
    if (latin) text = latin;
    for (const suffix of CHINESE_SUFFIXES) {
      if (text.endsWith(suffix) && text.length > suffix.length) {
        text = text.slice(0, -suffix.length).trim();
        break;
      }
    }
    if (text === before) break;
  }
  return text.replace(/\s+/g, '');
}
