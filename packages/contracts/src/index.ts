export * from './custom-fields';
export * from './records';
export * from './customers';
export * from './auth';
export * from './org';
export * from './roles';
export * from './audit';
export * from './modules';
