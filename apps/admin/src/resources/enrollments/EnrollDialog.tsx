import { useQuery } from '@apollo/client/react';
import {
  allowedModes,
  formatVnd,
  isLocalDate,
  monthOf,
  SCHEMES,
  todayInVietnam,
  type PaymentMode,
  type PolicySet,
  type Scheme,
} from '@bao-phu/domain';
import HowToRegIcon from '@mui/icons-material/HowToReg';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import {
  AutocompleteInput,
  Button,
  maxValue,
  minValue,
  NumberInput,
  RadioButtonGroupInput,
  required,
  SelectInput,
  useCanAccess,
  useDataProvider,
  useGetOne,
  useLocaleState,
  useTranslate,
  type Validator,
} from 'react-admin';
import { ActionDialog } from '../../components/ActionDialog';
import { LocalDateInput } from '../../components/LocalDateInput';
import { MoneyInput } from '../../components/MoneyInput';
import type { GraphQLDataProvider } from '../../providers/dataProvider';
import { usePolicy } from '../../providers/policy';
import { formatPercentBp, ladderOn, ladderShareBp, nextMemberOrder } from '../households/ladder';
import type { HouseholdRecord } from '../households/types';
import type { PersonDetail } from '../persons/types';
import { COLLECTION_ORGANIZATIONS } from '../users/queries';
import {
  formatMonth,
  incomeBoundsOver,
  incomeProblem,
  isMultiYear,
  lowestValidIncome,
  monthsCovered,
  previewModes,
  type IncomeBoundsSegment,
} from './contribution';
import { EnrollmentPreview } from './EnrollmentPreview';
import { schemeChoices, useEnrollmentLabels } from './EnrollmentFields';
import { ENROLL } from './queries';

type EnrollValues = {
  scheme: Scheme;
  startDate: string;
  paymentMode: PaymentMode;
  years: number | null;
  declaredMonthlyIncome: number | null;
  collectionOrganizationId: string | null;
};

/** The bounds over the months the dues of this mode will cover, from the form's values. */
function boundsOf(values: Partial<EnrollValues>, policy: PolicySet): IncomeBoundsSegment[] {
  if (!values.startDate || !isLocalDate(values.startDate) || !values.paymentMode) return [];
  return incomeBoundsOver(monthOf(values.startDate), monthsCovered(values.paymentMode, values.years), policy);
}

/** The income must suit every month the dues cover (the API charges each with its own floor). */
const incomeValidator = (policy: PolicySet): Validator => (value: unknown, values: Partial<EnrollValues>) => {
  if (values.scheme !== 'VOLUNTARY_SI' || typeof value !== 'number') return undefined;
  const segments = boundsOf(values, policy);
  const problem = incomeProblem(value, segments);
  if (!problem) return undefined;
  const later = segments.length > 0 && problem.from !== segments[0].from;
  const key =
    problem.code === 'INCOME_BELOW_FLOOR'
      ? later
        ? 'app.validation.income_below_floor_from'
        : 'app.validation.income_below_floor'
      : later
        ? 'app.validation.income_above_ceiling_from'
        : 'app.validation.income_above_ceiling';
  return { message: key, args: { bound: formatVnd(problem.bound), month: formatMonth(problem.from) } };
};

/** A scheme that does not offer the chosen mode gets its first one. */
const ModeFollowsScheme = () => {
  const { setValue, getValues } = useFormContext<EnrollValues>();
  const scheme = useWatch<EnrollValues, 'scheme'>({ name: 'scheme' });
  useEffect(() => {
    const modes = allowedModes(scheme);
    if (!modes.includes(getValues('paymentMode'))) setValue('paymentMode', modes[0], { shouldDirty: true });
  }, [scheme, setValue, getValues]);
  return null;
};

/** The income's bounds depend on the start and the mode: check it again when they change. */
const RecheckIncome = () => {
  const { trigger, getFieldState } = useFormContext<EnrollValues>();
  const [startDate, paymentMode, years] = useWatch<EnrollValues, ['startDate', 'paymentMode', 'years']>({
    name: ['startDate', 'paymentMode', 'years'],
  });
  useEffect(() => {
    if (getFieldState('declaredMonthlyIncome').isTouched) void trigger('declaredMonthlyIncome');
  }, [startDate, paymentMode, years, trigger, getFieldState]);
  return null;
};

