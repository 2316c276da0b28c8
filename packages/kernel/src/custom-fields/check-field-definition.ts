import type { FieldIssue } from '../errors';
import type { Locale } from '../i18n/locales';
import { translate } from '../i18n/translate';
import { isValidAutonumberFormat } from './assign-autonumbers';
import type { CustomFieldConfig, CustomFieldType } from './types';
import './messages';

export interface FieldDefinitionShape {
  object: string;
  type: CustomFieldType;
  options: Array<{ value: string }>;
  config: CustomFieldConfig;
}

/** Rules a definition must follow beyond its wire schema; returns issues naming each field. */
export function checkFieldDefinition(def: FieldDefinitionShape, knownObjects: string[], locale: Locale): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (field: string, code: string, key: string, params: Record<string, string | number> = {}) =>
    issues.push({ field, code, message: translate(locale, key, { field, ...params }) });
  if (!knownObjects.includes(def.object)) add('object', 'unknown_object', 'field.unknown_object', { object: def.object });
  if (def.type === 'single_select' || def.type === 'multi_select') {
    if (def.options.length === 0) add('options', 'required', 'field.options_required');
    const seen = new Set<string>();
    def.options.forEach((o, i) => {
      if (seen.has(o.value)) add(`options.${i}.value`, 'duplicate', 'field.duplicate_option', { value: o.value });
      seen.add(o.value);
    });
  }
  const { config } = def;
  if (config.min !== undefined && config.max !== undefined && config.min > config.max) add('config.min', 'too_big', 'field.too_big', { max: config.max });
  if (def.type === 'record_link') {
    if (!config.linkObject) add('config.linkObject', 'required', 'field.required');
    else if (!knownObjects.includes(config.linkObject)) add('config.linkObject', 'unknown_object', 'field.unknown_object', { object: config.linkObject });
  }
  if (def.type === 'autonumber') {
    if (!config.format) add('config.format', 'required', 'field.required');
    else if (!isValidAutonumberFormat(config.format)) add('config.format', 'invalid_format', 'field.invalid_format');
  }
  return issues;
}
