import { useTranslation } from 'react-i18next';
import type { PhotoRef } from '../types.ts';

/** Thumbnails that open the EXIF-free public copy; each labelled with its kind (before, after …). */
export function PhotoStrip({ photos }: { photos: PhotoRef[] }) {
  const { t } = useTranslation();
  return (
    <ul className="m-photo-strip">
      {photos.map((p, i) => {
        const kind = t(`track.photoKinds.${p.kind}`, { defaultValue: '' });
        const label = kind
          ? `${kind} ${t('common.photoAlt', { n: i + 1 })}`
          : t('common.photoAlt', { n: i + 1 });
        return (
          <li key={p.id}>
            <a
              href={`/api/photos/${p.id}/public`}
              target="_blank"
              rel="noreferrer"
              // the name starts with the kind shown on the thumbnail, so a voice command naming it finds it
              aria-label={t('common.openPhoto', { label })}
            >
              <img src={`/api/photos/${p.id}/thumb`} alt={label} width={96} height={96} />
              {kind && <span className={`m-photo-kind m-photo-kind-${p.kind}`}>{kind}</span>}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
