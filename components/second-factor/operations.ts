import { graphql } from "@/lib/generated/graphql";

export const MY_SECOND_FACTORS = graphql(`
  query MySecondFactors {
    mySecondFactors {
      required
      recoveryCodesLeft
      passkeys {
        id
        name
        createdAt
        lastUsedAt
      }
      authenticatorApp {
        addedAt
        lastUsedAt
      }
    }
  }
`);

export const REMOVE_PASSKEY = graphql(`
  mutation RemovePasskey($id: ID!) {
    removePasskey(id: $id)
  }
`);

export const REMOVE_AUTHENTICATOR_APP = graphql(`
  mutation RemoveAuthenticatorApp {
    removeAuthenticatorApp
  }
`);

export const REGENERATE_RECOVERY_CODES = graphql(`
  mutation RegenerateRecoveryCodes {
    regenerateRecoveryCodes
  }
`);

export const MY_SESSIONS = graphql(`
  query MySessions {
    mySessions {
      id
      device
      address
      startedAt
      lastActiveAt
      current
    }
  }
`);

export const END_SESSION = graphql(`
  mutation EndSession($id: ID!) {
    endSession(id: $id)
  }
`);

export const END_OTHER_SESSIONS = graphql(`
  mutation EndOtherSessions {
    endOtherSessions
  }
`);

export const CLINIC_SECOND_FACTOR_POLICY = graphql(`
  query ClinicSecondFactorPolicy {
    me {
      id
      clinic {
        id
        secondFactorPolicy
      }
    }
  }
`);

export const SET_SECOND_FACTOR_POLICY = graphql(`
  mutation SetSecondFactorPolicy($policy: SecondFactorPolicy!) {
    setSecondFactorPolicy(policy: $policy) {
      id
      secondFactorPolicy
    }
  }
`);

export const RESET_SECOND_FACTORS = graphql(`
  mutation ResetSecondFactors($userId: ID!) {
    resetSecondFactors(userId: $userId) {
      id
      hasSecondFactor
    }
  }
`);
