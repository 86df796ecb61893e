import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getData, query } from '../../api/client.ts';
import { PlaceField } from '../intake/place-field.tsx';
import '../intake/intake.css';

interface Spot {
  lng: number;
  lat: number;
}

interface Located {
  area: { nameZh: string; nameEn: string };
}

/**
 * The place of an activity as a form control: the console's map picker (address search or a click on the
 * map, as the intake desk uses it), then the grid the point lies in. The server refuses a point outside the
 * district's grids; this only shows it earlier.
 */
export function ActivityPlace({
  value,
  onChange,
  onAddress,
}: {
  value?: Spot;
  onChange?: (spot: Spot) => void;
  onAddress?: (address: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const located = useQuery({
    queryKey: ['org', 'locate', value?.lng, value?.lat],
    queryFn: () => getData<Located>(`/api/org/locate${query({ lng: value!.lng, lat: value!.lat })}`),
    enabled: !!value,
    retry: false,
  });
  return (
    <div data-testid="vol-place-picker">
      <PlaceField
        spot={value ?? null}
        onSpot={(s, hit) => {
          onChange?.({ lng: s.lng, lat: s.lat });
          if (hit) onAddress?.(hit.address ?? hit.name);
        }}
        texts={{ mapLabel: t('vol.placeMap'), noPin: t('vol.placeNoPin') }}
      />
      {value && located.data && (
        <Typography.Text type="secondary" data-testid="vol-place-grid">
          {' '}
          {t('vol.placeGrid', {
            area: i18n.language === 'en-US' ? located.data.area.nameEn : located.data.area.nameZh,
          })}
        </Typography.Text>
      )}
      {value && located.isError && (
        <Typography.Text type="warning" data-testid="vol-place-outside">
          {' '}
          {t('vol.placeOutside')}
        </Typography.Text>
      )}
    </div>
  );
}
