import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ResourceDescriptor } from '../../providers/dataProvider';
import { ENROLLMENT_SUMMARY_FIELDS } from '../enrollments/queries';
import type { PersonRecord } from './types';

/** The GraphQL side of the persons resource: its selections, its verbs, its descriptor. */

const HAMLET_REF = gql`
  fragment PersonHamletFields on OrgUnit {
    id
    code
    name
    level
    closed
    parent {
      id
      code
      name
      level
    }
  }
`;

/** Lists, references and mutation results. */
export const PERSON_FIELDS = gql`
  fragment PersonFields on Person {
    id
    fullName
    dateOfBirth
    sex
    citizenId
    phone
    personalDataMasked
    siCode
    supportCategory
    supportFrom
    supportTo
    hamlet {
      ...PersonHamletFields
    }
    household {
      id
      code
    }
  }
  ${HAMLET_REF}
`;

/**
 * The show and edit pages: the person with the hamlet's ancestors (the province code decides a
 * provincial support top-up) and the enrollments without their dues. Dues and payments are read
 * per enrollment (enrollments/queries.ts), so the page's query stays small however long a person's
 * history grows; the API estimates nested unpaged lists at 50 rows each and refuses costly queries.
 */
export const PERSON_DETAIL_FIELDS = gql`
  fragment PersonDetailFields on Person {
    ...PersonFields
    hamlet {
      id
      ancestors {
        id
        code
        name
        level
      }
    }
    enrollments {
      ...EnrollmentSummaryFields
    }
  }
  ${PERSON_FIELDS}
  ${ENROLLMENT_SUMMARY_FIELDS}
`;

export const personsDescriptor: ResourceDescriptor = {
  list: 'persons',
  filterType: 'PersonFilter',
  one: 'person',
  fields: PERSON_FIELDS,
  detailFields: PERSON_DETAIL_FIELDS,
  sortFields: ['fullName', 'dateOfBirth', 'citizenId', 'createdAt'],
  maxTake: 200,
  create: {
    mutation: 'createPerson',
    inputType: 'CreatePersonInput',
    inputFields: [
      'fullName',
      'dateOfBirth',
      'sex',
      'citizenId',
      'phone',
      'hamletId',
      'householdId',
      'supportCategory',
      'supportFrom',
      'supportTo',
      'siCode',
    ],
  },
  // Citizen ID, date of birth and sex are not corrected here: the API has no such update.
  update: {
    mutation: 'updatePerson',
    inputType: 'UpdatePersonInput',
    inputFields: ['fullName', 'phone', 'hamletId', 'householdId', 'supportCategory', 'supportFrom', 'supportTo', 'siCode'],
  },
  // The forms edit ids; the API returns the objects.
  toRecord: (person: Omit<PersonRecord, 'hamletId' | 'householdId'>): PersonRecord => ({
    ...person,
    hamletId: person.hamlet?.id ?? null,
    householdId: person.household?.id ?? null,
  }),
};

export const REVEAL_PERSONAL_DATA: TypedDocumentNode<
  { revealPersonalData: { citizenId: string; phone: string | null } },
  { personId: string }
> = gql`
  mutation RevealPersonalData($personId: ID!) {
    revealPersonalData(personId: $personId) {
      citizenId
      phone
    }
  }
`;

export interface CreateHouseholdInput {
  code: string;
  hamletId: string;
}

export const CREATE_HOUSEHOLD: TypedDocumentNode<
  { createHousehold: { id: string; code: string } },
  { input: CreateHouseholdInput }
> = gql`
  mutation CreateHousehold($input: CreateHouseholdInput!) {
    createHousehold(input: $input) {
      id
      code
    }
  }
`;

/** Puts a person into a household (or takes them out with null). */
export const SET_HOUSEHOLD: TypedDocumentNode<
  { updatePerson: { id: string; household: { id: string; code: string } | null } },
  { id: string; householdId: string | null }
> = gql`
  mutation SetPersonHousehold($id: ID!, $householdId: ID) {
    updatePerson(id: $id, input: { householdId: $householdId }) {
      id
      household {
        id
        code
      }
    }
  }
`;
