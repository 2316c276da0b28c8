export * from './outbox';
export * from './dispatch-outbox';
export * from './recording-bus';
