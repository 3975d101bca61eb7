import type { Metadata } from "next";
import { guard } from "@/app/_server/guard";
import { apiTokensQuery } from "@/app/_client/api-queries";
import { PageHeader } from "@/app/_components/page-header";
import { seed, SeededQueries } from "@/app/_components/seeded-queries";
import { NewTokenForm } from "@/app/_components/tokens/new-token-form";
import { TokensTable } from "@/app/_components/tokens/tokens-table";
import { listApiTokens } from "@/lib/server/tokens/list-api-tokens";

export const metadata: Metadata = { title: "API tokens" };

/** Everyone's own API tokens for scripts and the CLI (issue 15); admins see all, and make service tokens. */
export default async function TokensPage() {
  const actor = await guard("viewer", "page");
  const tokens = await listApiTokens(actor);
  return (
    <>
      <PageHeader
        title="API tokens"
        context="for scripts and the CLI: Authorization: Bearer bdt_…; a token never acts above its owner's role"
      />
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <SeededQueries seeds={[seed(apiTokensQuery(), { tokens })]}>
          <TokensTable showOwner={actor.role === "admin"} />
        </SeededQueries>
        <NewTokenForm role={actor.role} />
      </div>
    </>
  );
}
