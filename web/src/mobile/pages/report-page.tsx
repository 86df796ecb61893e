import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { Page } from '../components/page.tsx';
import { PendingList } from '../report/pending-list.tsx';
import { ReportForm } from '../report/report-form.tsx';
import type { ReportDraft } from '../report/report-payload.ts';

/**
 * The place a door plate's QR code carries (`?building=…&lng=…&lat=…&address=…`), to fill in the report;
 * nothing when the page was opened otherwise or the numbers are not a position.
 */
function placeFromPlate(params: URLSearchParams): Partial<ReportDraft> | undefined {
  const lng = Number(params.get('lng'));
  const lat = Number(params.get('lat'));
  if (!params.get('building') || !params.get('lng') || !params.get('lat')) return undefined;
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90)
    return undefined;
  const building = Number(params.get('building'));
  return {
    spot: { lng, lat, accuracy: null, via: 'map' },
    address: (params.get('address') ?? '').slice(0, 200),
    ...(Number.isInteger(building) && building > 0 ? { buildingId: building } : {}),
  };
}

/** /m/report: a resident reports a problem (随手拍), with or without an account; from a door plate, in place. */
export default function ReportPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const initial = placeFromPlate(params);
  return (
    <Page title={t('report.title')} back="/" testId="report-page">
      <PendingList />
      {initial && (
        <p className="m-notice m-notice-ok" role="status" data-testid="report-from-plate">
          {t('visits.fromPlate', { address: initial.address })}
        </p>
      )}
      <ReportForm source="resident" initial={initial} />
    </Page>
  );
}
