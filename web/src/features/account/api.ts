import { api } from '../../lib/api';

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
}

export const changePassword = (oldPassword: string, newPassword: string) =>
  api.post<void>('/auth/password', { oldPassword, newPassword });

export const setupTotp = () => api.post<TotpSetup>('/auth/totp/setup');
export const enableTotp = (code: string) => api.post<void>('/auth/totp/enable', { code });
export const disableTotp = (password: string) => api.post<void>('/auth/totp/disable', { password });