/** "Tối thiểu 1.500.000 ₫, tối đa 46.800.000 ₫; từ 01/2027: tối thiểu 2.200.000 ₫ …" */
const useBoundsText = () => {
  const translate = useTranslate();
  return (segments: IncomeBoundsSegment[]) =>
    segments
      .map((s, i) => {
        const args = { floor: formatVnd(s.floor), ceiling: formatVnd(s.ceiling), month: formatMonth(s.from) };
        const text = translate(i === 0 ? 'resources.enrollments.enroll.bounds' : 'resources.enrollments.enroll.bounds_from', args);
        return s.check ? `${text} (${translate('app.unconfirmed')})` : text;
      })
      .join('; ');
};

const CollectionOrganizationInput = () => {
  const { data, loading } = useQuery(COLLECTION_ORGANIZATIONS, { variables: { take: 200 } });
  return (
    <AutocompleteInput
      source="collectionOrganizationId"
      label="resources.enrollments.fields.collectionOrganizationId"
      choices={data?.collectionOrganizations.items ?? []}
      optionText="name"
      isPending={loading}
      fullWidth
    />
  );
};

/**
 * The inputs and, below them, what every payment mode would cost this person: the preview follows
 * the inputs as they are typed, and picking a row picks the mode.
 */
const EnrollInputs = ({ person, policy }: { person: PersonDetail; policy: PolicySet }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const boundsText = useBoundsText();
  const { setValue } = useFormContext<EnrollValues>();
  const values = useWatch<EnrollValues>() as EnrollValues;
  const { scheme, startDate, paymentMode, years, declaredMonthlyIncome } = values;
  const validStart = !!startDate && isLocalDate(startDate);

  // Household HI: the member's place in the ladder, counted as the API counts it.
  const { data: household } = useGetOne<HouseholdRecord>(
    'households',
    { id: person.household?.id ?? '' },
    { enabled: scheme === 'HOUSEHOLD_HI' && !!person.household },
  );
  const memberOrder = household && validStart ? nextMemberOrder(household.members, String(person.id), startDate) : 1;
  const provinceCode = person.hamlet.ancestors?.find((a) => a.level === 'PROVINCE')?.code ?? null;

  const previews = useMemo(
    () =>
      validStart
        ? previewModes({
            scheme,
            startDate,
            declaredMonthlyIncome,
            categories: [person.supportCategory],
            provinceCode,
            memberOrder,
            years: years ?? 1,
            policy,
          })
        : [],
    [scheme, startDate, validStart, declaredMonthlyIncome, person.supportCategory, provinceCode, memberOrder, years, policy],
  );
  const validateIncome = useMemo(() => [required(), incomeValidator(policy)], [policy]);
  const segments = scheme === 'VOLUNTARY_SI' ? boundsOf(values, policy) : [];
  const modeChoices = allowedModes(scheme).map((m) => ({ id: m, name: `app.payment_modes.${m}` }));
  // A scheme the person is already in cannot be enrolled again until that enrollment ends.
  const active = activeSchemes(person);
  const schemes = schemeChoices.map((c) => ({ ...c, disabled: active.includes(c.id) }));

  return (
    <>
      <RadioButtonGroupInput source="scheme" label="resources.enrollments.fields.scheme" choices={schemes} validate={required()} helperText={false} />
      <ModeFollowsScheme />
      <RecheckIncome />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <LocalDateInput
          source="startDate"
          label="resources.enrollments.fields.startDate"
          validate={required()}
          helperText="app.date_hint"
          sx={{ width: '12em' }}
        />
        <SelectInput
          key={scheme}
          source="paymentMode"
          label="resources.enrollments.fields.paymentMode"
          choices={modeChoices}
          validate={required()}
          helperText={false}
          sx={{ minWidth: '16em' }}
        />
        {paymentMode && isMultiYear(paymentMode) && (
          <NumberInput
            source="years"
            label="resources.enrollments.fields.years"
            min={1}
            max={5}
            step={1}
            validate={[required(), minValue(1, 'app.validation.years'), maxValue(5, 'app.validation.years')]}
            helperText={false}
            sx={{ width: '8em' }}
          />
        )}
      </Stack>
      {scheme === 'VOLUNTARY_SI' && (
        <MoneyInput
          source="declaredMonthlyIncome"
          label="resources.enrollments.fields.declaredMonthlyIncome"
          validate={validateIncome}
          helperText={segments.length > 0 ? boundsText(segments) : false}
          fullWidth
        />
      )}
      {scheme === 'HOUSEHOLD_HI' && validStart && (
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('resources.enrollments.enroll.member_order', {
            order: memberOrder,
            year: startDate.slice(0, 4),
            percent: formatPercentBp(ladderShareBp(ladderOn(startDate, policy), memberOrder), locale),
          })}
        </Typography>
      )}
      <CollectionOrganizationInput />
      <EnrollmentPreview
        previews={previews}
        chosen={paymentMode}
        onChoose={(mode) => setValue('paymentMode', mode, { shouldDirty: true, shouldValidate: true })}
      />
    </>
  );
};

