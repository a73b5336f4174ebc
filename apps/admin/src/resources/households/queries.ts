import { gql } from '@apollo/client';
import type { ResourceDescriptor } from '../../providers/dataProvider';

/**
 * A household is read one by one (`household(id)`): the API has no list of households, so the page
 * is reached from its members' pages.
 */
export const HOUSEHOLD_FIELDS = gql`
  fragment HouseholdFields on Household {
    id
    code
    hamlet {
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
    members {
      id
      fullName
      dateOfBirth
      sex
      enrollments {
        id
        scheme
        status
        startDate
        paymentMode
        memberOrder
      }
    }
  }
`;

export const householdsDescriptor: ResourceDescriptor = {
  one: 'household',
  fields: HOUSEHOLD_FIELDS,
  sortFields: [],
};
