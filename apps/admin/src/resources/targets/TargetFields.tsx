import type { TargetStatus } from '@bao-phu/domain';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Chip from '@mui/material/Chip';
import MuiLink from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import type { Permissions } from '../../providers/permissions';

/** Whole numbers as written in the user's language: 2.708 in Vietnamese, 2,708 in English. */
export const useCount = () => {
  const [locale] = useLocaleState();
  return useMemo(() => {
    const f = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 0 });
    return (n: number | null | undefined) => (n == null ? '' : f.format(n));
  }, [locale]);
};

/** "Nháp" (to be published) or "Đã ban hành", with the colour a user scans for. */
export const TargetStatusChip = ({ status }: { status: TargetStatus | null | undefined }) => {
  const translate = useTranslate();
  if (!status) return null;
  return (
    <Chip
      size="small"
      color={status === 'PUBLISHED' ? 'success' : 'warning'}
      variant={status === 'PUBLISHED' ? 'filled' : 'outlined'}
      label={translate(`resources.targets.status.${status}`)}
    />
  );
};

export interface BreadcrumbUnit {
  id: string;
  name: string;
  level: string;
  path: string;
}

/**
 * The way back up: the unit's ancestors within the user's scope (above it the API would refuse
 * them), each a link, then the unit itself. Nothing for a unit that is the scope itself.
 */
export const UnitBreadcrumbs = ({
  ancestors,
  unit,
  permissions,
  onOpen,
}: {
  ancestors: readonly BreadcrumbUnit[];
  unit: Pick<BreadcrumbUnit, 'name'>;
  permissions: Permissions | null | undefined;
  onOpen: (id: string) => void;
}) => {
  const translate = useTranslate();
  const scopePath = permissions?.scope.path ?? '/';
  const up = ancestors.filter((a) => a.level !== 'COUNTRY' && a.path.startsWith(scopePath));
  if (up.length === 0) return null;
  return (
    <Breadcrumbs aria-label={translate('resources.targets.breadcrumbs')}>
      {up.map((a) => (
        <MuiLink key={a.id} component="button" type="button" variant="body2" onClick={() => onOpen(a.id)}>
          {a.name}
        </MuiLink>
      ))}
      <Typography variant="body2" color="text.primary" aria-current="page">
        {unit.name}
      </Typography>
    </Breadcrumbs>
  );
};
