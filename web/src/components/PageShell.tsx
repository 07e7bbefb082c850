import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { AntdScope } from './AntdScope.tsx';
import { LoadError, PageSpin } from './errors.tsx';
import { PlanGate, type Scope } from './PlanGate.tsx';

/** A read the whole page stands on (a TanStack Query result): its failure and its first load are the page's. */
export interface PageRead<T = unknown> {
  isError: boolean;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
  data?: T;
}

interface PageShellProps<T> {
  title: ReactNode;
  /** beside the title: a count, the page's own actions */
  extra?: ReactNode;
  /** above the title (e.g. the link back to a list) */
  before?: ReactNode;
  /** classes beside `page` (e.g. `ledger-page`) and beside `page-header` */
  className?: string;
  headerClassName?: string;
  titleTestId?: string;
  /**
   * The read the page is about: a function body is given its data. It and `reads` are the reads the page cannot show
   * anything without: the first that failed replaces the page with its error and a retry; while any is loading for
   * the first time the page is a spinner.
   */
  read?: PageRead<T>;
  reads?: readonly PageRead[];
  /** false: the body shows its own loading state (a table's) instead of the page's spinner */
  spinWhileLoading?: boolean;
  children: ReactNode | ((data: T) => ReactNode);
}

/**
 * The one frame of every antd page: the title (with optional extras beside it), then the body, with the page's
 * load failure and first load handled the same way everywhere. (The overview keeps its own header: its first
 * paint carries no antd.)
 */
export function PageShell<T>(props: PageShellProps<T>) {
  const { title, extra, className, headerClassName, titleTestId, read, spinWhileLoading = true, children } = props;
  const all = read ? [read, ...(props.reads ?? [])] : (props.reads ?? []);
  const failed = all.find((r) => r.isError);
  if (failed) return <LoadError error={failed.error} onRetry={() => void failed.refetch()} />;
  if (spinWhileLoading && all.some((r) => r.isPending)) return <PageSpin />;
  return (
    <div className={className ? `page ${className}` : 'page'}>
      {props.before}
      <header className={headerClassName ? `page-header ${headerClassName}` : 'page-header'}>
        <Typography.Title level={3} className="page-title" data-testid={titleTestId}>
          {title}
        </Typography.Title>
        {extra}
      </header>
      {typeof children !== 'function' ? children : read?.data === undefined ? null : children(read.data)}
    </div>
  );
}

/** An antd page about one plan: antd's context, then the page once the plan is known (see {@link PlanGate}). */
export function PlanPage({ children }: { children: (scope: Scope) => ReactNode }) {
  return (
    <AntdScope>
      <PlanGate>{children}</PlanGate>
    </AntdScope>
  );
}
