import './case.css';
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { CaseAction } from '@civicgrid/shared';
import { Alert, Button, Card, Result, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import type { CaseAnswer } from '../../api/case-types.ts';
import { useCase } from '../../api/cases.ts';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../api/queries.ts';
import { CaseStateTag, LightDot, ReworkTag, SupervisionTag } from '../../components/case-tags.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { formatDateTime } from '../../components/format-time.ts';
import { PageSpin } from '../../components/page-spin.tsx';
import { DESK_ROLES, hasAnyRole, rolesOf } from '../../components/user-roles.ts';
import { ActionModal } from './action-modal.tsx';
import { CaseActions } from './case-actions.tsx';
import { CaseDetails } from './case-details.tsx';
import { CasePhotos } from './case-photos.tsx';
import { CaseTimeline } from './case-timeline.tsx';

// maplibre is large: the page shows the case first and the map when its code has arrived.
const CaseMap = lazy(() => import('./case-map.tsx').then((m) => ({ default: m.CaseMap })));

function readId(raw: string | undefined): number | null {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** One case: facts, photos, map, timeline, and exactly the buttons the server's abilities allow. */
export function CasePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = readId(useParams().id);
  const answer = useCase(id);
  const [acting, setActing] = useState<CaseAction | null>(null);
  const me = useMe();
  const canApprove = hasAnyRole(rolesOf(me.data), [...DESK_ROLES, 'community_staff']);

  const back = () => (window.history.length > 1 ? navigate(-1) : navigate('/'));
  if (id === null || (answer.error instanceof ApiError && answer.error.status === 404))
    return (
      <Result
        status="404"
        title={t('case.notFound')}
        subTitle={t('case.notFoundHint')}
        extra={<Button onClick={() => navigate('/')}>{t('app.backHome')}</Button>}
        data-testid="case-not-found"
      />
    );
  if (answer.isPending) return <PageSpin />;
  if (answer.isError)
    return (
      <div className="page-pad">
        <ErrorAlert error={answer.error} onRetry={() => void answer.refetch()} />
      </div>
    );
  const c = answer.data.data;
  const afterAction = (next: CaseAnswer) => {
    // A unit that returned a case no longer sees it: go back to the list it came from.
    if (!('events' in next.data)) back();
  };

  return (
    <div className="page case-page" data-testid="case-page" data-case-id={c.id} data-state={c.state}>
      <div className="page-head case-head">
        <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={back} />
        <Typography.Title level={2} className="page-title" data-testid="case-code">
          {t('case.number', { id: c.id })}
        </Typography.Title>
        <CaseStateTag state={c.state} checkPassed={c.checkPassed} />
        <ReworkTag count={c.cRework + c.reopenCount} />
        {c.light && <LightDot light={c.light} withText />}
        <SupervisionTag level={c.supervision} />
      </div>
      <div className="case-toolbar">
        <CaseActions answer={answer.data} onPick={(action) => setActing(action)} />
      </div>
      {c.extension && (
        <Alert
          className="case-extension"
          type="warning"
          showIcon
          data-testid="case-extension"
          title={t('extension.pending', { deadline: formatDateTime(c.extension.newDeadlineAt) })}
          description={t('extension.reason', { reason: c.extension.reason })}
        />
      )}
      <div className="case-grid">
        <div className="case-main">
          <Card size="small" title={t('case.details')}>
            <CaseDetails caseData={c} />
          </Card>
          <Card size="small" title={t('case.photos')}>
            <CasePhotos photos={c.photos} caseId={c.id} canApprove={canApprove} />
          </Card>
        </div>
        <div className="case-side">
          <Card size="small" title={t('case.location')}>
            {c.lng !== null && c.lat !== null ? (
              <Suspense fallback={<div className="case-map-wrap" aria-busy="true" />}>
                <CaseMap lng={c.lng} lat={c.lat} gridCode={c.orgCode.length === 15 ? c.orgCode : null} />
              </Suspense>
            ) : (
              <Typography.Text type="secondary">{t('case.noLocation')}</Typography.Text>
            )}
          </Card>
          <Card size="small" title={t('case.timeline')}>
            <CaseTimeline events={c.events} photos={c.photos} />
          </Card>
        </div>
      </div>
      {acting && (
        <ActionModal caseData={c} action={acting} onClose={() => setActing(null)} onDone={afterAction} />
      )}
    </div>
  );
}
