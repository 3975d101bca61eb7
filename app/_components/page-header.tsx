import type { ReactNode } from "react";

/** Title row of a page: breadcrumb-ish context above, actions on the right. */
export function PageHeader({
  title,
  context,
  actions,
}: {
  title: ReactNode;
  context?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 pb-3">
      <div>
        {/* Underlined: a link set in grey text must not differ by colour alone (WCAG 1.4.1). */}
        {context && <p className="text-xs text-slate-500 [&_a]:underline">{context}</p>}
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}
