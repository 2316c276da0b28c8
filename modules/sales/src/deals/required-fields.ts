import { AppError, translate, type Context } from '@voyage/kernel';
import { DEAL_ERRORS } from './deal-messages';

const DEFAULT_FIELD_LABELS: Record<string, Record<string, string>> = {
  amountMinor: { en: 'Amount', 'zh-CN': '金额', 'zh-TW': '金額' },
  closeDate: { en: 'Close date', 'zh-CN': '预计成交日期', 'zh-TW': '預計成交日期' },
  accountId: { en: 'Account', 'zh-CN': '客户公司', 'zh-TW': '客戶公司' },
  primaryContactId: { en: 'Primary contact', 'zh-CN': '主要联系人', 'zh-TW': '主要聯絡人' },
  ownerId: { en: 'Owner', 'zh-CN': '负责人', 'zh-TW': '負責人' },
  source: { en: 'Source', 'zh-CN': '来源', 'zh-TW': '來源' },
  forecastCategory: { en: 'Forecast category', 'zh-CN': '预测类别', 'zh-TW': '預測類別' },
};

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** Required fields of a stage that the deal leaves empty (`amountMinor` 0 counts as empty). */
export function missingRequiredFields(required: string[], deal: { custom?: Record<string, unknown> } & Record<string, unknown>): string[] {
  return required.filter((field) => {
    if (field.startsWith('custom.')) return isEmpty(deal.custom?.[field.slice(7)]);
    if (field === 'amountMinor') return !deal.amountMinor;
    return isEmpty(deal[field]);
  });
}

/** 422 naming each missing field, in the reader's language. */
export function requiredFieldsError(ctx: Pick<Context, 'locale'>, stageName: string, missing: string[]): AppError {
  const names = missing.map((f) => DEFAULT_FIELD_LABELS[f]?.[ctx.locale] ?? f).join(ctx.locale === 'en' ? ', ' : '、');
  return new AppError(DEAL_ERRORS.requiredFieldsMissing, {
    message: translate(ctx.locale, 'sales.stage_required_fields', { fields: names, stage: stageName }),
    details: { fields: missing.map((field) => ({ field, code: 'required', message: translate(ctx.locale, 'sales.field.required', { field: DEFAULT_FIELD_LABELS[field]?.[ctx.locale] ?? field }) })) },
  });
}
