import { useQueryClient } from '@tanstack/react-query';
import { App, Card, InputNumber, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, sendData } from '../../api/client.ts';
import { useTargets } from '../../api/five-star.ts';

interface Row {
  streetCode: string;
  streetName: string;
  byStars: Record<number, { target: number | null; reached: number }>;
}

/** Per-street targets (how many branches with ≥ 3, 4, 5 stars) and how many reached them; editable by the district. */
export function FiveStarTargets({ year, decides }: { year: number; decides: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const targets = useTargets(year);
  const rows = new Map<string, Row>();
  for (const r of targets.data ?? []) {
    const row = rows.get(r.streetCode) ?? { streetCode: r.streetCode, streetName: r.streetName, byStars: {} };
    row.byStars[r.stars] = { target: r.target, reached: r.reached };
    rows.set(r.streetCode, row);
  }
  const save = async (street: string, stars: number, branches: number | null) => {
    try {
      await sendData('PUT', `/api/five-star/targets/${street}/${year}`, { targets: [{ stars, branches }] });
      await qc.invalidateQueries({ queryKey: ['five-star', 'targets', year] });
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  const column = (n: number) => ({
    title: t('fiveStar.targetStars', { n }),
    key: `s${n}`,
    render: (_: unknown, r: Row) => {
      const c = r.byStars[n];
      return (
        <span>
          {c?.reached ?? 0} /{' '}
          {decides ? (
            <InputNumber
              size="small"
              min={0}
              max={10000}
              defaultValue={c?.target ?? undefined}
              placeholder={t('fiveStar.target')}
              onBlur={(e) => {
                const v = e.target.value === '' ? null : Number(e.target.value);
                if (v !== (c?.target ?? null)) void save(r.streetCode, n, v);
              }}
              style={{ width: 80 }}
            />
          ) : (
            (c?.target ?? '—')
          )}
        </span>
      );
    },
  });
  return (
    <Card
      title={`${t('fiveStar.targets')}（${t('fiveStar.reached')} / ${t('fiveStar.target')}）`}
      size="small"
    >
      <Table<Row>
        rowKey="streetCode"
        size="small"
        loading={targets.isPending}
        dataSource={[...rows.values()]}
        pagination={false}
        columns={[{ title: t('fiveStar.street'), dataIndex: 'streetName' }, column(5), column(4), column(3)]}
      />
    </Card>
  );
}
