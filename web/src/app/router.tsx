import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './AppLayout.tsx';
import { NotFound, RequireRole } from './guards.tsx';

// One chunk per page: the overview must paint without the chart library, tables and forms of the others.
const OverviewPage = lazy(() =>
  import('../features/overview/OverviewPage.tsx').then((m) => ({ default: m.OverviewPage })),
);
const IndicatorListPage = lazy(() =>
  import('../features/indicators/IndicatorListPage.tsx').then((m) => ({ default: m.IndicatorListPage })),
);
const IndicatorDetailPage = lazy(() =>
  import('../features/indicators/IndicatorDetailPage.tsx').then((m) => ({ default: m.IndicatorDetailPage })),
);
const EntryPage = lazy(() => import('../features/entry/EntryPage.tsx').then((m) => ({ default: m.EntryPage })));
const ReviewPage = lazy(() => import('../features/review/ReviewPage.tsx').then((m) => ({ default: m.ReviewPage })));
const AdminPage = lazy(() => import('../features/admin/AdminPage.tsx').then((m) => ({ default: m.AdminPage })));
const LoginPage = lazy(() => import('../features/auth/LoginPage.tsx').then((m) => ({ default: m.LoginPage })));
// rounds, to-do, messages (#14)
const RoundsPage = lazy(() => import('../features/rounds/RoundsPage.tsx').then((m) => ({ default: m.RoundsPage })));
const TodoPage = lazy(() => import('../features/todo/TodoPage.tsx').then((m) => ({ default: m.TodoPage })));
const MessagesPage = lazy(() =>
  import('../features/messages/MessagesPage.tsx').then((m) => ({ default: m.MessagesPage })),
);
// SEC (#10)
const PasswordPage = lazy(() =>
  import('../features/account/PasswordPage.tsx').then((m) => ({ default: m.PasswordPage })),
);
const SecurityLogPage = lazy(() =>
  import('../features/security-log/SecurityLogPage.tsx').then((m) => ({ default: m.SecurityLogPage })),
);
const ReportPage = lazy(() => import('../features/reports/ReportPage.tsx').then((m) => ({ default: m.ReportPage })));
// measures ledger (任务台账, issue 12)
const LedgerPage = lazy(() => import('../features/ledger/LedgerPage.tsx').then((m) => ({ default: m.LedgerPage })));
const AlignmentPage = lazy(() =>
  import('../features/ledger/AlignmentPage.tsx').then((m) => ({ default: m.AlignmentPage })),
);
const ProjectsPage = lazy(() =>
  import('../features/ledger/ProjectsPage.tsx').then((m) => ({ default: m.ProjectsPage })),
);
const MyTasksPage = lazy(() => import('../features/ledger/MyTasksPage.tsx').then((m) => ({ default: m.MyTasksPage })));
const ReviewReportsPage = lazy(() =>
  import('../features/ledger/ReviewReportsPage.tsx').then((m) => ({ default: m.ReviewReportsPage })),
);

export const router = createBrowserRouter([
  // The printable report stands outside the app's chrome: what is on screen is what prints.
  {
    path: 'reports/:planId/:year',
    element: (
      <Suspense fallback={null}>
        <ReportPage />
      </Suspense>
    ),
  },
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'indicators', element: <IndicatorListPage /> },
      { path: 'indicators/:code', element: <IndicatorDetailPage /> },
      {
        path: 'entry',
        element: (
          <RequireRole screen="entry">
            <EntryPage />
          </RequireRole>
        ),
      },
      {
        path: 'review',
        element: (
          <RequireRole screen="review">
            <ReviewPage />
          </RequireRole>
        ),
      },
      {
        path: 'admin',
        element: (
          <RequireRole screen="admin">
            <AdminPage />
          </RequireRole>
        ),
      },
      { path: 'login', element: <LoginPage /> },
      {
        path: 'todo',
        element: (
          <RequireRole screen="todo">
            <TodoPage />
          </RequireRole>
        ),
      },
      {
        path: 'rounds',
        element: (
          <RequireRole screen="rounds">
            <RoundsPage />
          </RequireRole>
        ),
      },
      {
        path: 'messages',
        element: (
          <RequireRole screen="todo">
            <MessagesPage />
          </RequireRole>
        ),
      },
      { path: '*', element: <NotFound /> },
      // measures ledger (任务台账, issue 12)
      { path: 'ledger', element: <LedgerPage /> },
      { path: 'ledger/alignment', element: <AlignmentPage /> },
      { path: 'ledger/projects', element: <ProjectsPage /> },
      {
        path: 'ledger/mine',
        element: (
          <RequireRole screen="ledgerMine">
            <MyTasksPage />
          </RequireRole>
        ),
      },
      {
        path: 'ledger/review',
        element: (
          <RequireRole screen="ledgerReview">
            <ReviewReportsPage />
          </RequireRole>
        ),
      },
      // SEC (#10): own password; the sign-in log
      { path: 'account/password', element: <PasswordPage /> },
      {
        path: 'security-log',
        element: (
          <RequireRole screen="securityLog">
            <SecurityLogPage />
          </RequireRole>
        ),
      },
    ],
  },
]);
