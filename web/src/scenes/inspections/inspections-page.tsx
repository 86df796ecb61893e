import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Badge, Button, Calendar, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInspections } from '../../api/inspections.ts';
import { useMe } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { InspectionDrawer } from './inspection-drawer.tsx';
import { KindTag } from './kind-tag.tsx';
import { PlanModal } from './plan-modal.tsx';
import './inspections.css';

/** The inspections calendar: a month of 晨查, 督查, 暗访 and 模拟测评; plan one, open one to see its answers. */
export function InspectionsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const [open, setOpen] = useState<number | null>(null);
  const [planning, setPlanning] = useState(false);
  const from = month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
  const to = month.endOf('month').add(7, 'day').format('YYYY-MM-DD');
  const list = useInspections(from, to);
  const byDay = new Map<string, NonNullable<typeof list.data>>();
  for (const i of list.data ?? []) byDay.set(i.plannedOn, [...(byDay.get(i.plannedOn) ?? []), i]);
  return (
    <div className="page insp-page" data-testid="inspections-page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('insp.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('insp.hint')}</Typography.Text>
        {me?.can['inspection.run'] && (
          <Button type="primary" onClick={() => setPlanning(true)} data-testid="plan-inspection">
            {t('insp.plan')}
          </Button>
        )}
      </div>
      {list.error && <ErrorAlert error={list.error} />}
      <Calendar
        value={month}
        onPanelChange={(d) => setMonth(d)}
        onSelect={(d, info) => info.source !== 'date' && setMonth(d)}
        // a month and two labelled arrows instead of antd's unlabelled year and month selects (axe: label)
        headerRender={({ value, onChange }) => (
          <div className="insp-cal-head">
            <Button
              icon={<LeftOutlined />}
              aria-label={t('insp.prevMonth')}
              onClick={() => onChange(value.subtract(1, 'month'))}
              data-testid="calendar-prev"
            />
            <Typography.Text strong className="insp-cal-month">
              {value.format(t('insp.monthFormat'))}
            </Typography.Text>
            <Button
              icon={<RightOutlined />}
              aria-label={t('insp.nextMonth')}
              onClick={() => onChange(value.add(1, 'month'))}
              data-testid="calendar-next"
            />
          </div>
        )}
        cellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode;
          const day = byDay.get(d.format('YYYY-MM-DD')) ?? [];
          return (
            <ul className="insp-cell">
              {day.map((i) => (
                <li key={i.id}>
                  <button
                    type="button"
                    className="insp-chip"
                    onClick={() => setOpen(i.id)}
                    data-testid="calendar-inspection"
                  >
                    <KindTag kind={i.kind} />
                    <span className="insp-chip-title">{i.title}</span>
                    {i.state === 'submitted' ? (
                      <Badge
                        count={i.itemsFailed}
                        size="small"
                        title={t('insp.failed', { n: i.itemsFailed })}
                      />
                    ) : (
                      <Typography.Text type="secondary">{t(`insp.state.${i.state}`)}</Typography.Text>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          );
        }}
      />
      <InspectionDrawer id={open} onClose={() => setOpen(null)} />
      {planning && <PlanModal open day={month} onClose={() => setPlanning(false)} />}
    </div>
  );
}
