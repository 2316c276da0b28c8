import type { Random } from './random';

/** Regions the generator produces phone numbers for. */
export type PhoneRegion = 'CN' | 'US' | 'GB' | 'SG' | 'HK' | 'TW';

// Mainland mobile prefixes of the three carriers plus virtual operators (1xx).
const CN_MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '145', '147', '150', '151', '152',
  '153', '155', '156', '157', '158', '159', '166', '170', '171', '173', '175', '176', '177', '178', '180',
  '181', '182', '183', '184', '185', '186', '187', '188', '189', '191', '195', '198', '199',
];
const CN_AREA_CODES = ['10', '21', '20', '755', '571', '25', '28', '27', '29', '23', '22', '512', '532', '591'];
const US_AREA_CODES = ['212', '415', '650', '312', '617', '206', '213', '305', '512', '646', '408', '718'];

/** A mobile number in E.164 (+8613812345678), the form the customers module stores. */
export function mobileNumber(rng: Random, region: PhoneRegion): string {
  switch (region) {
    case 'CN':
      return `+86${rng.pick(CN_MOBILE_PREFIXES)}${rng.digits(8)}`;
    case 'US':
      return `+1${rng.pick(US_AREA_CODES)}${rng.int(2, 9)}${rng.digits(6)}`;
    case 'GB':
      return `+447${rng.int(4, 9)}${rng.digits(8)}`;
    case 'SG':
      return `+65${rng.pick(['8', '9'])}${rng.digits(7)}`;
    case 'HK':
      return `+852${rng.pick(['5', '6', '9'])}${rng.digits(7)}`;
    case 'TW':
      return `+8869${rng.digits(8)}`;
  }
}

/** A landline (switchboard) number in E.164. */
export function landlineNumber(rng: Random, region: PhoneRegion): string {
  switch (region) {
    case 'CN': {
      const area = rng.pick(CN_AREA_CODES);
      return `+86${area}${rng.int(2, 8)}${rng.digits(area.length === 2 ? 7 : 6)}`;
    }
    case 'US':
      return `+1${rng.pick(US_AREA_CODES)}${rng.int(2, 9)}${rng.digits(6)}`;
    case 'GB':
      return `+44${rng.pick(['20', '161', '131', '121'])}${rng.digits(7)}`;
    case 'SG':
      return `+656${rng.digits(7)}`;
    case 'HK':
      return `+852${rng.pick(['2', '3'])}${rng.digits(7)}`;
    case 'TW':
      return `+886${rng.pick(['2', '4', '7'])}${rng.digits(8)}`;
  }
}
