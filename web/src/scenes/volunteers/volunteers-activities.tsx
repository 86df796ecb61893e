import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  message,
  Select,
  Space,
  Table,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, getData, request, sendData } from '../../api/client.ts';
import {
  type ActivityItem,
  type ActivityPhotoItem,
  type SignupItem,
  type TeamItem,
  useVolunteerConfig,
  useVolunteerList,
} from '../../api/volunteers.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { formatDateTime } from '../../components/format-time.ts';
import { ActivityPhotos } from './activity-photos.tsx';
import { ActivityPlace } from './activity-place.tsx';
import type { Root } from './volunteers-page.tsx';
import { AreaSelect } from './volunteers-shared.tsx';

/** Hours to propose for a sign-up: from sign-in to sign-out in quarter hours, else the activity's length. */
function proposedHours(s: SignupItem, a: ActivityItem): number {
  const from = new Date(s.signedInAt ?? a.startsAt).getTime();
  const to = new Date(s.signedOutAt ?? a.endsAt).getTime();
  return Math.min(24, Math.max(0, Math.round((to - from) / 900_000) / 4));
}

/** The code to show at the place, refreshed before it expires. */
function CheckCode({ id }: { id: number }) {
  const { t } = useTranslation();
  const code = useQuery({
    queryKey: ['volunteers', 'code', id],
    queryFn: () =>
      getData<{ code: string; url: string; qr: string; expiresAt: string; refreshS: number }>(
        `/api/volunteers/activities/${id}/code`,
      ),
    refetchInterval: (q) => (q.state.data?.refreshS ?? 30) * 1000,
  });
  if (code.error) return <ErrorAlert error={code.error} />;
  if (!code.data) return null;
  return (
    <div className="vol-qr" data-testid="vol-qr">
      <img src={code.data.qr} alt={t('vol.qr')} />
      <code data-testid="vol-qr-code">{code.data.code}</code>
      <div>{t('vol.qrHint', { s: code.data.refreshS, until: formatDateTime(code.data.expiresAt) })}</div>
    </div>
  );
}

function ActivityDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [hours, setHours] = useState<Record<number, number>>({});
  const [showQr, setShowQr] = useState(false);
  const d = useQuery({
    queryKey: ['volunteers', 'activity', id],
    queryFn: () =>
      request<{
        data: ActivityItem & { signups: SignupItem[]; photos: ActivityPhotoItem[] };
        abilities: string[];
      }>('GET', `/api/volunteers/activities/${id}`),
    refetchInterval: 15_000,
  });
  const a = d.data?.data;
  const manage = d.data?.abilities.includes('manage') ?? false;
  const verify = async (items: { signupId: number; hours: number }[]) => {
    try {
      const r = await sendData<{ verified: number; points: number }>(
        'POST',
        `/api/volunteers/activities/${id}/verify`,
        { items },
      );
      message.success(t('vol.verified', r));
      await qc.invalidateQueries({ queryKey: ['volunteers'] });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const open = (a?.signups ?? []).filter((s) => !s.verifiedAt);
  return (
    <Drawer open width={720} title={a?.title} onClose={onClose}>
      {d.error && <ErrorAlert error={d.error} />}
      {a && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <div>
            {a.typeName}（×{a.coefficient}）· {a.place} · {formatDateTime(a.startsAt)} –{' '}
            {formatDateTime(a.endsAt)} · {t('vol.places', { n: a.signedUp, of: a.capacity })}
            {a.gridName && <> · {t('vol.gridOf', { grid: a.gridName })}</>}
          </div>
          <Button onClick={() => setShowQr((x) => !x)} data-testid="vol-show-qr">
            {showQr ? t('vol.hideQr') : t('vol.showQr')}
          </Button>
          {showQr && <CheckCode id={a.id} />}
          <ActivityPhotos activityId={a.id} photos={a.photos} mayAdd={manage} />
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={a.signups}
            columns={[
              { title: t('vol.name'), dataIndex: 'name' },
              { title: t('vol.signedIn'), dataIndex: 'signedInAt', render: formatDateTime },
              { title: t('vol.signedOut'), dataIndex: 'signedOutAt', render: formatDateTime },
              {
                title: t('vol.distance'),
                dataIndex: 'inDistanceM',
                render: (m: number | null) => (m === null ? '' : `${m} m`),
              },
              {
                title: t('vol.hours'),
                render: (_: unknown, s: SignupItem) =>
                  s.verifiedAt ? (
                    `${s.hours} ✓`
                  ) : (
                    <InputNumber
                      size="small"
                      min={0}
                      max={24}
                      step={0.25}
                      value={hours[s.id] ?? proposedHours(s, a)}
                      onChange={(v) => setHours({ ...hours, [s.id]: Number(v ?? 0) })}
                      data-testid="vol-hours-input"
                    />
                  ),
              },
            ]}
          />
          <Button
            type="primary"
            disabled={open.length === 0}
            onClick={() =>
              void verify(open.map((s) => ({ signupId: s.id, hours: hours[s.id] ?? proposedHours(s, a) })))
            }
            data-testid="vol-verify"
          >
            {t('vol.verify', { n: open.length })}
          </Button>
        </Space>
      )}
    </Drawer>
  );
}

