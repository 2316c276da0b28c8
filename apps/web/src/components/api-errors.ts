import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/client';
import { i18n } from '../i18n';

/** What went wrong, in the user's language: the field issues when there are some (they name the field), else the error. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = [...new Set(Object.values(error.fieldErrors))];
    return fields.length ? fields.join(' ') : error.message;
  }
  return i18n.t('errors.unexpected');
}

/** Shows an API failure as a red toast. */
export function notifyError(error: unknown): void {
  notifications.show({ color: 'red', title: i18n.t('errors.title'), message: errorMessage(error) });
}

export function notifySaved(message?: string): void {
  notifications.show({ color: 'green', message: message ?? i18n.t('common.saved') });
}

interface FormLike {
  setFieldError(path: string, error: string): void;
}

/**
 * Puts the API's field errors on the form's fields. Returns the message for the remaining
 * part of the error (shown above the form), or null when every issue landed on a field.
 */
export function applyApiError(form: FormLike, error: unknown, fieldNames?: string[]): string | null {
  if (!(error instanceof ApiError)) return errorMessage(error);
  const fields = error.fieldErrors;
  const keys = Object.keys(fields);
  if (keys.length === 0) return error.message;
  let unplaced = false;
  for (const key of keys) {
    if (!fieldNames || fieldNames.includes(key) || fieldNames.includes(key.split('.')[0])) form.setFieldError(key, fields[key]);
    else unplaced = true;
  }
  return unplaced ? error.message : null;
}
