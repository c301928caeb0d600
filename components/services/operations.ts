import { graphql } from "@/lib/generated/graphql";

export const CLINIC_SERVICE_FIELDS = graphql(`
  fragment ClinicServiceFields on TherapyService {
    id
    name
    discipline
    description
    eligibilityCriteria
    exclusions
    contactPhone
    contactEmail
    address
    acceptsExternalReferrals
    closed
    responseTargets {
      priority
      workingDays
      own
    }
  }
`);

export const CLINIC_SERVICES = graphql(`
  query ClinicServices {
    clinicServices {
      ...ClinicServiceFields
    }
  }
`);

export const CREATE_THERAPY_SERVICE = graphql(`
  mutation CreateTherapyService($input: CreateTherapyServiceInput!) {
    createTherapyService(input: $input) {
      ...ClinicServiceFields
    }
  }
`);

export const UPDATE_THERAPY_SERVICE = graphql(`
  mutation UpdateTherapyService($id: ID!, $input: UpdateTherapyServiceInput!) {
    updateTherapyService(id: $id, input: $input) {
      ...ClinicServiceFields
    }
  }
`);

export const REMOVE_THERAPY_SERVICE = graphql(`
  mutation RemoveTherapyService($id: ID!) {
    removeTherapyService(id: $id)
  }
`);
