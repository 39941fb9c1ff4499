import type { Role } from '../../lib/domain';

export type UserStatus = 'active' | 'disabled';
export type UserAction = 'update' | 'disable' | 'enable' | 'reset_password' | 'unlock' | 'reveal_phone';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  orgId: number;
  orgName: string;
  status: UserStatus;
  lockedUntil: string | null;
  phoneMasked: string | null;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  actions: string[];
}

export interface UserListParams {
  q?: string;
  role?: Role;
  orgId?: number;
  page: number;
  pageSize: number;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  role: Role;
  orgId: number;
  password: string;
  phone?: string;
}

export interface UpdateUserInput {
  displayName?: string;
  role?: Role;
  orgId?: number;
  status?: UserStatus;
  phone?: string;
}
