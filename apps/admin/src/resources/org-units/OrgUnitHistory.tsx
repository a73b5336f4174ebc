import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatLocalDate } from '../../components/dates';
import { OrgUnitChips, OrgUnitLink, useLevelLabel } from './OrgUnitFields';
import type { OrgUnitDetail, OrgUnitRef } from './types';

/** Props react-admin's show layouts read to label a child (`label`) — not used inside. */
type LabeledProps = { label?: string | false };

/** "01/07/2025 – nay": a span of dates, open-ended while the span lasts. */
const useSpan = () => {
  const translate = useTranslate();
  return (from: string, to: string | null | undefined) =>
    `${formatLocalDate(from)} – ${to ? formatLocalDate(to) : translate('resources.orgUnits.history.until_now')}`;
};

const None = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary">
      {translate('resources.orgUnits.history.none')}
    </Typography>
  );
};

/** Units as a table of links with their level, code and validity. */
export const UnitTable = ({ units }: { units: OrgUnitRef[] | undefined }) => {
  const translate = useTranslate();
  const levelLabel = useLevelLabel();
  const span = useSpan();
  if (!units || units.length === 0) return <None />;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.orgUnits.fields.name')}</TableCell>
          <TableCell>{translate('resources.orgUnits.fields.code')}</TableCell>
          <TableCell>{translate('resources.orgUnits.fields.level')}</TableCell>
          <TableCell>{translate('resources.orgUnits.fields.validity')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {units.map((unit) => (
          <TableRow key={unit.id}>
            <TableCell>
              <OrgUnitLink unit={unit} />
              <OrgUnitChips unit={{ closed: !!unit.closed }} />
            </TableCell>
            <TableCell>{unit.code}</TableCell>
            <TableCell>{levelLabel(unit.level)}</TableCell>
            <TableCell>{unit.validFrom ? span(unit.validFrom, unit.validTo) : ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

export const NameHistory = (_props: LabeledProps) => {
  const record = useRecordContext<OrgUnitDetail>();
  const translate = useTranslate();
  const span = useSpan();
  const names = record?.nameHistory ?? [];
  if (names.length === 0) return <None />;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.orgUnits.fields.name')}</TableCell>
          <TableCell>{translate('resources.orgUnits.fields.validity')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {names.map((n) => (
          <TableRow key={`${n.validFrom}-${n.name}`}>
            <TableCell>{n.name}</TableCell>
            <TableCell>{span(n.validFrom, n.validTo)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

export const ParentHistory = (_props: LabeledProps) => {
  const record = useRecordContext<OrgUnitDetail>();
  const translate = useTranslate();
  const span = useSpan();
  const spans = record?.parentHistory ?? [];
  if (spans.length === 0) return <None />;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.orgUnits.fields.parent')}</TableCell>
          <TableCell>{translate('resources.orgUnits.fields.validity')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {spans.map((s) => (
          <TableRow key={`${s.validFrom}-${s.parent?.id ?? 'root'}`}>
            <TableCell>
              {s.parent ? <OrgUnitLink unit={s.parent} /> : translate('resources.orgUnits.show.no_parent')}
            </TableCell>
            <TableCell>{span(s.validFrom, s.validTo)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

export const Predecessors = (_props: LabeledProps) => {
  const record = useRecordContext<OrgUnitDetail>();
  return <UnitTable units={record?.predecessors} />;
};

export const Successors = (_props: LabeledProps) => {
  const record = useRecordContext<OrgUnitDetail>();
  return <UnitTable units={record?.successors} />;
};

const STAT_COLUMNS = ['population', 'workingAgePopulation', 'households', 'healthInsured'] as const;

/** Yearly denominators (UnitStatistic), newest year first. */
export const StatisticsTable = (_props: LabeledProps) => {
  const record = useRecordContext<OrgUnitDetail>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const stats = [...(record?.statistics ?? [])].sort((a, b) => b.year - a.year);
  if (stats.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('resources.orgUnits.statistics.empty')}
      </Typography>
    );
  }
  const number = new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'vi-VN');
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.orgUnits.statistics.year')}</TableCell>
          {STAT_COLUMNS.map((c) => (
            <TableCell key={c} align="right">
              {translate(`resources.orgUnits.statistics.${c}`)}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {stats.map((s) => (
          <TableRow key={s.year}>
            <TableCell>{s.year}</TableCell>
            {STAT_COLUMNS.map((c) => (
              <TableCell key={c} align="right">
                {s[c] == null ? '' : number.format(s[c])}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
