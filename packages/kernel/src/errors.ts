/**
 * Application errors. Use cases throw `AppError` with a code; one table maps codes
 * to HTTP statuses. Modules add their own codes with `registerErrorCodes`.
 * The message is translated from the code (see i18n) unless one is given.
 */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `custom.budget` or `email`. */
  field: string;
  /** Machine code of the issue, e.g. `required`, `too_long`, `invalid_type`. */
  code: string;
  /** Translated, human-readable message naming the field. */
  message: string;
}

export interface AppErrorOptions {
  message?: string;
  details?: unknown;
  params?: Record<string, string | number>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: string;
  readonly details?: unknown;
  readonly params?: Record<string, string | number>;
  constructor(code: string, options: AppErrorOptions = {}) {
    super(options.message ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
    this.params = options.params;
    this.explicitMessage = options.message !== undefined;
  }
  readonly explicitMessage: boolean;
  get status(): number {
    return statusForCode(this.code);
  }
}

const statusByCode = new Map<string, number>([
  ['validation_failed', 400],
  ['bad_request', 400],
  ['payload_too_large', 400],
  ['unauthenticated', 401],
  ['invalid_credentials', 401],
  ['mfa_required', 401],
  ['invalid_mfa_code', 401],
  ['forbidden', 403],
  ['csrf_failed', 403],
  ['scope_missing', 403],
  ['module_disabled', 403],
  ['not_found', 404],
  ['version_conflict', 409],
  ['duplicate', 409],
  ['conflict', 409],
  ['business_rule', 422],
  ['invalid_token', 422],
  ['account_locked', 429],
  ['rate_limited', 429],
  ['internal', 500],
]);

/** Adds a module's error codes. The codes should be namespaced: `sales.deal_not_found`. */
export function registerErrorCodes(codes: Record<string, number>): void {
  for (const [code, status] of Object.entries(codes)) statusByCode.set(code, status);
}

export function statusForCode(code: string): number {
  return statusByCode.get(code) ?? 422;
}

export function validationError(issues: FieldIssue[]): AppError {
  return new AppError('validation_failed', { details: { fields: issues } });
}

export const notFound = (what = 'record') => new AppError('not_found', { params: { what } });
export const forbidden = (action?: string) => new AppError('forbidden', { params: { action: action ?? '' } });
