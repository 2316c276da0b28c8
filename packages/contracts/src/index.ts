export * from './custom-fields';
export * from './records';
export * from './customers';
export * from './auth';
