import { useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Empty, Image } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CasePhoto } from '../../api/case-types.ts';
import { caseKey } from '../../api/cases.ts';
import { sendData } from '../../api/client.ts';

/** 公开到附近反映: staff approve a photo for the public map after looking at it (faces, number plates). */
function PublicApproval({ photo, caseId }: { photo: CasePhoto; caseId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const toggle = async (approved: boolean) => {
    setBusy(true);
    try {
      await sendData('POST', `/api/photos/${photo.id}/public-approval`, { approved });
      await client.invalidateQueries({ queryKey: caseKey(caseId) });
    } catch (err) {
      void message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Checkbox
      className="case-photo-public"
      checked={!!photo.publicApprovedAt}
      disabled={busy}
      onChange={(e) => void toggle(e.target.checked)}
      data-testid="photo-public"
    >
      {t('photoPublic.label')}
    </Checkbox>
  );
}

const ORDER = ['report', 'before', 'feedback', 'after', 'check'] as const;

/** The case's photos grouped by when they were taken; thumbnails open the original in a preview. */
export function CasePhotos({
  photos,
  caseId,
  canApprove = false,
}: {
  photos: CasePhoto[];
  caseId: number;
  /** the caller may approve photos for the public map (staff of the case's area) */
  canApprove?: boolean;
}) {
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
                  <figure key={p.id} className="case-photo-item">
                    <Image
                      width={96}
                      height={96}
                      src={`/api/photos/${p.id}/thumb`}
                      preview={{ src: `/api/photos/${p.id}` }}
                      alt={t(`photoKinds.${kind}`)}
                      data-testid="case-photo"
                    />
                    {canApprove && <PublicApproval photo={p} caseId={caseId} />}
                  </figure>
                ))}
            </div>
          </section>
        ))}
      </div>
    </Image.PreviewGroup>
  );
}
