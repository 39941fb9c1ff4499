/**
 * In-memory session store. The user object and CSRF token live only in JS memory:
 * nothing is written to localStorage/sessionStorage.
 */
import { useSyncExternalStore } from 'react';
import { setCsrfToken } from '../../lib/api';
import { fetchMe } from './api';
import type { Me, SessionResponse } from './types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'anonymous'; reason?: 'expired' | 'logout' }
  | { status: 'authenticated'; me: Me };

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();

function set(next: SessionState): void {
  state = next;
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getSession(): SessionState {
  return state;
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, getSession, getSession);
}

export function setAuthenticated(res: SessionResponse): void {
  setCsrfToken(res.csrfToken);
  set({ status: 'authenticated', me: res.user });
}

/** `expired`: the server ended the session; `logout`: the user signed out (or must sign in again). */
export function setAnonymous(reason?: 'expired' | 'logout'): void {
  setCsrfToken(null);
  set({ status: 'anonymous', reason });
}

/** Loads (or reloads) the session from GET /auth/me. */
export async function loadSession(): Promise<void> {
  try {
    const res = await fetchMe();
    if (res) setAuthenticated(res);
    else setAnonymous();
  } catch (error) {
    if (state.status === 'loading') set({ status: 'error', error });
    else throw error;
  }
}

export function hasPermission(me: Me, permission: string): boolean {
  return me.permissions.includes(permission);
}

/** Where a user lands after signing in. */
export function homePath(me: Me): string {
  if (me.mustChangePassword) return '/app/account';
  if (me.role === 'resident') return '/m';
  // Staff in the field (a phone-sized screen) start on the phone pages for visits and logs.
  if (hasPermission(me, 'gridwork.write') && typeof window !== 'undefined' && window.matchMedia?.('(max-width: 600px)').matches) return '/w';
  if (hasPermission(me, 'resident.read')) return '/app/residents';
  if (hasPermission(me, 'org.read')) return '/app/orgs';
  if (hasPermission(me, 'user.read')) return '/app/users';
  if (hasPermission(me, 'audit.read')) return '/app/audit';
  return '/app/account';
}
