"use client";

import { HttpLink } from "@apollo/client";
import { ApolloClient, ApolloNextAppProvider, InMemoryCache } from "@apollo/client-integration-nextjs";
import { relayStylePagination } from "@apollo/client/utilities";
import type { ReactNode } from "react";

function makeClient() {
  return new ApolloClient({
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            // "Load more" appends a page; another search, filter or page size is a list of its own.
            patients: relayStylePagination(["search", "first"]),
            referrals: relayStylePagination(["filter", "first"]),
            auditEvents: relayStylePagination(["filter", "first"]),
            worklist: relayStylePagination(["filter", "first"]),
            referralUpdates: relayStylePagination(["first"]),
            notifications: relayStylePagination(["first"]),
            mailDeliveries: relayStylePagination(["status", "first"]),
          },
        },
        Patient: { fields: { referrals: relayStylePagination(["first"]) } },
      },
    }),
    // Relative on purpose: in server rendering the integration answers useQuery from the
    // cache only, so requests are made by the browser, with the session cookie of this origin.
    link: new HttpLink({ uri: "/api/graphql", credentials: "same-origin" }),
  });
}

/**
 * `nonce` is this response's Content-Security-Policy nonce: the provider streams the
 * results of server rendering to the browser in inline scripts, which must carry it to run.
 */
export function ApolloProvider({ nonce, children }: { nonce: string | undefined; children: ReactNode }) {
  return (
    <ApolloNextAppProvider makeClient={makeClient} extraScriptProps={nonce ? { nonce } : undefined}>
      {children}
    </ApolloNextAppProvider>
  );
}
