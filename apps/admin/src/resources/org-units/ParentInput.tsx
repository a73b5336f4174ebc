import { ALLOWED_PARENT_LEVELS, type OrgLevel } from '@bao-phu/domain';
import { useEffect, useRef } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { AutocompleteInput, RadioButtonGroupInput, ReferenceInput, required } from 'react-admin';
import { orgUnitOptionText } from './OrgUnitFields';

export interface ParentInputProps {
  /** Level of the unit that gets the parent. */
  childLevel: OrgLevel;
  /** Form field of the parent id (`parentId`, `newParentId`). */
  source: string;
  label?: string;
}

/** Form field holding the parent's level when a child may hang under two levels; never sent. */
export const PARENT_LEVEL_FIELD = 'parentLevel';

/**
 * The parent autocomplete, searched with `q` (no diacritics needed) among the levels a unit of
 * `childLevel` may hang under. A commune may hang under its province or a base office: the user
 * picks which first, so the list holds only candidates of that level.
 */
export const ParentInput = ({ childLevel, source, label }: ParentInputProps) => {
  const allowed = ALLOWED_PARENT_LEVELS[childLevel];
  const chosen = useWatch({ name: PARENT_LEVEL_FIELD }) as OrgLevel | undefined;
  const level = allowed.length === 1 ? allowed[0] : allowed.includes(chosen!) ? chosen : allowed[allowed.length - 1];
  const { setValue } = useFormContext();
  const previousLevel = useRef(level);
  useEffect(() => {
    // A parent picked for another level would no longer be a valid choice: clear it.
    if (previousLevel.current !== level) setValue(source, null);
    previousLevel.current = level;
  }, [level, setValue, source]);
  if (allowed.length === 0 || !level) return null;
  return (
    <>
      {allowed.length > 1 && (
        <RadioButtonGroupInput
          source={PARENT_LEVEL_FIELD}
          label="resources.orgUnits.fields.parentLevel"
          choices={allowed.map((l) => ({ id: l, name: `resources.orgUnits.levels.${l}` }))}
          defaultValue={allowed[allowed.length - 1]}
          helperText={false}
        />
      )}
      <ReferenceInput
        // A new key per level: the previous level's choice must not linger in the autocomplete.
        key={level}
        source={source}
        reference="orgUnits"
        filter={{ level }}
        sort={{ field: 'name', order: 'ASC' }}
      >
        <AutocompleteInput
          label={label}
          optionText={orgUnitOptionText}
          filterToQuery={(q: string) => ({ q })}
          validate={required()}
          fullWidth
        />
      </ReferenceInput>
    </>
  );
};
