import { graphql } from "@/lib/generated/graphql";

// A fragment is spread by name in any file; codegen adds its definition to each document that spreads it.

export const CLINIC_USER_FIELDS = graphql(`
  fragment ClinicUserFields on User {
    id
    name
    email
    role
    active
    hasSecondFactor
    invited
    service {
      id
      name
    }
  }
`);

/** The clinic's own services, for choosing the one a new therapist works for. */
export const OWN_SERVICES = graphql(`
  query OwnTherapyServices {
    therapyServices {
      id
      name
      discipline
      own
    }
  }
`);

/** What the viewer may do, for client components (lib/permissions decides; the UI only asks). */
export const MY_PERMISSIONS = graphql(`
  query MyPermissions {
    me {
      id
      permissions
    }
  }
`);

export const USERS = graphql(`
  query ClinicUsers {
    users {
      ...ClinicUserFields
    }
  }
`);

export const CREATE_USER = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      ...ClinicUserFields
    }
  }
`);

export const SET_USER_ACTIVE = graphql(`
  mutation SetUserActive($id: ID!, $active: Boolean!) {
    setUserActive(id: $id, active: $active) {
      id
      active
    }
  }
`);

export const RESET_USER_PASSWORD = graphql(`
  mutation ResetUserPassword($id: ID!, $newPassword: String!) {
    resetUserPassword(id: $id, newPassword: $newPassword) {
      id
    }
  }
`);

export const CHANGE_MY_PASSWORD = graphql(`
  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {
    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

export const INVITE_USER = graphql(`
  mutation InviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) {
      ...ClinicUserFields
    }
  }
`);

export const RESEND_INVITATION = graphql(`
  mutation ResendInvitation($id: ID!) {
    resendInvitation(id: $id) {
      id
    }
  }
`);

export const MY_CONTACT = graphql(`
  query MyContact {
    me {
      id
      workPhone
    }
  }
`);

export const UPDATE_MY_CONTACT = graphql(`
  mutation UpdateMyContact($input: MyContactInput!) {
    updateMyContact(input: $input) {
      id
      workPhone
    }
  }
`);
