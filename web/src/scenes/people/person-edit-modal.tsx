import {
  GENDERS,
  ID_PROBLEM_LABELS,
  ID_TYPES,
  type IdType,
  idDocumentProblem,
  isPhone,
  type PersonView,
  RELATIONS,
} from '@civicgrid/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, type ButtonProps, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { listArchiveTags, updatePerson } from '../../api/people.ts';
import { usePeopleLabel } from './labels.ts';

interface Values {
  name: string;
  gender: 'M' | 'F';
  birthDate: string;
  relation: string;
  idType: IdType;
  idNumber?: string;
  phone?: string;
  floatingRegisteredOn?: string;
  tagIds: number[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Edits a person. The ID number and phone are masked on the page, so their fields start empty and an empty
 * field keeps what is stored; a typed ID number is checked here as the server checks it (GB 11643, and it
 * must agree with the birth date and gender).
 */
export function PersonEditModal(props: { person: PersonView; onClose: () => void; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const label = usePeopleLabel();
  const p = props.person;
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const tags = useQuery({ queryKey: ['people', 'tags'], queryFn: listArchiveTags });
  const lang = i18n.language === 'en-US' ? 'en' : 'zh';

  const save = async (v: Values) => {
    setBusy(true);
    setProblem(null);
    try {
      await updatePerson(p.id, {
        name: v.name.trim(),
        gender: v.gender,
        birthDate: v.birthDate,
        relation: v.relation,
        idType: v.idType,
        ...(v.idNumber?.trim() ? { idNumber: v.idNumber.trim() } : {}),
        ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
        floatingRegisteredOn: v.floatingRegisteredOn?.trim() || null,
        tagIds: v.tagIds,
      });
      props.onSaved();
      props.onClose();
    } catch (err) {
      // the server names the field and the reason (a GB 11643 problem, a taken number): show both
      setProblem(
        err instanceof ApiError
          ? [err.message, ...err.fieldProblems().map((x) => x.message)].join(' ')
          : String(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`${t('people.edit.title')} · ${p.name}`}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('people.edit.save')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'person-save' } as ButtonProps}
    >
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{
          name: p.name,
          gender: p.gender ?? undefined,
          birthDate: p.birthDate ?? undefined,
          relation: p.relation,
          idType: p.idType,
          floatingRegisteredOn: p.floatingRegisteredOn ?? undefined,
          tagIds: p.tags.filter((x) => !x.derived).map((x) => x.id),
        }}
      >
        <Form.Item
          name="name"
          label={t('people.name')}
          rules={[{ required: true, whitespace: true, max: 40 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="gender" label={t('people.gender')} rules={[{ required: true }]}>
          <Select options={GENDERS.map((g) => ({ value: g, label: label('gender', g) }))} />
        </Form.Item>
        <Form.Item
          name="birthDate"
          label={t('people.birthDate')}
          rules={[{ required: true, pattern: DATE, message: 'YYYY-MM-DD' }]}
        >
          <Input placeholder="1956-03-07" />
        </Form.Item>
        <Form.Item name="relation" label={t('people.relation')}>
          <Select options={RELATIONS.map((r) => ({ value: r, label: label('relation', r) }))} />
        </Form.Item>
        <Form.Item name="idType" label={t('people.edit.idType')}>
          <Select options={ID_TYPES.map((x) => ({ value: x, label: label('idType', x) }))} />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('people.idNumber')}
          extra={`${p.idNumber ?? ''} ${t('people.edit.idHint')}`}
          dependencies={['birthDate', 'gender', 'idType']}
          rules={[
            ({ getFieldValue }) => ({
              validator(_, value?: string) {
                if (!value?.trim()) return Promise.resolve();
                const problem = idDocumentProblem(getFieldValue('idType'), value, {
                  birthDate: getFieldValue('birthDate'),
                  gender: getFieldValue('gender'),
                });
                return problem
                  ? Promise.reject(new Error(ID_PROBLEM_LABELS[problem][lang]))
                  : Promise.resolve();
              },
            }),
          ]}
        >
          <Input placeholder={t('people.edit.clearPhone')} data-testid="person-id-number" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('people.phone')}
          extra={p.phone ?? ''}
          rules={[
            {
              validator: (_, v?: string) =>
                !v?.trim() || isPhone(v) ? Promise.resolve() : Promise.reject(new Error('×')),
            },
          ]}
        >
          <Input placeholder={t('people.edit.clearPhone')} />
        </Form.Item>
        <Form.Item
          name="floatingRegisteredOn"
          label={t('people.edit.floating')}
          rules={[{ pattern: DATE, message: 'YYYY-MM-DD' }]}
        >
          <Input placeholder="2024-05-01" />
        </Form.Item>
        <Form.Item name="tagIds" label={t('people.edit.tags')}>
          <Select
            mode="multiple"
            // a retired tag is offered no more, but one the person carries stays visible (the server keeps it)
            options={(tags.data ?? [])
              .filter((x) => !x.derived && (!x.retired || p.tags.some((y) => y.id === x.id)))
              .map((x) => ({ value: x.id, label: x.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
