import { builder } from "@/graphql/builder";
import "@/graphql/types/user";

export const schema = builder.toSchema({ sortSchema: true });