/** The schemes the person is enrolled in now (an ACTIVE enrollment; the API allows one per scheme). */
const activeSchemes = (person: PersonDetail): Scheme[] =>
  (person.enrollments ?? []).filter((e) => e.status === 'ACTIVE').map((e) => e.scheme);

/** The schemes the person can still be enrolled in: none when they are in both already. */
export const schemesLeftFor = (person: PersonDetail): Scheme[] => SCHEMES.filter((s) => !activeSchemes(person).includes(s));

export interface EnrollDialogProps {
  person: PersonDetail;
  open: boolean;
  onClose: () => void;
  /**
   * The door-to-door visit that brought the person in: the API credits the enrollment to its
   * campaign and member (and marks the visit ENROLLED).
   */
  visitId?: string | null;
  /** Said under the dialog's usual help, e.g. which campaign will be credited. */
  extraHelp?: string;
  /** After the API has enrolled the person (the dialog then closes and every query is refreshed). */
  onEnrolled?: () => void;
}

/**
 * "Đăng ký tham gia": scheme, start, payment mode, declared income (voluntary SI) and collection
 * organization, with the cost of every mode computed as the person watches. The API creates the dues
 * of the first 12 months; the page then shows them. Opened from the person's page, or from a visit
 * of a campaign with its `visitId`.
 */
export const EnrollDialog = ({ person, open, onClose, visitId, extraHelp, onEnrolled }: EnrollDialogProps) => {
  const translate = useTranslate();
  const labels = useEnrollmentLabels();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const policy = usePolicy();
  const schemesLeft = schemesLeftFor(person);
  if (schemesLeft.length === 0) return null;

  const startDate = `${monthOf(todayInVietnam())}-01`;
  const defaults: EnrollValues = {
    scheme: schemesLeft[0],
    startDate,
    paymentMode: allowedModes(schemesLeft[0])[0],
    years: 1,
    declaredMonthlyIncome: lowestValidIncome(incomeBoundsOver(monthOf(startDate), monthsCovered('MONTHLY'), policy)),
    collectionOrganizationId: null,
  };

  const enroll = async (values: EnrollValues) => {
    const vsi = values.scheme === 'VOLUNTARY_SI';
    await dataProvider.execute(ENROLL, {
      input: {
        personId: String(person.id),
        scheme: values.scheme,
        startDate: values.startDate,
        paymentMode: values.paymentMode,
        declaredMonthlyIncome: vsi ? values.declaredMonthlyIncome : null,
        collectionOrganizationId: values.collectionOrganizationId || null,
        years: isMultiYear(values.paymentMode) ? Number(values.years) : null,
        ...(visitId ? { visitId } : {}),
      },
    });
    onEnrolled?.();
    return translate('resources.enrollments.enroll.done', { scheme: labels.scheme(values.scheme), name: person.fullName });
  };

  const help = translate('resources.enrollments.enroll.help');
  return (
    <ActionDialog<EnrollValues>
      open={open}
      onClose={onClose}
      title={translate('resources.enrollments.enroll.title', { name: person.fullName })}
      help={extraHelp ? `${help} ${extraHelp}` : help}
      submitLabel="resources.enrollments.actions.enroll"
      defaultValues={defaults}
      onSubmit={enroll}
      maxWidth="lg"
    >
      <EnrollInputs person={person} policy={policy} />
    </ActionDialog>
  );
};

/** The person page's "Đăng ký tham gia", for those who may enroll and while a scheme is left. */
export const EnrollButton = ({ person }: { person: PersonDetail }) => {
  const [open, setOpen] = useState(false);
  const { canAccess } = useCanAccess({ resource: 'persons', action: 'enroll', record: person });
  if (!canAccess || schemesLeftFor(person).length === 0) return null;
  return (
    <>
      <Button label="resources.enrollments.actions.enroll" onClick={() => setOpen(true)}>
        <HowToRegIcon />
      </Button>
      <EnrollDialog person={person} open={open} onClose={() => setOpen(false)} />
    </>
  );
};
