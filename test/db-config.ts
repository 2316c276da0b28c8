// Test-only configuration. Tests are the one other place allowed to read process.env,
// because they choose the database before the app's env is parsed.
export function testDbKind(): 'pglite' | 'postgres' {
  return process.env.VOYAGE_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}
export function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}
