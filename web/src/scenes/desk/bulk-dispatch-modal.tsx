import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { URGENCIES, type Urgency } from '@civicgrid/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Progress, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListRow, UnitDetail } from '../../api/case-types.ts';
import { CASES_KEY, fireCaseAction, useUnitList } from '../../api/cases.ts';
import { errorMessage } from '../../api/client.ts';
import { unitOptions } from '../cases/unit-suggestions.ts';

interface Values {
  unitId: number;
  urgency?: Urgency;
  note?: string;
}

type Outcome = { id: number; ok: true } | { id: number; ok: false; message: string };

/** Units owning every selected case's category (exact sub-category or its top level). */
function commonOwners(units: readonly UnitDetail[], cases: readonly CaseListRow[]): UnitDetail[] {
  return units.filter((u) =>
    cases.every(
      (c) => u.categories.includes(c.categoryCode) || u.categories.includes(c.categoryCode.slice(0, 2)),
    ),
  );
}

/**
 * Dispatches several filed cases to one unit: one request per case, in turn, each result shown next to its
 * case — a refusal for one case (someone else moved it) does not stop the others.
 */
export function BulkDispatchModal({
  cases,
  onClose,
}: {
  cases: readonly CaseListRow[];
  onClose: (dispatchedIds: number[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const units = useUnitList();
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [running, setRunning] = useState(false);
  const suggested = useMemo(() => commonOwners(units.data ?? [], cases), [units.data, cases]);
  const options = unitOptions(units.data ?? [], suggested, i18n.language, {
    suggested: t('dispatch.suggested'),
    others: t('dispatch.otherUnits'),
  });
  const finished = outcomes.length === cases.length && !running;
  const done = outcomes.filter((o) => o.ok).map((o) => o.id);

  const run = async (values: Values) => {
    setRunning(true);
    setOutcomes([]);
    for (const c of cases) {
      try {
        await fireCaseAction(c.id, 'dispatch', {
          unitId: values.unitId,
          urgency: values.urgency,
          note: values.note?.trim() || undefined,
        });
        setOutcomes((prev) => [...prev, { id: c.id, ok: true }]);
      } catch (err) {
        setOutcomes((prev) => [...prev, { id: c.id, ok: false, message: errorMessage(err) }]);
      }
    }
    setRunning(false);
    void client.invalidateQueries({ queryKey: [CASES_KEY] });
  };

  const failed = outcomes.filter((o) => !o.ok).length;
  return (
    <Modal
      open
      title={t('bulk.title', { count: cases.length })}
      onCancel={() => !running && onClose(done)}
      maskClosable={false}
      width={600}
      footer={
        finished
          ? [
              <Button key="close" type="primary" onClick={() => onClose(done)} data-testid="bulk-close">
                {t('common.done')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={() => onClose(done)} disabled={running}>
                {t('common.cancel')}
              </Button>,
              <Button
                key="ok"
                type="primary"
                loading={running}
                onClick={() => form.submit()}
                data-testid="bulk-submit"
              >
                {t('bulk.submit', { count: cases.length })}
              </Button>,
            ]
      }
    >
      <div data-testid="bulk-modal">
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void run(v)}
          disabled={running || finished}
        >
          <Form.Item
            name="unitId"
            label={t('dispatch.unit')}
            rules={[{ required: true, message: t('dispatch.unitRequired') }]}
            extra={suggested.length === 0 && units.isSuccess ? t('bulk.noCommonUnit') : undefined}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={units.isPending}
              options={options}
              placeholder={t('dispatch.unitPlaceholder')}
              data-testid="bulk-unit"
            />
          </Form.Item>
          <Form.Item name="urgency" label={t('case.urgency')}>
            <Select
              allowClear
              placeholder={t('bulk.keepUrgency')}
              options={URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t('caseAction.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
        {outcomes.length > 0 && (
          <Progress
            percent={Math.round((outcomes.length / cases.length) * 100)}
            status={failed ? 'exception' : finished ? 'success' : 'active'}
          />
        )}
        {finished && (
          <Alert
            className="bulk-summary"
            type={failed ? 'warning' : 'success'}
            showIcon
            title={t('bulk.summary', { ok: done.length, failed })}
          />
        )}
        <ul className="bulk-list" data-testid="bulk-results" aria-live="polite">
          {cases.map((c) => {
            const o = outcomes.find((x) => x.id === c.id);
            return (
              <li key={c.id} data-testid="bulk-result" data-case-id={c.id} data-ok={o ? String(o.ok) : ''}>
                <span className="bulk-code">{t('case.number', { id: c.id })}</span>
                <span className="bulk-address">{c.address ?? c.description}</span>
                {o?.ok && (
                  <span className="bulk-ok">
                    <CheckCircleFilled aria-hidden /> {t('bulk.ok')}
                  </span>
                )}
                {o && !o.ok && (
                  <span className="bulk-failed">
                    <CloseCircleFilled aria-hidden /> {o.message}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </Modal>
  );
}
