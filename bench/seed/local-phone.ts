/**
 * A generated E.164 number written the way people type it: mainland numbers without the
 * country code (138 1234 5678, 021-5555 1234), others with it and spaces (+1 415 555 0134).
 * The customers module stores what was typed and derives the E.164 form (`toE164`) on write.
 */
export function localPhone(e164: string): string {
  if (e164.startsWith('+861')) {
    const n = e164.slice(3);
    return `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
  }
  if (e164.startsWith('+86')) {
    const n = e164.slice(3);
    // Two-digit area codes: Beijing, Shanghai, Guangzhou and the municipalities (10, 2x).
    const area = n.startsWith('10') || n.startsWith('2') ? 2 : 3;
    return `0${n.slice(0, area)}-${n.slice(area, area + 4)} ${n.slice(area + 4)}`;
  }
  if (e164.startsWith('+1')) return `+1 ${e164.slice(2, 5)} ${e164.slice(5, 8)} ${e164.slice(8)}`;
  const code = /^\+(852|886|65|44)/.exec(e164)?.[1];
  if (!code) return e164;
  const rest = e164.slice(code.length + 1);
  return `+${code} ${rest.slice(0, 4)} ${rest.slice(4)}`;
}
