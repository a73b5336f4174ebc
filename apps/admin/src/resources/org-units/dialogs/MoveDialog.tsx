import { todayInVietnam } from '@bao-phu/domain';
import DriveFileMoveOutlineIcon from '@mui/icons-material/DriveFileMoveOutline';
import { useState } from 'react';
import { Button, required, useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import { LocalDateInput } from '../../../components/LocalDateInput';
import type { GraphQLDataProvider } from '../../../providers/dataProvider';
import { ParentInput } from '../ParentInput';
import { MOVE_ORG_UNIT } from '../queries';
import type { OrgUnitDetail } from '../types';
import { ActionDialog } from '../../../components/ActionDialog';

type MoveValues = { newParentId: string | null; effectiveDate: string };

/** "Chuyển đơn vị cấp trên": a new parent from a date on; the old one stays in the parent history. */
export const MoveButton = () => {
  const record = useRecordContext<OrgUnitDetail>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<GraphQLDataProvider>();
  const [open, setOpen] = useState(false);
  if (!record) return null;

  const move = async ({ newParentId, effectiveDate }: MoveValues) => {
    const data = await dataProvider.execute(MOVE_ORG_UNIT, {
      id: String(record.id),
      newParentId: String(newParentId),
      effectiveDate,
    });
    return translate('resources.orgUnits.dialogs.move.done', { name: data.moveOrgUnit.name });
  };

  return (
    <>
      <Button label="resources.orgUnits.actions.move" onClick={() => setOpen(true)}>
        <DriveFileMoveOutlineIcon />
      </Button>
      <ActionDialog<MoveValues>
        open={open}
        onClose={() => setOpen(false)}
        title={translate('resources.orgUnits.dialogs.move.title', { name: record.name })}
        help={translate('resources.orgUnits.dialogs.move.help')}
        submitLabel="resources.orgUnits.actions.move"
        defaultValues={{ newParentId: null, effectiveDate: todayInVietnam() }}
        onSubmit={move}
      >
        <ParentInput childLevel={record.level} source="newParentId" label="resources.orgUnits.fields.newParentId" />
        <LocalDateInput source="effectiveDate" validate={required()} helperText="app.date_hint" />
      </ActionDialog>
    </>
  );
};
