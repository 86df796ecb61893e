import { useQueryClient } from '@tanstack/react-query';
import { Button, Image, message, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, sendData } from '../../api/client.ts';
import type { ActivityPhotoItem } from '../../api/volunteers.ts';

/**
 * The photos of an activity: thumbnails that open the EXIF-free copy, and for organisers an upload through
 * the common photo store (the server checks the type and size and strips the location).
 */
export function ActivityPhotos({
  activityId,
  photos,
  mayAdd,
}: {
  activityId: number;
  photos: ActivityPhotoItem[];
  mayAdd: boolean;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const add = async (files: File[]) => {
    const form = new FormData();
    for (const f of files) form.append('photo', f);
    setBusy(true);
    try {
      await sendData('POST', `/api/volunteers/activities/${activityId}/photos`, form);
      void message.success(t('vol.photoAdded', { n: files.length }));
      await qc.invalidateQueries({ queryKey: ['volunteers', 'activity', activityId] });
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="vol-photos" data-testid="vol-activity-photos">
      <Typography.Text strong>{t('vol.photos', { n: photos.length })}</Typography.Text>
      <div className="vol-photo-row">
        <Image.PreviewGroup>
          {photos.map((p) => (
            <Image
              key={p.id}
              width={88}
              height={88}
              src={`/api/volunteers/photos/${p.id}/thumb`}
              preview={{ src: `/api/volunteers/photos/${p.id}/public` }}
              alt={
                p.fromVolunteer ? t('vol.photoByVolunteer') : t('vol.photoBy', { name: p.staffName ?? '' })
              }
              style={{ objectFit: 'cover', borderRadius: 4 }}
              data-testid="vol-activity-photo"
            />
          ))}
        </Image.PreviewGroup>
        {photos.length === 0 && <Typography.Text type="secondary">{t('vol.noPhotos')}</Typography.Text>}
        {mayAdd && (
          <Upload
            accept="image/jpeg,image/png,image/webp"
            multiple
            showUploadList={false}
            // the whole selection goes in one request, so it is stored or refused together
            beforeUpload={(file, list) => {
              if (file === list[0]) void add(list as unknown as File[]);
              return false;
            }}
          >
            <Button loading={busy} data-testid="vol-add-photo">
              {t('vol.addPhoto')}
            </Button>
          </Upload>
        )}
      </div>
    </div>
  );
}
