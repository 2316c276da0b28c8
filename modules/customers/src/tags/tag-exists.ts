import { AppError, translate, type Context } from '@voyage/kernel';

/** 409 naming the field, with the reason in the user's language. */
export function tagExists(ctx: Context, name: string): AppError {
  const message = translate(ctx.locale, 'customers.tag_exists', { name });
  return new AppError('duplicate', { message, params: { field: 'name' }, details: { fields: [{ field: 'name', code: 'duplicate', message }] } });
}
