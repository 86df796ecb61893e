import type { CaseState } from '@civicgrid/shared';
import { Alert, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { stateLabel } from '../../components/case-labels.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { type Spot, useDuplicates } from './intake-api.ts';

/** Open cases of the chosen category near the pin, so a call about a known problem is not registered twice. */
export function DuplicateList({ category, spot }: { category: string | undefined; spot: Spot | null }) {
  const { t, i18n } = useTranslation();
  const found = useDuplicates(category, spot);
  if (!found.data) return null;
  if (found.data.length === 0)
    return (
      <Typography.Text type="secondary" data-testid="intake-no-duplicates">
        {t('intake.noDuplicates')}
      </Typography.Text>
    );
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="intake-duplicates"
      title={t('intake.duplicates', { count: found.data.length })}
      description={
        <List
          size="small"
          dataSource={found.data}
          renderItem={(d) => (
            <List.Item>
              <Tag>{stateLabel(d.state as CaseState, i18n.language)}</Tag>
              {d.summary}
              <Typography.Text type="secondary">
                {' '}
                · {t('intake.distance', { m: Math.round(d.distanceM) })} · {formatDateTime(d.reportedAt)}
              </Typography.Text>
            </List.Item>
          )}
        />
      }
    />
  );
}
