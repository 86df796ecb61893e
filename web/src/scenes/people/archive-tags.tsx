import type { ArchiveTag } from '@civicgrid/shared';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** A person's tags; sensitive ones (shown only to roles that may see them) in orange. */
export function ArchiveTags({ tags }: { tags: ArchiveTag[] }) {
  const { i18n } = useTranslation();
  return (
    <>
      {tags.map((x) => (
        <Tag key={x.id} color={x.sensitive ? 'orange' : x.derived ? 'blue' : 'default'}>
          {i18n.language === 'en-US' && x.nameEn ? x.nameEn : x.name}
        </Tag>
      ))}
    </>
  );
}
