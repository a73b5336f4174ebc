import GroupAddIcon from '@mui/icons-material/GroupAdd';
import { useState } from 'react';
import {
  AutocompleteInput,
  Button,
  ReferenceInput,
  required,
  useCanAccess,
  useDataProvider,
  useTranslate,
} from 'react-admin';
import { ActionDialog } from '../../components/ActionDialog';
import { formatLocalDate } from '../../components/dates';
import type { GraphQLDataProvider } from '../../providers/dataProvider';
import { SET_HOUSEHOLD } from '../persons/queries';
import type { PersonRecord } from '../persons/types';
import type { HouseholdRecord } from './types';

type AddMemberValues = { personId: string | null };

const personOptionText = (p: PersonRecord | undefined) => (p ? `${p.fullName} (${formatLocalDate(p.dateOfBirth)})` : '');

/** "Thêm thành viên": a person of the household's hamlet joins it (leaving any other household). */
export const AddMemberButton = ({ household }: { household: HouseholdRecord }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const [open, setOpen] = useState(false);
  const { canAccess } = useCanAccess({ resource: 'households', action: 'addMember', record: household });
  if (!canAccess) return null;
  const memberIds = new Set(household.members.map((m) => String(m.id)));
  const notYetMember = (value: unknown) =>
    value != null && memberIds.has(String(value)) ? 'resources.households.dialogs.add_member.already' : undefined;

  const add = async ({ personId }: AddMemberValues) => {
    const person = await dataProvider.getOne<PersonRecord>('persons', { id: personId! });
    await dataProvider.execute(SET_HOUSEHOLD, { id: String(personId), householdId: String(household.id) });
    return translate('resources.households.dialogs.add_member.done', { name: person.data.fullName });
  };

  return (
    <>
      <Button label="resources.households.actions.add_member" onClick={() => setOpen(true)}>
        <GroupAddIcon />
      </Button>
      <ActionDialog<AddMemberValues>
        open={open}
        onClose={() => setOpen(false)}
        title={translate('resources.households.dialogs.add_member.title', { code: household.code })}
        help={translate('resources.households.dialogs.add_member.help')}
        submitLabel="resources.households.actions.add_member"
        defaultValues={{ personId: null }}
        onSubmit={add}
      >
        <ReferenceInput source="personId" reference="persons" filter={{ hamletId: household.hamlet.id }} sort={{ field: 'fullName', order: 'ASC' }}>
          <AutocompleteInput
            label="resources.households.fields.personId"
            optionText={personOptionText}
            filterToQuery={(q: string) => ({ q })}
            validate={[required(), notYetMember]}
            fullWidth
            autoFocus
          />
        </ReferenceInput>
      </ActionDialog>
    </>
  );
};
