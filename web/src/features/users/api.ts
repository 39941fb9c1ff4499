import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download, type Paged } from '../../lib/api';
import type { CreateUserInput, UpdateUserInput, User, UserListParams } from './types';
import type { OrgLevel, Role } from '../../lib/domain';

export const userKeys = {
  all: ['users'] as const,
  list: (params: UserListParams) => [...userKeys.all, 'list', params] as const,
};

export function useUsers(params: UserListParams) {
  return useQuery({
    queryKey: userKeys.list(params),
    queryFn: () => api.get<Paged<User>>('/users', { ...params }),
    placeholderData: (prev) => prev,
  });
}

/** The roles the signed-in user may assign and the org levels each may belong to — the server's rule, not re-derived here. */
export function useRoleOptions() {
  return useQuery({
    queryKey: [...userKeys.all, 'role-options'],
    queryFn: () => api.get<{ items: { role: Role; orgLevels: OrgLevel[] }[] }>('/users/role-options'),
    staleTime: 5 * 60_000,
  });
}

function useUserMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export const useCreateUser = () => useUserMutation((input: CreateUserInput) => api.post<User>('/users', input));

export const useUpdateUser = () =>
  useUserMutation(({ id, input }: { id: number; input: UpdateUserInput }) => api.patch<User>(`/users/${id}`, input));

export const useResetPassword = () =>
  useUserMutation(({ id, newPassword }: { id: number; newPassword: string }) =>
    api.post<void>(`/users/${id}/reset-password`, { newPassword }),
  );

export const useUnlockUser = () => useUserMutation((id: number) => api.post<void>(`/users/${id}/unlock`));

/** Reveals the full phone number. The value is kept only in the calling component's state. */
export function revealPhone(id: number, reason: string): Promise<{ value: string }> {
  return api.post<{ value: string }>(`/users/${id}/reveal`, { field: 'phone', reason });
}

export const exportUsers = (params: Pick<UserListParams, 'q' | 'role'>) =>
  download('/users/export.xlsx', { q: params.q, role: params.role }, 'users.xlsx');
