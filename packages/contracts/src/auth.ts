import { z } from 'zod';

/** Sign-in, sessions, the person's own account, two-factor sign-in and API keys (P3). */

const isoDate = z.iso.datetime({ offset: true });
export const ZPassword = z.string().min(1).max(200);
/** A new password: at least 10 characters. */
export const ZNewPassword = z.string().min(10).max(200);
export const ZAccountLocale = z.enum(['zh-CN', 'zh-TW', 'en']);
export const ZTheme = z.enum(['light', 'dark']);

export const ZSessionUser = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  locale: z.string().nullable(),
  theme: z.string(),
});
export type TSessionUser = z.infer<typeof ZSessionUser>;

export const ZWorkspaceSummary = z.object({ id: z.uuid(), name: z.string() });
export type TWorkspaceSummary = z.infer<typeof ZWorkspaceSummary>;

export const ZLoginRequest = z.object({
  email: z.string().trim().min(1).max(320),
  password: ZPassword,
  workspaceId: z.uuid().optional().describe('Workspace to open; default: the last used, else the first membership'),
}).strict();
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZLoginResponse = z.object({
  user: ZSessionUser,
  workspace: ZWorkspaceSummary.nullable(),
  workspaces: z.array(ZWorkspaceSummary),
  csrfToken: z.string().describe('Send it back in the X-CSRF-Token header on every state-changing request'),
  mfaRequired: z.boolean().describe('When true, POST /api/v1/auth/mfa with a code before anything else'),
});
export type TLoginResponse = z.infer<typeof ZLoginResponse>;

export const ZMfaRequest = z.object({
  code: z.string().trim().min(1).max(32).describe('A 6-digit authenticator code or a recovery code'),
}).strict();
export type TMfaRequest = z.infer<typeof ZMfaRequest>;

export const ZMfaResponse = z.object({ method: z.enum(['totp', 'recovery_code']) });
export type TMfaResponse = z.infer<typeof ZMfaResponse>;

export const ZSessionRole = z.object({
  id: z.uuid(),
  name: z.string(),
  isAdmin: z.boolean(),
  capabilities: z.array(z.string()),
  permissions: z.record(z.string(), z.record(z.string(), z.boolean())),
});

export const ZSessionResponse = z.object({
  user: ZSessionUser.extend({ totpEnabled: z.boolean() }),
  workspace: ZWorkspaceSummary.nullable(),
  workspaces: z.array(ZWorkspaceSummary),
  role: ZSessionRole.nullable(),
  csrfToken: z.string(),
  mfaPending: z.boolean(),
});
export type TSessionResponse = z.infer<typeof ZSessionResponse>;

export const ZSwitchWorkspaceRequest = z.object({ workspaceId: z.uuid() }).strict();
export type TSwitchWorkspaceRequest = z.infer<typeof ZSwitchWorkspaceRequest>;

export const ZSwitchWorkspaceResponse = z.object({ workspace: ZWorkspaceSummary });
export type TSwitchWorkspaceResponse = z.infer<typeof ZSwitchWorkspaceResponse>;

export const ZRequestPasswordResetRequest = z.object({ email: z.string().trim().min(1).max(320) }).strict();
export type TRequestPasswordResetRequest = z.infer<typeof ZRequestPasswordResetRequest>;

export const ZRequestPasswordResetResponse = z.object({ accepted: z.literal(true), message: z.string() });
export type TRequestPasswordResetResponse = z.infer<typeof ZRequestPasswordResetResponse>;

export const ZConfirmPasswordResetRequest = z.object({ token: z.string().min(1).max(200), password: ZNewPassword }).strict();
export type TConfirmPasswordResetRequest = z.infer<typeof ZConfirmPasswordResetRequest>;

export const ZOkResponse = z.object({ ok: z.literal(true) });
export type TOkResponse = z.infer<typeof ZOkResponse>;

export const ZUpdateMyAccountRequest = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  locale: ZAccountLocale.optional(),
  theme: ZTheme.optional(),
}).strict();
export type TUpdateMyAccountRequest = z.infer<typeof ZUpdateMyAccountRequest>;

export const ZMyAccountResponse = z.object({ user: ZSessionUser });
export type TMyAccountResponse = z.infer<typeof ZMyAccountResponse>;

export const ZChangePasswordRequest = z.object({ currentPassword: ZPassword, newPassword: ZNewPassword }).strict();
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

export const ZEnrollTotpResponse = z.object({
  secret: z.string().describe('Base32 secret, for typing into an authenticator app'),
  otpauthUrl: z.string().describe('otpauth:// URL, for a QR code'),
});
export type TEnrollTotpResponse = z.infer<typeof ZEnrollTotpResponse>;

export const ZConfirmTotpRequest = z.object({ code: z.string().trim().min(1).max(12) }).strict();
export type TConfirmTotpRequest = z.infer<typeof ZConfirmTotpRequest>;

export const ZRecoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()).describe('Shown once; each works one time') });
export type TRecoveryCodesResponse = z.infer<typeof ZRecoveryCodesResponse>;

export const ZPasswordConfirmationRequest = z.object({ password: ZPassword }).strict();
export type TPasswordConfirmationRequest = z.infer<typeof ZPasswordConfirmationRequest>;

export const ZWhoamiResponse = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), name: z.string() }),
  workspace: ZWorkspaceSummary,
  via: z.enum(['session', 'api_key']),
  scopes: z.array(z.string()).nullable().describe('The API key scopes; null for a session'),
});
export type TWhoamiResponse = z.infer<typeof ZWhoamiResponse>;

/** `resource:read`, `resource:write` (implies read) or `*`. */
export const ZApiKeyScope = z.string().regex(/^(\*|[a-z][a-z0-9_.]{0,62}:(read|write))$/, 'resource:read, resource:write or *');

export const ZApiKey = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  userId: z.uuid(),
  createdAt: isoDate,
  expiresAt: isoDate.nullable(),
  lastUsedAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
});
export type TApiKey = z.infer<typeof ZApiKey>;

export const ZListApiKeysResponse = z.object({ data: z.array(ZApiKey) });
export type TListApiKeysResponse = z.infer<typeof ZListApiKeysResponse>;

export const ZCreateApiKeyRequest = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(ZApiKeyScope).min(1).max(50),
  expiresAt: isoDate.optional(),
}).strict();
export type TCreateApiKeyRequest = z.infer<typeof ZCreateApiKeyRequest>;

export const ZCreateApiKeyResponse = ZApiKey.extend({ key: z.string().describe('The full key, shown only this once') });
export type TCreateApiKeyResponse = z.infer<typeof ZCreateApiKeyResponse>;

export const ZApiKeyParams = z.object({ id: z.uuid() }).strict();
