import type { HouseholdView, PersonView, RevealedPerson } from '@civicgrid/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  Descriptions,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { getHousehold, revealHouseholdContact, revealPerson } from '../../api/people.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageSpin } from '../../components/page-spin.tsx';
import { RevealModal } from '../../components/reveal-modal.tsx';
import { ArchiveTags } from './archive-tags.tsx';
import { usePeopleLabel } from './labels.ts';
import { MoveInModal } from './move-in-modal.tsx';
import { MoveOutModal } from './move-out-modal.tsx';
import { PersonEditModal } from './person-edit-modal.tsx';
import './people.css';

/**
 * A household page (家庭档案): where it lives, its members with masked ID numbers and phones (shown in
 * clear only after a recorded reveal, kept in this page's state), edit and move out, and the move history.
 */
export function HouseholdPage() {
  const { t } = useTranslation();
  const label = usePeopleLabel();
  const id = Number(useParams().id);
  const client = useQueryClient();
  const page = useQuery({ queryKey: ['household', id], queryFn: () => getHousehold(id) });
  const [revealed, setRevealed] = useState<Record<number, RevealedPerson>>({});
  const [revealing, setRevealing] = useState<PersonView | null>(null);
  // the household's contact phone in clear, only after a recorded reveal, kept in this page's state
  const [contact, setContact] = useState<string | null>(null);
  const [revealingContact, setRevealingContact] = useState(false);
  const [editing, setEditing] = useState<PersonView | null>(null);
  const [moving, setMoving] = useState<PersonView | null>(null);
  const [movingIn, setMovingIn] = useState(false);
  if (page.isLoading) return <PageSpin />;
  if (page.error || !page.data) return <ErrorAlert error={page.error} />;
  const { data: h, abilities } = page.data;
  const refresh = () => void client.invalidateQueries({ queryKey: ['household', id] });
  // a transfer names the other household, linked, so the history reads both ways
  const otherHousehold = (m: HouseholdView['moves'][number]) => {
    const other = m.fromHouseholdId === h.id ? m.toHouseholdId : m.fromHouseholdId;
    if (m.kind !== 'transfer' || other === null || other === h.id) return null;
    return (
      <Link to={`/households/${other}`}>
        {t(m.fromHouseholdId === h.id ? 'people.moveIn.toOther' : 'people.moveIn.fromOther')}
      </Link>
    );
  };

  const columns: TableColumnsType<PersonView> = [
    {
      title: t('people.name'),
      key: 'name',
      render: (_: unknown, p) => (
        <Space>
          <strong>{p.name}</strong>
          {p.status !== 'resident' ? <Tag>{label('status', p.status)}</Tag> : null}
        </Space>
      ),
    },
    { title: t('people.relation'), dataIndex: 'relation', render: (v) => label('relation', v) },
    { title: t('people.gender'), dataIndex: 'gender', render: (v) => label('gender', v) },
    {
      title: t('people.birthDate'),
      key: 'birth',
      render: (_: unknown, p) => (p.birthDate ? `${p.birthDate}（${p.age}）` : '—'),
    },
    {
      title: t('people.idNumber'),
      key: 'id',
      render: (_: unknown, p) => (
        <span data-testid={`id-${p.id}`}>{revealed[p.id]?.idNumber ?? p.idNumber ?? '—'}</span>
      ),
    },
    {
      title: t('people.phone'),
      key: 'phone',
      render: (_: unknown, p) => (
        <span data-testid={`phone-${p.id}`}>{revealed[p.id]?.phone ?? p.phone ?? '—'}</span>
      ),
    },
    { title: t('people.tag'), key: 'tags', render: (_: unknown, p) => <ArchiveTags tags={p.tags} /> },
    {
      title: '',
      key: 'actions',
      render: (_: unknown, p) => (
        <Space size={4} wrap>
          {abilities.reveal && !revealed[p.id] && (p.idNumber || p.phone) ? (
            <Button size="small" onClick={() => setRevealing(p)} data-testid={`reveal-${p.id}`}>
              {t('personal.reveal')}
            </Button>
          ) : null}
          {abilities.manage ? (
            <Button size="small" onClick={() => setEditing(p)} data-testid={`edit-${p.id}`}>
              {t('people.actions.edit')}
            </Button>
          ) : null}
          {abilities.manage && p.status === 'resident' ? (
            <Button size="small" danger onClick={() => setMoving(p)} data-testid={`move-${p.id}`}>
              {t('people.actions.moveOut')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <div className="page" data-testid="household-page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {t('people.household.title')} · {h.address}
        </Typography.Title>
        <Link to="/people">{t('people.household.back')}</Link>
      </div>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" className="household-facts">
          <Descriptions.Item label={t('people.grid')}>{h.grid.name}</Descriptions.Item>
          <Descriptions.Item label={t('people.household.building')}>{h.building.address}</Descriptions.Item>
          <Descriptions.Item label={t('people.household.house')}>
            {h.house.unit ? `${h.house.unit}单元 ` : ''}
            {h.house.room}
            {h.house.isRental ? <Tag style={{ marginLeft: 8 }}>{t('people.household.rental')}</Tag> : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('people.household.size')}>{h.size}</Descriptions.Item>
          <Descriptions.Item label={t('people.household.contactPhone')}>
            <Space>
              <span data-testid="household-contact">{contact ?? h.contactPhone ?? '—'}</span>
              {abilities.reveal && h.contactPhone && contact === null ? (
                <Button
                  size="small"
                  onClick={() => setRevealingContact(true)}
                  data-testid="household-contact-reveal"
                >
                  {t('personal.reveal')}
                </Button>
              ) : null}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('people.household.location')}>
            {h.building.lat !== null && h.building.lng !== null
              ? `${h.building.lat.toFixed(5)}, ${h.building.lng.toFixed(5)}`
              : '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={t('people.household.members')}
        style={{ marginBottom: 16 }}
        extra={
          abilities.manage ? (
            <Button type="primary" onClick={() => setMovingIn(true)} data-testid="move-in">
              {t('people.moveIn.button')}
            </Button>
          ) : null
        }
      >
        <Table<PersonView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={h.members}
          pagination={false}
          scroll={{ x: true }}
          data-testid="household-members"
        />
      </Card>
      <Card title={t('people.household.moves')}>
        {h.moves.length ? (
          <Timeline
            items={h.moves.map((m) => ({
              key: m.id,
              children: (
                <span data-testid={`move-row-${m.id}`}>
                  {`${m.movedOn} ${m.personName} ${t(`people.moveKinds.${m.kind}`)}${m.note ? `：${m.note}` : ''}${m.actorName ? `（${m.actorName}）` : ''} `}
                  {otherHousehold(m)}
                </span>
              ),
            }))}
          />
        ) : (
          <Typography.Text type="secondary">{t('people.household.noMoves')}</Typography.Text>
        )}
      </Card>
      {revealing ? (
        <RevealModal
          what={`${revealing.name}：${t('personal.fields.idNumber')}、${t('personal.fields.phone')}`}
          onClose={() => setRevealing(null)}
          onReveal={async (reason) => {
            const clear = await revealPerson(revealing.id, reason);
            setRevealed((r) => ({ ...r, [revealing.id]: clear }));
          }}
        />
      ) : null}
      {revealingContact ? (
        <RevealModal
          what={t('people.household.contactPhone')}
          onClose={() => setRevealingContact(false)}
          onReveal={async (reason) => {
            setContact((await revealHouseholdContact(h.id, reason)).contactPhone);
          }}
        />
      ) : null}
      {editing ? (
        <PersonEditModal person={editing} onClose={() => setEditing(null)} onSaved={refresh} />
      ) : null}
      {movingIn ? (
        <MoveInModal householdId={h.id} onClose={() => setMovingIn(false)} onDone={refresh} />
      ) : null}
      {moving ? <MoveOutModal person={moving} onClose={() => setMoving(null)} onDone={refresh} /> : null}
    </div>
  );
}
