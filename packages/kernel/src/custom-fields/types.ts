import type { customFieldDefs } from '../db/schema';

export const CUSTOM_FIELD_TYPES = [
  'text', 'long_text', 'number', 'currency', 'date', 'datetime', 'boolean', 'single_select', 'multi_select',
  'user', 'url', 'email', 'phone', 'record_link', 'autonumber',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** Type settings of a field definition. */
export interface CustomFieldConfig {
  maxLength?: number;
  min?: number;
  max?: number;
  decimals?: number;
  currency?: string;
  linkObject?: string;
  /** Autonumber pattern such as `CT-{YYYY}-{000000}`. */
  format?: string;
}

export type CustomFieldDefRow = typeof customFieldDefs.$inferSelect;

/** A live field definition as validation and list queries use it. */
export type CustomFieldDef = Omit<CustomFieldDefRow, 'type' | 'config'> & { type: CustomFieldType; config: CustomFieldConfig };

/** Default length limits when a text field sets no maxLength. */
export const DEFAULT_MAX_LENGTH: Partial<Record<CustomFieldType, number>> = { text: 255, long_text: 10_000, url: 2_000, email: 254, phone: 50 };
