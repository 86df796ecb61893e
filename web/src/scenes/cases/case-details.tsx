import type { Category } from '@civicgrid/shared';
import { Descriptions, type DescriptionsProps, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/case-types.ts';
import { useCategory } from '../../api/cases.ts';
import { categoryName } from '../../components/case-labels.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { AnswerIssues } from './answer-issues.tsx';
import { DeadlineText } from './deadline-text.tsx';
import { ReporterField } from './reporter-field.tsx';

/** An answer in words: option values become their labels, lists are joined. */
function answerText(
  value: unknown,
  options: { value: string; labelZh: string; labelEn: string }[] | undefined,
  lang: string,
) {
  const one = (v: unknown) => {
    const o = options?.find((x) => x.value === v);
    return o ? (lang === 'en-US' ? o.labelEn : o.labelZh) : String(v);
  };
  return Array.isArray(value) ? value.map(one).join('、') : one(value);
}

function answerItems(
  c: CaseDetail,
  category: Category | undefined,
  lang: string,
): DescriptionsProps['items'] {
  return Object.entries(c.answers).map(([code, value]) => {
    const q = category?.questions.find((x) => x.code === code);
    return {
      key: `answer-${code}`,
      label: q ? (lang === 'en-US' ? q.labelEn : q.labelZh) : code,
      children: answerText(value, q?.options, lang),
    };
  });
}

function baseItems(c: CaseDetail, t: TFunction, lang: string): DescriptionsProps['items'] {
  const items: DescriptionsProps['items'] = [
    { key: 'category', label: t('case.category'), children: `${c.categoryCode} ${categoryName(c, lang)}` },
    { key: 'urgency', label: t('case.urgency'), children: t(`urgency.${c.urgency}`) },
    {
      key: 'source',
      label: t('case.source'),
      children: t(`sources.${c.source}`, { defaultValue: c.source }),
    },
    ...(c.externalRef ? [{ key: 'ticket', label: t('case.ticket'), children: c.externalRef }] : []),
    { key: 'reportedAt', label: t('case.reportedAt'), children: formatDateTime(c.reportedAt) },
    { key: 'address', label: t('case.address'), children: c.address ?? '—' },
    { key: 'grid', label: t('case.grid'), children: c.gridName ?? '—' },
    { key: 'unit', label: t('case.unit'), children: c.unitName ?? '—' },
    {
      key: 'deadline',
      label: t('case.deadline'),
      children: (
        <DeadlineText deadline={c.deadlineAt} open={c.state !== 'closed' && c.state !== 'rejected'} />
      ),
    },
  ];
  if (
    c.stageDeadlineAt &&
    c.stageDeadlineAt !== c.deadlineAt &&
    c.state !== 'closed' &&
    c.state !== 'rejected'
  )
    items.push({ key: 'stage', label: t('case.stageDeadline'), children: formatDateTime(c.stageDeadlineAt) });
  if (c.replyDeadlineAt)
    items.push({ key: 'reply', label: t('case.replyDeadline'), children: formatDateTime(c.replyDeadlineAt) });
  if (c.signedAt)
    items.push({ key: 'signed', label: t('case.signedAt'), children: formatDateTime(c.signedAt) });
  if (c.reopenCount > 0) items.push({ key: 'reopen', label: t('case.reopenCount'), children: c.reopenCount });
  if (c.rating)
    items.push({
      key: 'rating',
      label: t('rating.label'),
      children: `${t(`rating.${c.rating}`)}${c.ratingComment ? ` · ${c.ratingComment}` : ''}`,
    });
  if (c.reporter)
    items.push({
      key: 'reporter',
      label: t('case.reporter'),
      children: <ReporterField key={c.id} caseId={c.id} reporter={c.reporter} />,
    });
  return items;
}

/** The case's facts, its description, the category's answers, co-handling units and a pending extension. */
export function CaseDetails({ caseData }: { caseData: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const category = useCategory(caseData.categoryCode);
  const answers = answerItems(caseData, category.data, i18n.language);
  return (
    <div className="case-details">
      <Typography.Paragraph className="case-description" data-testid="case-description">
        {caseData.description}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={baseItems(caseData, t, i18n.language)}
      />
      {answers && answers.length > 0 && (
        <Descriptions
          className="case-answers"
          size="small"
          title={t('case.answers')}
          column={1}
          items={answers}
        />
      )}
      <AnswerIssues caseData={caseData} category={category.data} />
      {caseData.coUnits.length > 0 && (
        <div className="case-co-units" data-testid="case-co-units">
          <Typography.Text strong>{t('case.coUnits')}</Typography.Text>
          <div>
            {caseData.coUnits.map((u) => (
              <Tag key={u.unitId} color={u.reportedAt ? 'green' : u.overdueAt ? 'red' : 'orange'}>
                {u.unitName} ·{' '}
                {u.reportedAt
                  ? t('case.reportedIn')
                  : t(u.overdueAt ? 'case.lateToReportIn' : 'case.notReportedIn', {
                      at: formatDateTime(u.dueAt),
                    })}
              </Tag>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
