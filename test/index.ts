/** The shared integration-test harness: a real app on a fresh database (PGlite or PostgreSQL). */
export * from './app';
export * from './database';
export * from './users';
export * from './world';
