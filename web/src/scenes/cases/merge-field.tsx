import { Form, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCasePages } from '../../api/cases.ts';
import { categoryName } from '../../components/case-labels.ts';
import { useDebounced } from '../../components/use-debounced.ts';

const OPEN = 'reported,verifying,filed,dispatched,pending_check';

/**
 * 合并: pick the master case among the open cases by its number, description or address (or by the tracking
 * code a caller reads out, which finds the case without ever being shown).
 */
export function MergeField({ caseId }: { caseId: number }) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useCasePages({ state: OPEN, q: q || undefined }, 20);
  const rows = (found.data?.pages.flatMap((p) => p.data) ?? []).filter((r) => r.id !== caseId);
  return (
    <Form.Item
      name="masterId"
      label={t('merge.master')}
      rules={[{ required: true, message: t('merge.masterRequired') }]}
      extra={t('merge.hint')}
    >
      <Select
        showSearch={{ filterOption: false, onSearch: setSearch }}
        loading={found.isFetching}
        placeholder={t('merge.placeholder')}
        notFoundContent={found.isFetching ? t('common.loading') : t('merge.none')}
        data-testid="merge-master"
        options={rows.map((r) => ({
          value: r.id,
          label: `${t('case.number', { id: r.id })} · ${categoryName(r, i18n.language)} · ${r.address ?? r.description.slice(0, 20)}`,
        }))}
      />
    </Form.Item>
  );
}
