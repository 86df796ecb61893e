import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, message, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage, sendData } from '../../api/client.ts';
import { type TeamItem, useVolunteerList } from '../../api/volunteers.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import type { Root } from './volunteers-page.tsx';
import { AreaSelect } from './volunteers-shared.tsx';

/** Volunteer service teams (志愿服务队) of the area, and a form for a new one. */
export function TeamsTab({ root }: { root: Root }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useVolunteerList<TeamItem>('/teams');
  const add = async (f: { orgCode: string; name: string }) => {
    try {
      await sendData('POST', '/api/volunteers/teams', f);
      await qc.invalidateQueries({ queryKey: ['volunteers'] });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <>
      <Form
        layout="inline"
        className="vol-toolbar"
        onFinish={(f) => void add(f)}
        initialValues={{ orgCode: root.code }}
      >
        <Form.Item name="orgCode" rules={[{ required: true }]}>
          <AreaSelect root={root} />
        </Form.Item>
        <Form.Item name="name" rules={[{ required: true }]}>
          <Input placeholder={t('vol.teamName')} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('vol.addTeam')}
        </Button>
      </Form>
      {list.error && <ErrorAlert error={list.error} />}
      <Table
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        columns={[
          { title: t('vol.teamName'), dataIndex: 'name' },
          { title: t('vol.area'), dataIndex: 'orgName' },
          { title: t('vol.members'), dataIndex: 'members', align: 'right' },
        ]}
      />
    </>
  );
}
