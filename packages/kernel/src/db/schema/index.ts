export * from './tenancy';
export * from './platform';
export * from './record-locks';
