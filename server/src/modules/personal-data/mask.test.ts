import { describe, expect, it } from 'vitest';
import {
  mask,
  maskAddress,
  maskAs,
  maskForAudit,
  maskIdNumber,
  maskName,
  maskPhone,
  normalise,
} from './mask.ts';

describe('masking personal data', () => {
  it('shows a phone as 138****5678, whatever its spelling', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
    expect(maskPhone('0394-8101001')).toBe('039****1001');
    expect(maskPhone('12345')).toBe('***45');
  });

  it('shows an ID number by region and last digits only', () => {
    expect(maskIdNumber('41160219900101123x')).toBe('4116**********123X');
    expect(maskIdNumber('E12345678')).toBe('E******78');
  });

  it('shows a name as 张*, 张*明, 欧**明', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小明')).toBe('张*明');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('张')).toBe('*');
    expect(maskName(' 张小明 ')).toBe('张*明');
  });

  it('stars the numbers of an address, or its second half when it has none', () => {
    expect(maskAddress('富民社区1号楼2单元301室')).toBe('富民社区*号楼*单元***室');
    expect(maskAddress('七一路张家大院东厢房')).toBe('七一路张家*****');
  });

  it('masks by kind, leaves nothing to mask as null, and keeps the generic mask', () => {
    expect(maskAs('phone', null)).toBeNull();
    expect(maskAs('phone', '')).toBeNull();
    expect(maskAs('name', '李四')).toBe('李*');
    expect(mask('4116021990010112')).toBe('411*********0112');
  });

  it('masks the personal fields of an audit payload and nothing else', () => {
    expect(
      maskForAudit({ username: 'li4', phone: '13812345678', displayName: '李四' }, { phone: 'phone' }),
    ).toEqual({ username: 'li4', phone: '138****5678', displayName: '李四' });
    expect(maskForAudit({ phone: null }, { phone: 'phone' })).toEqual({ phone: null });
  });

  it('normalises before comparing', () => {
    expect(normalise('phone', '+86 138 1234 5678')).toBe('13812345678');
    expect(normalise('idNumber', '411602 19900101123x')).toBe('41160219900101123X');
    expect(normalise('name', ' 张  三 ')).toBe('张 三');
  });
});
