import type { Random } from './random.js';

/**
 * Fictional names with a plausible shape: surnames weighted by their frequency (national figures, per mille,
 * with the surnames common in Hunan raised), given names by gender and generation, so a roster reads like one.
 */
const surnames: ReadonlyArray<readonly [string, number]> = [
  ['王', 71], ['李', 70], ['张', 64], ['刘', 72], ['陈', 60], ['杨', 31], ['黄', 25], ['赵', 20], ['吴', 20],
  ['周', 30], ['徐', 13], ['孙', 13], ['马', 11], ['朱', 11], ['胡', 14], ['郭', 11], ['何', 12], ['林', 10],
  ['高', 10], ['罗', 19], ['郑', 8], ['梁', 8], ['谢', 9], ['宋', 6], ['唐', 14], ['许', 6], ['韩', 6],
  ['冯', 5], ['邓', 11], ['曹', 5], ['彭', 12], ['曾', 12], ['肖', 7], ['田', 5], ['董', 4], ['袁', 5],
  ['潘', 4], ['于', 4], ['蒋', 5], ['蔡', 4], ['余', 4], ['杜', 4], ['叶', 4], ['程', 3], ['苏', 3],
  ['魏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['沈', 3], ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 2],
  ['钟', 3], ['谭', 9], ['陆', 2], ['汪', 2], ['范', 2], ['金', 2], ['石', 3], ['廖', 5], ['贾', 2],
  ['夏', 3], ['付', 2], ['方', 2], ['邹', 3], ['孟', 2], ['熊', 3], ['秦', 2], ['邱', 2], ['江', 2],
  ['尹', 2], ['段', 2], ['雷', 2], ['侯', 2], ['龙', 3], ['陶', 2], ['黎', 2], ['贺', 4], ['顾', 1],
  ['毛', 2], ['龚', 2], ['邵', 1], ['万', 1], ['严', 1], ['戴', 2], ['向', 2], ['汤', 1], ['欧阳', 2],
];

type Generation = 'older' | 'middle' | 'younger';

const givenNames: Record<'male' | 'female', Record<Generation, readonly string[]>> = {
  male: {
    older: ['建国', '国庆', '建华', '志强', '德明', '卫东', '爱国', '新民', '长生', '福生', '春生', '国平', '建平',
      '国华', '跃进', '庆祥', '光辉', '振华', '德胜', '永福', '炳坤', '树林', '怀仁', '运生'],
    middle: ['伟', '勇', '军', '强', '斌', '波', '涛', '磊', '刚', '辉', '海波', '志刚', '建军', '晓东', '文军',
      '立新', '卫国', '小平', '国栋', '永强', '建峰', '海军', '明辉', '志勇', '湘平', '衡军', '红兵', '立军'],
    younger: ['浩', '宇', '鹏', '杰', '俊', '超', '晨', '浩然', '子涵', '宇航', '俊杰', '博文', '梓豪', '思远',
      '一鸣', '子轩', '天佑', '嘉豪', '明轩', '泽宇', '家豪', '文博', '晨阳', '睿', '亦凡', '志成'],
  },
  female: {
    older: ['秀英', '桂英', '玉兰', '淑珍', '秀兰', '凤英', '桂兰', '玉梅', '红梅', '冬梅', '翠兰', '素华', '秀珍',
      '月娥', '爱华', '菊香', '美容', '春兰'],
    middle: ['丽', '艳', '敏', '静', '芳', '娟', '红', '霞', '燕', '丽华', '晓燕', '海燕', '丽娟', '小红', '春燕',
      '彩霞', '丽萍', '雪梅', '晓红', '慧敏', '湘云', '建英'],
    younger: ['婷', '倩', '颖', '琳', '雪', '佳', '欣', '怡', '婷婷', '雨欣', '梦瑶', '佳怡', '思琪', '诗涵',
      '欣怡', '可欣', '雅琪', '静怡', '梓涵', '晓雯', '舒婷', '雨桐'],
  },
};

/** Single characters to compose further given names from, so fewer names repeat. */
const nameChars: Record<'male' | 'female', readonly string[]> = {
  male: ['建', '国', '华', '明', '伟', '强', '平', '杰', '涛', '斌', '辉', '刚', '健', '鹏', '飞', '超', '峰',
    '俊', '浩', '宇', '文', '志', '海', '林', '东', '亮', '新', '春', '振', '宏', '成', '德', '荣', '毅', '泽', '凯', '锋'],
  female: ['秀', '英', '华', '玲', '芳', '娟', '敏', '静', '丽', '艳', '霞', '燕', '红', '梅', '琴', '兰', '萍',
    '婷', '颖', '雪', '慧', '洁', '琳', '娜', '倩', '欣', '怡', '佳', '璐', '晶', '丹', '薇', '蓉', '莉'],
};

function generationOf(birthYear: number): Generation {
  if (birthYear < 1965) return 'older';
  if (birthYear < 1985) return 'middle';
  return 'younger';
}

export function personName(rng: Random, gender: 'male' | 'female', birthYear: number): string {
  const surname = rng.weighted(surnames);
  const given = rng.chance(0.6)
    ? rng.pick(givenNames[gender][generationOf(birthYear)])
    : rng.sample(nameChars[gender], 2).join('');
  return surname + given;
}
