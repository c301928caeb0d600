import { gql, type TypedDocumentNode } from "@apollo/client";

export interface ClinicUser {
  id: string;
  name: string;
  email: string;
  role: "CLINICIAN" | "ADMIN";
  active: boolean;
}

export const USERS: TypedDocumentNode<{ users: ClinicUser[] }> = gql`
  query ClinicUsers {
    users { id name email role active }
  }
`;

export const CREATE_USER: TypedDocumentNode<
  { createUser: ClinicUser },
  { input: { email: string; name: string; role: string; password: string } }
> = gql`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) { id name email role active }
  }
`;

export const SET_USER_ACTIVE: TypedDocumentNode<{ setUserActive: Pick<ClinicUser, "id" | "active"> }, { id: string; active: boolean }> = gql`
  mutation SetUserActive($id: ID!, $active: Boolean!) {
    setUserActive(id: $id, active: $active) { id active }
  }
`;

export const RESET_USER_PASSWORD: TypedDocumentNode<{ resetUserPassword: { id: string } }, { id: string; newPassword: string }> = gql`
  mutation ResetUserPassword($id: ID!, $newPassword: String!) {
    resetUserPassword(id: $id, newPassword: $newPassword) { id }
  }
`;

export const CHANGE_MY_PASSWORD: TypedDocumentNode<{ changeMyPassword: boolean }, { currentPassword: string; newPassword: string }> = gql`
  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {
    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`;
