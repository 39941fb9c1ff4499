import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useFeedback } from '../../lib/feedback';
import { useT } from '../../lib/i18n';
import { logout } from './api';
import { setAnonymous } from './session';

/** Ends the server session and forgets every cached response locally. */
export function useLogout() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const feedback = useFeedback();
  const t = useT();
  return async () => {
    try {
      await logout();
    } catch {
      /* even if the server call fails, forget everything locally */
    }
    setAnonymous('logout');
    queryClient.clear();
    navigate('/login', { replace: true });
    feedback.success(t('auth.loggedOut'));
  };
}
