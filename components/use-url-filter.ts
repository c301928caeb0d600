"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useMemo } from "react";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date parameter written YYYY-MM-DD, or nothing: a malformed one is left out rather than sent. */
export const dateParam = (raw: string | null) => (raw && DATE.test(raw) ? raw : undefined);

/** Drops the parameters that were absent or malformed, so the API is sent only real filters. */
export function definedOnly<Filter extends object>(filter: Filter): Filter {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as Filter;
}

/**
 * A list's filters, kept in the address so a reload or a shared link shows the
 * same list. Changes go through the native History API, which Next.js routes
 * through useSearchParams: the address updates at once, so two quick changes
 * build on each other, and nothing is asked of the server. Replace, not push:
 * the back button leaves the page instead of stepping through filters.
 */
export function useUrlFilter<Filter extends object>(parse: (params: URLSearchParams) => Filter) {
  // Null only under the Pages Router, which serves no page here (pages/ holds the GraphQL API route alone).
  const pathname = usePathname() ?? "";
  const queryString = useSearchParams()?.toString() ?? "";
  const filter = useMemo(() => parse(new URLSearchParams(queryString)), [parse, queryString]);

  function replaceQuery(update: (params: URLSearchParams) => void) {
    const next = new URLSearchParams(window.location.search);
    update(next);
    const search = next.toString();
    window.history.replaceState(null, "", search ? `${pathname}?${search}` : pathname);
  }

  function setParam(name: string, value: string | null) {
    replaceQuery((params) => (value ? params.set(name, value) : params.delete(name)));
  }

  /** Every filter off: the bare address. */
  function clear() {
    window.history.replaceState(null, "", pathname);
  }

  return { filter, setParam, replaceQuery, clear };
}
