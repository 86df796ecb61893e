import { type PersonView, RELATIONS } from '@civicgrid/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Col, Form, Input, Radio, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sendData } from '../../api/client.ts';
import { searchPeople } from '../../api/people.ts';
import { FormModal } from '../../components/form-modal.tsx';
import { usePeopleLabel } from './labels.ts';
import { DATE, PersonFields, type PersonFormValues, personBody } from './person-fields.tsx';

interface Values {
  mode: 'new' | 'transfer';
  person: PersonFormValues;
  personId?: number;
  relation?: string;
  on: string;
  note?: string;
}

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Moves a person into this household (迁入): a newcomer entered here, or a person of the archive found by
 * name within the caller's scope (from another household, or back after a move out). Both land in the move
 * history.
 */
export function MoveInModal(props: { householdId: number; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const label = usePeopleLabel();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form);
  const [name, setName] = useState('');
  const found = useQuery({
    queryKey: ['people', 'move-in-search', name],
    queryFn: () => searchPeople({ name, status: 'all' }),
    enabled: name.trim().length > 0,
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      v.mode === 'new'
        ? sendData('POST', `/api/households/${props.householdId}/members`, {
            person: personBody(v.person, true),
            on: v.on,
            note: v.note?.trim() || undefined,
          })
        : sendData('POST', `/api/persons/${v.personId}/transfer`, {
            householdId: props.householdId,
            on: v.on,
            relation: v.relation,
            note: v.note?.trim() || undefined,
          }),
    onSuccess: () => {
      props.onDone();
      props.onClose();
    },
  });

  const candidates = (found.data ?? []).filter(
    (p: PersonView) => p.householdId !== props.householdId || p.status === 'moved_out',
  );

  return (
    <FormModal
      testId="move-in-modal"
      title={t('people.moveIn.title')}
      width={720}
      onClose={props.onClose}
      onOk={() => form.submit()}
      okText={t('people.add.save')}
      okTestId="move-in-save"
      saving={save.isPending}
      error={save.error}
      errorTestId="move-in-problem"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ mode: 'new', on: today(), person: { idType: 'id_card', relation: 'child' } }}
      >
        <Form.Item name="mode">
          <Radio.Group
            optionType="button"
            data-testid="move-in-mode"
            options={[
              { value: 'new', label: t('people.moveIn.newcomer') },
              { value: 'transfer', label: t('people.moveIn.fromArchive') },
            ]}
          />
        </Form.Item>
        {mode === 'transfer' ? (
          <Row gutter={12}>
            <Col xs={24} sm={16}>
              <Form.Item
                name="personId"
                label={t('people.moveIn.who')}
                extra={t('people.moveIn.whoHint')}
                rules={[{ required: true, message: t('people.moveIn.pick') }]}
              >
                <Select
                  showSearch
                  filterOption={false}
                  onSearch={setName}
                  loading={found.isFetching}
                  data-testid="move-in-person"
                  notFoundContent={name ? t('people.noResults') : null}
                  options={candidates.map((p) => ({
                    value: p.id,
                    label: `${p.name}（${label('gender', p.gender)}，${p.age ?? '—'}）· ${p.address ?? ''} · ${label('status', p.status)}`,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="relation" label={t('people.relation')} rules={[{ required: true }]}>
                <Select
                  data-testid="move-in-relation"
                  options={RELATIONS.map((r) => ({ value: r, label: label('relation', r) }))}
                />
              </Form.Item>
            </Col>
          </Row>
        ) : (
          <PersonFields prefix={['person']} withRelation />
        )}
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item
              name="on"
              label={t('people.moveIn.on')}
              rules={[{ required: true, pattern: DATE, message: t('people.add.dateFormat') }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="note" label={t('people.moveOut.note')} rules={[{ max: 500 }]}>
              <Input placeholder={t('people.moveIn.notePlaceholder')} data-testid="move-in-note" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}
