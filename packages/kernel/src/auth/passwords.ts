import { verify } from '@node-rs/argon2';
import { hashPassword } from '../tenancy/create-workspace';
import { randomToken } from './tokens';

let dummyHash: Promise<string> | null = null;

/** Checks a password against an argon2 hash; a malformed hash counts as a mismatch. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    await spendVerifyTime(password);
    return false;
  }
  try {
    return await verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * Runs one argon2 verification that always fails, so a sign-in for an unknown email takes
 * as long as one with a wrong password and response times do not reveal which accounts exist.
 */
export async function spendVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomToken(16));
  await verify(await dummyHash, password).catch(() => false);
}
