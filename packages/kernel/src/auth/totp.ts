import { Secret, TOTP } from 'otpauth';
import { randomInt } from 'node:crypto';
import { AUTH_SETTINGS } from './auth-settings';
import { sha256 } from './tokens';

const ISSUER = 'Voyage CRM';

function totpFor(base32: string, label = ''): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(base32) });
}

/** A new random TOTP secret (160 bits, base32) and its otpauth:// URL for authenticator apps. */
export function newTotpSecret(accountLabel: string): { secret: string; otpauthUrl: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, otpauthUrl: totpFor(secret, accountLabel).toString() };
}

/**
 * The 30-second step `code` belongs to when it is a code of the secret within the drift
 * window, else null. Callers store the step so the same code is not accepted twice.
 */
export function matchTotpStep(base32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const totp = totpFor(base32);
  const delta = totp.validate({ token, window: AUTH_SETTINGS.totpWindow, timestamp: now });
  return delta === null ? null : totp.counter({ timestamp: now }) + delta;
}

/** True when `code` is the current 6-digit code of the secret (± the drift window). */
export function checkTotpCode(base32: string, code: string): boolean {
  return matchTotpStep(base32, code) !== null;
}

/** The current code of a secret (tests and the enrollment screen use it). */
export function currentTotpCode(base32: string): string {
  return totpFor(base32).generate();
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Recovery codes are compared case-insensitively, ignoring spaces and dashes. */
export function hashRecoveryCode(code: string): string {
  return sha256(`recovery:${code.toLowerCase().replace(/[\s-]+/g, '')}`);
}

/** New one-time recovery codes (`xxxxx-xxxxx`, about 50 bits each) and the hashes to store. */
export function newRecoveryCodes(count: number = AUTH_SETTINGS.recoveryCodeCount): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
  return { codes, hashes: codes.map(hashRecoveryCode) };
}
