import { todayInVietnam } from '@bao-phu/domain';
import DriveFileRenameOutlineIcon from '@mui/icons-material/DriveFileRenameOutline';
import { useState } from 'react';
import { Button, required, TextInput, useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import { LocalDateInput } from '../../../components/LocalDateInput';
import type { GraphQLDataProvider } from '../../../providers/dataProvider';
import { RENAME_ORG_UNIT } from '../queries';
import type { OrgUnitDetail } from '../types';
import { ActionDialog } from '../../../components/ActionDialog';

type RenameValues = { name: string; effectiveDate: string };

/** "Đổi tên": a new name from a date on; the old one stays in the name history. */
export const RenameButton = () => {
  const record = useRecordContext<OrgUnitDetail>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const [open, setOpen] = useState(false);
  if (!record) return null;

  const rename = async ({ name, effectiveDate }: RenameValues) => {
    const data = await dataProvider.execute(RENAME_ORG_UNIT, { id: String(record.id), name: name.trim(), effectiveDate });
    return translate('resources.orgUnits.dialogs.rename.done', { name: data.renameOrgUnit.name });
  };

  return (
    <>
      <Button label="resources.orgUnits.actions.rename" onClick={() => setOpen(true)}>
        <DriveFileRenameOutlineIcon />
      </Button>
      <ActionDialog<RenameValues>
        open={open}
        onClose={() => setOpen(false)}
        title={translate('resources.orgUnits.dialogs.rename.title', { name: record.name })}
        help={translate('resources.orgUnits.dialogs.rename.help')}
        submitLabel="resources.orgUnits.actions.rename"
        defaultValues={{ name: record.name, effectiveDate: todayInVietnam() }}
        onSubmit={rename}
      >
        <TextInput source="name" label="resources.orgUnits.dialogs.rename.name" validate={required()} fullWidth autoFocus />
        <LocalDateInput source="effectiveDate" validate={required()} helperText="app.date_hint" />
      </ActionDialog>
    </>
  );
};
