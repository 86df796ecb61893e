import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n/index.ts';
import type { PublicCase } from '../types.ts';
import { PhotoStrip } from './photo-strip.tsx';
import { Timeline } from './timeline.tsx';

const BEFORE = new Set(['report', 'before']);

interface PublicCaseViewProps {
  c: PublicCase;
  /** the reporter's own tracking code (their tracking page); followers never see one */
  code?: string;
  /** what the viewer may do, between the summary and the photos */
  children?: ReactNode;
  testId?: string;
}

/** A case's public view in plain words: kind, state, promise, photos and progress (tracking and following). */
export function PublicCaseView({ c, code, children, testId = 'track-case' }: PublicCaseViewProps) {
  const { t, i18n } = useTranslation();
  const before = c.photos.filter((p) => BEFORE.has(p.kind));
  const after = c.photos.filter((p) => !BEFORE.has(p.kind));
  const category = c.category
    ? i18n.language === 'en-US'
      ? c.category.nameEn
      : c.category.nameZh
    : c.categoryCode;
  return (
    <div className="m-stack" data-testid={testId}>
      <section className="m-card">
        <div className="m-row-between">
          <h2 className="m-card-title">{category}</h2>
          <span className={`m-badge m-state-${c.state}`} data-testid="track-state">
            {t(`state.${c.state}`)}
          </span>
        </div>
        {code && <p className="m-code-small">{code}</p>}
        <p className="m-desc">{c.description}</p>
        <dl className="m-facts">
          <dt>{t('track.reportedAt')}</dt>
          <dd>{formatDateTime(c.reportedAt)}</dd>
          {c.address && (
            <>
              <dt>{t('track.address')}</dt>
              <dd>{c.address}</dd>
            </>
          )}
          {c.area && (
            <>
              <dt>{t('track.area')}</dt>
              <dd data-testid="track-area">{i18n.language === 'en-US' ? c.area.nameEn : c.area.nameZh}</dd>
            </>
          )}
          {c.closedAt && (
            <>
              <dt>{t('track.closedAt')}</dt>
              <dd>{formatDateTime(c.closedAt)}</dd>
            </>
          )}
        </dl>
        {!c.closedAt && c.state !== 'rejected' && (
          <p className="m-promise" data-testid="track-promise">
            {c.replyDeadlineAt
              ? t('track.replyBy', { date: formatDateTime(c.replyDeadlineAt) })
              : t('track.replyAfterFiling')}
          </p>
        )}
        {c.rating && (
          <p className="m-promise">{t('track.rated', { rating: t(`track.rating.${c.rating}`) })}</p>
        )}
      </section>
      {children}
      {c.photos.length > 0 && (
        <section className="m-card" aria-labelledby="photos-title">
          <h2 id="photos-title" className="m-section-title">
            {t('track.photos')}
          </h2>
          {before.length > 0 && (
            <>
              <h3 className="m-label">{t('track.photosBefore')}</h3>
              <PhotoStrip photos={before} />
            </>
          )}
          {after.length > 0 && (
            <>
              <h3 className="m-label">{t('track.photosAfter')}</h3>
              <PhotoStrip photos={after} />
            </>
          )}
        </section>
      )}
      <section className="m-card" aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="m-section-title">
          {t('track.timeline')}
        </h2>
        <Timeline events={c.timeline} />
      </section>
    </div>
  );
}
