import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeNewFile, writeProblem } from '../src/cli/safe-write';

/** Outputs are written whole under a free name, even when runs write into one folder at the same time. */
describe('writeNewFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'safe-write-'));
  });
  const nameAt = (n: number) => `问题清单${n === 1 ? '' : `(${n})`}.csv`;

  it('gives twenty runs at once twenty names, each file whole, and leaves no temporary file', async () => {
    await fs.writeFile(path.join(dir, '问题清单.csv'), '审核人改过的');
    const contents = Array.from({ length: 20 }, (_, i) => `第 ${i} 次运行：${'内容'.repeat(5000)}`);
    // Each run has its own record of names taken: only the folder itself can keep them apart.
    const written = await Promise.all(contents.map((text) => writeNewFile(dir, nameAt, text, new Set())));
    expect(new Set(written).size).toBe(20);
    expect(written).not.toContain(path.join(dir, '问题清单.csv'));
    expect(await fs.readFile(path.join(dir, '问题清单.csv'), 'utf8')).toBe('审核人改过的');
    const texts = await Promise.all(written.map((file) => fs.readFile(file, 'utf8')));
    expect(texts.sort()).toEqual([...contents].sort());
    expect((await fs.readdir(dir)).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('writes nothing under a real name when it cannot write, and says why in Chinese', async () => {
    const blocker = path.join(dir, '一个文件');
    await fs.writeFile(blocker, 'x');
    const failure = await writeNewFile(path.join(blocker, '输出'), nameAt, 'abc', new Set()).catch((e: unknown) => e);
    expect(writeProblem(failure)).toBe('输出位置不是可用的文件夹');
    expect(await fs.readdir(dir)).toEqual(['一个文件']);
    expect(writeProblem(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toBe('磁盘空间不足，未留下不完整的文件');
    expect(writeProblem(Object.assign(new Error('x'), { code: 'ENAMETOOLONG' }))).toMatch(/文件名或路径过长/);
    expect(writeProblem(Object.assign(new Error('x'), { code: 'EACCES' }))).toMatch(/没有写入该文件夹的权限/);
  });

  it('falls back to a rename, after looking, where the disk has no hard links (FAT, some shares)', async () => {
    const link = jest.spyOn(fs, 'link').mockRejectedValue(Object.assign(new Error('no links'), { code: 'EPERM' }));
    try {
      await fs.writeFile(path.join(dir, '问题清单.csv'), '已有');
      const written = await writeNewFile(dir, nameAt, '新的', new Set());
      expect(written).toBe(path.join(dir, '问题清单(2).csv'));
      expect(await fs.readFile(written, 'utf8')).toBe('新的');
      expect(await fs.readFile(path.join(dir, '问题清单.csv'), 'utf8')).toBe('已有');
      expect((await fs.readdir(dir)).sort()).toEqual(['问题清单(2).csv', '问题清单.csv']);
    } finally {
      link.mockRestore();
    }
  });

  it('names any other failure by its code', () => {
    expect(writeProblem(Object.assign(new Error('x'), { code: 'EIO' }))).toBe('写入失败（EIO）');
    expect(writeProblem(Object.assign(new Error('x'), { code: 'EEXIST' }))).toBe('同名文件已存在，未覆盖');
  });
});
