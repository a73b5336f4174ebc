import DownloadIcon from '@mui/icons-material/Download';
import MuiButton from '@mui/material/Button';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import type { Month } from '@bao-phu/domain';
import { useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { downloadWithToken } from '../../components/download';
import { cycleExportName, cycleExportUrl, formatMonth, type CycleExportFormat } from './cycle';
import type { DueListKind } from './types';

/**
 * "Tải danh sách": the list on screen (organization and kind) as Excel or as a PDF to print, from
 * GET /api/exports/collection-cycle.
 */
export const CycleDownload = ({ baseUnitId, month, organizationId, organizationCode, kind }: { baseUnitId: string; month: Month; organizationId: string | null; organizationCode: string | null; kind: DueListKind }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (format: CycleExportFormat) => {
    setAnchor(null);
    setBusy(true);
    try {
      await downloadWithToken(cycleExportUrl({ baseUnitId, month, organizationId, kind, format }), cycleExportName(month, organizationCode, format), locale);
    } catch (e) {
      notify('resources.collection.cycle.download_failed', { type: 'error', messageArgs: { error: (e as Error).message } });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <MuiButton
        variant="outlined"
        size="small"
        startIcon={<DownloadIcon />}
        disabled={busy}
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : undefined}
        aria-label={translate('resources.collection.cycle.download_label', { kind: translate(`resources.collection.kinds.${kind}`).toLocaleLowerCase(locale), month: formatMonth(month) })}
        onClick={(e) => setAnchor(e.currentTarget)}
      >
        {translate('resources.collection.cycle.download')}
      </MuiButton>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => run('xlsx')}>{translate('resources.collection.cycle.xlsx')}</MenuItem>
        <MenuItem onClick={() => run('pdf')}>{translate('resources.collection.cycle.pdf')}</MenuItem>
      </Menu>
    </>
  );
};
