import { Descriptions, Drawer, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useInspection } from '../../api/inspections.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { KindTag } from './kind-tag.tsx';

const RESULT_COLOR = { pass: 'green', fail: 'red', na: 'default' } as const;

/** One inspection: who, when, its score, and each point's answers against the checklist version it kept. */
export function InspectionDrawer({ id, onClose }: { id: number | null; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const q = useInspection(id);
  const v = q.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={560}
      title={v?.title ?? ''}
      data-testid="inspection-drawer"
    >
      {q.error && <ErrorAlert error={q.error} />}
      {v && (
        <>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('insp.kind')}>
              <KindTag kind={v.kind} />
            </Descriptions.Item>
            <Descriptions.Item label={t('insp.date')}>
              {v.plannedOn} {v.plannedTime ?? ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('insp.leader')}>{v.leaderName}</Descriptions.Item>
            {v.team.length > 0 && (
              <Descriptions.Item label={t('insp.team')}>{v.team.join('、')}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('insp.score')}>
              {v.score ?? '—'} · {t(`insp.state.${v.state}`)}
            </Descriptions.Item>
          </Descriptions>
          {v.state === 'submitted' && v.itemsFailed > 0 && (
            <Link to={`/rectifications?inspectionId=${v.id}&state=all`}>{t('insp.toList')}</Link>
          )}
          {v.route.map((s) => (
            <List
              key={s.id}
              size="small"
              header={
                <Typography.Text strong>
                  {s.seq}. {s.point.name} · {en ? s.point.typeNameEn : s.point.typeNameZh}{' '}
                  <Typography.Text type="secondary">
                    {t('insp.version', { n: s.checklistVersion })}
                  </Typography.Text>
                </Typography.Text>
              }
              dataSource={s.items}
              renderItem={(it) => {
                const a = s.answers.find((x) => x.itemId === it.id);
                return (
                  <List.Item>
                    <span>
                      {en && it.textEn ? it.textEn : it.textZh}
                      {a?.note && <Typography.Text type="secondary">（{a.note}）</Typography.Text>}
                    </span>
                    {a ? (
                      <Tag color={RESULT_COLOR[a.result]}>{t(`insp.result.${a.result}`)}</Tag>
                    ) : (
                      <Tag>{t('insp.notAnswered')}</Tag>
                    )}
                  </List.Item>
                );
              }}
            />
          ))}
        </>
      )}
    </Drawer>
  );
}
