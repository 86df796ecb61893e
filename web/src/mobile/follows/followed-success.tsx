import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Icon } from '../components/icons.tsx';
import { SuccessActions } from '../report/report-success.tsx';
import type { Duplicate } from '../types.ts';
import { type FollowLink, followedPath } from './follow-link.ts';

/** After following an existing case instead of reporting: what was followed and where to see it. */
export function FollowedSuccess({
  duplicate,
  link,
  onAnother,
}: {
  duplicate: Duplicate;
  link: FollowLink;
  onAnother(): void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <section className="m-success" aria-labelledby="followed-title" data-testid="report-followed">
      <div className="m-success-icon" aria-hidden="true">
        <Icon name="check" size={36} />
      </div>
      <h2 id="followed-title">{t('follow.followedTitle')}</h2>
      <div className="m-card m-followed-card">
        <p className="m-card-title">
          {i18n.language === 'en-US' ? duplicate.category.nameEn : duplicate.category.nameZh}
        </p>
        <p className="m-dup-text">{duplicate.summary}</p>
      </div>
      <p className="m-hint">{t('follow.followedText')}</p>
      <SuccessActions onAnother={onAnother}>
        <Link className="m-btn m-btn-primary m-btn-block" to={followedPath(link)} data-testid="followed-view">
          {t('follow.viewProgress')}
        </Link>
      </SuccessActions>
    </section>
  );
}
