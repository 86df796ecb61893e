import './five-star.css';
import type { StarKey } from '@civicgrid/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Row, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorMessage, request } from '../../api/client.ts';
import { type Assessment, starLabel, useAssessment } from '../../api/five-star.ts';
import { FiveStarDecision } from './five-star-decision.tsx';
import { FiveStarHistory } from './five-star-history.tsx';
import { type Draft, type ReviewDraft, StarItems } from './five-star-items.tsx';
import { Stars } from './five-star-page.tsx';

/**
 * /five-star/:code/:year: one branch's assessment. The same page is the community's self-assessment (answers,
 * evidence, photos, submit), the street's review (accept or return each item with a reason) and the district's
 * decision and veto: the server's abilities decide which of them shows.
 */
export function FiveStarBranchPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { code = '', year: y = '' } = useParams();
  const year = Number(y);
  const qc = useQueryClient();
  const page = useAssessment(code, year);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [reviews, setReviews] = useState<Record<string, ReviewDraft>>({});
  const [busy, setBusy] = useState(false);
  const base = `/api/five-star/branches/${code}/years/${year}`;

  const send = async (method: 'PUT' | 'POST', path: string, body: unknown, done: string) => {
    setBusy(true);
    try {
      const res = await request<{ data: Assessment; abilities: string[] }>(method, `${base}${path}`, body);
      qc.setQueryData(['five-star', 'branch', code, year], res);
      void qc.invalidateQueries({ queryKey: ['five-star', 'history', code] });
      setDrafts({});
      void message.success(done);
      return true;
    } catch (err) {
      void message.error(errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const answers = () => Object.entries(drafts).map(([key, d]) => ({ key, ...d }));
  const photo = async (key: string, file: File) => {
    const form = new FormData();
    form.append('photo', file);
    if (!page.data?.data.state || page.data.data.state === 'draft')
      await send('PUT', '/answers', { answers: answers() }, t('fiveStar.saved'));
    await send('POST', `/items/${key}/photos`, form, t('fiveStar.saved'));
  };

  if (page.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (page.isError) return <Alert type="error" showIcon message={errorMessage(page.error)} />;
  const { data: a, abilities } = page.data;
  const can = (x: string) => abilities.includes(x);
  const keys = a.standard.flatMap((s) => s.items.map((i) => i.key));
  return (
    <div data-testid="five-star-branch-page">
      <Space wrap style={{ marginBottom: 12 }}>
        <Link to="/five-star">← {t('fiveStar.title')}</Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {a.branch.name} · {a.year}
        </Typography.Title>
        <Tag>{t(`fiveStar.${a.branch.scope}`)}</Tag>
        <Tag
          color={a.state === 'returned' ? 'orange' : a.state === 'decided' ? 'gold' : 'blue'}
          data-testid="five-star-state"
        >
          {t(`fiveStar.states.${a.state}`)}
        </Tag>
        <Stars n={a.stars.length} />
      </Space>
      <Alert
        type="info"
        style={{ marginBottom: 12 }}
        message={t('fiveStar.earned', {
          stars: a.earned.map((s) => starLabel(s, i18n.language)).join('、') || '—',
        })}
        data-testid="five-star-earned"
      />
      <Row gutter={16}>
        <Col xs={24} xl={17}>
          {a.standard.map((star) => (
            <StarItems
              key={star.star}
              star={star}
              a={a}
              assess={can('assess')}
              review={can('review')}
              drafts={drafts}
              setDraft={(key, d) => setDrafts((x) => ({ ...x, [key]: d }))}
              reviews={reviews}
              setReview={(key, r) => setReviews((x) => ({ ...x, [key]: r }))}
              onPhoto={(key, f) => void photo(key, f)}
            />
          ))}
          <Space className="five-star-actions">
            {can('assess') && (
              <>
                <Button
                  loading={busy}
                  onClick={() => void send('PUT', '/answers', { answers: answers() }, t('fiveStar.saved'))}
                  data-testid="five-star-save"
                >
                  {t('fiveStar.save')}
                </Button>
                <Button
                  type="primary"
                  loading={busy}
                  data-testid="five-star-submit"
                  onClick={async () => {
                    if (await send('PUT', '/answers', { answers: answers() }, t('fiveStar.saved')))
                      await send('POST', '/submit', undefined, t('fiveStar.submitted'));
                  }}
                >
                  {t('fiveStar.submit')}
                </Button>
              </>
            )}
            {can('review') && (
              <Button
                type="primary"
                loading={busy}
                data-testid="five-star-send-review"
                onClick={() =>
                  void send(
                    'POST',
                    '/review',
                    { items: keys.map((key) => ({ key, ...(reviews[key] ?? { accepted: true }) })) },
                    t('fiveStar.reviewed'),
                  )
                }
              >
                {t('fiveStar.sendReview')}
              </Button>
            )}
          </Space>
        </Col>
        <Col xs={24} xl={7}>
          <Space direction="vertical" style={{ width: '100%' }}>
            {can('decide') && (
              <FiveStarDecision
                mode="decide"
                a={a}
                busy={busy}
                onDecide={(stars: StarKey[], reason) =>
                  void send('POST', '/decide', { stars, reason }, t('fiveStar.decided'))
                }
                onVeto={() => undefined}
              />
            )}
            {can('veto') && a.stars.length > 0 && (
              <FiveStarDecision
                mode="veto"
                a={a}
                busy={busy}
                onDecide={() => undefined}
                onVeto={(v) => void send('POST', '/veto', v, t('fiveStar.vetoDone'))}
              />
            )}
            <FiveStarHistory a={a} />
          </Space>
        </Col>
      </Row>
    </div>
  );
}
