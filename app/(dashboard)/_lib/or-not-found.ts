import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/server/errors/app-error";

/**
 * Services throw AppError("not_found") for a missing branch or host; a page
 * answers that with Next's 404 page instead of the error boundary.
 */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
}
