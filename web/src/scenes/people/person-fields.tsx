import {
  GENDERS,
  ID_PROBLEM_LABELS,
  ID_TYPES,
  type IdType,
  idDocumentProblem,
  isPhone,
  RELATIONS,
} from '@civicgrid/shared';
import { useQuery } from '@tanstack/react-query';
import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { listArchiveTags } from '../../api/people.ts';
import { usePeopleLabel } from './labels.ts';

/** A person as the entry forms hold it (empty strings are left out when sent). */
export interface PersonFormValues {
  name: string;
  gender: 'M' | 'F';
  birthDate: string;
  relation?: string;
  idType: IdType;
  idNumber?: string;
  phone?: string;
  floatingRegisteredOn?: string;
  tagIds?: number[];
}

export const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The body the server expects for a person of an entry form. */
export function personBody(v: PersonFormValues, withRelation: boolean) {
  return {
    name: v.name.trim(),
    gender: v.gender,
    birthDate: v.birthDate,
    idType: v.idType,
    ...(withRelation ? { relation: v.relation } : {}),
    ...(v.idNumber?.trim() ? { idNumber: v.idNumber.trim() } : {}),
    ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
    floatingRegisteredOn: v.floatingRegisteredOn?.trim() || null,
    tagIds: v.tagIds ?? [],
  };
}

/**
 * The fields of a person entered by hand, inside a parent Form (names prefixed by `prefix`): the ID number is
 * checked here as the server and the import check it (GB 11643; it must agree with the birth date and
 * gender), so most mistakes are caught before sending.
 */
export function PersonFields(props: { prefix: string[]; withRelation?: boolean }) {
  const { t, i18n } = useTranslation();
  const label = usePeopleLabel();
  const lang = i18n.language === 'en-US' ? 'en' : 'zh';
  const tags = useQuery({ queryKey: ['people', 'tags'], queryFn: listArchiveTags });
  const n = (name: string) => [...props.prefix, name];
  const half = { xs: 24, sm: 12 };
  return (
    <Row gutter={12}>
      <Col {...half}>
        <Form.Item
          name={n('name')}
          label={t('people.name')}
          rules={[{ required: true, whitespace: true, max: 40 }]}
        >
          <Input data-testid="new-person-name" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name={n('gender')} label={t('people.gender')} rules={[{ required: true }]}>
          <Select
            data-testid="new-person-gender"
            options={GENDERS.map((g) => ({ value: g, label: label('gender', g) }))}
          />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item
          name={n('birthDate')}
          label={t('people.birthDate')}
          rules={[{ required: true, pattern: DATE, message: t('people.add.dateFormat') }]}
        >
          <Input placeholder="1956-03-07" data-testid="new-person-birth" />
        </Form.Item>
      </Col>
      {props.withRelation ? (
        <Col {...half}>
          <Form.Item name={n('relation')} label={t('people.relation')} rules={[{ required: true }]}>
            <Select
              data-testid="new-person-relation"
              options={RELATIONS.map((r) => ({ value: r, label: label('relation', r) }))}
            />
          </Form.Item>
        </Col>
      ) : null}
      <Col {...half}>
        <Form.Item name={n('idType')} label={t('people.edit.idType')}>
          <Select options={ID_TYPES.map((x) => ({ value: x, label: label('idType', x) }))} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item
          name={n('idNumber')}
          label={t('people.idNumber')}
          dependencies={[n('birthDate'), n('gender'), n('idType')]}
          rules={[
            ({ getFieldValue }) => ({
              validator(_, value?: string) {
                if (!value?.trim()) return Promise.resolve();
                const problem = idDocumentProblem(getFieldValue(n('idType')), value, {
                  birthDate: getFieldValue(n('birthDate')),
                  gender: getFieldValue(n('gender')),
                });
                return problem
                  ? Promise.reject(new Error(ID_PROBLEM_LABELS[problem][lang]))
                  : Promise.resolve();
              },
            }),
          ]}
        >
          <Input data-testid="new-person-id" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item
          name={n('phone')}
          label={t('people.phone')}
          rules={[
            {
              validator: (_, v?: string) =>
                !v?.trim() || isPhone(v)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('people.add.badPhone'))),
            },
          ]}
        >
          <Input data-testid="new-person-phone" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item
          name={n('floatingRegisteredOn')}
          label={t('people.edit.floating')}
          extra={t('people.add.floatingHint')}
          rules={[{ pattern: DATE, message: t('people.add.dateFormat') }]}
        >
          <Input placeholder="2024-05-01" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={n('tagIds')} label={t('people.edit.tags')}>
          <Select
            mode="multiple"
            data-testid="new-person-tags"
            options={(tags.data ?? [])
              .filter((x) => !x.derived && !x.retired)
              .map((x) => ({ value: x.id, label: lang === 'en' && x.nameEn ? x.nameEn : x.name }))}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
