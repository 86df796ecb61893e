import './directory.css';
import { DIRECTORY_KINDS, type DirectoryKind, type PublicDirectoryEntry } from '@civicgrid/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../api.ts';
import { Icon } from '../components/icons.tsx';
import { Page } from '../components/page.tsx';
import { Empty, ErrorNotice, Loading } from '../components/states.tsx';
import { useStartPoint } from '../position.ts';
import { useLoad } from '../use-load.ts';

interface Answer {
  data: PublicDirectoryEntry[];
  kinds: DirectoryKind[];
}

function EntryCard({ e, kind }: { e: PublicDirectoryEntry; kind: string }) {
  const { t } = useTranslation();
  return (
    <li>
      <article className="m-card m-directory" data-testid="directory-item">
        <span className="m-row-between">
          <span className="m-card-title">{e.name}</span>
          <span className="m-badge">{kind}</span>
        </span>
        {e.description && <span className="m-task-desc">{e.description}</span>}
        <span className="m-meta">
          {e.distanceM !== null ? `${t('directory.distance', { m: e.distanceM })} · ` : ''}
          {e.address}
        </span>
        {e.hours && <span className="m-meta">{t('directory.hours', { hours: e.hours })}</span>}
        {e.phone && (
          <a className="m-btn m-btn-small m-directory-call" href={`tel:${e.phone.replace(/[^0-9+]/g, '')}`}>
            {t('directory.call', { phone: e.phone })}
          </a>
        )}
      </article>
    </li>
  );
}

/**
 * /m/directory: 便民服务 near the resident (家政, 医疗, 购物, 就业招聘 and the district's own kinds), nearest first,
 * by kind and word. Public data through the directory's public presenter (GET /api/public/directory).
 */
export default function DirectoryPage() {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState('');
  const [word, setWord] = useState('');
  const [q, setQ] = useState('');
  const { start, located, config } = useStartPoint();
  const params = start
    ? `lng=${start[0]}&lat=${start[1]}&radius=5000${kind ? `&kind=${kind}` : ''}${q ? `&q=${encodeURIComponent(q)}` : ''}`
    : null;
  const list = useLoad(
    params,
    async () => (await request<Answer>('GET', `/api/public/directory?${params}`)).body,
  );
  const kinds: DirectoryKind[] = list.data?.kinds ?? DIRECTORY_KINDS.map((k) => ({ ...k }));
  const label = (key: string) => {
    const k = kinds.find((x) => x.key === key);
    return k ? (i18n.language === 'en-US' ? k.en : k.zh) : key;
  };

  return (
    <Page title={t('directory.title')} back="/" testId="directory-page">
      <p className="m-lead">{t('directory.intro')}</p>
      {located === false && <p className="m-hint">{t('directory.noLocation')}</p>}
      <form
        className="m-search"
        aria-label={t('directory.search')}
        onSubmit={(e) => {
          e.preventDefault();
          setQ(word.trim());
        }}
      >
        <Icon name="search" />
        <input
          type="search"
          value={word}
          onChange={(e) => setWord(e.target.value)}
          placeholder={t('directory.search')}
          aria-label={t('directory.search')}
          data-testid="directory-search"
          enterKeyHint="search"
        />
      </form>
      <div className="m-chips" role="radiogroup" aria-label={t('directory.kinds')}>
        {[{ key: '', zh: '全部', en: 'All' }, ...kinds].map((k) => (
          <label key={k.key || 'all'} className="m-chip">
            <input
              type="radio"
              name="kind"
              value={k.key}
              checked={kind === k.key}
              onChange={() => setKind(k.key)}
            />
            <span>{k.key ? label(k.key) : t('directory.all')}</span>
          </label>
        ))}
      </div>
      {!start ? (
        located === null || config.loading ? (
          <p className="m-hint" role="status">
            {t('directory.locating')}
          </p>
        ) : (
          <ErrorNotice error={config.error} onRetry={config.reload} />
        )
      ) : list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorNotice error={list.error} onRetry={list.reload} />
      ) : list.data && list.data.data.length === 0 ? (
        <Empty>{t('directory.empty')}</Empty>
      ) : (
        <ul className="m-list" data-testid="directory-list">
          {(list.data?.data ?? []).map((e) => (
            <EntryCard key={e.id} e={e} kind={label(e.kind)} />
          ))}
        </ul>
      )}
    </Page>
  );
}
