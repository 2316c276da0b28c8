/**
 * Emails are stored in lower case, trimmed. The local part is case-sensitive in theory, but
 * no mail system in use treats it so, and Zhang@Example.com must be found as a duplicate of
 * zhang@example.com.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
