import { registerErrorCodes } from '../errors';

/** The numbers of the authentication requirements, as settings with their defaults. */
export const AUTH_SETTINGS = {
  /** How long an emailed password-reset link stays valid. */
  passwordResetMinutes: 30,
  /** Shortest accepted new password. */
  passwordMinLength: 10,
  /** Longest accepted password (argon2 hashes anything, but a bound keeps requests cheap). */
  passwordMaxLength: 200,
  /** How many one-time recovery codes a user gets when enabling two-factor sign-in. */
  recoveryCodeCount: 10,
  /** TOTP codes accepted one 30-second step before and after now, for clock drift. */
  totpWindow: 1,
  /** Characters of an API key shown in lists after the `vk_…_` marker. */
  apiKeyPrefixLength: 8,
} as const;

/**
 * Error codes of authentication and the account.
 * - `invalid_password`: the current password given to confirm a sensitive change is wrong.
 * - `totp_not_enrolled`: confirming or using two-factor sign-in before enrolling.
 * - `totp_already_enabled`: enrolling again while two-factor sign-in is on.
 * - `totp_code_rejected`: a wrong code while confirming enrollment (422, not 401: the session is fine).
 */
registerErrorCodes({ invalid_password: 422, totp_not_enrolled: 422, totp_already_enabled: 409, totp_code_rejected: 422 });
