-- Issue 7: accounts for the staff of social organizations (社会组织工作人员), who implement
-- the projects awarded to their organization. Bound to the street or community it serves.
ALTER TABLE app_user DROP CONSTRAINT IF EXISTS app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check CHECK (role IN (
  'sysAdmin','securityAdmin','auditAdmin','streetStaff','communityWorker','gridWorker','departmentStaff','socialOrgStaff','resident'));
