import { builder } from "@/graphql/builder";
import "@/graphql/types/scalars";
import "@/graphql/types/user";
import "@/graphql/types/triage";
import "@/graphql/types/patient";
import "@/graphql/types/referral";
import "@/graphql/types/service";
import "@/graphql/types/attachment";
import "@/graphql/types/draft";
import "@/graphql/types/audit";
import "@/graphql/types/notification";
import "@/graphql/types/dashboard";
import "@/graphql/types/account";

export const schema = builder.toSchema({ sortSchema: true });
