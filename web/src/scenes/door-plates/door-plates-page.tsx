import './door-plates.css';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { errorMessage, getData, query } from '../../api/client.ts';

interface Plate {
  id: number;
  name: string;
  address: string;
  gridCode: string;
  gridName: string;
  communityName: string | null;
  workers: { name: string; publicPhone: string | null }[];
  reportUrl: string;
  qr: string;
}

const PER_PAGE = 4;

function PlateCard({ p }: { p: Plate }) {
  const { t } = useTranslation();
  return (
    <article className="plate" data-testid="door-plate">
      <div className="plate-head">{t('plates.head')}</div>
      <div className="plate-address">{p.address}</div>
      <p className="plate-line">{t('plates.grid', { community: p.communityName ?? '', grid: p.gridName })}</p>
      <p className="plate-line">{t('plates.gridCode', { code: p.gridCode })}</p>
      {p.workers.length === 0 ? (
        <p className="plate-line">{t('plates.noWorker')}</p>
      ) : (
        p.workers.map((w) => (
          <p key={w.name} className="plate-line">
            {t('plates.worker', { name: w.name })}
            <span className="plate-phone"> {w.publicPhone ?? t('plates.noPhone')}</span>
          </p>
        ))
      )}
      <div className="plate-qr">
        <img src={p.qr} alt={t('plates.qrAlt', { address: p.address })} />
        <span>{t('plates.qrHint')}</span>
      </div>
    </article>
  );
}

/**
 * /door-plates?grid=<code> or ?building=<id>: the door plates (网格门牌) of a grid's buildings or of one
 * building, four to an A4 page, for printing (the toolbar is left off the print).
 */
export function DoorPlatesPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const grid = params.get('grid');
  const building = params.get('building');
  const plates = useQuery({
    queryKey: ['door-plates', grid, building],
    queryFn: () => getData<Plate[]>(`/api/door-plates${query({ grid, building })}`),
    retry: false,
  });
  useEffect(() => {
    document.title = t('plates.title');
  }, [t]);
  const pages: Plate[][] = [];
  for (let i = 0; i < (plates.data?.length ?? 0); i += PER_PAGE)
    pages.push(plates.data!.slice(i, i + PER_PAGE));
  return (
    <div data-testid="door-plates-page">
      <div className="plates-toolbar">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('plates.title')}
        </Typography.Title>
        {plates.data && (
          <Typography.Text type="secondary">{t('plates.count', { n: plates.data.length })}</Typography.Text>
        )}
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          disabled={!plates.data?.length}
          data-testid="door-plates-print"
        >
          {t('plates.print')}
        </Button>
      </div>
      {plates.isPending && <Spin style={{ display: 'block', margin: 48 }} />}
      {plates.isError && (
        <Alert
          type="error"
          showIcon
          style={{ margin: 24 }}
          message={errorMessage(plates.error)}
          data-testid="door-plates-error"
        />
      )}
      {plates.data?.length === 0 && <Alert type="info" style={{ margin: 24 }} message={t('plates.none')} />}
      <div className="plates-sheet">
        {pages.map((page) => (
          <section key={page[0]!.id} className="plates-page">
            {page.map((p) => (
              <PlateCard key={p.id} p={p} />
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}
