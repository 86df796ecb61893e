import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  message,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, getData, sendData } from '../../api/client.ts';
import {
  useVolunteerConfig,
  useVolunteerList,
  type VolunteerDetail,
  type VolunteerItem,
} from '../../api/volunteers.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { formatDateTime } from '../../components/format-time.ts';
import type { Root } from './volunteers-page.tsx';
import { AreaSelect } from './volunteers-shared.tsx';

const NEXT: Record<string, string | null> = {
  recommended: 'selected',
  selected: 'trained',
  trained: 'active',
  active: null,
  retired: 'active',
};

function Detail({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const d = useQuery({
    queryKey: ['volunteers', 'one', id],
    queryFn: () => getData<VolunteerDetail>(`/api/volunteers/${id}`),
  });
  const act = async (path: string, body: unknown) => {
    try {
      await sendData('POST', `/api/volunteers/${id}/${path}`, body);
      await qc.invalidateQueries({ queryKey: ['volunteers'] });
      message.success(t('vol.saved'));
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const v = d.data;
  const next = v ? NEXT[v.stage] : null;
  return (
    <Drawer open width={560} title={v ? `${v.name} · ${v.orgName ?? ''}` : ''} onClose={onClose}>
      {d.error && <ErrorAlert error={d.error} />}
      {v && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space>
            <Tag color="red">{t(`vol.stage.${v.stage}`)}</Tag>
            <span>{t('vol.pointsHours', { points: v.points, hours: v.hours })}</span>
          </Space>
          <Space wrap>
            {next && (
              <Button
                type="primary"
                onClick={() => void act('stage', { stage: next })}
                data-testid="vol-next-stage"
              >
                {t('vol.moveTo', { stage: t(`vol.stage.${next}`) })}
              </Button>
            )}
            {v.stage !== 'retired' && (
              <Button danger onClick={() => void act('stage', { stage: 'retired' })}>
                {t('vol.retire')}
              </Button>
            )}
          </Space>
          <h4>{t('vol.history')}</h4>
          <Timeline
            items={v.stages.map((s) => ({
              children: `${formatDateTime(s.createdAt)} ${t(`vol.stage.${s.toStage}`)}${s.note ? `：${s.note}` : ''}`,
            }))}
          />
          <h4>{t('vol.honours')}</h4>
          {v.honours.map((h) => (
            <div key={h.id}>
              {h.awardedOn} {t(`vol.honour.${h.kind}`)}（{t(`vol.level.${h.level}`)}）
            </div>
          ))}
          <Form layout="inline" onFinish={(f) => void act('honours', f)}>
            <Form.Item name="kind" rules={[{ required: true }]}>
              <Select
                style={{ width: 120 }}
                options={['good_person', 'moral_model'].map((k) => ({
                  value: k,
                  label: t(`vol.honour.${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="level" rules={[{ required: true }]}>
              <Select
                style={{ width: 100 }}
                options={['community', 'street', 'district', 'city', 'province', 'national'].map((k) => ({
                  value: k,
                  label: t(`vol.level.${k}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="awardedOn" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
              <Input placeholder="2026-03-05" style={{ width: 120 }} />
            </Form.Item>
            <Button htmlType="submit">{t('vol.addHonour')}</Button>
          </Form>
          {!v.hasLogin && (
            <>
              <h4>{t('vol.login')}</h4>
              <Form layout="inline" onFinish={(f) => void act('account', f)}>
                <Form.Item name="username" rules={[{ required: true }]}>
                  <Input placeholder={t('vol.username')} />
                </Form.Item>
                <Form.Item name="password" rules={[{ required: true, min: 10 }]}>
                  <Input.Password placeholder={t('vol.password')} />
                </Form.Item>
                <Button htmlType="submit">{t('vol.createLogin')}</Button>
              </Form>
            </>
          )}
          <h4>{t('vol.ledger')}</h4>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={v.ledger}
            columns={[
              { title: t('vol.time'), dataIndex: 'createdAt', render: formatDateTime },
              { title: t('vol.reason'), dataIndex: 'reason', render: (r: string) => t(`vol.reasons.${r}`) },
              { title: t('vol.delta'), dataIndex: 'delta', align: 'right' },
              { title: t('vol.balance'), dataIndex: 'balance', align: 'right' },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}

/** The volunteers of the area: filter by stage and category, add a person of the archive, open one. */
export function PeopleTab({ root }: { root: Root }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const config = useVolunteerConfig();
  const [stage, setStage] = useState<string | undefined>();
  const [category, setCategory] = useState<string | undefined>();
  const [open, setOpen] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const list = useVolunteerList<VolunteerItem>('', { stage, category, limit: 500 });
  const cats = config.data?.categories ?? [];
  const catName = (code: string) => {
    const c = cats.find((x) => x.code === code);
    return c ? (i18n.language === 'en-US' ? c.nameEn : c.name) : code;
  };
  const add = async (f: { personId: number; orgCode: string; categoryCode: string }) => {
    try {
      await sendData('POST', '/api/volunteers', f);
      setAdding(false);
      await qc.invalidateQueries({ queryKey: ['volunteers'] });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <>
      <div className="vol-toolbar">
        <Select
          allowClear
          placeholder={t('vol.stageFilter')}
          aria-label={t('vol.stageFilter')}
          style={{ width: 140 }}
          value={stage}
          onChange={setStage}
          options={['recommended', 'selected', 'trained', 'active', 'retired'].map((s) => ({
            value: s,
            label: t(`vol.stage.${s}`),
          }))}
        />
        <Select
          allowClear
          placeholder={t('vol.categoryFilter')}
          aria-label={t('vol.categoryFilter')}
          style={{ width: 160 }}
          value={category}
          onChange={setCategory}
          options={cats.map((c) => ({ value: c.code, label: catName(c.code) }))}
        />
        <Button type="primary" onClick={() => setAdding(true)}>
          {t('vol.add')}
        </Button>
      </div>
      {list.error && <ErrorAlert error={list.error} />}
      <Table
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data ?? []}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('vol.name'), dataIndex: 'name' },
          { title: t('vol.area'), dataIndex: 'orgName' },
          { title: t('vol.category'), dataIndex: 'categoryCode', render: catName },
          { title: t('vol.stageCol'), dataIndex: 'stage', render: (s: string) => t(`vol.stage.${s}`) },
          { title: t('vol.hours'), dataIndex: 'hours', align: 'right' },
          { title: t('vol.points'), dataIndex: 'points', align: 'right' },
          { title: t('vol.honours'), dataIndex: 'honours', align: 'right' },
          { title: t('vol.login'), dataIndex: 'hasLogin', render: (b: boolean) => (b ? '✓' : '') },
        ]}
      />
      {open !== null && <Detail id={open} onClose={() => setOpen(null)} />}
      <Modal
        open={adding}
        title={t('vol.add')}
        footer={null}
        onCancel={() => setAdding(false)}
        destroyOnHidden
      >
        <Form layout="vertical" onFinish={(f) => void add(f)} initialValues={{ orgCode: root.code }}>
          <Form.Item
            name="personId"
            label={t('vol.personId')}
            extra={t('vol.personIdHint')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="orgCode" label={t('vol.area')} rules={[{ required: true }]}>
            <AreaSelect root={root} />
          </Form.Item>
          <Form.Item name="categoryCode" label={t('vol.category')} rules={[{ required: true }]}>
            <Select
              options={cats.filter((c) => c.active).map((c) => ({ value: c.code, label: catName(c.code) }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('vol.save')}
          </Button>
        </Form>
      </Modal>
    </>
  );
}
