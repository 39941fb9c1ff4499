import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { PageSpinner } from '../../components/PageStates';
import { PERMISSIONS } from '../../lib/domain';

const VotesPage = lazy(() => import('./VotesPage'));
const VoteDetailPage = lazy(() => import('./VoteDetailPage'));
const MobileVotes = lazy(() => import('./MobileVotes'));
const MobileVoteDetail = lazy(() => import('./MobileVoteDetail'));

const guarded = (permission: string, node: ReactNode, fullScreen = false) => (
  <RequirePermission permission={permission}>
    <Suspense fallback={<PageSpinner fullScreen={fullScreen} />}>{node}</Suspense>
  </RequirePermission>
);

/** Console pages of the voting feature, under /app (each with its own permission guard). */
export const votingConsoleRoutes: RouteObject[] = [
  { path: 'votes', element: guarded(PERMISSIONS.voteRead, <VotesPage />) },
  { path: 'votes/:id', element: guarded(PERMISSIONS.voteRead, <VoteDetailPage />) },
];

/** Phone pages of the voting feature, under /m. */
export const votingResidentRoutes: RouteObject[] = [
  { path: 'votes', element: guarded(PERMISSIONS.voteCast, <MobileVotes />, true) },
  { path: 'votes/:id', element: guarded(PERMISSIONS.voteCast, <MobileVoteDetail />, true) },
];
