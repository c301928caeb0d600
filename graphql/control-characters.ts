import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, visit, type DocumentNode } from "graphql";
import type { GraphQLContext } from "@/graphql/context";
import { AppError } from "@/lib/errors";

/**
 * Control characters other than tab and line breaks have no place in clinic
 * text, and PostgreSQL refuses NUL outright (which would surface as a server
 * error). Refused once here, for every text argument present and future.
 */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

type Path = (string | number)[];

function inValue(value: unknown, path: Path): Path | null {
  if (typeof value === "string") return CONTROL_CHARACTER.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = inValue(item, [...path, index]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = inValue(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** String literals written into the operation itself, with the argument path they sit at. */
function inDocument(document: DocumentNode): Path | null {
  const path: string[] = [];
  let found: Path | null = null;
  visit(document, {
    Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    StringValue: (node) => {
      if (!found && CONTROL_CHARACTER.test(node.value)) found = [...path];
    },
  });
  return found;
}

export const refuseControlCharacters: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document }) {
        const field = inValue(request.variables ?? {}, []) ?? inDocument(document);
        if (!field) return;
        const error = new AppError("BAD_USER_INPUT", "Text may not contain control characters.", { field });
        throw new GraphQLError(error.userMessage, { originalError: error, extensions: { http: { status: 400 } } });
      },
    };
  },
};
