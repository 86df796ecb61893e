import { StarOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../api/queries.ts';

interface SavedFilter {
  name: string;
  /** the list's address query (?tab=…&q=…) */
  query: string;
}

const keyOf = (userId: string) => `civicgrid.savedFilters.${userId}`;

function load(userId: string): SavedFilter[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(keyOf(userId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((f) => typeof f?.name === 'string') : [];
  } catch {
    // blocked or damaged storage: no saved filters rather than a broken desk
    return [];
  }
}

function store(userId: string, list: SavedFilter[]): void {
  try {
    localStorage.setItem(keyOf(userId), JSON.stringify(list));
  } catch {
    // storage blocked: the filter lasts for this page only
  }
}

/**
 * 常用筛选: the dispatcher names the current tab and filters and picks them again later. Kept in this
 * browser for this account (the filters hold no personal data except a phone typed in, which is not saved).
 */
export function SavedFilters() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const userId = me.data?.id ?? '';
  const [params, setParams] = useSearchParams();
  const [list, setList] = useState<SavedFilter[]>(() => (userId ? load(userId) : []));
  const [naming, setNaming] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const saved = userId ? (list.length ? list : load(userId)) : [];

  const save = ({ name }: { name: string }) => {
    const query = new URLSearchParams(params);
    query.delete('phone');
    const next = [
      ...saved.filter((f) => f.name !== name.trim()),
      { name: name.trim(), query: query.toString() },
    ];
    store(userId, next);
    setList(next);
    setNaming(false);
    form.resetFields();
    void message.success(t('search.savedDone', { name: name.trim() }));
  };
  const remove = (name: string) => {
    const next = saved.filter((f) => f.name !== name);
    store(userId, next);
    setList(next);
  };

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            ...saved.map((f) => ({
              key: f.name,
              label: <span data-testid="saved-filter">{f.name}</span>,
              onClick: () => setParams(new URLSearchParams(f.query), { replace: true }),
              extra: (
                <Button
                  size="small"
                  type="link"
                  onClick={(e) => {
                    e.stopPropagation();
                    remove(f.name);
                  }}
                >
                  {t('search.remove')}
                </Button>
              ),
            })),
            ...(saved.length ? [{ type: 'divider' as const }] : []),
            {
              key: '__save',
              label: t('search.saveCurrent'),
              onClick: () => setNaming(true),
            },
          ],
        }}
      >
        <Button icon={<StarOutlined />} data-testid="saved-filters">
          {t('search.saved')}
        </Button>
      </Dropdown>
      <Modal
        open={naming}
        title={t('search.saveCurrent')}
        onCancel={() => setNaming(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="name"
            label={t('search.saveName')}
            rules={[{ required: true, whitespace: true, message: t('search.saveNameRequired') }]}
          >
            <Input maxLength={30} data-testid="saved-filter-name" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
