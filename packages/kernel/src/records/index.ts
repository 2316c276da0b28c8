export * from './list-query';
export * from './list-operands';
export * from './record-tables';
export * from './rule-query';
export * from './record-services';
export * from './related-activity';
export * from './record-export';
export * from './record-locks';
