import type { RateName } from '@civicgrid/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, InputNumber, message, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, getData, sendData } from '../../api/client.ts';

interface Term {
  rate: RateName;
  weight: number;
  invert: boolean;
}
interface Settings {
  unit: Term[];
  area: Term[];
  minCases: number;
}

/** The administrator's card: the weights of both composite scores and the ranking minimum. */
export function ScoreSettingsCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const current = useQuery({
    queryKey: ['scores', 'settings'],
    queryFn: () => getData<Settings>('/api/scores/settings'),
  });
  const [draft, setDraft] = useState<Settings | null>(null);
  useEffect(() => {
    if (current.data) setDraft(current.data);
  }, [current.data]);
  const save = useMutation({
    mutationFn: (s: Settings) => sendData<Settings>('PUT', '/api/scores/settings', s),
    onSuccess: () => {
      void message.success(t('scores.saved'));
      void qc.invalidateQueries({ queryKey: ['scores'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (!draft) return null;
  const setWeight = (kind: 'unit' | 'area', i: number, weight: number | null) =>
    setDraft({ ...draft, [kind]: draft[kind].map((x, k) => (k === i ? { ...x, weight: weight ?? 0 } : x)) });
  const terms = (kind: 'unit' | 'area') => (
    <div className="score-terms">
      <Typography.Text strong>
        {t(kind === 'unit' ? 'scores.unitFormula' : 'scores.areaFormula')}
      </Typography.Text>
      {draft[kind].map((x, i) => (
        <Space key={x.rate} className="score-term">
          <InputNumber
            size="small"
            min={0}
            max={1}
            step={0.05}
            value={x.weight}
            onChange={(v) => setWeight(kind, i, v)}
            aria-label={t(`kpi.${x.rate}`)}
            data-testid={`weight-${kind}-${x.rate}`}
          />
          <span>× {x.invert ? `(1 − ${t(`kpi.${x.rate}`)})` : t(`kpi.${x.rate}`)}</span>
        </Space>
      ))}
    </div>
  );
  return (
    <Card size="small" title={t('scores.settings')} className="ranking-card" data-testid="score-settings">
      <Typography.Paragraph type="secondary">{t('scores.settingsHelp')}</Typography.Paragraph>
      <div className="score-settings-grid">
        {terms('unit')}
        {terms('area')}
      </div>
      <Space>
        <span>{t('scores.minCasesLabel')}</span>
        <InputNumber
          size="small"
          min={0}
          value={draft.minCases}
          onChange={(v) => setDraft({ ...draft, minCases: v ?? 0 })}
          data-testid="min-cases"
        />
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() => save.mutate(draft)}
          data-testid="save-weights"
        >
          {t('scores.save')}
        </Button>
      </Space>
    </Card>
  );
}
