import { PlusOutlined } from '@ant-design/icons';
import type { PersonView } from '@civicgrid/shared';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { listArchiveTags, type PeopleQuery, searchPeople } from '../../api/people.ts';
import { useMe } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { AddHouseholdModal } from './add-household-modal.tsx';
import { ArchiveTags } from './archive-tags.tsx';
import { EldersPanel } from './elders-panel.tsx';
import { ImportPanel } from './import-panel.tsx';
import { usePeopleLabel } from './labels.ts';
import { OrgTreeSelect } from './org-tree-select.tsx';
import { TagsAdminPanel } from './tags-admin-panel.tsx';
import './people.css';

/**
 * The people archive: search within the caller's scope (name prefix, address, ID number, phone, tag), open a
 * household, enter one by hand, and the Excel import and export of an area; beside it the quarter's 80+ list
 * (高龄补贴认定) and, for district administrators, the tags.
 */
export function PeoplePage() {
  const { t } = useTranslation();
  const label = usePeopleLabel();
  const me = useMe().data;
  const [form] = Form.useForm<PeopleQuery>();
  const [query, setQuery] = useState<PeopleQuery | null>(null);
  const tags = useQuery({ queryKey: ['people', 'tags'], queryFn: listArchiveTags });
  const results = useQuery({
    queryKey: ['people', 'search', query],
    queryFn: () => searchPeople(query!),
    enabled: query !== null,
  });
  const homeCode = me?.grants.find((g) => g.scopeCode)?.scopeCode ?? undefined;
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'search';
  const [adding, setAdding] = useState(false);

  const submit = (v: PeopleQuery) => {
    const clean = Object.fromEntries(
      Object.entries(v).filter(([, x]) => x !== undefined && x !== null && String(x).trim() !== ''),
    ) as PeopleQuery;
    setQuery({ ...clean, ...(clean.name ? { name: clean.name.trim() } : {}) });
  };

  const columns: TableColumnsType<PersonView> = [
    {
      title: t('people.name'),
      key: 'name',
      render: (_: unknown, p) => (
        <Link to={`/households/${p.householdId}`} data-testid={`person-${p.id}`}>
          {p.name}
        </Link>
      ),
    },
    { title: t('people.gender'), dataIndex: 'gender', width: 70, render: (v) => label('gender', v) },
    { title: t('people.age'), dataIndex: 'age', width: 70, render: (v: number | null) => v ?? '—' },
    { title: t('people.address'), dataIndex: 'address', responsive: ['md'] },
    { title: t('people.idNumber'), dataIndex: 'idNumber', responsive: ['lg'], render: (v) => v ?? '—' },
    { title: t('people.phone'), dataIndex: 'phone', responsive: ['lg'], render: (v) => v ?? '—' },
    { title: t('people.tag'), key: 'tags', render: (_: unknown, p) => <ArchiveTags tags={p.tags} /> },
    { title: t('people.status'), dataIndex: 'status', width: 90, render: (v) => label('status', v) },
  ];

  const search = (
    <>
      <Typography.Paragraph type="secondary">{t('people.intro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        onFinish={submit}
        className="people-search"
        data-testid="people-search"
      >
        <Form.Item name="org" label={t('people.org')}>
          <OrgTreeSelect allowClear testId="people-org" />
        </Form.Item>
        <Form.Item name="name" label={t('people.name')}>
          <Input allowClear maxLength={40} data-testid="people-name" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="address" label={t('people.address')}>
          <Input allowClear maxLength={100} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="idNumber" label={t('people.idNumber')}>
          <Input allowClear maxLength={30} style={{ width: 190 }} />
        </Form.Item>
        <Form.Item name="phone" label={t('people.phone')}>
          <Input allowClear maxLength={30} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="tag" label={t('people.tag')}>
          <Select
            allowClear
            style={{ width: 130 }}
            data-testid="people-tag"
            options={(tags.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
          />
        </Form.Item>
        <Form.Item name="status">
          <Select
            aria-label={t('people.anyStatus')}
            style={{ width: 120 }}
            placeholder={t('people.anyStatus')}
            allowClear
            options={['resident', 'moved_out', 'deceased', 'all'].map((s) => ({
              value: s,
              label: s === 'all' ? t('people.anyStatus') : label('status', s),
            }))}
          />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="people-submit">
            {t('people.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setQuery(null);
            }}
          >
            {t('people.reset')}
          </Button>
        </Space>
      </Form>
      {results.error ? <ErrorAlert error={results.error} /> : null}
      {query === null ? (
        <Empty description={t('people.searchHint')} style={{ margin: '32px 0' }} />
      ) : (
        <Table<PersonView>
          rowKey="id"
          size="middle"
          loading={results.isFetching}
          columns={columns}
          dataSource={results.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('people.noResults') }}
          data-testid="people-results"
        />
      )}
      {me?.can['people.read'] ? (
        <ImportPanel defaultOrg={homeCode} mayImport={me.can['people.manage']} />
      ) : null}
    </>
  );

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('people.title')}
        </Typography.Title>
        {me?.can['people.manage'] ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="add-household"
          >
            {t('people.add.householdButton')}
          </Button>
        ) : null}
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'search' ? {} : { tab: key })}
        items={[
          { key: 'search', label: t('people.tabs.search'), children: search },
          {
            key: 'elders',
            label: <span data-testid="tab-elders">{t('people.tabs.elders')}</span>,
            children: <EldersPanel defaultOrg={homeCode} />,
          },
          ...(me?.can['org.manage']
            ? [
                {
                  key: 'tags',
                  label: <span data-testid="tab-tags">{t('people.tabs.tags')}</span>,
                  children: <TagsAdminPanel />,
                },
              ]
            : []),
        ]}
      />
      {adding ? <AddHouseholdModal defaultGrid={homeCode} onClose={() => setAdding(false)} /> : null}
    </div>
  );
}
