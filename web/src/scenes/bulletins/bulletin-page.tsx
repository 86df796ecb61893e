import './bulletin.css';
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { type Bulletin, useBulletin } from '../../api/scores.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageSpin } from '../../components/page-spin.tsx';
import { percent } from '../dashboard/kpi-cards.tsx';
import { FlagTag } from '../scores/rankings-page.tsx';

const cnDate = (day: string) =>
  `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** The rates of the summary, in the order the sheet prints them. */
const RATES = [
  'disposeRate',
  'disposeOnTimeRate',
  'closeRate',
  'closeOnTimeRate',
  'satisfactionRate',
  'resolveRate',
] as const;

/** One bulletin in its official form (红头: issuing office, 文号, date), printable on A4, exportable as .xlsx. */
export function BulletinPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const b = useBulletin(id);
  if (b.isPending) return <PageSpin />;
  if (b.isError) return <ErrorAlert error={b.error} onRetry={() => void b.refetch()} />;
  return (
    <div className="page bulletin-page" data-testid="bulletin-page">
      <Space className="bulletin-tools no-print">
        <Link to="/bulletins">← {t('bulletins.back')}</Link>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="bulletin-print">
          {t('bulletins.print')}
        </Button>
        <Button href={`/api/bulletins/${id}/export.xlsx`} data-testid="bulletin-export">
          {t('bulletins.export')}
        </Button>
      </Space>
      <BulletinSheet b={b.data} />
    </div>
  );
}

/** The printed sheet itself. */
function BulletinSheet({ b }: { b: Bulletin }) {
  const { t } = useTranslation();
  const c = b.content;
  const period = c.from === c.to ? cnDate(c.from) : `${cnDate(c.from)}至${cnDate(c.to)}`;
  const issued = cnDate(new Date(new Date(b.issuedAt).getTime() + 8 * 3_600_000).toISOString().slice(0, 10));
  return (
    <article className="bulletin-sheet" data-testid="bulletin-sheet">
      <header className="bulletin-head">
        <div className="bulletin-issuer">{b.issuer}</div>
        <div className="bulletin-kind">{t(`bulletins.kind.${b.kind}`)}</div>
        <div className="bulletin-number" data-testid="bulletin-number">
          {b.number}
        </div>
        <hr className="bulletin-rule" />
        <h1 className="bulletin-title">
          {c.scopeName}
          {t(`bulletins.kind.${b.kind}`)}（{period}）
        </h1>
      </header>

      <h2>{t('bulletins.sections.summary')}</h2>
      <p className="bulletin-text" data-testid="bulletin-summary">
        {t('bulletins.summary', {
          ...c.figures,
          onTime: percent(c.rates.disposeOnTimeRate.rate),
          closeRate: percent(c.rates.closeRate.rate),
        })}
      </p>
      <table className="bulletin-table">
        <tbody>
          <tr>
            {RATES.map((k) => (
              <th key={k}>{t(`kpi.${k}`)}</th>
            ))}
          </tr>
          <tr>
            {RATES.map((k) => (
              <td key={k}>
                {percent(c.rates[k].rate)}
                <small>
                  {' '}
                  ({c.rates[k].numerator}/{c.rates[k].denominator})
                </small>
              </td>
            ))}
          </tr>
        </tbody>
      </table>

      <h2>{t('bulletins.sections.flags')}</h2>
      {c.flags ? (
        c.flags.levels.map((l) => (
          <section key={l.level} className="bulletin-flags">
            <h3>
              {t(`scores.level.${l.level}`, { defaultValue: l.level })}（{t('scores.week')}{' '}
              {c.flags!.weekStart}）
            </h3>
            <BulletinTable
              heads={[
                t('scores.rank'),
                t('scores.name'),
                t('scores.score'),
                t('scores.grade'),
                t('scores.flag'),
              ]}
              rows={l.lines}
              rowKey={(x) => `${x.peerGroup}-${x.name}`}
              cells={(x) => [
                x.rank ? `${x.rank}/${x.of}` : '—',
                x.name,
                x.score === null ? '—' : x.score.toFixed(1),
                x.grade ?? '—',
                <FlagTag key="flag" flag={x.flag} reasons={x.reasons} />,
              ]}
            />
          </section>
        ))
      ) : (
        <p className="bulletin-text">{t('bulletins.noFlags')}</p>
      )}

      <h2>{t('bulletins.sections.worst')}</h2>
      <BulletinTable
        heads={[
          t('bulletins.worstHead.category'),
          t('bulletins.worstHead.count'),
          t('bulletins.worstHead.overdue'),
        ]}
        rows={c.worst}
        rowKey={(w) => w.code}
        cells={(w) => [w.name, w.count, w.overdue]}
      />

      <h2>{t('bulletins.sections.units')}</h2>
      {c.lateUnits.length ? (
        <BulletinTable
          heads={[
            t('bulletins.unitHead.unit'),
            t('bulletins.unitHead.due'),
            t('bulletins.unitHead.late'),
            t('bulletins.unitHead.rate'),
          ]}
          rows={c.lateUnits}
          rowKey={(u) => u.name}
          cells={(u) => [u.name, u.due, u.late, percent(u.rate)]}
        />
      ) : (
        <p className="bulletin-text">{t('bulletins.noUnits')}</p>
      )}

      {c.inspections && (
        <>
          <h2>{t('bulletins.sections.inspections')}</h2>
          <p className="bulletin-text" data-testid="bulletin-inspections">
            {t('bulletins.inspectionLine', {
              kinds:
                Object.entries(c.inspections.byKind)
                  .map(([k, n]) => `${t(`bulletins.inspectionKind.${k}`, { defaultValue: k })} ${n} 次`)
                  .join('、') || t('bulletins.none'),
              failed: c.inspections.failed,
              passRate: percent(c.inspections.passRate.rate),
              ...c.inspections.rectifications,
            })}
          </p>
          {c.inspections.worstItems.length > 0 && (
            <BulletinTable
              heads={[t('bulletins.itemHead.item'), t('bulletins.itemHead.failed')]}
              rows={c.inspections.worstItems}
              rowKey={(w) => w.text}
              cells={(w) => [w.text, w.failed]}
            />
          )}
        </>
      )}

      <footer className="bulletin-foot">
        <div>{b.issuer}</div>
        <div>{issued}</div>
        <p className="bulletin-note">{t('bulletins.snapshot')}</p>
      </footer>
    </article>
  );
}

/** A table of the sheet: a head row, then one row per item with its cells in the same order. */
function BulletinTable<T>({
  heads,
  rows,
  rowKey,
  cells,
}: {
  heads: string[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  cells: (row: T) => ReactNode[];
}) {
  return (
    <table className="bulletin-table">
      <thead>
        <tr>
          {heads.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {cells(row).map((cell, i) => (
              <td key={heads[i]}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
