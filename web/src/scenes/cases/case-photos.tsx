import { Empty, Image } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CasePhoto } from '../../api/case-types.ts';

const ORDER = ['report', 'before', 'feedback', 'after', 'check'] as const;

/** The case's photos grouped by when they were taken; thumbnails open the original in a preview. */
export function CasePhotos({ photos }: { photos: CasePhoto[] }) {
  const { t } = useTranslation();
  if (photos.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.noPhotos')} />;
  return (
    <Image.PreviewGroup>
      <div className="case-photo-groups" data-testid="case-photos">
        {ORDER.filter((kind) => photos.some((p) => p.kind === kind)).map((kind) => (
          <section key={kind} className="case-photo-group" aria-label={t(`photoKinds.${kind}`)}>
            <div className="case-photo-kind">{t(`photoKinds.${kind}`)}</div>
            <div className="case-photo-row">
              {photos
                .filter((p) => p.kind === kind)
                .map((p) => (
                  <Image
                    key={p.id}
                    width={96}
                    height={96}
                    src={`/api/photos/${p.id}/thumb`}
                    preview={{ src: `/api/photos/${p.id}` }}
                    alt={t(`photoKinds.${kind}`)}
                    data-testid="case-photo"
                  />
                ))}
            </div>
          </section>
        ))}
      </div>
    </Image.PreviewGroup>
  );
}
