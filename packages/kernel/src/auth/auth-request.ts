import type { Database } from '../db/client';
import type { Env } from '../env';
import type { Locale } from '../i18n/locales';

/** What the sign-in use cases need before there is an actor. */
export interface AuthDeps {
  env: Env;
  database: Database;
}

/** Where a request came from, for sessions and the audit log. */
export interface RequestMeta {
  ip?: string;
  requestId?: string;
  userAgent?: string;
  locale?: Locale;
}
