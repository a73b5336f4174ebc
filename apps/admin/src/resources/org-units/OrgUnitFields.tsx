import { ALLOWED_PARENT_LEVELS, ORG_LEVELS, type OrgLevel } from '@bao-phu/domain';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { MouseEvent } from 'react';
import { Link, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import type { OrgUnitRecord, OrgUnitRef } from './types';

/** Choices for a level input; react-admin translates the names. */
export const levelChoices = ORG_LEVELS.map((level) => ({
  id: level,
  name: `resources.orgUnits.levels.${level}`,
}));

/** "Xã/Phường" for COMMUNE, in the user's language. */
export const useLevelLabel = () => {
  const translate = useTranslate();
  return (level: OrgLevel | null | undefined) => (level ? translate(`resources.orgUnits.levels.${level}`) : '');
};

/** The level of the record in context, as a word. */
export const LevelField = (_props: { label?: string; source?: string }) => {
  const record = useRecordContext<OrgUnitRecord>();
  const levelLabel = useLevelLabel();
  return (
    <Typography component="span" variant="body2">
      {levelLabel(record?.level)}
    </Typography>
  );
};

/** The chips that must be visible wherever a unit is listed: closed, and made-up demo data. */
export const OrgUnitChips = ({ unit }: { unit: Pick<OrgUnitRecord, 'closed'> & { synthetic?: boolean } }) => {
  const translate = useTranslate();
  if (!unit.closed && !unit.synthetic) return null;
  return (
    <Stack direction="row" spacing={0.5} component="span" sx={{ display: 'inline-flex', ml: 1 }}>
      {unit.closed && (
        <Chip size="small" color="warning" variant="outlined" label={translate('resources.orgUnits.chips.closed')} />
      )}
      {unit.synthetic && (
        <Chip size="small" color="info" variant="outlined" label={translate('resources.orgUnits.chips.synthetic')} />
      )}
    </Stack>
  );
};

const stopPropagation = (event: MouseEvent) => event.stopPropagation();

/** A link to a unit's show page whose text (and accessible name) is the unit's name. */
export const OrgUnitLink = ({ unit }: { unit: Pick<OrgUnitRef, 'id' | 'name'> }) => {
  const createPath = useCreatePath();
  return (
    <Link to={createPath({ resource: 'orgUnits', id: unit.id, type: 'show' })} onClick={stopPropagation}>
      {unit.name}
    </Link>
  );
};

/** The parent of the record in context, as a link; `emptyText` (a key) for a top-level unit. */
export const ParentField = ({ emptyText }: { label?: string; source?: string; emptyText?: string }) => {
  const record = useRecordContext<OrgUnitRecord>();
  const translate = useTranslate();
  if (record?.parent) return <OrgUnitLink unit={record.parent} />;
  return emptyText ? (
    <Typography component="span" variant="body2">
      {translate(emptyText)}
    </Typography>
  ) : null;
};

/**
 * Option text of unit autocompletes: names repeat across provinces ("Xã An Phú"), so the parent
 * is added, unless the parent is the root and says nothing.
 */
export const orgUnitOptionText = (unit: OrgUnitRecord | undefined) => {
  if (!unit) return '';
  const parent = unit.parent;
  return parent && ALLOWED_PARENT_LEVELS[parent.level]?.length > 0 ? `${unit.name} — ${parent.name}` : unit.name;
};