interface ActivityForm {
  orgCode: string;
  teamId?: number;
  title: string;
  typeCode: string;
  place: string;
  location: { lng: number; lat: number };
  range: [Dayjs, Dayjs];
  capacity: number;
}

/** Activities of the area: create one, open it for its QR code, sign-ups and hours. */
export function ActivitiesTab({ root }: { root: Root }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const config = useVolunteerConfig();
  const teams = useVolunteerList<TeamItem>('/teams');
  const list = useVolunteerList<ActivityItem>('/activities');
  const [open, setOpen] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<ActivityForm>();
  const add = async (f: ActivityForm) => {
    try {
      const made = await sendData<ActivityItem>('POST', '/api/volunteers/activities', {
        orgCode: f.orgCode,
        teamId: f.teamId,
        title: f.title,
        typeCode: f.typeCode,
        place: f.place,
        location: f.location,
        startsAt: f.range[0].toISOString(),
        endsAt: f.range[1].toISOString(),
        capacity: f.capacity,
      });
      setAdding(false);
      await qc.invalidateQueries({ queryKey: ['volunteers'] });
      setOpen(made.id);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <>
      <div className="vol-toolbar">
        <Button type="primary" onClick={() => setAdding(true)} data-testid="vol-new-activity">
          {t('vol.newActivity')}
        </Button>
      </div>
      {list.error && <ErrorAlert error={list.error} />}
      <Table
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        onRow={(r) =>
          ({
            onClick: () => setOpen(r.id),
            style: { cursor: 'pointer' },
            'data-testid': 'vol-activity-row',
          }) as never
        }
        columns={[
          { title: t('vol.activity'), dataIndex: 'title' },
          { title: t('vol.type'), dataIndex: 'typeName' },
          { title: t('vol.area'), dataIndex: 'orgName' },
          { title: t('vol.team'), dataIndex: 'teamName' },
          { title: t('vol.start'), dataIndex: 'startsAt', render: formatDateTime },
          {
            title: t('vol.placesCol'),
            render: (_: unknown, a: ActivityItem) => `${a.signedUp}/${a.capacity}`,
          },
        ]}
      />
      {open !== null && <ActivityDrawer id={open} onClose={() => setOpen(null)} />}
      <Modal
        open={adding}
        width={640}
        title={t('vol.newActivity')}
        footer={null}
        onCancel={() => setAdding(false)}
        destroyOnHidden
      >
        <Form<ActivityForm>
          form={form}
          layout="vertical"
          onFinish={(f) => void add(f)}
          initialValues={{ orgCode: root.code, capacity: 30, typeCode: 'service' }}
        >
          <Form.Item name="title" label={t('vol.activity')} rules={[{ required: true, min: 2 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="orgCode" label={t('vol.area')} rules={[{ required: true }]}>
            <AreaSelect root={root} />
          </Form.Item>
          <Form.Item name="teamId" label={t('vol.team')}>
            <Select allowClear options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))} />
          </Form.Item>
          <Form.Item name="typeCode" label={t('vol.type')} rules={[{ required: true }]}>
            <Select
              options={(config.data?.activityTypes ?? []).map((x) => ({
                value: x.code,
                label: `${i18n.language === 'en-US' ? x.nameEn : x.name}（×${x.coefficient}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="place" label={t('vol.place')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="location"
            label={t('vol.placeOnMap')}
            rules={[{ required: true, message: t('vol.placePick') }]}
          >
            <ActivityPlace
              onAddress={(address) => {
                // the address found fills the place's name unless one was typed
                if (!form.getFieldValue('place')) form.setFieldValue('place', address.slice(0, 200));
              }}
            />
          </Form.Item>
          <Form.Item name="range" label={t('vol.time')} rules={[{ required: true }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="capacity" label={t('vol.capacity')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10000} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('vol.save')}
          </Button>
        </Form>
      </Modal>
    </>
  );
}
