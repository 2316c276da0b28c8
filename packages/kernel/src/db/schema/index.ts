export * from './tenancy';
export * from './platform';
