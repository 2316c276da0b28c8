import { z } from 'zod';

/**
 * Every environment variable Voyage CRM reads. This file is the only reader of
 * `process.env`; everything else receives the parsed `Env`.
 */
const envSchema = z.object({
  /** PostgreSQL connection string. When unset, the embedded PGlite database in VOYAGE_DATA_DIR is used. */
  DATABASE_URL: z.string().optional().describe('PostgreSQL connection string; unset = embedded PGlite'),
  /** Directory for the embedded database, uploaded files and the lock file. */
  VOYAGE_DATA_DIR: z.string().default('./data').describe('Data directory (embedded database, files, lock)'),
  /** HTTP listen port. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port'),
  /** HTTP listen host. */
  HOST: z.string().default('0.0.0.0').describe('HTTP listen address'),
  /** Public base URL, used in emailed links (password reset, approvals) and the iCal feed. */
  PUBLIC_URL: z.string().url().optional().describe('Public base URL used in emailed links; default http://localhost:PORT'),
  /** Secret used to encrypt stored SMTP passwords and sign tokens. Must be set in production. */
  VOYAGE_SECRET: z.string().min(16).default('voyage-development-secret-change-me').describe('Secret for encryption and signing (set in production)'),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('Log level'),
  /** Run the job worker inside the `serve` process. Always on for PGlite (one process only). */
  VOYAGE_EMBEDDED_WORKER: z.enum(['true', 'false']).default('true').describe('Run the worker inside `voyage serve`'),
  /** Seed a demo workspace on first start when the database is empty. */
  VOYAGE_DEMO: z.enum(['true', 'false']).default('true').describe('Create the demo workspace on first start'),
  /** Largest accepted JSON body, in bytes. */
  BODY_LIMIT: z.coerce.number().int().positive().default(1_048_576).describe('Maximum JSON body size in bytes'),
  /** Largest accepted upload, in bytes. */
  UPLOAD_LIMIT: z.coerce.number().int().positive().default(25 * 1_048_576).describe('Maximum upload size in bytes'),
  /** Largest accepted import file (CSV/XLSX), in bytes: files of a million rows are some 100 MB. */
  IMPORT_UPLOAD_LIMIT: z.coerce.number().int().positive().default(512 * 1_048_576).describe('Maximum import file size in bytes (CSV or XLSX)'),
  /** Minutes before a follow-up's next-contact time that its reminder fires. */
  FOLLOW_UP_REMINDER_LEAD_MINUTES: z.coerce.number().int().min(0).default(0).describe('Minutes before the next-contact time to send the follow-up reminder'),
  /** Requests per minute per client before 429. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600).describe('API requests per minute per client'),
  /** Login attempts per minute per IP before 429. */
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10).describe('Login attempts per minute per IP'),
  /** Failed logins on one account before a temporary lockout. */
  LOCKOUT_THRESHOLD: z.coerce.number().int().positive().default(5).describe('Failed logins before lockout'),
  /** Lockout length in minutes. */
  LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15).describe('Lockout length in minutes'),
  /** Session lifetime in hours. */
  SESSION_HOURS: z.coerce.number().int().positive().default(24 * 14).describe('Session lifetime in hours'),
  /** Log queries slower than this many milliseconds with their plan (0 = off). */
  SLOW_QUERY_MS: z.coerce.number().int().min(0).default(0).describe('Log queries slower than N ms with EXPLAIN (0 = off)'),
  /** Workflow loop protection: runs of one workflow per record per hour. */
  WORKFLOW_RUNS_PER_RECORD_HOUR: z.coerce.number().int().positive().default(20).describe('Most runs of one workflow for one record per hour (loop protection)'),
  /** Workflow loop protection: how deep runs may start runs through the events they cause. */
  WORKFLOW_MAX_DEPTH: z.coerce.number().int().positive().default(5).describe('Most nested workflow runs (a run whose action starts another run)'),
  /** Retries of a failed workflow step before its run fails. */
  WORKFLOW_STEP_RETRIES: z.coerce.number().int().min(0).default(3).describe('Retries of a failed workflow step before the run fails'),
  /** First retry delay of a failed workflow step; it doubles each time. */
  WORKFLOW_RETRY_DELAY_SECONDS: z.coerce.number().int().positive().default(30).describe('Seconds before the first retry of a failed workflow step (doubles each retry)'),
  WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false').describe('Let workflow webhooks call loopback and private-network addresses (off: only public addresses, against SSRF)'),
  /** Days an approval email's sign-in-free link stays valid. */
  APPROVAL_LINK_DAYS: z.coerce.number().int().positive().default(7).describe('Days an approval email\'s link (decide without signing in) stays valid'),
  /** Node environment. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development').describe('Node environment'),
});

export type Env = z.infer<typeof envSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env, overrides: Partial<Record<keyof Env, string>> = {}): Env {
  const parsed = envSchema.safeParse({ ...source, ...overrides });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}

/** Name, description and default of every variable, for the README and `voyage env`. */
export function describeEnv(): Array<{ name: string; description: string; default?: string }> {
  return Object.entries(envSchema.shape).map(([name, schema]) => {
    const s = schema as z.ZodTypeAny;
    const def = (s as { def?: { defaultValue?: unknown } }).def?.defaultValue;
    return { name, description: s.description ?? '', default: def === undefined ? undefined : String(def) };
  });
}
