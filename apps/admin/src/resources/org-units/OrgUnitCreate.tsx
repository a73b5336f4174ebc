import { ALLOWED_PARENT_LEVELS, todayInVietnam, type OrgLevel } from '@bao-phu/domain';
import { useWatch } from 'react-hook-form';
import { useMemo } from 'react';
import { Create, required, SelectInput, SimpleForm, TextInput, usePermissions } from 'react-admin';
import { LocalDateInput } from '../../components/LocalDateInput';
import { creatableLevels, type Permissions } from '../../providers/permissions';
import { levelChoices } from './OrgUnitFields';
import { ParentInput } from './ParentInput';

/** The parent input for the chosen level; none for the top level. */
const CreateParentInput = () => {
  const level = useWatch<{ level?: OrgLevel }, 'level'>({ name: 'level' });
  return level ? <ParentInput childLevel={level} source="parentId" /> : null;
};

/** A top-level unit has no parent, even if one was picked before the level was changed. */
const dropParentOfRoot = (data: Record<string, unknown>) =>
  ALLOWED_PARENT_LEVELS[data.level as OrgLevel]?.length === 0 ? { ...data, parentId: null } : data;

/** Only the levels the user may create: base staff hamlets, planners below the province. */
export const OrgUnitCreate = () => {
  const { permissions } = usePermissions<Permissions | null>();
  const choices = useMemo(() => {
    const allowed = creatableLevels(permissions);
    return levelChoices.filter((choice) => allowed.includes(choice.id));
  }, [permissions]);
  // Base staff have one choice only: it is made for them.
  const onlyLevel = choices.length === 1 ? choices[0].id : undefined;
  return (
    <Create redirect="show" transform={dropParentOfRoot}>
      <SimpleForm defaultValues={() => ({ validFrom: todayInVietnam(), ...(onlyLevel ? { level: onlyLevel } : {}) })}>
        <TextInput source="code" validate={required()} />
        <TextInput source="name" validate={required()} fullWidth />
        <SelectInput source="level" choices={choices} validate={required()} />
        <CreateParentInput />
        <LocalDateInput source="validFrom" validate={required()} helperText="app.date_hint" />
      </SimpleForm>
    </Create>
  );
};
