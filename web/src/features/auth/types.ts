import type { OrgLevel, Role } from '../../lib/domain';

export interface MeOrg {
  id: number;
  name: string;
  level: OrgLevel;
  code: string;
}

export interface Me {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  org: MeOrg;
  permissions: string[];
  totpEnabled: boolean;
  mustChangePassword: boolean;
}

export interface SessionResponse {
  user: Me;
  csrfToken: string;
}

export interface LoginInput {
  username: string;
  password: string;
  totpCode?: string;
}
