import { todayInVietnam } from '@bao-phu/domain';
import MergeTypeIcon from '@mui/icons-material/MergeType';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import {
  AutocompleteArrayInput,
  AutocompleteInput,
  Button,
  RadioButtonGroupInput,
  ReferenceArrayInput,
  ReferenceInput,
  required,
  TextInput,
  useDataProvider,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { LocalDateInput } from '../../../components/LocalDateInput';
import type { GraphQLDataProvider } from '../../../providers/dataProvider';
import { orgUnitOptionText, useLevelLabel } from '../OrgUnitFields';
import { MERGE_ORG_UNITS, type MergeOrgUnitsInput } from '../queries';
import type { OrgUnitDetail } from '../types';
import { ActionDialog } from '../../../components/ActionDialog';

type MergeValues = {
  sourceIds: string[];
  target: 'new' | 'existing';
  intoId: string | null;
  into: { code: string; name: string };
  effectiveDate: string;
};

const targetChoices = [
  { id: 'new', name: 'resources.orgUnits.dialogs.merge.into_new' },
  { id: 'existing', name: 'resources.orgUnits.dialogs.merge.into_existing' },
];

/** Either the receiving unit or the new unit's code and name, following the chosen target. */
const MergeTargetInputs = ({ level }: { level: OrgUnitDetail['level'] }) => {
  const target = useWatch<MergeValues, 'target'>({ name: 'target' });
  if (target === 'existing') {
    return (
      <ReferenceInput source="intoId" reference="orgUnits" filter={{ level }} sort={{ field: 'name', order: 'ASC' }}>
        <AutocompleteInput
          label="resources.orgUnits.fields.intoId"
          optionText={orgUnitOptionText}
          filterToQuery={(q: string) => ({ q })}
          validate={required()}
          fullWidth
        />
      </ReferenceInput>
    );
  }
  return (
    <>
      <TextInput source="into.code" validate={required()} fullWidth />
      <TextInput source="into.name" validate={required()} fullWidth />
    </>
  );
};

/**
 * "Sáp nhập": this unit and the other chosen units of the same level go into an existing unit
 * or a new one (created under this unit's parent); the sources close the day before.
 */
export const MergeButton = () => {
  const record = useRecordContext<OrgUnitDetail>();
  const translate = useTranslate();
  const levelLabel = useLevelLabel();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const [open, setOpen] = useState(false);
  if (!record) return null;

  const merge = async (values: MergeValues) => {
    const sourceIds = [...new Set([String(record.id), ...(values.sourceIds ?? []).map(String)])];
    const input: MergeOrgUnitsInput = {
      sourceIds,
      effectiveDate: values.effectiveDate,
      ...(values.target === 'existing'
        ? { intoId: String(values.intoId) }
        : { into: { code: values.into.code.trim(), name: values.into.name.trim() } }),
    };
    const data = await dataProvider.execute(MERGE_ORG_UNITS, { input });
    return translate('resources.orgUnits.dialogs.merge.done', { name: data.mergeOrgUnits.name });
  };

  return (
    <>
      <Button label="resources.orgUnits.actions.merge" onClick={() => setOpen(true)}>
        <MergeTypeIcon />
      </Button>
      <ActionDialog<MergeValues>
        open={open}
        onClose={() => setOpen(false)}
        title={translate('resources.orgUnits.dialogs.merge.title', { name: record.name })}
        help={translate('resources.orgUnits.dialogs.merge.help')}
        submitLabel="resources.orgUnits.actions.merge"
        defaultValues={{
          sourceIds: [],
          target: 'new',
          intoId: null,
          into: { code: '', name: '' },
          effectiveDate: todayInVietnam(),
        }}
        onSubmit={merge}
      >
        <ReferenceArrayInput
          source="sourceIds"
          reference="orgUnits"
          filter={{ level: record.level }}
          sort={{ field: 'name', order: 'ASC' }}
        >
          <AutocompleteArrayInput
            label="resources.orgUnits.fields.sourceIds"
            optionText={orgUnitOptionText}
            filterToQuery={(q: string) => ({ q })}
            helperText={translate('resources.orgUnits.dialogs.merge.same_level', { level: levelLabel(record.level) })}
            fullWidth
          />
        </ReferenceArrayInput>
        <RadioButtonGroupInput source="target" label="resources.orgUnits.fields.target" choices={targetChoices} />
        <MergeTargetInputs level={record.level} />
        <LocalDateInput source="effectiveDate" validate={required()} helperText="app.date_hint" />
      </ActionDialog>
    </>
  );
};
