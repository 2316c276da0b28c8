export * from './define-job';
export * from './job-queue';
