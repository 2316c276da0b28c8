import type {
  TApiKey, TConfirmTotpRequest, TCreateApiKeyRequest, TCreateApiKeyResponse, TEnrollTotpResponse, TListApiKeysResponse,
  TLoginRequest, TLoginResponse, TMfaResponse, TMyAccountResponse, TRecoveryCodesResponse, TRequestPasswordResetResponse,
  TSessionResponse, TSwitchWorkspaceResponse, TUpdateMyAccountRequest, TOkResponse,
} from '@voyage/contracts';
import { api, setCsrfToken } from './client';

export type SessionInfo = TSessionResponse;
export type LoginResponse = TLoginResponse;
export type ApiKey = TApiKey;

export async function fetchSession(): Promise<SessionInfo | null> {
  try {
    const session = await api.get<SessionInfo>('/auth/session', { quiet401: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if ((error as { status?: number }).status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function logIn(input: TLoginRequest): Promise<LoginResponse> {
  const result = await api.post<LoginResponse>('/auth/login', input, { quiet401: true });
  setCsrfToken(result.csrfToken);
  return result;
}

export const verifyMfa = (code: string) => api.post<TMfaResponse>('/auth/mfa', { code }, { quiet401: true });
export async function logOut(): Promise<void> {
  await api.post<TOkResponse>('/auth/logout');
  setCsrfToken(null);
}
export const switchWorkspace = (workspaceId: string) => api.post<TSwitchWorkspaceResponse>('/auth/switch-workspace', { workspaceId });
export const requestPasswordReset = (email: string) => api.post<TRequestPasswordResetResponse>('/auth/password-reset/request', { email });
export const confirmPasswordReset = (token: string, password: string) => api.post<TOkResponse>('/auth/password-reset/confirm', { token, password });

export const updateAccount = (patch: TUpdateMyAccountRequest) => api.patch<TMyAccountResponse>('/account', patch);
export const changePassword = (currentPassword: string, newPassword: string) => api.post<TOkResponse>('/account/password', { currentPassword, newPassword });
export const enrollTotp = () => api.post<TEnrollTotpResponse>('/account/totp/enroll');
export const confirmTotp = (code: TConfirmTotpRequest['code']) => api.post<TRecoveryCodesResponse>('/account/totp/confirm', { code });
export const disableTotp = (password: string) => api.post<TOkResponse>('/account/totp/disable', { password });
export const regenerateRecoveryCodes = (password: string) => api.post<TRecoveryCodesResponse>('/account/recovery-codes/regenerate', { password });

export const apiKeysApi = {
  list: () => api.get<TListApiKeysResponse>('/api-keys'),
  create: (body: TCreateApiKeyRequest) => api.post<TCreateApiKeyResponse>('/api-keys', body),
  revoke: (id: string) => api.delete<unknown>(`/api-keys/${id}`),
};
