import {
  FIVE_STAR_METRICS,
  type FiveStarScope,
  ITEM_KINDS,
  type StandardItem,
  type StandardStar,
} from '@civicgrid/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorMessage, getData, sendData } from '../../api/client.ts';
import { starLabel } from '../../api/five-star.ts';
import { useMe } from '../../api/queries.ts';

interface Standard {
  scope: FiveStarScope;
  stars: StandardStar[];
  saved: boolean;
}

/** One scope's standard as an editable table per star. */
function ScopeEditor({ year, std, editable }: { year: number; std: Standard; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [stars, setStars] = useState(std.stars);
  useEffect(() => setStars(std.stars), [std.stars]);
  const edit = (si: number, ii: number, patch: Partial<StandardItem>) =>
    setStars((s) =>
      s.map((st, i) =>
        i !== si ? st : { ...st, items: st.items.map((it, j) => (j === ii ? { ...it, ...patch } : it)) },
      ),
    );
  const save = async () => {
    try {
      await sendData('PUT', `/api/five-star/standards/${year}/${std.scope}`, { stars });
      void message.success(t('fiveStar.standardSaved'));
      await qc.invalidateQueries({ queryKey: ['five-star', 'standards', year] });
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  const num = (si: number, ii: number, field: 'min' | 'max' | 'threshold') => (v: number | null) =>
    edit(si, ii, { [field]: v ?? undefined });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {!std.saved && <Alert type="info" message={t('fiveStar.defaultStandard')} />}
      {stars.map((star, si) => (
        <Card key={star.star} size="small" title={starLabel(star.star, i18n.language)}>
          <Table<StandardItem>
            rowKey={(_, i) => `${star.star}-${i}`}
            size="small"
            pagination={false}
            dataSource={star.items}
            columns={[
              {
                title: t('fiveStar.key'),
                dataIndex: 'key',
                width: 140,
                render: (v, _, ii) =>
                  editable ? <Input value={v} onChange={(e) => edit(si, ii, { key: e.target.value })} /> : v,
              },
              {
                title: t('fiveStar.itemTitle'),
                dataIndex: 'title',
                render: (v, _, ii) =>
                  editable ? (
                    <Input value={v} onChange={(e) => edit(si, ii, { title: e.target.value })} />
                  ) : (
                    v
                  ),
              },
              {
                title: t('fiveStar.kind'),
                dataIndex: 'kind',
                width: 120,
                render: (v, _, ii) => (
                  <Select
                    disabled={!editable}
                    value={v}
                    style={{ width: 110 }}
                    onChange={(k) => edit(si, ii, { kind: k })}
                    options={ITEM_KINDS.map((k) => ({ value: k, label: t(`fiveStar.kinds.${k}`) }))}
                  />
                ),
              },
              {
                title: t('fiveStar.min'),
                dataIndex: 'min',
                width: 90,
                render: (v, i, ii) =>
                  i.kind === 'score' ? (
                    <InputNumber disabled={!editable} value={v} onChange={num(si, ii, 'min')} />
                  ) : null,
              },
              {
                title: t('fiveStar.max'),
                dataIndex: 'max',
                width: 90,
                render: (v, i, ii) =>
                  i.kind === 'score' ? (
                    <InputNumber disabled={!editable} value={v} onChange={num(si, ii, 'max')} />
                  ) : null,
              },
              {
                title: t('fiveStar.threshold'),
                dataIndex: 'threshold',
                width: 100,
                render: (v, i, ii) =>
                  i.kind === 'threshold' ? (
                    <InputNumber
                      disabled={!editable}
                      step={0.05}
                      value={v}
                      onChange={num(si, ii, 'threshold')}
                    />
                  ) : null,
              },
              {
                title: t('fiveStar.metric'),
                dataIndex: 'metric',
                width: 150,
                render: (v, i, ii) =>
                  i.kind === 'threshold' || i.kind === 'score' ? (
                    <Select
                      allowClear
                      disabled={!editable}
                      value={v ?? undefined}
                      style={{ width: 140 }}
                      onChange={(m) => edit(si, ii, { metric: m ?? null })}
                      options={FIVE_STAR_METRICS.map((m) => ({
                        value: m,
                        label: t(`fiveStar.metrics.${m as 'satisfactionRate'}`, { defaultValue: m }),
                      }))}
                    />
                  ) : null,
              },
              ...(editable
                ? [
                    {
                      key: 'x',
                      width: 70,
                      render: (_: unknown, __: StandardItem, ii: number) => (
                        <Button
                          type="link"
                          danger
                          onClick={() =>
                            setStars((s) =>
                              s.map((st, i) =>
                                i !== si ? st : { ...st, items: st.items.filter((_, j) => j !== ii) },
                              ),
                            )
                          }
                        >
                          {t('fiveStar.remove')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {editable && (
            <Button
              type="dashed"
              style={{ marginTop: 8 }}
              onClick={() =>
                setStars((s) =>
                  s.map((st, i) =>
                    i !== si
                      ? st
                      : {
                          ...st,
                          items: [
                            ...st.items,
                            {
                              key: `${star.star.slice(0, 1)}-${st.items.length + 1}`,
                              title: '',
                              kind: 'pass',
                            },
                          ],
                        },
                  ),
                )
              }
            >
              {t('fiveStar.addItem')}
            </Button>
          )}
        </Card>
      ))}
      {editable && (
        <Button type="primary" onClick={() => void save()} data-testid="five-star-save-standard">
          {t('fiveStar.saveStandard')}
        </Button>
      )}
    </Space>
  );
}

/** /five-star/standards/:year: the district's urban and rural standards of a year; district staff edit or copy last year's. */
export function FiveStarStandardsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const year = Number(useParams().year);
  const me = useMe();
  const editable = me.data?.can['fivestar.decide'] ?? false;
  const list = useQuery({
    queryKey: ['five-star', 'standards', year],
    queryFn: () => getData<Standard[]>(`/api/five-star/standards/${year}`),
  });
  const copy = async () => {
    try {
      await sendData('POST', `/api/five-star/standards/${year}/copy`, {});
      void message.success(t('fiveStar.copied'));
      await qc.invalidateQueries({ queryKey: ['five-star', 'standards', year] });
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  return (
    <div data-testid="five-star-standards-page">
      <Space style={{ marginBottom: 12 }} wrap>
        <Link to="/five-star">← {t('fiveStar.title')}</Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('fiveStar.standards')} · {year}
        </Typography.Title>
        <Link to={`/five-star/standards/${year - 1}`}>{year - 1}</Link>
        <Link to={`/five-star/standards/${year + 1}`}>{year + 1}</Link>
        {editable && (
          <Popconfirm title={t('fiveStar.copyConfirm')} onConfirm={() => void copy()}>
            <Button>{t('fiveStar.copyLast')}</Button>
          </Popconfirm>
        )}
      </Space>
      {list.isError && <Alert type="error" showIcon message={errorMessage(list.error)} />}
      <Tabs
        items={(list.data ?? []).map((std) => ({
          key: std.scope,
          label: t(`fiveStar.${std.scope}`),
          children: <ScopeEditor year={year} std={std} editable={editable} />,
        }))}
      />
    </div>
  );
}
