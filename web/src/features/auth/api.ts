import { api, ApiError } from '../../lib/api';
import type { LoginInput, SessionResponse } from './types';

export function login(input: LoginInput): Promise<SessionResponse> {
  return api.post<SessionResponse>('/auth/login', input);
}

export function logout(): Promise<void> {
  return api.post<void>('/auth/logout');
}

/** Returns the current session or null when not signed in. */
export async function fetchMe(): Promise<SessionResponse | null> {
  try {
    return await api.get<SessionResponse>('/auth/me');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}
