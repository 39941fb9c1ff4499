import type { OrgLevel } from '../../lib/domain';

export interface GeoPolygon {
  type: 'Polygon';
  coordinates: number[][][];
}

export type OrgAction = 'create_child' | 'update' | 'delete';

export interface Org {
  id: number;
  parentId: number | null;
  level: OrgLevel;
  code: string;
  divisionCode: string | null;
  name: string;
  path: string;
  childCount: number;
  householdsTarget: number | null;
  boundary: GeoPolygon | null;
  actions: string[];
  creatableChildLevels: OrgLevel[];
}

export interface CreateOrgInput {
  parentId: number;
  level: OrgLevel;
  code: string;
  name: string;
  householdsTarget?: number | null;
  boundary?: GeoPolygon | null;
}

export interface UpdateOrgInput {
  name?: string;
  code?: string;
  parentId?: number;
  householdsTarget?: number | null;
  boundary?: GeoPolygon | null;
}

export interface OrgSearchParams {
  q?: string;
  level?: OrgLevel;
  page?: number;
  pageSize?: number;
}
