import type { Metadata } from "next";
import type { ReactNode } from "react";
import { QueryProvider } from "./_client/query-provider";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Branchdesk", template: "%s · Branchdesk" },
  description: "Inventory and network rules for the bank's virtualized branch desktops",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <QueryProvider>{children}</QueryProvider>
      </body>
    </html>
  );
}
