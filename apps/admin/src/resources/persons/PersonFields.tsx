import {
  checkCitizenId,
  checkSiCode,
  isLocalDate,
  SUPPORT_CATEGORIES,
  type Sex,
  type SupportCategory,
} from '@bao-phu/domain';
import Chip from '@mui/material/Chip';
import type { SxProps, Theme } from '@mui/material/styles';
import type { MouseEvent } from 'react';
import {
  AutocompleteInput,
  Link,
  ReferenceInput,
  required,
  useCreatePath,
  useTranslate,
  type Validator,
} from 'react-admin';
import { orgUnitOptionText } from '../org-units/OrgUnitFields';
import type { OrgUnitRecord } from '../org-units/types';
import type { HamletRef, PersonRecord } from './types';

export const SEXES: readonly Sex[] = ['MALE', 'FEMALE'];

/** Choices for inputs; react-admin translates the names. */
export const sexChoices = SEXES.map((sex) => ({ id: sex, name: `app.sexes.${sex}` }));
export const supportCategoryChoices = SUPPORT_CATEGORIES.map((c) => ({ id: c, name: `app.support_categories.${c}` }));

/** "Hộ cận nghèo" for NEAR_POOR, "Nữ" for FEMALE, in the user's language. */
export const useEnumLabels = () => {
  const translate = useTranslate();
  return {
    sex: (sex: Sex | null | undefined) => (sex ? translate(`app.sexes.${sex}`) : ''),
    supportCategory: (c: SupportCategory | null | undefined) => (c ? translate(`app.support_categories.${c}`) : ''),
  };
};

/**
 * The citizen ID checked as the API checks it: 12 digits, a birth-registration province, and the
 * 4th to 6th digits agreeing with the sex and the year of birth typed in the same form.
 */
export const citizenIdValidator: Validator = (value: unknown, values: Record<string, unknown>) => {
  const id = typeof value === 'string' ? value.trim() : '';
  if (id === '') return undefined;
  const dateOfBirth = typeof values?.dateOfBirth === 'string' && isLocalDate(values.dateOfBirth) ? values.dateOfBirth : null;
  const sex = values?.sex === 'MALE' || values?.sex === 'FEMALE' ? values.sex : null;
  const problem = checkCitizenId(id, { dateOfBirth, sex });
  return problem ? `app.validation.citizen_id.${problem}` : undefined;
};

export const siCodeValidator: Validator = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' && checkSiCode(value.trim()) ? 'app.validation.si_code' : undefined;

/** The API's rule: 10 or 11 digits starting with 0; spaces, dots and dashes are allowed between. */
export const phoneValidator: Validator = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' && !/^0\d{9,10}$/.test(value.replace(/[\s.-]/g, ''))
    ? 'app.validation.phone'
    : undefined;

/** Digits only: a citizen ID or an SI code pasted with spaces still goes through. */
export const digitsOnly = (value: string | null | undefined) => (value == null ? value : value.replace(/\s+/g, ''));

export interface HamletInputProps {
  source?: string;
  label?: string;
  /** Required in forms; a filter leaves it optional. */
  isRequired?: boolean;
  /** Read by react-admin's filter form. */
  alwaysOn?: boolean;
  fullWidth?: boolean;
  sx?: SxProps<Theme>;
}

/** A hamlet of the user's scope, searched by name without diacritics (the commune is shown beside it). */
export const HamletInput = ({
  source = 'hamletId',
  label = 'resources.persons.fields.hamletId',
  isRequired = false,
  fullWidth = false,
  sx,
}: HamletInputProps) => (
  <ReferenceInput source={source} reference="orgUnits" filter={{ level: 'HAMLET' }} sort={{ field: 'name', order: 'ASC' }}>
    <AutocompleteInput
      label={label}
      optionText={orgUnitOptionText}
      filterToQuery={(q: string) => ({ q })}
      validate={isRequired ? required() : undefined}
      fullWidth={fullWidth}
      sx={sx}
    />
  </ReferenceInput>
);

const stopPropagation = (event: MouseEvent) => event.stopPropagation();

/** "Ấp 1 — Xã Hòa Long", a link to the hamlet. */
export const HamletLink = ({ hamlet }: { hamlet: HamletRef | null | undefined }) => {
  const createPath = useCreatePath();
  if (!hamlet) return null;
  return (
    <Link to={createPath({ resource: 'orgUnits', id: hamlet.id, type: 'show' })} onClick={stopPropagation}>
      {orgUnitOptionText(hamlet as OrgUnitRecord)}
    </Link>
  );
};

/** The support category as a chip; the supported ones stand out. */
export const SupportCategoryChip = ({ person }: { person: Pick<PersonRecord, 'supportCategory'> }) => {
  const { supportCategory } = useEnumLabels();
  const supported = person.supportCategory !== 'OTHER';
  return (
    <Chip
      size="small"
      variant="outlined"
      color={supported ? 'info' : 'default'}
      label={supportCategory(person.supportCategory)}
    />
  );
};

/** A link to the household's page, by its code. */
export const HouseholdLink = ({ household }: { household: { id: string; code: string } }) => {
  const createPath = useCreatePath();
  return (
    <Link to={createPath({ resource: 'households', id: household.id, type: 'show' })} onClick={stopPropagation}>
      {household.code}
    </Link>
  );
};
