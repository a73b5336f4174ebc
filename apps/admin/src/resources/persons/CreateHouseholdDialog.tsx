import HomeIcon from '@mui/icons-material/Home';
import { useState } from 'react';
import { Button, regex, required, TextInput, useCanAccess, useDataProvider, useTranslate } from 'react-admin';
import { ActionDialog } from '../../components/ActionDialog';
import type { GraphQLDataProvider } from '../../providers/dataProvider';
import { CREATE_HOUSEHOLD, SET_HOUSEHOLD } from './queries';
import type { PersonDetail } from './types';

type HouseholdValues = { code: string };

/** The API's rule for a household code. */
const HOUSEHOLD_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/**
 * "Tạo hộ gia đình" for a person in no household: a household of the person's hamlet, with the
 * person as its first member. Other members join from the household's page.
 */
export const CreateHouseholdButton = ({ person }: { person: PersonDetail }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const [open, setOpen] = useState(false);
  const { canAccess } = useCanAccess({ resource: 'households', action: 'createHousehold', record: person });
  if (!canAccess) return null;

  const create = async ({ code }: HouseholdValues) => {
    const { createHousehold } = await dataProvider.execute(CREATE_HOUSEHOLD, {
      input: { code: code.trim(), hamletId: String(person.hamlet.id) },
    });
    await dataProvider.execute(SET_HOUSEHOLD, { id: String(person.id), householdId: createHousehold.id });
    return translate('resources.persons.dialogs.create_household.done', { code: createHousehold.code });
  };

  return (
    <>
      <Button label="resources.persons.actions.create_household" onClick={() => setOpen(true)} size="small">
        <HomeIcon />
      </Button>
      <ActionDialog<HouseholdValues>
        open={open}
        onClose={() => setOpen(false)}
        title={translate('resources.persons.dialogs.create_household.title', { name: person.fullName })}
        help={translate('resources.persons.dialogs.create_household.help')}
        submitLabel="resources.persons.actions.create_household"
        defaultValues={{ code: '' }}
        onSubmit={create}
      >
        <TextInput
          source="code"
          label="resources.persons.dialogs.create_household.code"
          validate={[required(), regex(HOUSEHOLD_CODE, 'resources.persons.dialogs.create_household.code_help')]}
          helperText="resources.persons.dialogs.create_household.code_help"
          inputProps={{ autoComplete: 'off' }}
          autoFocus
          fullWidth
        />
      </ActionDialog>
    </>
  );
};
